/**
 * What every command shares: the outcome type (text for stdout, or one line for stderr with an
 * exit code), option parsing that turns mistakes into that line, and file reading and atomic
 * writing with human messages.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { err, ok, type Result } from '../core/result.ts';
import { terminalSafe } from '../core/terminal-safe.ts';

/**
 * Everything the command line prints goes through these two: what it prints comes from files
 * (event names, bid titles, reasons, ids), which may carry terminal escapes. Each control is
 * printed as a visible `\uXXXX` (core/terminal-safe.ts); JSON output stays the same JSON.
 */
export const printOut = (text: string): void => {
  process.stdout.write(terminalSafe(text));
};
export const printErr = (text: string): void => {
  process.stderr.write(terminalSafe(text));
};

export interface CliFailure {
  /** 1: the data is bad or a check failed; 2: the command line is wrong. */
  exit: 1 | 2;
  message: string;
}

/** What a command prints on success, or why it failed. */
export type CliOutcome = Result<string, CliFailure>;

export const dataError = (message: string) => err<CliFailure>({ exit: 1, message });
export const usageError = (message: string) => err<CliFailure>({ exit: 2, message });

type Options = NonNullable<ParseArgsConfig['options']>;
type ValuesOf<O extends Options> = ReturnType<
  typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>
>['values'];

/** A command's parsed arguments, or its outcome already (`--help`, or a mistake). */
export type CommandInput<O extends Options> =
  { done: CliOutcome } | { done?: undefined; values: ValuesOf<O>; positionals: string[] };

/**
 * node:util parseArgs, strict, for a command that takes between `files.min` and `files.max`
 * positional arguments. `--help` and every mistake end the command at once, as `done`.
 */
export function parseCommand<O extends Options>(
  command: string,
  usage: string,
  args: readonly string[],
  options: O,
  files: { min: number; max: number; what: string },
): CommandInput<O> {
  const again = `Run "decision-day ${command} --help" for usage.`;
  let parsed: { values: ValuesOf<O>; positionals: string[] };
  let help: boolean;
  try {
    const all: { values: Record<string, unknown>; positionals: string[] } = parseArgs({
      args: [...args],
      options: { ...options, help: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    // TypeScript cannot resolve parseArgs' result type for a generic O; with strict parsing the
    // values are exactly those `options` declares, plus `help`.
    parsed = all as unknown as typeof parsed;
    help = all.values['help'] === true;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { done: usageError(`${/[.!?]$/.test(why) ? why : `${why}.`} ${again}`) };
  }
  if (help) return { done: ok(`${usage}\n`) };
  const count = parsed.positionals.length;
  if (count < files.min || count > files.max) {
    return { done: usageError(`${command} takes ${files.what}. ${again}`) };
  }
  return parsed;
}

function describeFsError(e: unknown, path: string, doing: string): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return `Cannot ${doing} ${path}: there is no such file or folder.`;
  if (code === 'EISDIR') return `Cannot ${doing} ${path}: it is a folder, not a file.`;
  if (code === 'EACCES' || code === 'EPERM') return `Cannot ${doing} ${path}: permission denied.`;
  return `Cannot ${doing} ${path}: ${e instanceof Error ? e.message : String(e)}`;
}

export async function readText(path: string): Promise<Result<string, CliFailure>> {
  const bytes = await readBytes(path);
  return bytes.ok ? ok(textOfBytes(bytes.value)) : bytes;
}

/**
 * A file's bytes, as a plain Uint8Array over the memory Node read them into (no copy): a Pabulib
 * file is read from its bytes (core/pabulib/sections.ts), never decoded whole.
 */
export async function readBytes(path: string): Promise<Result<Uint8Array, CliFailure>> {
  try {
    const buffer = await readFile(path);
    return ok(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length));
  } catch (e) {
    return dataError(describeFsError(e, path, 'read'));
  }
}

/**
 * UTF-8 bytes as text, decoded once: readFile(path, 'utf8') decodes chunk by chunk and joins the
 * pieces, which takes about half as long again on a city's .pb file (and gives the same text).
 */
export const textOfBytes = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');

/** Small enough that each piece's text is one of V8's ordinary objects (256 KB pieces are slower). */
const PIECE = 64 * 1024;

/**
 * Gives `read` a file's text a piece at a time, read into one reused 64 KB buffer and decoded as
 * it goes; its answer, or the file's error as a person reads it (missing, a folder, no permission)
 * whenever that comes. For a reader that takes its text in pieces (the tally file's): no memory as
 * large as the file is ever taken, and fresh memory is what costs. A 30 MB tally file is read and
 * decoded in about 20 ms so, against about 100 ms to read it whole and 300 ms to decode it whole.
 */
export function readInPieces<T>(
  path: string,
  read: (pieces: Iterable<string>) => T,
): Result<T, CliFailure> {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    return ok(read(piecesOf(fd)));
  } catch (e) {
    // A system call's error (ENOENT, EISDIR, EIO…), not a bug.
    if (typeof (e as { syscall?: unknown } | null)?.syscall === 'string') {
      return dataError(describeFsError(e, path, 'read'));
    }
    throw e;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function* piecesOf(fd: number): Generator<string> {
  const buffer = Buffer.allocUnsafe(PIECE);
  // Keeps a character cut between two pieces until its last byte comes.
  const decoder = new StringDecoder('utf8');
  for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) {
    yield decoder.write(buffer.subarray(0, n));
  }
  yield decoder.end();
}

/**
 * Writes through a temporary file in the same folder, flushed, then renamed over the target: a
 * crash leaves either the old file or the new one, never half of one.
 */
export async function writeAtomically(
  path: string,
  text: string,
): Promise<Result<null, CliFailure>> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    return ok(null);
  } catch (e) {
    await rm(temp, { force: true });
    return dataError(describeFsError(e, path, 'write'));
  }
}

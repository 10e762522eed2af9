/**
 * What to do with a central tally file found on disk at start-up. A SIGKILL or power cut during an
 * append leaves at most one batch without its seal (every acknowledged batch was sealed and
 * fsynced first), so exactly that tail may be cut. Anything else wrong with the file is damage a
 * person must look at: the server then refuses to open the event rather than "repair" it.
 */
import {
  lastSealedPrefix,
  readTallyFile,
  type TallyFileContents,
  type TallyFileProblem,
} from '../../core/tally-file/index.ts';
import { nativeSha256 } from './native-sha256.ts';

export type Recovery =
  | { kind: 'intact'; contents: TallyFileContents }
  | {
      kind: 'cut';
      contents: TallyFileContents;
      /** Bytes to keep: the file up to and including its last seal. */
      keepBytes: number;
      /** What is cut off, kept by the caller beside the file for inspection. */
      tail: string;
      problem: TallyFileProblem;
    }
  | { kind: 'damaged'; problem: TallyFileProblem };

export function recoverTallyFile(text: string): Recovery {
  const whole = readTallyFile(text, { sha256: nativeSha256 });
  if (whole.ok) return { kind: 'intact', contents: whole.value };
  const sealed = lastSealedPrefix(text, { sha256: nativeSha256 });
  if (sealed === null) return { kind: 'damaged', problem: whole.error };
  let keepChars = 0;
  for (let i = 0; i < sealed.lines; i += 1) keepChars = text.indexOf('\n', keepChars) + 1;
  const keep = text.slice(0, keepChars);
  const tail = text.slice(keepChars);
  if (holdsASeal(tail)) return { kind: 'damaged', problem: whole.error };
  const prefix = readTallyFile(keep, { sha256: nativeSha256 });
  if (!prefix.ok) return { kind: 'damaged', problem: prefix.error };
  return {
    kind: 'cut',
    contents: prefix.value,
    keepBytes: Buffer.byteLength(keep, 'utf8'),
    tail,
    problem: whole.error,
  };
}

/**
 * A seal line after the cut would mean sealed (acknowledged) ballots are being thrown away. A seal
 * still missing its line break is not one: the append it ends was never completed, so never
 * acknowledged.
 */
function holdsASeal(tail: string): boolean {
  const complete = tail.split('\n').slice(0, -1);
  return complete.some((line) => {
    try {
      const record: unknown = JSON.parse(line);
      return typeof record === 'object' && record !== null && 'type' in record
        ? record.type === 'seal'
        : false;
    } catch {
      return false;
    }
  });
}

/**
 * Thrown when an event's tally file is damaged (not merely cut by a crash): the event is not
 * opened, and `problem` (its code and line) is what the organiser is shown.
 */
export class DamagedTallyFile extends Error {
  override readonly name = 'DamagedTallyFile';
  constructor(
    message: string,
    readonly problem: TallyFileProblem,
  ) {
    super(message);
  }
}

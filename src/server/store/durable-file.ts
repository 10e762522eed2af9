/**
 * The two ways the server writes to disk, each durable before anyone is told "done":
 * `writeFileAtomic` replaces a small file whole (temp file, fsync, rename, fsync of the directory)
 * so a crash leaves the old or the new version, never half of one; `AppendOnlyFile` grows a log
 * and can be cut back to a known length when an append fails part-way.
 */
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/**
 * What a disk can refuse: writing bytes (`write`: the first half of them is written, then the
 * error, as a torn write), flushing them (`sync`) or cutting a file back (`truncate`).
 */
export type DiskOperation = 'write' | 'sync' | 'truncate';
/** Asked before each such operation on `path`: an error to fail it with, or undefined. */
export type DiskFaults = (operation: DiskOperation, path: string) => Error | undefined;

let diskFaults: DiskFaults | null = null;

/**
 * Tests only: make the durable writes below fail as a disk would (EIO, ENOSPC, EPERM), which
 * neither chmod (the tests run as root) nor a real full disk does on demand. null: the real disk.
 */
export function simulateDiskFaults(faults: DiskFaults | null): void {
  diskFaults = faults;
}

function refusal(operation: DiskOperation, path: string): Error | undefined {
  return diskFaults?.(operation, path);
}

async function checked(
  operation: DiskOperation,
  path: string,
  run: () => Promise<unknown>,
): Promise<void> {
  const error = refusal(operation, path);
  if (error !== undefined) throw error;
  await run();
}

export async function writeFileAtomic(path: string, text: string | Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'w', 0o600);
  try {
    const torn = refusal('write', path);
    if (torn !== undefined) {
      const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
      await handle.write(bytes, 0, Math.floor(bytes.length / 2));
      throw torn;
    }
    await handle.writeFile(text);
    await checked('sync', path, () => handle.sync());
  } catch (e) {
    await handle.close();
    await rm(temp, { force: true });
    throw e;
  }
  await handle.close();
  await rename(temp, path);
  await syncDirectory(dirname(path));
}

/** A rename or a new file is only durable once its directory entry is. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A million characters: a few milliseconds to encode and write. */
const SLICE_CHARS = 1_000_000;

/** `text` in slices of about SLICE_CHARS, never cutting a surrogate pair (one character) in two. */
export function* textSlices(text: string, size = SLICE_CHARS): Generator<string> {
  for (let at = 0; at < text.length;) {
    let end = Math.min(text.length, at + size);
    const last = text.charCodeAt(end - 1);
    // A slice ending on the first half of a pair ends before it (or, one character long, after it).
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += end - 1 > at ? -1 : 1;
    yield text.slice(at, end);
    at = end;
  }
}

/** 1 MiB: each piece is a few milliseconds of compression, and few enough to read in turn. */
const PIECE_BYTES = 1024 * 1024;

async function* readPieces(
  handle: FileHandle,
  length: number,
  pieceBytes: number,
): AsyncGenerator<Uint8Array> {
  let position = 0;
  while (position < length) {
    // A fresh buffer each time: the consumer (a compressor) may still hold the last one.
    const piece = Buffer.allocUnsafe(Math.min(pieceBytes, length - position));
    const { bytesRead } = await handle.read(piece, 0, piece.length, position);
    if (bytesRead === 0) throw new Error(`the file ended at byte ${position} of ${length}`);
    position += bytesRead;
    yield bytesRead === piece.length ? piece : piece.subarray(0, bytesRead);
  }
}

export class AppendOnlyFile {
  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    /** Bytes known to be complete and durable. */
    private length: number,
  ) {}

  /**
   * Set when a failed append could not be cut back (the disk refused that too): bytes past
   * `length` may be a torn or unacknowledged record. They are cut before the next append, so the
   * file heals itself once the disk works again; until then only appends fail, and a restart
   * cuts such a tail as well (recover-tally.ts, openLog).
   */
  private dirty = false;

  /**
   * Opens (creating if needed) a log. `keepBytes` cuts the file to that many bytes first; the
   * caller decides how much of what is there is sound (a torn last line, an unsealed batch).
   */
  static async open(path: string, keepBytes?: number): Promise<AppendOnlyFile> {
    const handle = await open(path, 'a+', 0o600);
    try {
      const { size } = await handle.stat();
      const length = keepBytes ?? size;
      if (length > size) throw new Error(`${path}: cannot keep ${length} bytes of ${size}`);
      if (length < size) {
        await handle.truncate(length);
        await handle.sync();
      }
      return new AppendOnlyFile(path, handle, length);
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  get size(): number {
    return this.length;
  }

  /**
   * Appends and fsyncs. If either fails, the file is cut back to its previous length so that no
   * half-written record stays behind; if the disk refuses even that, the cut is tried again
   * before the next append (which fails, as this one did, while the disk still refuses).
   */
  async append(text: string): Promise<void> {
    if (text === '') return;
    if (this.dirty) await this.cutBack();
    const before = this.length;
    let appended = 0;
    try {
      const torn = refusal('write', this.path);
      if (torn !== undefined) {
        const bytes = Buffer.from(text, 'utf8');
        await this.writeAll(bytes.subarray(0, Math.floor(bytes.length / 2)));
        throw torn;
      }
      // A large append (an import's 50 MB) is encoded and written a slice at a time: the event
      // loop answers other requests between the slices, instead of waiting on one 50 MB copy.
      for (const slice of textSlices(text)) {
        const bytes = Buffer.from(slice, 'utf8');
        await this.writeAll(bytes);
        appended += bytes.length;
      }
      await checked('sync', this.path, () => this.handle.sync());
    } catch (e) {
      this.dirty = true;
      await this.cutBack().catch(() => {});
      throw e;
    }
    this.length = before + appended;
  }

  /** 'a+' mode: the kernel appends at the end whatever position we pass. */
  private async writeAll(bytes: Uint8Array): Promise<void> {
    let written = 0;
    while (written < bytes.length) {
      const r = await this.handle.write(bytes, written, bytes.length - written);
      written += r.bytesWritten;
    }
  }

  /** Cuts whatever a failed append left past the durable length; clears `dirty` once it holds. */
  private async cutBack(): Promise<void> {
    try {
      await checked('truncate', this.path, () => this.handle.truncate(this.length));
      await checked('sync', this.path, () => this.handle.sync());
    } catch (e) {
      throw new Error(
        `${this.path}: an earlier append failed and its tail cannot be cut yet (${String(e)})`,
        { cause: e },
      );
    }
    this.dirty = false;
  }

  /**
   * The complete part of the file as it is now, in pieces of `pieceBytes`, read as they are asked
   * for: a download of a large log starts at once and never holds it whole. Appends made after
   * this call are not included (the log only grows, so its first `length` bytes stay as they are).
   */
  pieces(pieceBytes = PIECE_BYTES): AsyncGenerator<Uint8Array> {
    return readPieces(this.handle, this.length, pieceBytes);
  }

  /** The complete part of the file (an append in progress is not included). */
  async read(): Promise<string> {
    const buffer = Buffer.alloc(this.length);
    let read = 0;
    while (read < this.length) {
      const r = await this.handle.read(buffer, read, this.length - read, read);
      if (r.bytesRead === 0) break;
      read += r.bytesRead;
    }
    return buffer.subarray(0, read).toString('utf8');
  }

  async close(): Promise<void> {
    // A tail a failed append left: cut now if the disk allows, else by the next open.
    if (this.dirty) await this.cutBack().catch(() => {});
    await this.handle.close();
  }
}

/**
 * The two ways the server writes to disk, each durable before anyone is told "done":
 * `writeFileAtomic` replaces a small file whole (temp file, fsync, rename, fsync of the directory)
 * so a crash leaves the old or the new version, never half of one; `AppendOnlyFile` grows a log
 * and can be cut back to a known length when an append fails part-way.
 */
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

export async function writeFileAtomic(path: string, text: string | Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
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

export class AppendOnlyFile {
  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    /** Bytes known to be complete and durable. */
    private length: number,
  ) {}

  /** Set when a failed append could not be undone: the file must not be written again. */
  private damage: Error | null = null;

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
   * half-written record stays behind; if even that fails the error says so and the caller must
   * stop writing (the next open repairs the tail).
   */
  async append(text: string): Promise<void> {
    if (this.damage !== null) throw this.damage;
    if (text === '') return;
    const bytes = Buffer.from(text, 'utf8');
    const before = this.length;
    try {
      // 'a+' mode: the kernel appends at the end whatever position we pass.
      let written = 0;
      while (written < bytes.length) {
        const r = await this.handle.write(bytes, written, bytes.length - written);
        written += r.bytesWritten;
      }
      await this.handle.sync();
    } catch (e) {
      try {
        await this.handle.truncate(before);
        await this.handle.sync();
      } catch (undo) {
        this.damage = new Error(
          `${this.path}: an append failed and could not be undone; restart to repair the file`,
          { cause: undo },
        );
      }
      throw e;
    }
    this.length = before + bytes.length;
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
    await this.handle.close();
  }
}

/**
 * Writing a new folder of files durably and whole: everything goes into a hidden temporary
 * folder beside the target, each file fsynced, then the folder is renamed into place. A failure
 * (or a kill) part-way leaves no target at all, never half of one; `abandon()` removes the
 * temporary folder.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { syncDirectory } from '../../server/store/durable-file.ts';

/** Is `dir` absent or an empty folder (so that a new one may be put there)? */
export async function isAbsentOrEmpty(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return true;
    throw e;
  }
}

export class NewFolder {
  private readonly dirs = new Set<string>();

  private constructor(
    readonly target: string,
    private readonly temporary: string,
  ) {}

  static async begin(target: string): Promise<NewFolder> {
    const temporary = join(
      dirname(target),
      `.${basename(target)}.${randomBytes(6).toString('hex')}.incomplete`,
    );
    await mkdir(temporary, { recursive: false, mode: 0o700 });
    const folder = new NewFolder(target, temporary);
    folder.dirs.add(temporary);
    return folder;
  }

  /** Writes `path` (relative, with `/`) and flushes it to disk. */
  async write(path: string, bytes: Uint8Array): Promise<void> {
    const full = join(this.temporary, ...path.split('/'));
    const dir = dirname(full);
    if (!this.dirs.has(dir)) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      for (let d = dir; d !== this.temporary && !this.dirs.has(d); d = dirname(d)) {
        this.dirs.add(d);
      }
    }
    const handle = await open(full, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /** Flushes every folder, then renames the whole into place (an empty target is replaced). */
  async finish(): Promise<void> {
    for (const dir of [...this.dirs].sort((a, b) => b.length - a.length)) await syncDirectory(dir);
    await rmdir(this.target).catch((e: unknown) => {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    });
    await rename(this.temporary, this.target);
    await syncDirectory(dirname(this.target));
  }

  async abandon(): Promise<void> {
    await rm(this.temporary, { recursive: true, force: true });
  }
}

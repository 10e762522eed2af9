/**
 * Published results, kept apart from the tally. This file: the interface the HTTP layer uses, and
 * the file store, DATA_DIR/published/<eventId>.json, one snapshot
 * per event (src/core/publication.ts), replaced whole when the organiser publishes again and
 * removed when they unpublish. Written durably (temp file, fsync, rename, fsync of the folder), so
 * a crash leaves the old snapshot or the new one, never half of one. A file that does not read as
 * a snapshot (edited by hand, an unknown version) is logged and not served.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readPublication, type Publication } from '../../core/publication.ts';
import { idSchema } from '../../core/schema.ts';
import { syncDirectory, writeFileAtomic } from './durable-file.ts';
import { StorageError } from './tally-store.ts';

const SNAPSHOT = /^(.+)\.json$/;

/**
 * Published results as the HTTP layer sees them, whatever keeps them: these files or PostgreSQL
 * (pg/pg-publication-store.ts). The same contract either way
 * (tests/server/side-store-contract.test.ts).
 */
export interface PublicationStore {
  get(eventId: string): Publication | undefined;
  /** Publishes (or replaces) an event's snapshot; resolves once it is durable. */
  put(publication: Publication): Promise<void>;
  /** Unpublishes; resolves once it is gone. True if there was one. */
  remove(eventId: string): Promise<boolean>;
  /** Waits for writes in progress. */
  close(): Promise<void>;
}

export class FilePublicationStore implements PublicationStore {
  private readonly published = new Map<string, Publication>();
  /** One write at a time, so two clicks of Publish cannot interleave. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly dir: string) {}

  static async open(
    dir: string,
    log: (line: string) => void = () => {},
  ): Promise<FilePublicationStore> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const store = new FilePublicationStore(dir);
    for (const name of await readdir(dir)) {
      const eventId = SNAPSHOT.exec(name)?.[1];
      if (eventId === undefined) continue;
      let value: unknown;
      try {
        value = JSON.parse(await readFile(join(dir, name), 'utf8'));
      } catch {
        value = undefined;
      }
      const publication = readPublication(value, eventId);
      if (publication === null) log(`${join(dir, name)}: not a published result; not served.`);
      else store.published.set(eventId, publication);
    }
    return store;
  }

  get(eventId: string): Publication | undefined {
    return this.published.get(eventId);
  }

  /** Publishes (or replaces) an event's snapshot; resolves once it is on disk. */
  put(publication: Publication): Promise<void> {
    const path = this.path(publication.eventId);
    return this.serially(async () => {
      try {
        await writeFileAtomic(path, `${JSON.stringify(publication)}\n`);
      } catch (cause) {
        throw new StorageError(`published ${publication.eventId}: not written`, { cause });
      }
      this.published.set(publication.eventId, publication);
    });
  }

  /** Unpublishes; resolves once the file is gone from disk. True if there was one. */
  remove(eventId: string): Promise<boolean> {
    const path = this.path(eventId);
    return this.serially(async () => {
      const had = this.published.delete(eventId);
      try {
        await rm(path, { force: true });
        await syncDirectory(this.dir);
      } catch (cause) {
        throw new StorageError(`published ${eventId}: not removed`, { cause });
      }
      return had;
    });
  }

  private path(eventId: string): string {
    // Event ids are checked ids (no slashes); refuse anything else rather than touch another path.
    if (!idSchema.safeParse(eventId).success) throw new Error(`not an event id: ${eventId}`);
    return join(this.dir, `${eventId}.json`);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.queue;
  }
}

/**
 * Published results in PostgreSQL (issue 12; migration 4): `publication`, one snapshot per event
 * (src/core/publication.ts), replaced whole in one statement when the organiser publishes again
 * (an upsert on the event's key: whichever instance commits last wins, never half of each) and
 * deleted when they unpublish. Kept apart from the tally: a snapshot holds counts, never ballots.
 *
 * The public results page reads a cache of every snapshot, reloaded whole (there is one per
 * published event) when the change feed says `publications` moved and after each write of this
 * instance. A snapshot that does not read as one (edited by hand, an unknown version) is logged
 * and not served, as the file store does.
 */
import { readPublication, type Publication } from '../../../core/publication.ts';
import type { PublicationStore } from '../publication-store.ts';
import { StorageError } from '../tally-store.ts';
import { bumpChange, SeenVersions } from './changes.ts';
import { inTransaction, type Pool, type PoolClient } from './database.ts';
import { PerKeyQueue } from './per-key-queue.ts';

const FEED = 'publications';

export class PgPublicationStore implements PublicationStore {
  private published = new Map<string, Publication>();
  private readonly seen = new SeenVersions();
  private readonly loads = new PerKeyQueue();
  private readonly writes = new Set<Promise<unknown>>();

  private constructor(
    private readonly pool: Pool,
    private readonly log: (line: string) => void,
  ) {}

  static async open(
    pool: Pool,
    changes: ReadonlyMap<string, bigint>,
    log: (line: string) => void = () => {},
  ): Promise<PgPublicationStore> {
    const store = new PgPublicationStore(pool, log);
    await store.refresh(changes);
    return store;
  }

  /** Reloads the snapshots when another instance published or unpublished since. */
  async refresh(changes: ReadonlyMap<string, bigint>): Promise<void> {
    if (!this.seen.moved(changes, FEED)) return;
    await this.reload();
    this.seen.saw(FEED, changes.get(FEED) ?? 0n);
  }

  private reload(): Promise<void> {
    return this.loads.run(FEED, async () => {
      const rows = await this.pool.query<{ event_id: string; snapshot: unknown }>(
        'SELECT event_id, snapshot FROM publication',
      );
      const published = new Map<string, Publication>();
      for (const { event_id: eventId, snapshot } of rows.rows) {
        const publication = readPublication(snapshot, eventId);
        if (publication === null) {
          this.log(`The published result of ${eventId} in the database is not one; not served.`);
        } else published.set(eventId, publication);
      }
      this.published = published;
    });
  }

  get(eventId: string): Publication | undefined {
    return this.published.get(eventId);
  }

  private async write<T>(
    failed: string,
    work: (client: PoolClient) => Promise<{ value: T; changed: boolean }>,
  ): Promise<T> {
    const run = inTransaction(this.pool, async (client) => {
      const { value, changed } = await work(client);
      return { value, version: changed ? await bumpChange(client, FEED) : null };
    });
    this.writes.add(run);
    try {
      const { value, version } = await run;
      if (version !== null) {
        await this.reload();
        this.seen.saw(FEED, version);
      }
      return value;
    } catch (cause) {
      throw new StorageError(failed, { cause });
    } finally {
      this.writes.delete(run);
    }
  }

  /** Publishes (or replaces) an event's snapshot; resolves once it is committed. */
  put(publication: Publication): Promise<void> {
    return this.write(`published ${publication.eventId}: not written`, async (client) => {
      await client.query(
        `INSERT INTO publication (event_id, snapshot) VALUES ($1, $2::json)
         ON CONFLICT (event_id) DO UPDATE SET snapshot = EXCLUDED.snapshot`,
        [publication.eventId, JSON.stringify(publication)],
      );
      return { value: undefined, changed: true };
    });
  }

  /** Unpublishes; resolves once the row is deleted. True if there was one. */
  remove(eventId: string): Promise<boolean> {
    return this.write(`published ${eventId}: not removed`, async (client) => {
      const removed = await client.query('DELETE FROM publication WHERE event_id = $1', [eventId]);
      const had = (removed.rowCount ?? 0) > 0;
      return { value: had, changed: had };
    });
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.writes]);
    await this.loads.idle();
  }
}

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
import { ChangeFollower } from './change-follower.ts';
import { bumpChange } from './changes.ts';
import type { Pool } from './database.ts';

const FEED = 'publications';

export class PgPublicationStore implements PublicationStore {
  private published = new Map<string, Publication>();
  /** One name in the feed, `publications`: its one key is ''. */
  private readonly feed: ChangeFollower;

  private constructor(
    private readonly pool: Pool,
    private readonly log: (line: string) => void,
  ) {
    this.feed = new ChangeFollower(pool, FEED, () => this.reload());
  }

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
  refresh(changes: ReadonlyMap<string, bigint>): Promise<void> {
    return this.feed.refresh(changes);
  }

  private async reload(): Promise<void> {
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
  }

  get(eventId: string): Publication | undefined {
    return this.published.get(eventId);
  }

  /** Publishes (or replaces) an event's snapshot; resolves once it is committed. */
  put(publication: Publication): Promise<void> {
    return this.feed.write('', `published ${publication.eventId}: not written`, async (client) => {
      await client.query(
        `INSERT INTO publication (event_id, snapshot) VALUES ($1, $2::json)
         ON CONFLICT (event_id) DO UPDATE SET snapshot = EXCLUDED.snapshot`,
        [publication.eventId, JSON.stringify(publication)],
      );
      return { value: undefined, version: await bumpChange(client, FEED) };
    });
  }

  /** Unpublishes; resolves once the row is deleted. True if there was one. */
  remove(eventId: string): Promise<boolean> {
    return this.feed.write('', `published ${eventId}: not removed`, async (client) => {
      const removed = await client.query('DELETE FROM publication WHERE event_id = $1', [eventId]);
      if (removed.rowCount === 0) return { value: false, version: null };
      return { value: true, version: await bumpChange(client, FEED) };
    });
  }

  close(): Promise<void> {
    return this.feed.close();
  }
}

/**
 * Equalities answers in PostgreSQL (issue 12; migration 4): `equalities_batch`, a row per batch a
 * station sent, the answers as they came. No station, no time, no ballot id: nothing to join them
 * to a ballot or a register row. Kept apart from the tally.
 *
 * Several instances on one database: the batch id is the table's key within the event, so a batch
 * sent to two instances (a retry after a lost reply) is stored once whichever commits first; the
 * other is told `duplicate`. A push takes a transaction-scoped advisory lock on the event, so
 * `seq` grows in commit order and the cache (the answers the summaries read) catches up by
 * reading the batches after the last `seq` it saw, when the change feed says
 * `equalities:<event>` moved and after each push of this instance.
 */
import type { EqualitiesAnswers } from '../../../core/questions.ts';
import type { EqualitiesStore } from '../equalities-store.ts';
import { StorageError } from '../tally-store.ts';
import { bumpChange, SeenVersions } from './changes.ts';
import { inTransaction, type Pool } from './database.ts';
import { PerKeyQueue } from './per-key-queue.ts';

/** The first key of the per-event advisory lock ("DDEQ"); the second is the event id's hash. */
const EQUALITIES_LOCK = 0x44444551;
const FEED = 'equalities:';

interface CachedAnswers {
  answers: EqualitiesAnswers[];
  /** The last `seq` loaded. */
  seq: string;
}

export class PgEqualitiesStore implements EqualitiesStore {
  private readonly events = new Map<string, CachedAnswers>();
  private readonly seen = new SeenVersions();
  private readonly loads = new PerKeyQueue();
  private readonly writes = new Set<Promise<unknown>>();

  private constructor(private readonly pool: Pool) {}

  static async open(pool: Pool, changes: ReadonlyMap<string, bigint>): Promise<PgEqualitiesStore> {
    const store = new PgEqualitiesStore(pool);
    await store.refresh(changes);
    return store;
  }

  /** Catches up every event another instance changed since this one last looked. */
  async refresh(changes: ReadonlyMap<string, bigint>): Promise<void> {
    for (const [name, version] of changes) {
      if (!name.startsWith(FEED) || !this.seen.moved(changes, name)) continue;
      await this.catchUp(name.slice(FEED.length));
      this.seen.saw(name, version);
    }
  }

  private catchUp(eventId: string): Promise<void> {
    return this.loads.run(eventId, async () => {
      let held = this.events.get(eventId);
      if (held === undefined) {
        held = { answers: [], seq: '0' };
        this.events.set(eventId, held);
      }
      const added = await this.pool.query<{ seq: string; answers: EqualitiesAnswers[] }>(
        'SELECT seq, answers FROM equalities_batch WHERE event_id = $1 AND seq > $2 ORDER BY seq',
        [eventId, held.seq],
      );
      for (const batch of added.rows) {
        held.answers.push(...batch.answers);
        held.seq = batch.seq;
      }
    });
  }

  async push(
    eventId: string,
    batch: string,
    answers: readonly EqualitiesAnswers[],
  ): Promise<{ stored: number; duplicate: boolean }> {
    const run = inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        EQUALITIES_LOCK,
        eventId,
      ]);
      const inserted = await client.query(
        `INSERT INTO equalities_batch (event_id, batch, answers) VALUES ($1, $2, $3::json)
         ON CONFLICT (event_id, batch) DO NOTHING`,
        [eventId, batch, JSON.stringify(answers)],
      );
      if (inserted.rowCount === 0) return null;
      return bumpChange(client, `${FEED}${eventId}`);
    });
    this.writes.add(run);
    try {
      const version = await run;
      if (version === null) return { stored: 0, duplicate: true };
      // Versions commit in order: once caught up, the cache holds every change to `version`.
      await this.catchUp(eventId);
      this.seen.saw(`${FEED}${eventId}`, version);
      return { stored: answers.length, duplicate: false };
    } catch (cause) {
      throw new StorageError(`equalities ${eventId}: answers not stored`, { cause });
    } finally {
      this.writes.delete(run);
    }
  }

  answers(eventId: string): readonly EqualitiesAnswers[] {
    return this.events.get(eventId)?.answers ?? [];
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.writes]);
    await this.loads.idle();
  }
}

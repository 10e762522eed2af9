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
import type { EqualitiesBatch, EqualitiesStore } from '../equalities-store.ts';
import { ChangeFollower } from './change-follower.ts';
import { bumpChange } from './changes.ts';
import type { Pool } from './database.ts';

/** The first key of the per-event advisory lock ("DDEQ"); the second is the event id's hash. */
const EQUALITIES_LOCK = 0x44444551;
const FEED = 'equalities:';

interface CachedAnswers {
  answers: EqualitiesAnswers[];
  batches: EqualitiesBatch[];
  /** The last `seq` loaded. */
  seq: string;
}

export class PgEqualitiesStore implements EqualitiesStore {
  private readonly events = new Map<string, CachedAnswers>();
  private readonly feed: ChangeFollower;

  private constructor(private readonly pool: Pool) {
    this.feed = new ChangeFollower(pool, FEED, (eventId) => this.catchUp(eventId));
  }

  static async open(pool: Pool, changes: ReadonlyMap<string, bigint>): Promise<PgEqualitiesStore> {
    const store = new PgEqualitiesStore(pool);
    await store.refresh(changes);
    return store;
  }

  /** Catches up every event another instance changed since this one last looked. */
  refresh(changes: ReadonlyMap<string, bigint>): Promise<void> {
    return this.feed.refresh(changes);
  }

  /** Loads the batches after the last seen. */
  private async catchUp(eventId: string): Promise<void> {
    let held = this.events.get(eventId);
    if (held === undefined) {
      held = { answers: [], batches: [], seq: '0' };
      this.events.set(eventId, held);
    }
    const added = await this.pool.query<{
      seq: string;
      batch: string;
      answers: EqualitiesAnswers[];
    }>(
      `SELECT seq, batch, answers FROM equalities_batch
       WHERE event_id = $1 AND seq > $2 ORDER BY seq`,
      [eventId, held.seq],
    );
    for (const { seq, batch, answers } of added.rows) {
      held.answers.push(...answers);
      held.batches.push({ batch, answers });
      held.seq = seq;
    }
  }

  /** Stores a batch once (the table's key decides); resolves once it is committed. */
  async push(
    eventId: string,
    batch: string,
    answers: readonly EqualitiesAnswers[],
  ): Promise<{ stored: number; duplicate: boolean }> {
    const stored = await this.feed.write(
      eventId,
      `equalities ${eventId}: answers not stored`,
      async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
          EQUALITIES_LOCK,
          eventId,
        ]);
        const inserted = await client.query(
          `INSERT INTO equalities_batch (event_id, batch, answers) VALUES ($1, $2, $3::json)
           ON CONFLICT (event_id, batch) DO NOTHING`,
          [eventId, batch, JSON.stringify(answers)],
        );
        if (inserted.rowCount === 0) return { value: false, version: null };
        return { value: true, version: await bumpChange(client, this.feed.name(eventId)) };
      },
    );
    return stored ? { stored: answers.length, duplicate: false } : { stored: 0, duplicate: true };
  }

  answers(eventId: string): readonly EqualitiesAnswers[] {
    return this.events.get(eventId)?.answers ?? [];
  }

  batches(eventId: string): readonly EqualitiesBatch[] {
    return this.events.get(eventId)?.batches ?? [];
  }

  close(): Promise<void> {
    return this.feed.close();
  }
}

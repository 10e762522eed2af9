/**
 * The registration desks' registers in PostgreSQL (issue 12; migration 4): `register_row`, a row
 * per row id and event with the station that sent it, and `register_deletion`, the record of an
 * event's register deleted. Kept apart from the tally: no column names a ballot, nothing here is
 * joined to the tally's tables, and nothing of it goes into a tally file or a result.
 *
 * Several instances on one database: a push and a deletion of one event take a transaction-scoped
 * advisory lock on the event, then decide against the rows as the database holds them (deleted
 * already? this id held already, with the same answers?), write, bump `registers:<event>` and
 * commit; the commit is the acknowledgement. Deleting deletes the rows (DELETE, not a flag) and
 * writes the record in one transaction. The summary is read from a cache of the rows, which
 * catches up (rows after the last `seq` seen; under the lock `seq` grows in commit order) when
 * the change feed says another instance changed the event, and after each write of this one.
 */
import type { Registration } from '../../../core/register.ts';
import {
  canonicalOf,
  droppedPush,
  HeldRegisters,
  sortPush,
  type HeldRegister,
  type RegisterDeletion,
  type RegisterPushOutcome,
} from '../register-rows.ts';
import type { RegisterStore } from '../register-store.ts';
import { ChangeFollower, type Written } from './change-follower.ts';
import { bumpChange } from './changes.ts';
import type { Pool, PoolClient } from './database.ts';

/** The first key of the per-event advisory lock ("DDRG"); the second is the event id's hash. */
const REGISTER_LOCK = 0x44445247;
const FEED = 'registers:';

interface CachedRegister extends HeldRegister {
  /** The last `seq` loaded. */
  seq: string;
}

interface DeletionRow {
  deleted_at: Date;
  deleted_by: string;
  row_count: number;
}

const deletionOf = (r: DeletionRow): RegisterDeletion => ({
  at: r.deleted_at.toISOString(),
  by: r.deleted_by,
  rows: r.row_count,
});

async function deletionIn(client: Pool | PoolClient, eventId: string) {
  const found = await client.query<DeletionRow>(
    'SELECT deleted_at, deleted_by, row_count FROM register_deletion WHERE event_id = $1',
    [eventId],
  );
  const row = found.rows[0];
  return row === undefined ? null : deletionOf(row);
}

export class PgRegisterStore extends HeldRegisters<CachedRegister> implements RegisterStore {
  private readonly feed: ChangeFollower;

  private constructor(
    private readonly pool: Pool,
    private readonly log: (line: string) => void,
  ) {
    super();
    this.feed = new ChangeFollower(pool, FEED, (eventId) => this.catchUp(eventId));
  }

  static async open(
    pool: Pool,
    changes: ReadonlyMap<string, bigint>,
    log: (line: string) => void = () => {},
  ): Promise<PgRegisterStore> {
    const store = new PgRegisterStore(pool, log);
    await store.refresh(changes);
    return store;
  }

  /** Catches up every event another instance changed since this one last looked. */
  refresh(changes: ReadonlyMap<string, bigint>): Promise<void> {
    return this.feed.refresh(changes);
  }

  private cached(eventId: string): CachedRegister {
    let register = this.events.get(eventId);
    if (register === undefined) {
      register = { rows: new Map(), deletion: null, seq: '0' };
      this.events.set(eventId, register);
    }
    return register;
  }

  /** Loads the rows after the last seen, then the deletion (which empties the cache). */
  private async catchUp(eventId: string): Promise<void> {
    const register = this.cached(eventId);
    const added = await this.pool.query<{
      seq: string;
      station: string;
      registration: Registration;
    }>(
      `SELECT seq, station, registration FROM register_row
       WHERE event_id = $1 AND seq > $2 ORDER BY seq`,
      [eventId, register.seq],
    );
    for (const { seq, station, registration } of added.rows) {
      register.rows.set(registration.id, {
        station,
        row: registration,
        canonical: canonicalOf(registration),
      });
      register.seq = seq;
    }
    const deletion = await deletionIn(this.pool, eventId);
    if (deletion !== null) {
      register.deletion = deletion;
      register.rows.clear();
    }
  }

  /** A write under the event's lock. */
  private write<T>(
    eventId: string,
    failed: string,
    work: (client: PoolClient) => Promise<Written<T>>,
  ): Promise<T> {
    return this.feed.write(eventId, `register ${eventId}: ${failed}`, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        REGISTER_LOCK,
        eventId,
      ]);
      return work(client);
    });
  }

  push(
    eventId: string,
    station: string,
    rows: readonly Registration[],
  ): Promise<RegisterPushOutcome> {
    return this.write(eventId, 'rows not stored', async (client) => {
      if ((await deletionIn(client, eventId)) !== null) {
        return { value: droppedPush(rows), version: null };
      }
      const ids = [...new Set(rows.map((r) => r.id))];
      const held = new Map<string, string>();
      if (ids.length > 0) {
        const found = await client.query<{ row_id: string; registration: Registration }>(
          'SELECT row_id, registration FROM register_row WHERE event_id = $1 AND row_id = ANY($2)',
          [eventId, ids],
        );
        for (const r of found.rows) held.set(r.row_id, canonicalOf(r.registration));
      }
      const { outcome, fresh } = sortPush(station, rows, (id) => held.get(id));
      if (fresh.size === 0) return { value: outcome, version: null };
      const added = [...fresh.values()];
      await client.query(
        `INSERT INTO register_row (event_id, row_id, station, registration)
         SELECT $1, t.id, $2::json, t.registration
         FROM unnest($3::text[], $4::json[]) WITH ORDINALITY AS t(id, registration, n)
         ORDER BY t.n`,
        [
          eventId,
          JSON.stringify(station),
          added.map((h) => h.row.id),
          added.map((h) => JSON.stringify(h.row)),
        ],
      );
      return { value: outcome, version: await bumpChange(client, `${FEED}${eventId}`) };
    });
  }

  /** The rows are deleted and the record written in one transaction. */
  async delete(eventId: string, by: string, at: Date, rows?: number): Promise<RegisterDeletion> {
    const { record, fresh } = await this.write(
      eventId,
      'deletion not completed',
      async (client) => {
        const before = await deletionIn(client, eventId);
        if (before !== null) return { value: { record: before, fresh: false }, version: null };
        const removed = await client.query('DELETE FROM register_row WHERE event_id = $1', [
          eventId,
        ]);
        const inserted = await client.query<DeletionRow>(
          `INSERT INTO register_deletion (event_id, deleted_at, deleted_by, row_count)
         VALUES ($1, $2, $3::json, $4) RETURNING deleted_at, deleted_by, row_count`,
          [eventId, at, JSON.stringify(by), rows ?? removed.rowCount ?? 0],
        );
        const row = inserted.rows[0];
        if (row === undefined) throw new Error('the deletion record was not written');
        const version = await bumpChange(client, `${FEED}${eventId}`);
        return { value: { record: deletionOf(row), fresh: true }, version };
      },
    );
    if (fresh) this.log(`Register of ${eventId} deleted by ${by}: ${record.rows} rows`);
    return record;
  }

  close(): Promise<void> {
    return this.feed.close();
  }
}

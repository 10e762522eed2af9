/**
 * Several server instances on one database (issue 12): two PgTallyStores in this process, each
 * with its own pool, as two instances would be. Pushes to either, interleaved or at once, make one
 * chain that verifies and holds exactly the union; a stale instance catches up; PostgreSQL
 * restarted mid-push fails that push and loses nothing acknowledged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { Ballot } from '../../src/core/schema.ts';
import { eventHash, readTallyFile, verifyTallyFile } from '../../src/core/tally-file/index.ts';
import { readChanges } from '../../src/server/store/pg/changes.ts';
import { connectDatabase, type Pool } from '../../src/server/store/pg/database.ts';
import { migrate } from '../../src/server/store/pg/migrate.ts';
import { openPgTallyStore, type PgTallyStore } from '../../src/server/store/pg/pg-tally-store.ts';
import { EventChangeRefused, StorageError } from '../../src/server/store/tally-store.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { canonicalBallots } from './support/tally-store-backends.ts';

const ID = DEMO_EVENT.id;
const HASH = eventHash(DEMO_EVENT);
let pg: TestPostgres;
const pools: Pool[] = [];
const stores: PgTallyStore[] = [];

beforeAll(async () => {
  pg = await startPostgres();
}, 60_000);
afterAll(async () => {
  for (const s of stores) await s.close().catch(() => {});
  await Promise.all(pools.map((p) => p.end().catch(() => {})));
  pg?.remove();
}, 60_000);

async function instance(url: string): Promise<PgTallyStore> {
  const pool = await connectDatabase(url, { max: 6 });
  pools.push(pool);
  await migrate(pool);
  const store = await openPgTallyStore(pool, { log: () => {} });
  stores.push(store);
  return store;
}

/** Two instances on a fresh database, the event created on the first, opened by the second. */
async function twoInstances() {
  const url = pg.createDatabase();
  const a = await instance(url);
  const b = await instance(url);
  await a.createEvent(DEMO_EVENT, 'K7QF-M4');
  await b.refresh(await readChanges(pools.at(-1)!));
  expect(b.event(ID)).toBeDefined();
  return { a, b, url, pool: pools.at(-1)! };
}

const push = (store: PgTallyStore, ballots: Ballot[], stationId: string | null = null) =>
  store.store(ID, {
    eventHash: HASH,
    ballots,
    rejected: [],
    station: stationId === null ? null : { stationId, castCount: ballots.length },
  });

function fileIds(text: string): string[] {
  expect(verifyTallyFile(text).ok).toBe(true);
  const read = readTallyFile(text);
  if (!read.ok) throw new Error(read.error.code);
  return read.value.ballots.map((b) => b.id);
}

const count = async (pool: Pool, sql: string) =>
  Number((await pool.query<{ n: string }>(sql)).rows[0]?.n);

describe('two instances on one database', { timeout: 120_000 }, () => {
  it('interleaved and concurrent pushes make one chain holding exactly the union', async () => {
    const { a, b, pool } = await twoInstances();
    const all = canonicalBallots('tablet-hall', 400);
    // Interleaved: each instance pushes while the other has appended since it last looked.
    const first = await push(a, all.slice(0, 50));
    const second = await push(b, all.slice(25, 100));
    expect(first.added).toBe(50);
    expect([second.added, second.duplicates]).toEqual([50, 25]);
    // At once: twenty pushes to both, overlapping.
    const pushes = Array.from({ length: 20 }, (_, i) =>
      push(i % 2 === 0 ? a : b, all.slice(80 + i * 15, 80 + i * 15 + 30)),
    );
    const outcomes = await Promise.all(pushes);
    const added = first.added + second.added + outcomes.reduce((n, o) => n + o.added, 0);
    const union = new Set(all.slice(0, 80 + 19 * 15 + 30).map((x) => x.id));
    expect(added).toBe(union.size);
    for (const o of outcomes) expect(o.stored.length).toBe(o.added + o.duplicates);
    const changes = await readChanges(pool);
    await a.refresh(changes);
    await b.refresh(changes);
    const text = await a.tallyFile(ID);
    expect(await b.tallyFile(ID)).toBe(text);
    const ids = fileIds(text);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(union);
    expect(a.event(ID)!.ballots).toBe(union.size);
    expect(b.event(ID)).toEqual(a.event(ID));
    expect(await count(pool, 'SELECT count(*) AS n FROM ballot')).toBe(union.size);
  });

  it('a stale instance catches up, and decides against what the other wrote', async () => {
    const { a, b, pool } = await twoInstances();
    const ballots = canonicalBallots('tablet-hall', 30);
    await push(a, ballots.slice(0, 20));
    await a.voidBallot(ID, { ballot: ballots[3]!.id, reason: 'Voted twice', by: 'Ann' });
    await a.addStation({
      stationId: 'srv-1',
      eventId: ID,
      name: 'Hall',
      tokenHash: 'a'.repeat(64),
      joinedAt: '2026-06-12T08:00:00.000Z',
    });
    // Not refreshed: b still thinks the event has no ballot. Its decisions are taken again.
    expect(b.event(ID)!.ballots).toBe(0);
    const again = await push(b, ballots.slice(10, 30));
    expect([again.added, again.duplicates]).toEqual([10, 10]);
    expect(b.event(ID)!.voided).toBe(1);
    await expect(
      b.voidBallot(ID, { ballot: ballots[3]!.id, reason: 'Again', by: 'Bo' }),
    ).rejects.toThrow();
    await a.changeState(ID, { to: 'closed', expectedVersion: 1, by: 'Ann' });
    const stale = await b
      .changeState(ID, { to: 'closed', expectedVersion: 1, by: 'Bo' })
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(EventChangeRefused);
    expect((stale as EventChangeRefused).code).toBe('edit-conflict');
    await b.refresh(await readChanges(pool));
    expect(b.stationByTokenHash('a'.repeat(64))?.name).toBe('Hall');
    await a.refresh(await readChanges(pool));
    expect(b.event(ID)).toEqual(a.event(ID));
    expect(b.stations(ID)).toEqual(a.stations(ID));
    expect(await b.tallyFile(ID)).toBe(await a.tallyFile(ID));
  });

  it("a request's catch-up does not wait for this instance's own write in progress", async () => {
    const { a, b, pool } = await twoInstances();
    const ballots = canonicalBallots('tablet-hall', 30);
    await push(a, ballots.slice(0, 10));
    // Another connection holds the event's row: a's next write waits for it, as a write of the
    // other instance in progress would make it wait.
    const holder = await pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM ledger_event WHERE event_id = $1 FOR UPDATE', [ID]);
      const held = push(a, ballots.slice(10, 20));
      // Only a's own write moved the event since a last looked: nothing to catch up, so the
      // request goes on at once instead of queueing behind the held write.
      const refreshed = await Promise.race([
        a.refresh(await readChanges(pool)).then(() => 'refreshed'),
        new Promise((resolve) => setTimeout(() => resolve('waited'), 3_000)),
      ]);
      expect(refreshed).toBe('refreshed');
      await holder.query('COMMIT');
      expect((await held).added).toBe(10);
    } finally {
      holder.release();
    }
    // What another instance wrote is still caught up before a request.
    await push(b, ballots.slice(20, 30));
    await a.refresh(await readChanges(pool));
    expect(a.event(ID)!.ballots).toBe(30);
    expect(await a.tallyFile(ID)).toBe(await b.tallyFile(ID));
  });

  it('keeps one ballot once even against a bug: the ballot table refuses a second row', async () => {
    const { a, pool } = await twoInstances();
    const [ballot] = canonicalBallots('tablet-hall', 1);
    await push(a, [ballot!]);
    const error = await pool
      .query(`INSERT INTO ballot (event_id, ballot_id, tally_seq) VALUES ($1, $2, 99)`, [
        ID,
        ballot!.id,
      ])
      .catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('23505');
  });

  it('PostgreSQL restarted mid-push: that push fails, nothing acknowledged is lost, the next works', async () => {
    const { a, b, pool } = await twoInstances();
    const ballots = canonicalBallots('tablet-hall', 3000);
    const acknowledged = new Set<string>();
    const ok = await push(a, ballots.slice(0, 100));
    for (const id of ok.stored) acknowledged.add(id);
    // Pushes in flight while the server stops: each either acknowledged or failed with a 503.
    const inFlight = Array.from({ length: 10 }, (_, i) =>
      push(i % 2 === 0 ? a : b, ballots.slice(100 + i * 200, 300 + i * 200)),
    );
    pg.stopServer();
    const settled = await Promise.allSettled(inFlight);
    pg.startServer();
    for (const s of settled) {
      if (s.status === 'fulfilled') for (const id of s.value.stored) acknowledged.add(id);
      else expect(s.reason).toBeInstanceOf(StorageError);
    }
    expect(settled.some((s) => s.status === 'rejected')).toBe(true);
    // The pools open new connections: the next pushes work, and take the rest exactly once.
    const rest = await push(b, ballots.slice(0, 2100));
    expect(rest.stored.length).toBe(2100);
    const changes = await readChanges(pool);
    await a.refresh(changes);
    await b.refresh(changes);
    const ids = fileIds(await a.tallyFile(ID));
    expect(ids.length).toBe(2100);
    for (const id of acknowledged) expect(ids).toContain(id);
    expect(a.event(ID)!.ballots).toBe(2100);
    expect(b.event(ID)).toEqual(a.event(ID));
    expect(await b.tallyFile(ID)).toBe(await a.tallyFile(ID));
  });

  it('an event whose rows do not verify is not opened, and never overwritten', async () => {
    const { a, url, pool } = await twoInstances();
    await a.addStation({
      stationId: 'srv-1',
      eventId: ID,
      name: 'Hall',
      tokenHash: 'b'.repeat(64),
      joinedAt: '2026-06-12T08:00:00.000Z',
    });
    await push(a, canonicalBallots('tablet-hall', 5));
    // Someone edits a ballot's line in the database: its hash no longer follows.
    await pool.query(
      `UPDATE ledger_line SET text = replace(text, '"stationId":"tablet-hall"', '"stationId":"tablet-kiosk"')
       WHERE event_id = $1 AND log = 'tally' AND text LIKE '%tablet-hall%'`,
      [ID],
    );
    const before = await pool.query<{ text: string }>(
      `SELECT string_agg(text, E'\n' ORDER BY seq) AS text FROM ledger_line WHERE event_id = $1`,
      [ID],
    );
    const c = await instance(url);
    expect(c.event(ID)).toBeUndefined();
    const [unopened] = c.unopened();
    expect(unopened).toMatchObject({ folder: ID, joinCode: 'K7QF-M4', name: DEMO_EVENT.name });
    expect(unopened?.problem?.line).toBe(5);
    expect(c.stationByTokenHash('b'.repeat(64))?.stationId).toBe('srv-1');
    expect(
      await c
        .createEvent(DEMO_EVENT, 'NEW-CODE')
        .catch((e: unknown) => (e as EventChangeRefused).code),
    ).toBe('event-exists');
    const after = await pool.query<{ text: string }>(
      `SELECT string_agg(text, E'\n' ORDER BY seq) AS text FROM ledger_line WHERE event_id = $1`,
      [ID],
    );
    expect(after.rows[0]?.text).toBe(before.rows[0]?.text);
  });

  it('catching up reads only the new rows: figures against reopening the event', async () => {
    const { a, b, pool } = await twoInstances();
    const ballots = canonicalBallots('tablet-hall', 20_100);
    for (let i = 0; i < 20_000; i += 2000) await push(a, ballots.slice(i, i + 2000));
    await b.refresh(await readChanges(pool));
    const cpu = () => process.cpuUsage().user + process.cpuUsage().system;
    let incremental = 0;
    let wall = 0;
    for (let round = 0; round < 5; round += 1) {
      await push(a, ballots.slice(20_000 + round * 20, 20_020 + round * 20));
      const changes = await readChanges(pool);
      const [c0, t0] = [cpu(), performance.now()];
      await b.refresh(changes);
      incremental += cpu() - c0;
      wall += performance.now() - t0;
    }
    expect(b.event(ID)!.ballots).toBe(20_100);
    const [c0, t0] = [cpu(), performance.now()];
    const reopened = await instance(
      pg.url.replace(
        /\/postgres$/,
        `/${(await pool.query<{ d: string }>('SELECT current_database() AS d')).rows[0]!.d}`,
      ),
    );
    const reload = cpu() - c0;
    const reloadWall = performance.now() - t0;
    expect(reopened.event(ID)!.ballots).toBe(20_100);
    console.log(
      `catch-up of 20 ballots on a 20,000-ballot event: ${(incremental / 5 / 1000).toFixed(1)} ms CPU, ` +
        `${(wall / 5).toFixed(1)} ms wall; opening it whole: ${(reload / 1000).toFixed(0)} ms CPU, ` +
        `${reloadWall.toFixed(0)} ms wall`,
    );
    expect(incremental / 5).toBeLessThan(reload);
  });
});

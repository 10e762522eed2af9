/**
 * Two instances appending to one event (issue 12): an instance that finds, under the event's lock,
 * that the other appended ballots since it last looked takes them in and appends after them in the
 * same transaction — no rollback, no second try, no 503 — when they touch nothing it decided and has
 * not written. Otherwise it gives up and decides again after a catch-up, as before. A failure after
 * taking them in acknowledges nothing of its own push, loses nothing, and keeps what it took in.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { Ballot } from '../../src/core/schema.ts';
import { eventHash, readTallyFile, verifyTallyFile } from '../../src/core/tally-file/index.ts';
import { readChanges } from '../../src/server/store/pg/changes.ts';
import type { Pool, PoolClient } from '../../src/server/store/pg/database.ts';
import { migrate } from '../../src/server/store/pg/migrate.ts';
import { openPgTallyStore, type PgTallyStore } from '../../src/server/store/pg/pg-tally-store.ts';
import { StorageError } from '../../src/server/store/tally-store.ts';
import { usePostgres } from '../support/use-postgres.ts';
import { canonicalBallots } from './support/tally-store-backends.ts';

const ID = DEMO_EVENT.id;
const HASH = eventHash(DEMO_EVENT);
const postgres = usePostgres();
const stores: PgTallyStore[] = [];

afterAll(async () => {
  for (const s of stores) await s.close().catch(() => {});
});

/** Every statement an instance's connections send, and a hook run before each. */
interface Watched {
  sql: string[];
  before: (sql: string, client: PoolClient) => Promise<void>;
}

async function instance(pool: Pool, watched: Watched): Promise<PgTallyStore> {
  const wrapped = new WeakSet<PoolClient>();
  pool.on('acquire', (client: PoolClient) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as { query: unknown }).query = async (...args: unknown[]) => {
      const text = typeof args[0] === 'string' ? args[0] : '';
      watched.sql.push(text);
      await watched.before(text, client);
      return query(...args);
    };
  });
  await migrate(pool);
  const store = await openPgTallyStore(pool, { log: () => {} });
  stores.push(store);
  return store;
}

/** Two instances on a fresh database, the event created on `a` and opened by `b`. */
async function twoInstances() {
  const [poolA, pool] = await postgres.pools(2);
  if (poolA === undefined || pool === undefined) throw new Error('no pools');
  const watchA: Watched = { sql: [], before: async () => {} };
  const watchB: Watched = { sql: [], before: async () => {} };
  const a = await instance(poolA, watchA);
  const b = await instance(pool, watchB);
  await a.createEvent(DEMO_EVENT, 'K7QF-M4');
  await b.refresh(await readChanges(pool));
  expect(b.event(ID)).toBeDefined();
  watchB.sql.length = 0;
  return { a, b, watchB, pool };
}

const push = (store: PgTallyStore, ballots: Ballot[], stationId: string) =>
  store.store(ID, {
    eventHash: HASH,
    ballots,
    rejected: [],
    station: { stationId, castCount: ballots.length },
  });

function fileIds(text: string): string[] {
  expect(verifyTallyFile(text).ok).toBe(true);
  const read = readTallyFile(text);
  if (!read.ok) throw new Error(read.error.code);
  return read.value.ballots.map((b) => b.id);
}

const locks = (w: Watched) => w.sql.filter((s) => s.includes('FOR UPDATE')).length;
const rollbacks = (w: Watched) => w.sql.filter((s) => s === 'ROLLBACK').length;
const count = async (pool: Pool) =>
  Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM ballot')).rows[0]?.n);

describe('lock first, then take in what the other instance appended', { timeout: 120_000 }, () => {
  it("appends after the other instance's new ballots in one transaction, no second try", async () => {
    const { a, b, watchB, pool } = await twoInstances();
    const all = canonicalBallots('tablet-hall', 60);
    await push(a, all.slice(0, 20), 'st-a');
    // b has not looked since a wrote: it locks, reads a's 20 ballots, appends its own after them.
    const outcome = await push(b, all.slice(20, 40), 'st-b');
    expect([outcome.added, outcome.duplicates]).toEqual([20, 0]);
    expect(locks(watchB)).toBe(1);
    expect(rollbacks(watchB)).toBe(0);
    // b knows a's ballots without a refresh: one more of a's is a duplicate, decided at once.
    expect(b.event(ID)!.ballots).toBe(40);
    const again = await push(b, all.slice(15, 25), 'st-b');
    expect([again.added, again.duplicates]).toEqual([0, 10]);
    await a.refresh(await readChanges(pool));
    const text = await a.tallyFile(ID);
    expect(await b.tallyFile(ID)).toBe(text);
    expect(fileIds(text)).toEqual(all.slice(0, 40).map((x) => x.id));
    expect(b.event(ID)).toEqual(a.event(ID));
    expect(b.stations(ID)).toEqual(a.stations(ID));
    expect(await count(pool)).toBe(40);
  });

  it("a catch-up of only the other's ballots leaves a push waiting here standing, chained after them", async () => {
    const { a, b, watchB, pool } = await twoInstances();
    const all = canonicalBallots('tablet-hall', 40);
    await push(a, all.slice(0, 20), 'st-a');
    const changes = await readChanges(pool);
    // The catch-up's turn comes first; the push is decided meanwhile, against what b knew before.
    const refreshed = b.refresh(changes);
    const outcome = await push(b, all.slice(20, 40), 'st-b');
    await refreshed;
    expect([outcome.added, outcome.duplicates]).toEqual([20, 0]);
    expect(rollbacks(watchB)).toBe(0);
    await a.refresh(await readChanges(pool));
    const text = await a.tallyFile(ID);
    expect(fileIds(text)).toEqual(all.map((x) => x.id));
    expect(b.event(ID)).toEqual(a.event(ID));
    expect(await count(pool)).toBe(40);
  });

  it('decides again after a catch-up when the other instance wrote a ballot waiting here', async () => {
    const { a, b, watchB, pool } = await twoInstances();
    const all = canonicalBallots('tablet-hall', 30);
    await push(a, all.slice(0, 20), 'st-a');
    // Ten of b's were written by a: b's decision that they are new no longer holds.
    const outcome = await push(b, all.slice(10, 30), 'st-b');
    expect([outcome.added, outcome.duplicates]).toEqual([10, 10]);
    expect(rollbacks(watchB)).toBe(1);
    expect(locks(watchB)).toBe(2);
    await a.refresh(await readChanges(pool));
    const text = await a.tallyFile(ID);
    expect(fileIds(text)).toEqual(all.map((x) => x.id));
    expect(b.event(ID)).toEqual(a.event(ID));
    expect(await count(pool)).toBe(30);
  });

  it('a connection lost after taking in: nothing of the push acknowledged, lost or doubled', async () => {
    const { a, b, watchB, pool } = await twoInstances();
    const all = canonicalBallots('tablet-hall', 40);
    await push(a, all.slice(0, 20), 'st-a');
    // The moment b has read a's lines under the lock, its connection is cut: its append fails.
    let cut = false;
    watchB.before = async (sql, client) => {
      if (cut || !sql.startsWith('INSERT INTO ballot')) return;
      cut = true;
      const pid = (client as unknown as { processID: number }).processID;
      await pool.query('SELECT pg_terminate_backend($1)', [pid]);
    };
    const failed = await push(b, all.slice(20, 40), 'st-b').catch((e: unknown) => e);
    expect(cut).toBe(true);
    expect(failed).toBeInstanceOf(StorageError);
    expect(await count(pool)).toBe(20);
    // b kept a's ballots it took in, and none of its own; sent again, they are written once.
    expect(b.event(ID)!.ballots).toBe(20);
    const again = await push(b, all.slice(20, 40), 'st-b');
    expect([again.added, again.duplicates]).toEqual([20, 0]);
    await a.refresh(await readChanges(pool));
    const text = await a.tallyFile(ID);
    expect(await b.tallyFile(ID)).toBe(text);
    expect(fileIds(text)).toEqual(all.map((x) => x.id));
    expect(b.event(ID)).toEqual(a.event(ID));
    expect(await count(pool)).toBe(40);
  });
});

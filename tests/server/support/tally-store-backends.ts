/**
 * The two TallyStores for the contract tests (tests/server/tally-store-contract.test.ts and
 * pg-tally-multi.test.ts): the file store in a fresh folder, and the PostgreSQL store on a fresh
 * database of one throwaway cluster per test file, migrated from empty.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_EVENT } from '../../../src/core/demo-event.ts';
import type { Ballot } from '../../../src/core/schema.ts';
import { validateBallot } from '../../../src/core/ballot.ts';
import { FileTallyStore } from '../../../src/server/store/file-tally-store.ts';
import { connectDatabase, type Pool } from '../../../src/server/store/pg/database.ts';
import { migrate } from '../../../src/server/store/pg/migrate.ts';
import { openPgTallyStore } from '../../../src/server/store/pg/pg-tally-store.ts';
import type { TallyStore, StoreCopying } from '../../../src/server/store/tally-store.ts';
import { startPostgres, type TestPostgres } from '../../support/postgres.ts';
import { demoBallot } from './tally-server.ts';

export type ContractStore = TallyStore & StoreCopying;

export interface Backend {
  name: 'file' | 'postgres';
  /** A new, empty store; `reopen` opens the same storage again (a restart, or another instance). */
  fresh(now: () => Date): Promise<{ store: ContractStore; reopen: () => Promise<ContractStore> }>;
}

/** A clock that moves one second per call, from the same start each time: the same calls, the same times. */
export function steppingClock(): () => Date {
  let t = 0;
  return () => new Date(Date.UTC(2026, 5, 12, 9, 0, 0) + 1000 * t++);
}

/**
 * The demo event's ballots from `station`, checked and canonical as ingest stores them; ids fixed
 * by their number (`from` on), so two runs write the same file.
 */
export function canonicalBallots(station: string, n: number, from = 0): Ballot[] {
  const ballots = Array.from({ length: n }, (_, i) =>
    demoBallot(station, from + i, `00000000-0000-4000-8000-${String(from + i).padStart(12, '0')}`),
  );
  return ballots.map((b) => {
    const checked = validateBallot(DEMO_EVENT, b);
    if (!checked.ok) throw new Error(`demo ballot refused: ${JSON.stringify(checked.error)}`);
    return checked.value;
  });
}

export function useBackends(hooks: {
  beforeAll: (fn: () => Promise<void>, timeout?: number) => void;
  afterAll: (fn: () => Promise<void>, timeout?: number) => void;
}): { backends: Backend[]; cluster: () => TestPostgres; pools: Pool[] } {
  let pg: TestPostgres | undefined;
  const pools: Pool[] = [];
  const closers: (() => Promise<void>)[] = [];
  const folders: string[] = [];
  hooks.beforeAll(async () => {
    pg = await startPostgres();
  }, 60_000);
  hooks.afterAll(async () => {
    for (const c of closers.splice(0)) await c().catch(() => {});
    await Promise.all(pools.map((p) => p.end().catch(() => {})));
    pg?.remove();
    for (const f of folders) rmSync(f, { recursive: true, force: true });
    // Removing a cluster takes over 10 s on a loaded machine.
  }, 60_000);
  const file: Backend = {
    name: 'file',
    async fresh(now) {
      const dir = mkdtempSync(join(tmpdir(), 'dd-contract-'));
      folders.push(dir);
      const open = async () => {
        const store = await FileTallyStore.open(dir, { now, log: () => {} });
        closers.push(() => store.close());
        return store;
      };
      return { store: await open(), reopen: open };
    },
  };
  const postgres: Backend = {
    name: 'postgres',
    async fresh(now) {
      if (pg === undefined) throw new Error('no cluster');
      const url = pg.createDatabase();
      const first = await connectDatabase(url, { max: 4 });
      pools.push(first);
      await migrate(first);
      const open = async () => {
        const pool = await connectDatabase(url, { max: 4 });
        pools.push(pool);
        const store = await openPgTallyStore(pool, { now, log: () => {} });
        closers.push(() => store.close());
        return store;
      };
      return { store: await open(), reopen: open };
    },
  };
  return {
    backends: [file, postgres],
    cluster: () => {
      if (pg === undefined) throw new Error('no cluster');
      return pg;
    },
    pools,
  };
}

/**
 * A test file's throwaway PostgreSQL (postgres.ts) and the pools its tests open on it: the cluster
 * starts before the file's tests and is removed after them, with every pool ended first. Vitest
 * only (it registers hooks); postgres.ts itself is also loaded by Playwright and the benchmarks.
 */
import { afterAll, beforeAll } from 'vitest';
import { connectDatabase, type Pool } from '../../src/server/store/pg/database.ts';
import { startPostgres, type TestPostgres } from './postgres.ts';

export interface UsePostgres {
  /** The running cluster (throws before beforeAll has started it). */
  cluster(): TestPostgres;
  /** `instances` pools on one fresh database, as that many servers would hold; ended after the file. */
  pools(instances?: number): Promise<Pool[]>;
  /** A pool opened elsewhere, to be ended after the file as well. */
  track(pool: Pool): Pool;
}

export function usePostgres(): UsePostgres {
  let pg: TestPostgres | undefined;
  const opened: Pool[] = [];
  beforeAll(async () => {
    pg = await startPostgres();
  }, 60_000);
  // Removing a cluster can take over 10 s on a loaded machine.
  afterAll(async () => {
    await Promise.all(opened.map((p) => p.end()));
    pg?.remove();
  }, 60_000);
  const cluster = () => {
    if (pg === undefined) throw new Error('The test cluster has not started.');
    return pg;
  };
  const track = (pool: Pool) => {
    opened.push(pool);
    return pool;
  };
  return {
    cluster,
    track,
    pools: async (instances = 1) => {
      const url = cluster().createDatabase();
      const made: Pool[] = [];
      for (let i = 0; i < instances; i += 1) made.push(track(await connectDatabase(url)));
      return made;
    },
  };
}

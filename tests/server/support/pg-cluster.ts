/**
 * Global set-up of the `node-pg` Vitest project: one throwaway PostgreSQL cluster for the whole
 * run, its port named to the test processes in DD_TEST_PG_PORT (they start after this, and
 * inherit it). Each test file makes databases of its own on it and drops them after the file
 * (test-storage.ts, pg-per-file.ts). Starting and removing a cluster per file, as before, took
 * about 5 s of each of 23 files.
 */
import { startPostgres } from '../../support/postgres.ts';

export default async function setup(): Promise<() => void> {
  const pg = await startPostgres();
  process.env['DD_TEST_PG_PORT'] = String(pg.port);
  return () => pg.remove();
}

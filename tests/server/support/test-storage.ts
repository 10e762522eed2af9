/**
 * Which storage the server tests run the real server on (issue 12, "the same tests, two
 * backends"): `DD_TEST_STORAGE=postgres` (the `node-pg` Vitest project) gives every server that
 * startServer() starts a fresh database of its own on a throwaway PostgreSQL cluster, passed as
 * DATABASE_URL; unset or `file`, the tally file under DATA_DIR as always.
 *
 * The `node-pg` project starts one cluster for the whole run (pg-cluster.ts, its global set-up,
 * which names its port in DD_TEST_PG_PORT); each test file's databases are dropped after the file
 * (pg-per-file.ts). Run without that set-up (one file, with DD_TEST_STORAGE=postgres by hand), a
 * file starts a cluster of its own on its first server and removes it after the file. A server
 * restarted on the same data folder gets the same database, so a restart test sees what the
 * first server kept.
 *
 * No Vitest import here: tally-server.ts, which uses this, is loaded by Playwright and tsx too.
 */
import { databasesOn, startPostgres, type TestPostgres } from '../../support/postgres.ts';

export type TestStorage = 'file' | 'postgres';

function storageFromEnv(raw: string | undefined): TestStorage {
  if (raw === undefined || raw === '' || raw === 'file') return 'file';
  if (raw === 'postgres') return 'postgres';
  throw new Error(`DD_TEST_STORAGE must be "file" or "postgres", not "${raw}".`);
}

/** The storage this test process runs servers on. */
export const testStorage: TestStorage = storageFromEnv(process.env['DD_TEST_STORAGE']);
export const onPostgres = testStorage === 'postgres';

/** The port of the run's shared cluster, when the global set-up started one. */
const sharedPort = Number(process.env['DD_TEST_PG_PORT'] ?? '') || undefined;
const shared = sharedPort === undefined ? undefined : databasesOn(sharedPort);

let cluster: Promise<TestPostgres> | undefined;
let started: TestPostgres | undefined;
/** Data folder → the URL of the database its servers use. */
const databases = new Map<string, string>();

function removeCluster() {
  started?.remove();
}

/** This file's own cluster (when there is no shared one), started on first use. */
function ownCluster(): Promise<TestPostgres> {
  cluster ??= startPostgres().then((pg) => {
    started = pg;
    // A worker ended by a timeout or an error never reaches afterAll: remove it on the way out.
    process.once('exit', removeCluster);
    return pg;
  });
  return cluster;
}

/**
 * The DATABASE_URL for a server on `dataDir`: a fresh empty database the first time, the same one
 * when a server is started again on that folder.
 */
export async function databaseFor(dataDir: string): Promise<string> {
  const known = databases.get(dataDir);
  if (known !== undefined) return known;
  const url = shared === undefined ? (await ownCluster()).createDatabase() : shared.create();
  databases.set(dataDir, url);
  return url;
}

/** The database a server on `dataDir` was given, if any (to read what it stored, with psql). */
export function databaseOf(dataDir: string): string | undefined {
  return databases.get(dataDir);
}

/** Drops this file's databases, or removes its own cluster (after its servers have stopped). */
export function releaseTestPostgres(): void {
  if (shared !== undefined) for (const url of databases.values()) shared.drop(url);
  removeCluster();
  process.removeListener('exit', removeCluster);
  cluster = undefined;
  started = undefined;
  databases.clear();
}

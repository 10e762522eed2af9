/**
 * The side stores' two backends for their contract tests (issue 12: the same tests, two
 * backends): a `Place` is where one server keeps them (a fresh DATA_DIR, or a fresh PostgreSQL
 * database, migrated), and opening a store on it again is a restart (or, on PostgreSQL, another
 * instance on the same database).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FileEqualitiesStore,
  type EqualitiesStore,
} from '../../../src/server/store/equalities-store.ts';
import { readChanges } from '../../../src/server/store/pg/changes.ts';
import { connectDatabase, type Pool } from '../../../src/server/store/pg/database.ts';
import { migrate } from '../../../src/server/store/pg/migrate.ts';
import { PgEqualitiesStore } from '../../../src/server/store/pg/pg-equalities-store.ts';
import { PgPublicationStore } from '../../../src/server/store/pg/pg-publication-store.ts';
import { PgRegisterStore } from '../../../src/server/store/pg/pg-register-store.ts';
import {
  FilePublicationStore,
  type PublicationStore,
} from '../../../src/server/store/publication-store.ts';
import { FileRegisterStore, type RegisterStore } from '../../../src/server/store/register-store.ts';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startPostgres, type TestPostgres } from '../../support/postgres.ts';

export interface Place {
  /** PostgreSQL's pool (to look in the tables and read the change feed); none for files. */
  pool?: Pool;
  registers(log?: (line: string) => void): Promise<RegisterStore>;
  equalities(): Promise<EqualitiesStore>;
  publications(log?: (line: string) => void): Promise<PublicationStore>;
  /** Puts something that is not a published result where the event's snapshot is kept. */
  damagePublication(eventId: string): Promise<void>;
}

export interface Backend {
  name: 'file' | 'postgres';
  place(): Promise<Place>;
}

/** Every store opened, closed after each test; then every folder and pool, removed and ended. */
const stores: { close(): Promise<void> }[] = [];
const resources: (() => Promise<void> | void)[] = [];
const opened = <T extends { close(): Promise<void> }>(store: T): T => {
  stores.push(store);
  return store;
};

export async function cleanUpPlaces(): Promise<void> {
  for (const store of stores.splice(0)) await store.close();
  for (const release of resources.splice(0)) await release();
}

export const fileBackend: Backend = {
  name: 'file',
  place: () => {
    const dir = mkdtempSync(join(tmpdir(), 'decision-day-side-'));
    resources.push(() => rmSync(dir, { recursive: true, force: true }));
    return Promise.resolve({
      registers: async (log) => opened(await FileRegisterStore.open(join(dir, 'registers'), log)),
      equalities: async () => opened(await FileEqualitiesStore.open(join(dir, 'equalities'))),
      publications: async (log) =>
        opened(await FilePublicationStore.open(join(dir, 'published'), log)),
      damagePublication: async (eventId) => {
        const { writeFile, mkdir } = await import('node:fs/promises');
        await mkdir(join(dir, 'published'), { recursive: true });
        await writeFile(join(dir, 'published', `${eventId}.json`), '{"version": 99}');
      },
    });
  },
};

/** PostgreSQL: one throwaway cluster per test file, a fresh database per place. */
export function postgresBackend(cluster: () => TestPostgres): Backend {
  return {
    name: 'postgres',
    place: async () => {
      const pool = await connectDatabase(cluster().createDatabase());
      resources.push(() => pool.end());
      await migrate(pool);
      return {
        pool,
        registers: async (log) =>
          opened(await PgRegisterStore.open(pool, await readChanges(pool), log)),
        equalities: async () => opened(await PgEqualitiesStore.open(pool, await readChanges(pool))),
        publications: async (log) =>
          opened(await PgPublicationStore.open(pool, await readChanges(pool), log)),
        damagePublication: async (eventId) => {
          await pool.query(
            `INSERT INTO publication (event_id, snapshot) VALUES ($1, '{"version": 99}')
             ON CONFLICT (event_id) DO UPDATE SET snapshot = EXCLUDED.snapshot`,
            [eventId],
          );
        },
      };
    },
  };
}

/**
 * Both backends for a test file: its own throwaway cluster (started before its tests, removed
 * after them), and every store, folder and pool of a test closed and removed after it.
 */
export function sideStoreBackends(): {
  file: Backend;
  postgres: Backend;
  cluster: () => TestPostgres;
} {
  let cluster: TestPostgres | undefined;
  beforeAll(async () => {
    cluster = await startPostgres();
  }, 60_000);
  afterEach(() => cleanUpPlaces());
  afterAll(() => cluster?.remove(), 60_000);
  const started = () => {
    if (cluster === undefined) throw new Error('the PostgreSQL cluster did not start');
    return cluster;
  };
  return { file: fileBackend, postgres: postgresBackend(started), cluster: started };
}

/**
 * The side stores on PostgreSQL (issue 12; migration 4), opened together: the registration
 * desks' registers, the equalities answers and the published results, each kept apart from the
 * tally. Each caches what its synchronous reads need and catches up in `refresh(changes)` (the
 * change feed, read once before each request); every decision is taken in the database.
 */
import { readChanges } from './changes.ts';
import type { Pool } from './database.ts';
import { PgEqualitiesStore } from './pg-equalities-store.ts';
import { PgPublicationStore } from './pg-publication-store.ts';
import { PgRegisterStore } from './pg-register-store.ts';

export interface PgSideStores {
  registers: PgRegisterStore;
  equalities: PgEqualitiesStore;
  publications: PgPublicationStore;
}

export async function openPgSideStores(
  pool: Pool,
  options: { log: (line: string) => void; now?: () => Date },
): Promise<PgSideStores> {
  const changes = await readChanges(pool);
  return {
    registers: await PgRegisterStore.open(pool, changes, options.log),
    equalities: await PgEqualitiesStore.open(pool, changes),
    publications: await PgPublicationStore.open(pool, changes, options.log),
  };
}

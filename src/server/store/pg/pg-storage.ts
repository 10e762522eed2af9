/**
 * The PostgreSQL storage (issue 12, docs/storage.md): connects, migrates, then opens every store
 * on the one pool. Before each API request `refresh()` reads the change feed once and lets each
 * store catch up on what other instances changed; the decisions themselves are always taken in
 * the database, inside the write's transaction.
 */
import type { Storage, StorageOptions } from '../../storage.ts';
import { readChanges } from './changes.ts';
import { connectDatabase } from './database.ts';
import { migrate } from './migrate.ts';
import { openPgAccounts } from './pg-accounts.ts';
import { openPgSideStores } from './pg-side-stores.ts';
import { openPgTallyStore } from './pg-tally-store.ts';
import { orStorageError } from './storage-failed.ts';

export async function openPostgresStorage(
  options: StorageOptions & { databaseUrl: string },
): Promise<Storage> {
  const { log, now } = options;
  const pool = await connectDatabase(options.databaseUrl, { log });
  try {
    const report = await migrate(pool);
    for (const m of report.applied) log(`Database migration applied: ${m}`);
    const store = await openPgTallyStore(pool, { now, log });
    const side = await openPgSideStores(pool, { log, now });
    const people = await openPgAccounts(pool, { now, log, sessions: options.sessions });
    const followers = [store, side.registers, side.equalities, side.publications, people];
    return {
      kind: 'postgres',
      pool,
      store,
      ...side,
      accounts: people.accounts,
      sessions: people.sessions,
      audit: people.audit,
      // A database that cannot be read now is a 503 the station retries, never a 500.
      refresh: () =>
        orStorageError('Could not read what other server instances changed', async () => {
          const changes = await readChanges(pool);
          await Promise.all(followers.map((f) => f.refresh(changes)));
        }),
      close: async () => {
        await people.sessions
          .flush()
          .catch((e: unknown) => log(`Could not save the sessions: ${String(e)}`));
        await store.close();
        await Promise.all([
          side.registers.close(),
          side.equalities.close(),
          side.publications.close(),
        ]);
        await pool.end();
      },
    };
  } catch (e) {
    await pool.end().catch(() => {});
    throw e;
  }
}

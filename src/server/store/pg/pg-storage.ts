/**
 * The PostgreSQL storage (issue 12): connects, migrates, then opens each store on the database.
 * Being built this session: the stores' PostgreSQL implementations replace the refusal below as
 * they land; until then DATABASE_URL stops the start with a sentence saying so, rather than
 * silently keeping the tally on the local disk.
 */
import type { Storage, StorageOptions } from '../../storage.ts';
import { connectDatabase, DatabaseUnavailable } from './database.ts';
import { migrate } from './migrate.ts';

export async function openPostgresStorage(
  options: StorageOptions & { databaseUrl: string },
): Promise<Storage> {
  const pool = await connectDatabase(options.databaseUrl, { log: options.log });
  const report = await migrate(pool);
  for (const m of report.applied) options.log(`Database migration applied: ${m}`);
  await pool.end();
  throw new DatabaseUnavailable(
    'The PostgreSQL storage is not complete in this version: start without DATABASE_URL.',
  );
}

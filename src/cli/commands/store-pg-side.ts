/** The PostgreSQL end of `decision-day store copy`: the server's own stores on the database. */
import { connectDatabase, redactedUrl } from '../../server/store/pg/database.ts';
import { migrate } from '../../server/store/pg/migrate.ts';
import type { CopySide } from './store-sides.ts';

export async function openPgSide(url: string, log: (line: string) => void): Promise<CopySide> {
  const pool = await connectDatabase(url, { log, max: 2 });
  try {
    await migrate(pool);
    throw new Error(`the PostgreSQL tally store is not in this version yet (${redactedUrl(url)})`);
  } catch (e) {
    await pool.end();
    throw e;
  }
}

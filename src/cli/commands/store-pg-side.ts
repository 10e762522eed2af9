/**
 * The PostgreSQL end of `decision-day store copy`: the server's own stores on the database
 * (migrated first, as a server's start does, so an empty database can be the target).
 */
import { PgAccountStore } from '../../server/store/pg/pg-account-store.ts';
import { PgAuditTrail } from '../../server/store/pg/pg-audit-trail.ts';
import { connectDatabase, redactedUrl } from '../../server/store/pg/database.ts';
import { migrate } from '../../server/store/pg/migrate.ts';
import { openPgSideStores } from '../../server/store/pg/pg-side-stores.ts';
import { openPgTallyStore } from '../../server/store/pg/pg-tally-store.ts';
import type { CopySide } from './store-sides.ts';

export async function openPgSide(url: string, log: (line: string) => void): Promise<CopySide> {
  const pool = await connectDatabase(url, { log, max: 2 });
  try {
    await migrate(pool);
    const tally = await openPgTallyStore(pool, { log });
    const side = await openPgSideStores(pool, { log });
    return {
      label: redactedUrl(url),
      kind: 'postgres',
      tally,
      accounts: new PgAccountStore(pool),
      audit: new PgAuditTrail(pool),
      publications: side.publications,
      registers: side.registers,
      equalities: side.equalities,
      close: async () => {
        await tally.close();
        await side.registers.close();
        await side.equalities.close();
        await side.publications.close();
        await pool.end();
      },
    };
  } catch (e) {
    await pool.end();
    throw e;
  }
}

/**
 * Versioned migrations, applied at start (issue 12). Each migration runs in its own transaction
 * and is recorded in `schema_migrations` in that same transaction, so an interrupted one (a crash,
 * a lost connection, an error half way) leaves nothing behind and runs again whole at the next
 * start. Two instances starting at once: a session-level advisory lock lets one migrate while the
 * other waits, then finds nothing left to do.
 */
import { withConnection, type Pool } from './database.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

/** The advisory lock's key: any fixed number no other program on the database uses ("DDMIGR"). */
const MIGRATION_LOCK = 0x44444d494752;

export class MigrationFailed extends Error {
  override readonly name = 'MigrationFailed';
}

export interface MigrationReport {
  /** `<version> <name>` of each migration applied now, in order. */
  applied: string[];
}

/** Checks a list of migrations is usable: versions whole, distinct and increasing. */
export function checkMigrations(list: readonly Migration[]): void {
  let last = 0;
  for (const m of list) {
    if (!Number.isInteger(m.version) || m.version <= last) {
      throw new MigrationFailed(`Migration versions must increase: ${m.version} after ${last}.`);
    }
    last = m.version;
  }
}

export async function migrate(
  pool: Pool,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationReport> {
  checkMigrations(migrations);
  return withConnection(pool, async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const done = await client.query<{ version: number; name: string }>(
        'SELECT version, name FROM schema_migrations ORDER BY version',
      );
      const known = new Map(migrations.map((m) => [m.version, m]));
      for (const row of done.rows) {
        if (!known.has(row.version)) {
          throw new MigrationFailed(
            `The database has migration ${row.version} (${row.name}), which this version of ` +
              'Decision Day does not know: it was set up by a newer version. Run that version.',
          );
        }
      }
      const applied = new Set(done.rows.map((r) => r.version));
      const report: MigrationReport = { applied: [] };
      for (const m of migrations) {
        if (applied.has(m.version)) continue;
        try {
          await client.query('BEGIN');
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
            m.version,
            m.name,
          ]);
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK').catch(() => {});
          const message = e instanceof Error ? e.message : String(e);
          throw new MigrationFailed(
            `Migration ${m.version} (${m.name}) failed and was rolled back: ${message}`,
          );
        }
        report.applied.push(`${m.version} ${m.name}`);
      }
      return report;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    }
  });
}

/**
 * The PostgreSQL foundation (issue 12) against a real PostgreSQL: connecting says clearly what is
 * wrong, and migrations apply from empty, once, whole or not at all, one instance at a time.
 */
import { describe, expect, it } from 'vitest';
import { usePostgres } from '../support/use-postgres.ts';
import { startServer } from './support/tally-server.ts';
import {
  connectDatabase,
  DatabaseUnavailable,
  inTransaction,
  redactedUrl,
  type Pool,
} from '../../src/server/store/pg/database.ts';
import { migrate, MigrationFailed } from '../../src/server/store/pg/migrate.ts';
import { bumpChange, readChanges, SeenVersions } from '../../src/server/store/pg/changes.ts';
import { MIGRATIONS, type Migration } from '../../src/server/store/pg/migrations/index.ts';

const postgres = usePostgres();

async function freshPool(): Promise<Pool> {
  const [pool] = await postgres.pools();
  return pool as Pool;
}

const tables = (database: string) =>
  postgres
    .cluster()
    .psql(
      "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'",
      database,
    )
    .trim();

describe('connecting', () => {
  it('refuses a wrong password with one sentence that hides the password', async () => {
    const wrong = postgres.cluster().url.replace(/:[^:@/]+@/, ':not-the-password@');
    const error = await connectDatabase(wrong).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseUnavailable);
    expect((error as Error).message).toMatch(/refused the user name or password/);
    expect((error as Error).message).not.toContain('not-the-password');
    expect((error as Error).message).toContain(':***@127.0.0.1');
  });

  it('says when the database does not exist, and when nothing listens', async () => {
    const missing = await connectDatabase(
      postgres.cluster().url.replace(/\/postgres$/, '/no_such_db'),
    ).catch((e: unknown) => e);
    expect((missing as Error).message).toMatch(/does not exist/);
    const nothing = await connectDatabase(
      postgres.cluster().url.replace(`:${postgres.cluster().port}/`, ':1/'),
    ).catch((e: unknown) => e);
    expect((nothing as Error).message).toMatch(/Nothing answers/);
  });

  it('redacts only the password', () => {
    expect(redactedUrl('postgres://u:secret@h:5432/db')).toBe('postgres://u:***@h:5432/db');
    expect(redactedUrl('postgres://h/db')).toBe('postgres://h/db');
  });
});

const TWO: Migration[] = [
  { version: 1, name: 'first', sql: 'CREATE TABLE one (n int PRIMARY KEY)' },
  { version: 2, name: 'second', sql: 'CREATE TABLE two (n int PRIMARY KEY)' },
];

describe('migrations', () => {
  it('every shipped migration applies from empty, and a second start applies none', async () => {
    const pool = await freshPool();
    const first = await migrate(pool);
    expect(first.applied).toEqual(MIGRATIONS.map((m) => `${m.version} ${m.name}`));
    expect((await migrate(pool)).applied).toEqual([]);
    const recorded = await pool.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(recorded.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it("keeps the logs' text uncompressed, and checks ballot rows by their key alone", async () => {
    const pool = await freshPool();
    await migrate(pool);
    const storage = await pool.query<{ attstorage: string }>(
      `SELECT attstorage FROM pg_attribute
       WHERE attrelid = 'ledger_line'::regclass AND attname = 'text'`,
    );
    expect(storage.rows[0]?.attstorage).toBe('e');
    const keys = await pool.query<{ contype: string }>(
      `SELECT contype FROM pg_constraint WHERE conrelid = 'ballot'::regclass ORDER BY contype`,
    );
    // The primary key alone (one ballot id once per event): no foreign key checked row by row.
    expect(keys.rows.map((r) => r.contype)).toEqual(['p']);
  });

  it('two instances starting at once apply each migration once', async () => {
    const pool = await freshPool();
    const other = await connectDatabase(pool.options.connectionString ?? '');
    postgres.track(other);
    const [a, b] = await Promise.all([migrate(pool, TWO), migrate(other, TWO)]);
    expect([...a.applied, ...b.applied].sort()).toEqual(['1 first', '2 second']);
    const count = await pool.query('SELECT count(*)::int AS n FROM schema_migrations');
    expect(count.rows[0]).toEqual({ n: 2 });
  });

  it('a migration that fails half way leaves nothing of itself, and runs whole next time', async () => {
    const pool = await freshPool();
    const broken: Migration[] = [
      TWO[0]!,
      { version: 2, name: 'half', sql: 'CREATE TABLE half (n int); SELECT no_such_function()' },
    ];
    const error = await migrate(pool, broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationFailed);
    expect((error as Error).message).toMatch(/Migration 2 \(half\) failed and was rolled back/);
    const database = new URL(pool.options.connectionString ?? '').pathname.slice(1);
    expect(tables(database)).toBe('one,schema_migrations');
    // Fixed (as a new release would ship it), it applies whole.
    expect((await migrate(pool, TWO)).applied).toEqual(['2 second']);
    expect(tables(database)).toBe('one,schema_migrations,two');
  });

  it('a connection lost during a migration fails the migration, not the process', async () => {
    const pool = await freshPool();
    // PostgreSQL ends the migration's own connection half way, as a restart would.
    const lost: Migration[] = [
      TWO[0]!,
      {
        version: 2,
        name: 'cut off',
        sql: 'CREATE TABLE cut (n int); SELECT pg_terminate_backend(pg_backend_pid())',
      },
    ];
    const error = await migrate(pool, lost).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationFailed);
    expect((error as Error).message).toMatch(/Migration 2 \(cut off\) failed/);
    const database = new URL(pool.options.connectionString ?? '').pathname.slice(1);
    expect(tables(database)).toBe('one,schema_migrations');
    // The pool dropped the dead connection: the next start migrates whole.
    expect((await migrate(pool, TWO)).applied).toEqual(['2 second']);
  });

  it('refuses a database set up by a newer version', async () => {
    const pool = await freshPool();
    await migrate(pool, TWO);
    const error = await migrate(pool, TWO.slice(0, 1)).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/migration 2 \(second\).*newer version/);
  });

  it('refuses a list whose versions do not increase', async () => {
    const pool = await freshPool();
    await expect(migrate(pool, [TWO[1]!, TWO[0]!])).rejects.toThrow(/must increase/);
  });
});

describe('the change feed', () => {
  it('moves a version only when its transaction commits', async () => {
    const pool = await freshPool();
    await migrate(pool);
    await expect(
      inTransaction(pool, async (client) => {
        await bumpChange(client, 'accounts');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await readChanges(pool)).get('accounts')).toBeUndefined();
    const seen = new SeenVersions();
    expect(seen.moved(await readChanges(pool), 'accounts')).toBe(false);
    await inTransaction(pool, (client) => bumpChange(client, 'accounts'));
    const version = await inTransaction(pool, (client) => bumpChange(client, 'accounts'));
    expect(version).toBe(2n);
    const changes = await readChanges(pool);
    expect(seen.moved(changes, 'accounts')).toBe(true);
    seen.saw('accounts', version);
    expect(seen.moved(changes, 'accounts')).toBe(false);
  });
});

describe('starting the server on PostgreSQL', () => {
  it('a wrong password in DATABASE_URL is one clear line and a non-zero exit', async () => {
    const wrong = postgres.cluster().url.replace(/:[^:@/]+@/, ':not-the-password@');
    const error = await startServer({ env: { DATABASE_URL: wrong } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/server exited \(1\) before listening/);
    const lines = message.split('\n').filter((l) => l.startsWith('Cannot start'));
    expect(lines).toEqual([
      `Cannot start: PostgreSQL refused the user name or password in DATABASE_URL (${redactedUrl(wrong)}).`,
    ]);
    expect(message).not.toContain('not-the-password');
    expect(message).not.toMatch(/\n\s+at /);
  });

  it('a DATABASE_URL that is not a PostgreSQL URL is refused before anything opens', async () => {
    const error = await startServer({ env: { DATABASE_URL: 'mysql://x@y/z' } }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toMatch(/DATABASE_URL must be a PostgreSQL URL/);
  });
});

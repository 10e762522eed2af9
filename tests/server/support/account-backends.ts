/**
 * The account stores' two backends for their contract tests (issue 12: the same tests, two
 * backends): a `Place` is where one server keeps its accounts, sessions and audit trail (a fresh
 * DATA_DIR, or a fresh migrated PostgreSQL database), and `open()` on it again is a restart (or,
 * on PostgreSQL, another instance on the same database).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AccountBook,
  FileAccountStore,
  type AccountRecord,
} from '../../../src/server/accounts/account-book.ts';
import {
  FileSessionStore,
  OrganiserSessions,
  type SessionLimits,
} from '../../../src/server/accounts/sessions.ts';
import { FileAuditTrail, type AuditTrail } from '../../../src/server/store/audit-trail.ts';
import { readChanges } from '../../../src/server/store/pg/changes.ts';
import { connectDatabase, type Pool } from '../../../src/server/store/pg/database.ts';
import { migrate } from '../../../src/server/store/pg/migrate.ts';
import { openPgAccounts } from '../../../src/server/store/pg/pg-accounts.ts';
import { startPostgres, type TestPostgres } from '../../support/postgres.ts';

export const LIMITS: SessionLimits = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };
export const MIN = 60_000;
export const START = Date.parse('2026-06-13T08:00:00.000Z');

export interface Opened {
  accounts: AccountBook;
  sessions: OrganiserSessions;
  audit: AuditTrail;
  /** What the server does before each request: catch up on other instances' changes. */
  refresh(): Promise<void>;
}

export interface Place {
  pool?: Pool;
  open(now: () => Date, log?: (line: string) => void): Promise<Opened>;
  /** Replaces line `line` (from 1) of the audit trail as stored with `edit(text)`. */
  damageAudit(line: number, edit: (text: string) => string): Promise<void>;
}

export interface Backend {
  name: 'file' | 'postgres';
  place(): Promise<Place>;
}

const cleanUps: (() => Promise<void> | void)[] = [];

async function cleanUpPlaces(): Promise<void> {
  for (const cleanUp of cleanUps.splice(0)) await cleanUp();
}

/**
 * A throwaway PostgreSQL cluster for the calling test file (its getter, for use inside tests),
 * and every place made in a test removed after it.
 */
export function useCluster(): () => TestPostgres {
  let pg: TestPostgres | undefined;
  beforeAll(async () => {
    pg = await startPostgres();
  }, 60_000);
  afterEach(() => cleanUpPlaces());
  afterAll(() => pg?.remove(), 60_000);
  return () => {
    if (pg === undefined) throw new Error('The test cluster has not started.');
    return pg;
  };
}

/** A new active organiser (with a password) made on `on`. */
export async function organiser(on: Opened, name: string, at: Date): Promise<AccountRecord> {
  const made = await on.accounts.create(
    { name, role: 'organiser', createdBy: 't', passwordHash: `scrypt$${name}` },
    at,
  );
  if (!made.ok) throw new Error(made.error.code);
  return made.value;
}

export const fileBackend: Backend = {
  name: 'file',
  place: () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-accounts-'));
    cleanUps.push(() => rmSync(dir, { recursive: true, force: true }));
    const auditPath = join(dir, 'audit.jsonl');
    return Promise.resolve({
      open: async (now, log = () => {}) => ({
        accounts: await AccountBook.open(new FileAccountStore(join(dir, 'accounts.json'))),
        sessions: await OrganiserSessions.open(
          new FileSessionStore(join(dir, 'sessions.json')),
          LIMITS,
          now,
          log,
        ),
        audit: await FileAuditTrail.open(auditPath, log),
        refresh: () => Promise.resolve(),
      }),
      damageAudit: (line, edit) => {
        const lines = readFileSync(auditPath, 'utf8').split('\n');
        lines[line - 1] = edit(lines[line - 1] ?? '');
        writeFileSync(auditPath, lines.join('\n'));
        return Promise.resolve();
      },
    });
  },
};

/** A pool on a fresh migrated database of `pg`, ended by cleanUpPlaces(). */
export async function freshPool(pg: TestPostgres): Promise<Pool> {
  const pool = await connectDatabase(pg.createDatabase());
  cleanUps.push(() => pool.end());
  await migrate(pool);
  return pool;
}

/** Opens the PostgreSQL stores on `pool`: one instance of the server. */
export async function openPgInstance(
  pool: Pool,
  now: () => Date,
  log: (line: string) => void = () => {},
): Promise<Opened> {
  const opened = await openPgAccounts(pool, { now, log, sessions: LIMITS });
  return { ...opened, refresh: async () => opened.refresh(await readChanges(pool)) };
}

export const pgBackend = (pg: () => TestPostgres): Backend => ({
  name: 'postgres',
  place: async () => {
    const pool = await freshPool(pg());
    return {
      pool,
      open: (now, log) => openPgInstance(pool, now, log),
      damageAudit: async (line, edit) => {
        const row = await pool.query<{ line: string }>('SELECT line FROM audit WHERE seq = $1', [
          line,
        ]);
        // Behind the append-only trigger's back, as someone with the database's keys could.
        await pool.query('ALTER TABLE audit DISABLE TRIGGER USER');
        await pool.query('UPDATE audit SET line = $2 WHERE seq = $1', [
          line,
          edit(row.rows[0]?.line ?? ''),
        ]);
        await pool.query('ALTER TABLE audit ENABLE TRIGGER USER');
      },
    };
  },
});

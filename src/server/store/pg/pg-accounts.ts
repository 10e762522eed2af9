/**
 * Accounts, invites, sessions and the audit trail on PostgreSQL (issue 12), opened together:
 * what storage.ts needs, with one refresh() that catches up on what other instances changed
 * (`accounts` and `sessions` in the change feed; the audit trail is read from the table each
 * time, so it has nothing to catch up on).
 */
import { AccountBook } from '../../accounts/account-book.ts';
import { OrganiserSessions, type SessionLimits } from '../../accounts/sessions.ts';
import type { AuditTrail } from '../audit-trail.ts';
import { SeenVersions } from './changes.ts';
import type { Pool } from './database.ts';
import { PgAccountStore } from './pg-account-store.ts';
import { PgAuditTrail } from './pg-audit-trail.ts';
import { PgSessionStore } from './pg-session-store.ts';

export interface PgAccounts {
  accounts: AccountBook;
  sessions: OrganiserSessions;
  audit: AuditTrail;
  /** Reloads the book and the sessions when another instance changed them. */
  refresh(changes: ReadonlyMap<string, bigint>): Promise<void>;
}

export interface PgAccountsOptions {
  now: () => Date;
  log: (line: string) => void;
  sessions: SessionLimits;
}

export async function openPgAccounts(pool: Pool, options: PgAccountsOptions): Promise<PgAccounts> {
  const seen = new SeenVersions();
  const accounts = await AccountBook.open(new PgAccountStore(pool));
  const sessions = await OrganiserSessions.open(
    new PgSessionStore(pool, options.sessions, options.now),
    options.sessions,
    options.now,
    options.log,
  );
  const catchUp = async (changes: ReadonlyMap<string, bigint>) => {
    // The versions were read before the rows are: a change between is reloaded next time.
    for (const [name, reload] of [
      ['accounts', () => accounts.reload()],
      ['sessions', () => sessions.reload()],
    ] as const) {
      if (!seen.moved(changes, name)) continue;
      await reload();
      seen.saw(name, changes.get(name) ?? 0n);
    }
  };
  // One catch-up at a time; one that finds nothing moved (the others' work done) is one check.
  let last: Promise<void> = Promise.resolve();
  return {
    accounts,
    sessions,
    audit: new PgAuditTrail(pool),
    refresh: (changes) => {
      const run = last.then(() => catchUp(changes));
      last = run.catch(() => {});
      return run;
    },
  };
}

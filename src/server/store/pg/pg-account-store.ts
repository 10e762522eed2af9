/**
 * The account book in PostgreSQL (issue 12): tables `account` and `invite` (migration 3). Several
 * instances share them, so every change is decided against the book as the database holds it:
 * update() takes a transaction-scoped advisory lock (one account change at a time across every
 * instance), reads the whole book (a handful of rows), lets the book compute the change — a name
 * already taken, the last organiser, an invite already used are all refused there — writes only
 * the rows that differ and bumps `accounts` in the change feed, all in one transaction. The unique
 * index on `name_key` holds names apart even without the lock.
 */
import type { Role } from '../../../core/roles.ts';
import {
  nameKey,
  type AccountRecord,
  type AccountsData,
  type AccountStore,
  type BookChange,
  type InviteRecord,
} from '../../accounts/account-book.ts';
import { bumpChange } from './changes.ts';
import { inTransaction, type Pool, type PoolClient } from './database.ts';
import { orStorageError } from './storage-failed.ts';

/** The advisory lock serialising account changes across instances ("DDACCT"). */
const ACCOUNTS_LOCK = 0x444441434354;

interface AccountRow {
  id: string;
  name: string;
  role: string;
  password_hash: string | null;
  created_at: Date;
  created_by: string;
  disabled_at: Date | null;
}

interface InviteRow {
  id: string;
  token_hash: string;
  account_id: string;
  created_at: Date;
  created_by: string;
  expires_at: Date;
}

const fromAccountRow = (r: AccountRow): AccountRecord => ({
  id: r.id,
  name: r.name,
  role: r.role as Role,
  ...(r.password_hash === null ? {} : { passwordHash: r.password_hash }),
  createdAt: r.created_at.toISOString(),
  createdBy: r.created_by,
  ...(r.disabled_at === null ? {} : { disabledAt: r.disabled_at.toISOString() }),
});

const fromInviteRow = (r: InviteRow): InviteRecord => ({
  id: r.id,
  tokenHash: r.token_hash,
  accountId: r.account_id,
  createdAt: r.created_at.toISOString(),
  createdBy: r.created_by,
  expiresAt: r.expires_at.toISOString(),
});

async function readBook(db: Pool | PoolClient): Promise<AccountsData> {
  const accounts = await db.query<AccountRow>('SELECT * FROM account ORDER BY added');
  const invites = await db.query<InviteRow>('SELECT * FROM invite ORDER BY added');
  return {
    accounts: accounts.rows.map(fromAccountRow),
    invites: invites.rows.map(fromInviteRow),
  };
}

/** The records of `next` that are new or differ from `before`'s, and the ids `next` dropped. */
function difference<T extends { id: string }>(before: readonly T[], next: readonly T[]) {
  const old = new Map(before.map((r) => [r.id, JSON.stringify(r)]));
  const kept = new Set(next.map((r) => r.id));
  return {
    written: next.filter((r) => old.get(r.id) !== JSON.stringify(r)),
    dropped: before.filter((r) => !kept.has(r.id)).map((r) => r.id),
  };
}

async function writeDifference(client: PoolClient, before: AccountsData, next: AccountsData) {
  const accounts = difference(before.accounts, next.accounts);
  const invites = difference(before.invites, next.invites);
  if (invites.dropped.length > 0) {
    await client.query('DELETE FROM invite WHERE id = ANY($1)', [invites.dropped]);
  }
  if (accounts.dropped.length > 0) {
    await client.query('DELETE FROM account WHERE id = ANY($1)', [accounts.dropped]);
  }
  for (const a of accounts.written) {
    await client.query(
      `INSERT INTO account (id, name, name_key, role, password_hash, created_at, created_by, disabled_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET name = $2, name_key = $3, role = $4, password_hash = $5,
         created_at = $6, created_by = $7, disabled_at = $8`,
      [
        a.id,
        a.name,
        nameKey(a.name),
        a.role,
        a.passwordHash ?? null,
        a.createdAt,
        a.createdBy,
        a.disabledAt ?? null,
      ],
    );
  }
  for (const i of invites.written) {
    await client.query(
      `INSERT INTO invite (id, token_hash, account_id, created_at, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET token_hash = $2, account_id = $3, created_at = $4,
         created_by = $5, expires_at = $6`,
      [i.id, i.tokenHash, i.accountId, i.createdAt, i.createdBy, i.expiresAt],
    );
  }
}

export class PgAccountStore implements AccountStore {
  constructor(private readonly pool: Pool) {}

  load(): Promise<AccountsData | null> {
    return orStorageError('Could not read the accounts from the database', () =>
      readBook(this.pool),
    );
  }

  /** The cached book is not trusted: another instance may have changed the stored one. */
  update<T>(_cached: AccountsData, change: BookChange<T>) {
    const write = () =>
      inTransaction(this.pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [ACCOUNTS_LOCK]);
        const before = await readBook(client);
        const { next, value } = change(before);
        if (next === undefined) return { data: before, value };
        await writeDifference(client, before, next);
        await bumpChange(client, 'accounts');
        return { data: next, value };
      });
    return orStorageError('Could not change the accounts in the database; nothing changed', write);
  }
}

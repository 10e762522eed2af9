/**
 * The account book (docs/accounts.md, "Accounts"): named organiser accounts and the invites that
 * let someone choose a password. Kept whole in memory for reads (on every request) and changed
 * through an AccountStore (a handful of changes a day): the file store's DATA_DIR/accounts.json,
 * rewritten whole and atomically (a crash leaves the old or the new book), or PostgreSQL's
 * `account` and `invite` tables (store/pg/pg-account-store.ts), where each change is decided
 * against the book as the database holds it, under a lock, so several instances agree.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ACCOUNT_NAME_MAX } from '../../core/accounts-api.ts';
import type { Role } from '../../core/roles.ts';
import { checkName, normaliseText } from '../../core/text/name.ts';
import type { TextProblem } from '../../core/text/text-problems.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { writeFileAtomic } from '../store/durable-file.ts';

export interface AccountRecord {
  id: string;
  name: string;
  role: Role;
  /** scrypt$…; absent until the invited person chooses one. */
  passwordHash?: string;
  createdAt: string;
  createdBy: string;
  disabledAt?: string;
}

export interface InviteRecord {
  id: string;
  /** SHA-256 of the one-time token (the link holds the token; this book never does). */
  tokenHash: string;
  accountId: string;
  createdAt: string;
  createdBy: string;
  expiresAt: string;
}

export interface AccountsData {
  accounts: AccountRecord[];
  invites: InviteRecord[];
}

/** A change to the book: computed from the book as it stands (`next` absent: no change). */
export type BookChange<T> = (data: AccountsData) => { next?: AccountsData; value: T };

/** Where the book is kept. */
export interface AccountStore {
  /** The book as stored (null: none yet). */
  load(): Promise<AccountsData | null>;
  /**
   * Applies `change` to the book as stored and stores the result, as one step no other writer
   * can come between; resolves to the book as stored after it. `cached` is the book this process
   * last saw: a store with one writer (the file) may take it as the stored book; a shared one
   * (PostgreSQL) reads its own under a lock instead.
   */
  update<T>(cached: AccountsData, change: BookChange<T>): Promise<{ data: AccountsData; value: T }>;
}

/** update() for a store this process is the only writer of: the cached book is the stored one. */
async function updateWhole<T>(
  save: (data: AccountsData) => Promise<void>,
  cached: AccountsData,
  change: BookChange<T>,
): Promise<{ data: AccountsData; value: T }> {
  const { next, value } = change(cached);
  if (next === undefined) return { data: cached, value };
  await save(next);
  return { data: next, value };
}

export class FileAccountStore implements AccountStore {
  constructor(private readonly path: string) {}

  async load(): Promise<AccountsData | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    const data = JSON.parse(text) as AccountsData;
    if (!Array.isArray(data.accounts) || !Array.isArray(data.invites)) {
      throw new Error(`${this.path} is not an account book ({ accounts, invites }).`);
    }
    return data;
  }

  save(data: AccountsData): Promise<void> {
    return writeFileAtomic(this.path, `${JSON.stringify(data, null, 1)}\n`);
  }

  update<T>(cached: AccountsData, change: BookChange<T>) {
    return updateWhole((data) => this.save(data), cached, change);
  }
}

export class MemoryAccountStore implements AccountStore {
  constructor(private data: AccountsData | null = null) {}
  load(): Promise<AccountsData | null> {
    return Promise.resolve(this.data === null ? null : structuredClone(this.data));
  }
  save(data: AccountsData): Promise<void> {
    this.data = structuredClone(data);
    return Promise.resolve();
  }
  update<T>(cached: AccountsData, change: BookChange<T>) {
    return updateWhole((data) => this.save(data), cached, change);
  }
}

/** Names are unique compared case-insensitively after NFC: "Ann" and "ann" are one name. */
export const nameKey = (name: string): string => normaliseText(name).trim().toLowerCase();

export const INVITE_DAYS = 7;

export type BookRefusal =
  | { code: 'invalid-name'; problem: TextProblem }
  | { code: 'name-taken' }
  | { code: 'not-found' }
  | { code: 'last-organiser' };

const newId = (prefix: string) => `${prefix}-${randomBytes(8).toString('hex')}`;

const liveInvites = (data: AccountsData, now: Date): InviteRecord[] =>
  data.invites.filter((i) => Date.parse(i.expiresAt) > now.getTime());

const findByName = (data: AccountsData, name: string): AccountRecord | undefined => {
  const key = nameKey(name);
  return data.accounts.find((a) => nameKey(a.name) === key);
};

/** An organiser who can sign in: the book always keeps at least one once it has one. */
const activeOrganiser = (a: AccountRecord) =>
  a.role === 'organiser' && a.disabledAt === undefined && a.passwordHash !== undefined;

export class AccountBook {
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    private readonly store: AccountStore,
    private data: AccountsData,
  ) {}

  static async open(store: AccountStore): Promise<AccountBook> {
    return new AccountBook(store, (await store.load()) ?? { accounts: [], invites: [] });
  }

  /** A book in memory only, opened at once (tests that run the app in-process). */
  static inMemory(data: AccountsData): AccountBook {
    return new AccountBook(new MemoryAccountStore(data), structuredClone(data));
  }

  accounts(): readonly AccountRecord[] {
    return this.data.accounts;
  }

  invites(now: Date): readonly InviteRecord[] {
    return liveInvites(this.data, now);
  }

  byId(id: string): AccountRecord | undefined {
    return this.data.accounts.find((a) => a.id === id);
  }

  byName(name: string): AccountRecord | undefined {
    return findByName(this.data, name);
  }

  /** Takes the book as stored now (another instance changed it), after any change under way. */
  reload(): Promise<void> {
    return this.queue(async () => {
      this.data = (await this.store.load()) ?? { accounts: [], invites: [] };
    });
  }

  /** A live invite by its token's hash. */
  inviteByTokenHash(tokenHash: string, now: Date): InviteRecord | undefined {
    return this.invites(now).find((i) => i.tokenHash === tokenHash);
  }

  /** A new account (no password until one is set or an invite is used). */
  create(
    fields: { name: string; role: Role; createdBy: string; passwordHash?: string },
    now: Date,
  ): Promise<Result<AccountRecord, BookRefusal>> {
    return this.mutate<Result<AccountRecord, BookRefusal>>((data) => {
      const name = normaliseText(fields.name).trim();
      const problem = checkName(name, ACCOUNT_NAME_MAX);
      if (problem !== undefined) return { value: err({ code: 'invalid-name', problem }) };
      if (findByName(data, name) !== undefined) return { value: err({ code: 'name-taken' }) };
      const account: AccountRecord = {
        id: newId('ac'),
        name,
        role: fields.role,
        ...(fields.passwordHash === undefined ? {} : { passwordHash: fields.passwordHash }),
        createdAt: now.toISOString(),
        createdBy: fields.createdBy,
      };
      return { next: { ...data, accounts: [...data.accounts, account] }, value: ok(account) };
    });
  }

  setPassword(accountId: string, passwordHash: string): Promise<void> {
    return this.mutate((data) => ({
      next: {
        ...data,
        accounts: data.accounts.map((a) => (a.id === accountId ? { ...a, passwordHash } : a)),
      },
      value: undefined,
    }));
  }

  /** Change the role or disable/enable; the last active organiser stays an active organiser. */
  change(
    accountId: string,
    change: { role?: Role; disabled?: boolean },
    now: Date,
  ): Promise<Result<AccountRecord, BookRefusal>> {
    return this.mutate<Result<AccountRecord, BookRefusal>>((data) => {
      const account = data.accounts.find((a) => a.id === accountId);
      if (account === undefined) return { value: err({ code: 'not-found' }) };
      const next: AccountRecord = { ...account, ...(change.role && { role: change.role }) };
      if (change.disabled === true && next.disabledAt === undefined) {
        next.disabledAt = now.toISOString();
      }
      if (change.disabled === false) delete next.disabledAt;
      const accounts = data.accounts.map((a) => (a.id === accountId ? next : a));
      if (activeOrganiser(account) && !accounts.some(activeOrganiser)) {
        return { value: err({ code: 'last-organiser' }) };
      }
      return { next: { ...data, accounts }, value: ok(next) };
    });
  }

  /**
   * A one-time link for `accountId` (a new account's, or a password reset): any earlier invite
   * for the account is withdrawn. `tokenHash` is the SHA-256 of the token the caller shows once.
   */
  invite(
    accountId: string,
    createdBy: string,
    now: Date,
    tokenHash: string,
  ): Promise<InviteRecord> {
    return this.mutate((data) => {
      const invite: InviteRecord = {
        id: newId('in'),
        tokenHash,
        accountId,
        createdAt: now.toISOString(),
        createdBy,
        expiresAt: new Date(now.getTime() + INVITE_DAYS * 24 * 3_600_000).toISOString(),
      };
      const live = liveInvites(data, now).filter((i) => i.accountId !== accountId);
      return { next: { ...data, invites: [...live, invite] }, value: invite };
    });
  }

  /**
   * Withdraws (or uses up) an invite; false when there is no such live invite. Withdrawing the
   * invite of an account that never had a password removes that account too, so its name is free.
   */
  endInvite(inviteId: string, now: Date, used: boolean): Promise<boolean> {
    return this.mutate((data) => {
      const invite = liveInvites(data, now).find((i) => i.id === inviteId);
      if (invite === undefined) return { value: false };
      const account = data.accounts.find((a) => a.id === invite.accountId);
      const drop = !used && account !== undefined && account.passwordHash === undefined;
      const accounts = drop ? data.accounts.filter((a) => a.id !== account.id) : data.accounts;
      const invites = liveInvites(data, now).filter((i) => i.id !== inviteId);
      return { next: { accounts, invites }, value: true };
    });
  }

  /**
   * One change at a time, each computed from the book as the store holds it (for the file, as the
   * one before left it); memory changes only once the store holds the new book (a failed write
   * changes nothing).
   */
  private mutate<T>(change: BookChange<T>): Promise<T> {
    return this.queue(async () => {
      const { data, value } = await this.store.update(this.data, change);
      this.data = data;
      return value;
    });
  }

  private queue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.saving.then(work);
    this.saving = run.then(
      () => {},
      () => {},
    );
    return run;
  }
}

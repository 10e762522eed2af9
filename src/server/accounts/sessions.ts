/**
 * Signed-in sessions (docs/accounts.md, "Sessions"). A session is a random 256-bit token, held by
 * the browser in the HttpOnly `dd_session` cookie (or sent as a bearer token by programs), and
 * stored here only as its SHA-256, with its account, its CSRF token, when it began and when it
 * was last used. It ends after `idleMs` unused or `absoluteMs` after it began, whichever is first.
 *
 * Kept through a SessionStore so a restart does not sign anyone out (the file store's
 * DATA_DIR/sessions.json, rewritten atomically; or PostgreSQL's `session` table,
 * store/pg/pg-session-store.ts, shared by every instance). Each request moves the last use on in
 * memory; the store is written at once on sign-in and sign-out, and for last uses at most once a
 * minute, so after a crash a session may end up to a minute early, never late. With several
 * instances, each reloads the stored sessions when another changed them (`reload()`, through the
 * change feed): a session begun on one works on the others, one ended on one ends on all.
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../store/durable-file.ts';
import { hashSecret, newSecret } from '../http/secrets.ts';

export interface SessionRecord {
  /** SHA-256 (hex) of the session token. */
  hash: string;
  accountId: string;
  csrfToken: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  lastUsedAt: number;
}

/** What a write to the store is for (a store kept whole ignores it; a database applies it). */
export type SessionChange =
  | { kind: 'add'; session: SessionRecord }
  | { kind: 'end'; hash: string }
  | { kind: 'end-account'; accountId: string }
  /** Last uses moved on (and expired sessions dropped). */
  | { kind: 'touch' };

export interface SessionStore {
  load(): Promise<SessionRecord[]>;
  /** `sessions`: every live session once `change` is made. */
  save(sessions: readonly SessionRecord[], change: SessionChange): Promise<void>;
}

export class FileSessionStore implements SessionStore {
  constructor(private readonly path: string) {}

  async load(): Promise<SessionRecord[]> {
    try {
      const data = JSON.parse(await readFile(this.path, 'utf8')) as { sessions?: unknown };
      return Array.isArray(data.sessions) ? (data.sessions as SessionRecord[]) : [];
    } catch (e) {
      // A missing file is no session; a damaged one too (everyone signs in again, nothing worse).
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' || e instanceof SyntaxError) return [];
      throw e;
    }
  }

  save(sessions: readonly SessionRecord[]): Promise<void> {
    return writeFileAtomic(this.path, `${JSON.stringify({ sessions })}\n`);
  }
}

export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
}

export const SESSION_LIMITS: SessionLimits = {
  idleMs: 30 * 60 * 1000,
  absoluteMs: 12 * 60 * 60 * 1000,
};

/** Last uses are written to the store at most this often. */
const TOUCH_PERSIST_MS = 60_000;

export interface NewSession {
  token: string;
  session: SessionRecord;
}

export class OrganiserSessions {
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly limits: SessionLimits;
  private saving: Promise<void> = Promise.resolve();
  /** The latest write, failing if it failed (what saved() answers). */
  private lastWrite: Promise<void> = Promise.resolve();
  private lastSaved = 0;

  /**
   * `limits` as a number: one lifetime for both (in-process tests that make their own sessions).
   * Without a store, sessions live in memory only.
   */
  constructor(
    limits: SessionLimits | number,
    private readonly now: () => Date,
    private readonly store: SessionStore | null = null,
    private readonly log: (line: string) => void = () => {},
  ) {
    this.limits = typeof limits === 'number' ? { idleMs: limits, absoluteMs: limits } : limits;
  }

  static async open(
    store: SessionStore,
    limits: SessionLimits,
    now: () => Date,
    log: (line: string) => void,
  ): Promise<OrganiserSessions> {
    const sessions = new OrganiserSessions(limits, now, store, log);
    for (const s of await store.load()) {
      if (sessions.live(s)) sessions.sessions.set(s.hash, s);
    }
    sessions.lastSaved = now().getTime();
    return sessions;
  }

  /** A new session for the account; await `saved()` before handing the token out. */
  create(accountId = 'organiser'): NewSession & { expiresAt: string } {
    const token = newSecret();
    const at = this.now().getTime();
    const session: SessionRecord = {
      hash: hashSecret(token),
      accountId,
      csrfToken: newSecret(),
      createdAt: at,
      lastUsedAt: at,
    };
    this.prune();
    this.sessions.set(session.hash, session);
    // Works at once from memory; if the disk refuses it, only a restart would forget it.
    void this.persist({ kind: 'add', session }).catch((e: unknown) =>
      this.log(`Could not save a new session: ${String(e)}`),
    );
    return { token, session, expiresAt: this.expiry(session).expiresAt };
  }

  /** The live session with this token hash, its last use moved to now; undefined if none. */
  use(hash: string): SessionRecord | undefined {
    const session = this.sessions.get(hash);
    if (session === undefined) return undefined;
    if (!this.live(session)) {
      this.sessions.delete(hash);
      return undefined;
    }
    session.lastUsedAt = this.now().getTime();
    if (this.store !== null && session.lastUsedAt - this.lastSaved >= TOUCH_PERSIST_MS) {
      void this.persist({ kind: 'touch' }).catch((e: unknown) =>
        this.log(`Could not save the sessions' last use: ${String(e)}`),
      );
    }
    return session;
  }

  /** Whether a session with this token hash is live (without counting as a use). */
  isValid(hash: string): boolean {
    const session = this.sessions.get(hash);
    return session !== undefined && this.live(session);
  }

  /** When the session ends for good, and when it ends if unused meanwhile (ISO 8601). */
  expiry(session: SessionRecord): { expiresAt: string; idleExpiresAt: string } {
    const absolute = session.createdAt + this.limits.absoluteMs;
    const idle = Math.min(absolute, session.lastUsedAt + this.limits.idleMs);
    return {
      expiresAt: new Date(absolute).toISOString(),
      idleExpiresAt: new Date(idle).toISOString(),
    };
  }

  /** Ends one session (sign out). */
  end(hash: string): Promise<void> {
    this.sessions.delete(hash);
    return this.persist({ kind: 'end', hash });
  }

  /** Ends every session of the account (sign out everywhere, account disabled or reset). */
  endAll(accountId: string): Promise<void> {
    for (const [hash, s] of this.sessions)
      if (s.accountId === accountId) this.sessions.delete(hash);
    return this.persist({ kind: 'end-account', accountId });
  }

  /** Writes the sessions with their last uses now (a clean shutdown). */
  flush(): Promise<void> {
    return this.persist({ kind: 'touch' });
  }

  /**
   * Takes the sessions as stored now (another instance began or ended some), once this one's own
   * writes are stored. A last use seen here and not yet written is kept: the later of the two.
   */
  reload(): Promise<void> {
    const store = this.store;
    if (store === null) return Promise.resolve();
    const run = this.saving.then(async () => {
      const stored = await store.load();
      const mine = new Map(this.sessions);
      this.sessions.clear();
      for (const s of stored) {
        const seen = mine.get(s.hash);
        if (seen !== undefined) s.lastUsedAt = Math.max(s.lastUsedAt, seen.lastUsedAt);
        if (this.live(s)) this.sessions.set(s.hash, s);
      }
    });
    this.saving = run.catch(() => {});
    return run;
  }

  /** Resolves once the store holds every session made or ended so far; rejects if it failed. */
  saved(): Promise<void> {
    // Rejects when the latest write failed: a sign-in is not answered with a session the store
    // does not hold (other instances would never know it; a restart would forget it).
    return this.lastWrite;
  }

  private live(s: SessionRecord): boolean {
    const now = this.now().getTime();
    return now < s.createdAt + this.limits.absoluteMs && now < s.lastUsedAt + this.limits.idleMs;
  }

  private prune(): void {
    for (const [hash, s] of this.sessions) if (!this.live(s)) this.sessions.delete(hash);
  }

  /** Writes the live sessions, one write at a time and in order. */
  private persist(change: SessionChange): Promise<void> {
    const store = this.store;
    if (store === null) return Promise.resolve();
    this.lastSaved = this.now().getTime();
    const write = this.saving.then(() => {
      this.prune();
      return store.save([...this.sessions.values()], change);
    });
    this.saving = write.catch(() => {});
    this.lastWrite = write;
    return write;
  }
}

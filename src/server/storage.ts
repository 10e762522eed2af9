/**
 * Everything the tally server keeps, opened in one place (issue 12): the tally files on the local
 * disk under DATA_DIR (the default), or PostgreSQL when DATABASE_URL is set. The HTTP layer sees
 * the same interfaces either way.
 */
import { join } from 'node:path';
import { AccountBook, FileAccountStore } from './accounts/account-book.ts';
import { FileSessionStore, OrganiserSessions, type SessionLimits } from './accounts/sessions.ts';
import { FileTallyStore } from './store/file-tally-store.ts';
import { FileRegisterStore, type RegisterStore } from './store/register-store.ts';
import { FileEqualitiesStore, type EqualitiesStore } from './store/equalities-store.ts';
import { FilePublicationStore, type PublicationStore } from './store/publication-store.ts';
import { FileAuditTrail, type AuditTrail } from './store/audit-trail.ts';
import type { TallyStore } from './store/tally-store.ts';
import type { Pool } from './store/pg/database.ts';

export interface Storage {
  kind: 'file' | 'postgres';
  /** PostgreSQL's pool (the rate limits count there too: limits.ts); null for the file store. */
  pool: Pool | null;
  store: TallyStore;
  registers: RegisterStore;
  equalities: EqualitiesStore;
  publications: PublicationStore;
  audit: AuditTrail;
  accounts: AccountBook;
  sessions: OrganiserSessions;
  /**
   * Before each API request: catch up on what other instances changed (PostgreSQL, one query when
   * nothing moved). The file store has one writer, this process: nothing to do.
   */
  refresh(): Promise<void>;
  /** Waits for writes in progress, then closes files and connections. */
  close(): Promise<void>;
}

export interface StorageOptions {
  dataDir: string;
  databaseUrl: string | null;
  sessions: SessionLimits;
  log: (line: string) => void;
  now: () => Date;
}

export async function openStorage(options: StorageOptions): Promise<Storage> {
  if (options.databaseUrl !== null) {
    // Loaded only when asked for: a fun day's laptop never loads the PostgreSQL client.
    const { openPostgresStorage } = await import('./store/pg/pg-storage.ts');
    return openPostgresStorage({ ...options, databaseUrl: options.databaseUrl });
  }
  return openFileStorage(options);
}

async function openFileStorage({ dataDir, sessions: limits, log, now }: StorageOptions) {
  const store = await FileTallyStore.open(dataDir, { log, now });
  // The registration desks' registers: a folder of their own, never in the tally files.
  const registers = await FileRegisterStore.open(join(dataDir, 'registers'), log);
  // Equalities answers: a folder of their own too, never in the tally files.
  const equalities = await FileEqualitiesStore.open(join(dataDir, 'equalities'));
  // Published results: snapshots of final counts, public; never the tally files themselves.
  const publications = await FilePublicationStore.open(join(dataDir, 'published'), log);
  // Who did what: append-only, never a ballot (src/core/audit.ts).
  const audit = await FileAuditTrail.open(join(dataDir, 'audit.jsonl'), log);
  // Named accounts and their sessions (docs/accounts.md): a restart signs nobody out.
  const accounts = await AccountBook.open(new FileAccountStore(join(dataDir, 'accounts.json')));
  const sessions = await OrganiserSessions.open(
    new FileSessionStore(join(dataDir, 'sessions.json')),
    limits,
    now,
    log,
  );
  const storage: Storage = {
    kind: 'file',
    pool: null,
    store,
    registers,
    equalities,
    publications,
    audit,
    accounts,
    sessions,
    refresh: () => Promise.resolve(),
    close: async () => {
      await sessions
        .flush()
        .catch((e: unknown) => log(`Could not save the sessions: ${String(e)}`));
      await store.close();
      await registers.close();
      await equalities.close();
      await publications.close();
    },
  };
  return storage;
}

/**
 * What an empty data folder needs so a volunteer can start the server with no set-up: the demo
 * event with a join code, and a first organiser account to sign in with. The demo is created
 * exactly as an organiser's event from a whole definition is (checked the same way), except that
 * it starts open, so stations can vote on it at once.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_EVENT } from '../core/demo-event.ts';
import { problemSummary } from '../core/problem.ts';
import { JOIN_CODE_ALPHABET } from '../core/protocol.ts';
import { EventService } from './events/event-service.ts';
import { randomChars } from './join-code.ts';
import type { AccountBook } from './accounts/account-book.ts';
import { hashPassword, verifyPassword } from './accounts/passwords.ts';
import type { TallyStore } from './store/tally-store.ts';

export async function ensureAnEvent(store: TallyStore, log: (line: string) => void): Promise<void> {
  // A damaged event still counts: a new demo must not be created over (or beside) it.
  if (store.events().length > 0 || store.unopened().length > 0) return;
  const created = await new EventService(store).create(
    { from: 'definition', definition: DEMO_EVENT },
    'server (first start)',
    'open',
  );
  // Another server instance on the same database created it a moment ago (issue 12).
  if (!created.ok && created.error.code === 'event-exists') return;
  if (!created.ok) {
    const problems = (created.error.problems ?? []).map((p) => problemSummary(p)).join('; ');
    throw new Error(`The demo event was refused: ${created.error.message} ${problems}`);
  }
  log(`Created the demo event "${created.value.event.name}".`);
}

/** Where the one shared organiser password was kept before named accounts (issue 11). */
export const PASSWORD_FILE = 'organiser-password.txt';

/** The first account's name. */
export const FIRST_ACCOUNT = 'organiser';

/** A new password: 16 easy-to-read characters in fours (about 74 bits). */
function generatedPassword(): string {
  const chars = randomChars(16, JOIN_CODE_ALPHABET.toLowerCase());
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4)).join('-');
}

async function readOldPassword(path: string): Promise<string | null> {
  try {
    const stored = (await readFile(path, 'utf8')).trim();
    return stored === '' ? null : stored;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * The first account (docs/accounts.md, "First start"). With no account yet, creates `organiser`
 * (role organiser) whose password is, in this order: ORGANISER_PASSWORD when set; the shared
 * password of a server from before accounts (organiser-password.txt, then removed: nobody is
 * locked out by the upgrade, and the password no longer lies in the data folder in clear);
 * else a new one, printed this once and kept nowhere but as its hash.
 *
 * ORGANISER_PASSWORD set on a later start makes it the password of the account named `organiser`
 * again: the way back in for whoever lost it (it is the server operator's to set).
 *
 * Several instances starting at once on an empty database (PostgreSQL): the name is decided in
 * the database, so one creates the account and the others find it there, as at a restart.
 */
export async function ensureFirstAccount(
  book: AccountBook,
  dataDir: string,
  envPassword: string | null,
  log: (line: string) => void,
  now: () => Date,
): Promise<void> {
  const oldFile = join(dataDir, PASSWORD_FILE);
  const existing = book.byName(FIRST_ACCOUNT);
  if (book.accounts().length > 0) {
    if (envPassword !== null && existing !== undefined) {
      const same =
        existing.passwordHash !== undefined &&
        (await verifyPassword(envPassword, existing.passwordHash));
      if (!same) await book.setPassword(existing.id, await hashPassword(envPassword));
      log(`Organiser account "${FIRST_ACCOUNT}": password as set in ORGANISER_PASSWORD`);
    }
    return;
  }
  const old = envPassword === null ? await readOldPassword(oldFile) : null;
  const password = envPassword ?? old ?? generatedPassword();
  const created = await book.create(
    {
      name: FIRST_ACCOUNT,
      role: 'organiser',
      createdBy: 'server (first start)',
      passwordHash: await hashPassword(password),
    },
    now(),
  );
  if (!created.ok && created.error.code === 'name-taken') {
    // Another instance on the same database made it first (the book now holds it): as a restart.
    return ensureFirstAccount(book, dataDir, envPassword, log, now);
  }
  if (!created.ok) throw new Error(`The first account was refused: ${created.error.code}`);
  if (envPassword !== null) {
    log(`Created the organiser account "${FIRST_ACCOUNT}": password as set in ORGANISER_PASSWORD`);
  } else if (old !== null) {
    log(
      `Created the organiser account "${FIRST_ACCOUNT}" with the password from ${oldFile} (the file is now removed)`,
    );
  } else {
    log(
      `Created the organiser account "${FIRST_ACCOUNT}", password: ${password} (shown only this once: write it down)`,
    );
  }
  // Only once the account holding it is stored: a crash before leaves the file for the next start.
  await rm(oldFile, { force: true });
}

/**
 * What an empty data folder needs so a volunteer can start the server with no set-up: the demo
 * event with a join code, and an organiser password that survives restarts. The demo is created
 * exactly as an organiser's event from a whole definition is (checked the same way), except that
 * it starts open, so stations can vote on it at once.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_EVENT } from '../core/demo-event.ts';
import { problemSummary } from '../core/problem.ts';
import { JOIN_CODE_ALPHABET } from '../core/protocol.ts';
import { EventService } from './events/event-service.ts';
import { randomChars } from './join-code.ts';
import { writeFileAtomic } from './store/durable-file.ts';
import type { TallyStore } from './store/tally-store.ts';

export async function ensureAnEvent(store: TallyStore, log: (line: string) => void): Promise<void> {
  // A damaged event still counts: a new demo must not be created over (or beside) it.
  if (store.events().length > 0 || store.unopened().length > 0) return;
  const created = await new EventService(store).create(
    { from: 'definition', definition: DEMO_EVENT },
    'server (first start)',
    'open',
  );
  if (!created.ok) {
    const problems = (created.error.problems ?? []).map((p) => problemSummary(p)).join('; ');
    throw new Error(`The demo event was refused: ${created.error.message} ${problems}`);
  }
  log(`Created the demo event "${created.value.event.name}".`);
}

const PASSWORD_FILE = 'organiser-password.txt';

/** The stored password, or a new one: 16 easy-to-read characters (about 74 bits). */
export async function organiserPassword(
  dataDir: string,
): Promise<{ password: string; generated: boolean; path: string }> {
  const path = join(dataDir, PASSWORD_FILE);
  try {
    const stored = (await readFile(path, 'utf8')).trim();
    if (stored !== '') return { password: stored, generated: false, path };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const chars = randomChars(16, JOIN_CODE_ALPHABET.toLowerCase());
  const password = [0, 4, 8, 12].map((i) => chars.slice(i, i + 4)).join('-');
  await writeFileAtomic(path, `${password}\n`);
  return { password, generated: true, path };
}

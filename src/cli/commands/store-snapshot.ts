/**
 * Reading a DATA_DIR as one consistent snapshot, even while a tally server is writing to it
 * (`decision-day store backup`, and the file side of `store copy`).
 *
 * What the server writes, and how each kind is read here:
 * - An event's tally file (`events/<id>/tally.jsonl`) is append-only and sealed after every
 *   append, and an append is acknowledged only once sealed and fsynced. It is read FIRST in its
 *   folder and cut after its last seal (recover-tally.ts, as the server does at start): an append
 *   in progress is left out — it was never acknowledged — and every ballot acknowledged before
 *   the read began is in.
 * - The event's other files are read after its tally file, so they are at least as new: the
 *   station registry knows every station whose ballots are in the copy, the code book every code
 *   they used (a station or code newer than the copied tally is harmless). Logs (`*.jsonl`,
 *   `*.ndjson`) are cut after their last whole line (a torn last line was never acknowledged).
 * - Files replaced whole (accounts.json, stations.json, codes.json, meta.json, pictures,
 *   publications…) are written to a temporary file and renamed over the old one: reading one
 *   gives the old version or the new one, never half of either. Their temporary files
 *   (`.<name>.<random>.tmp`) are skipped.
 * - Pictures and everything outside `events/` are read after every event's tally file, so a
 *   picture a copied event definition names is in the copy.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { problemSummary } from '../../core/problem.ts';
import { recoverTallyFile } from '../../server/store/recover-tally.ts';

export const TALLY_FILE = 'tally.jsonl';

/** One file of the snapshot: its path under DATA_DIR (with `/`) and its bytes. */
export interface SnapshotFile {
  path: string;
  bytes: Buffer;
}

/** One event folder of the snapshot, its tally file first. */
export interface EventSnapshot {
  folder: string;
  /** The tally file's event id, ballots and head, when it reads (else `damaged` says why). */
  eventId: string | null;
  ballots: number;
  files: SnapshotFile[];
  /** A sentence when the tally file does not read as a whole (it is copied as it is). */
  damaged: string | null;
  /** A sentence when an unsealed tail was left out. */
  cut: string | null;
}

/** A temporary file of an atomic replace: never part of the data. */
const TEMPORARY = /^\..+\.[0-9a-f]{12}\.tmp$|\.[0-9a-f]{12}\.tmp$/;
const LOG = /\.(jsonl|ndjson)$/;

/** A log's bytes up to and including its last line break. */
export function wholeLines(bytes: Buffer): Buffer {
  return bytes.subarray(0, bytes.lastIndexOf(0x0a) + 1);
}

async function filesUnder(dir: string, prefix = '', skip = ''): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  });
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name === skip) continue;
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await filesUnder(join(dir, entry.name), path)));
    else if (entry.isFile() && !TEMPORARY.test(entry.name)) out.push(path);
  }
  return out;
}

/** Reads one file as the snapshot rules say; null when it went away meanwhile (a deletion). */
async function readRule(dataDir: string, path: string): Promise<Buffer | null> {
  try {
    const bytes = await readFile(join(dataDir, path));
    return LOG.test(path) ? wholeLines(bytes) : bytes;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** The event folders under DATA_DIR/events, sorted. */
export async function eventFolders(dataDir: string): Promise<string[]> {
  const entries = await readdir(join(dataDir, 'events'), { withFileTypes: true }).catch(
    (e: unknown) => {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    },
  );
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
}

/**
 * One event folder: its tally file (cut after its last seal), then its other files. null when
 * the folder has no tally file (an event still being created: nothing of it was acknowledged).
 */
export async function readEventFolder(
  dataDir: string,
  folder: string,
): Promise<EventSnapshot | null> {
  const base = `events/${folder}`;
  let tally: Buffer;
  try {
    tally = await readFile(join(dataDir, base, TALLY_FILE));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const snapshot: EventSnapshot = {
    folder,
    eventId: null,
    ballots: 0,
    files: [],
    damaged: null,
    cut: null,
  };
  const recovery = recoverTallyFile(tally.toString('utf8'));
  if (recovery.kind === 'damaged') {
    snapshot.damaged = problemSummary(recovery.problem);
  } else {
    if (recovery.kind === 'cut') {
      tally = tally.subarray(0, recovery.keepBytes);
      snapshot.cut = problemSummary(recovery.problem);
    }
    snapshot.eventId = recovery.contents.event.id;
    snapshot.ballots = recovery.contents.head.ballots;
  }
  snapshot.files.push({ path: `${base}/${TALLY_FILE}`, bytes: tally });
  for (const name of await filesUnder(join(dataDir, base))) {
    if (name === TALLY_FILE) continue;
    const bytes = await readRule(dataDir, `${base}/${name}`);
    if (bytes !== null) snapshot.files.push({ path: `${base}/${name}`, bytes });
  }
  return snapshot;
}

/** Every file outside `events/` (pictures, accounts, audit trail, registers…), by the rules. */
export async function* otherFiles(dataDir: string): AsyncGenerator<SnapshotFile> {
  for (const path of await filesUnder(dataDir, '', 'events')) {
    const bytes = await readRule(dataDir, path);
    if (bytes !== null) yield { path, bytes };
  }
}

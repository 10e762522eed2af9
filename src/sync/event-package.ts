/**
 * Loading an event onto a station from an event package file (USB stick, share sheet), with no
 * network at all. The file is verified with the same core code the tally server uses
 * (core/event-package.ts): the definition is valid, its hash is the one in the file, every picture
 * hashes to its name. A file that fails any check changes nothing on the station.
 *
 * The pictures are kept in IndexedDB (the `pictures` table); the voter's screens ask for them by
 * their server path, which the service worker answers from its picture cache, filled from that
 * table (app/station/picture-cache.ts).
 */
import { saveCodeList } from '../db/code-repo.ts';
import { MAX_PACKAGE_BYTES } from '../core/events-api.ts';
import {
  readEventPackage,
  type EventPackage,
  type EventPackageProblemCode,
} from '../core/event-package.ts';
import { problemOf, type Problem } from '../core/problem.ts';
import { err, ok, type Result } from '../core/result.ts';
import type { StationDatabase } from '../db/database.ts';
import {
  checkSwitch,
  loadEvent,
  type SwitchCheck,
  type SwitchProblem,
} from '../db/event-status.ts';

/** File name ending and type of an event package, for the file picker. */
export const PACKAGE_EXTENSION = '.event.json';
export const PACKAGE_ACCEPT = '.json,application/json';

/**
 * Params: too-large {maxMegabytes}; unreadable: the file could not be read or is not JSON; the
 * package codes of core/event-package.ts with their params (unsupported-version {version,
 * supported}, event-hash-mismatch {expected, actual}, picture codes {path}…).
 */
export type PackageFileProblem = Problem<EventPackageProblemCode | 'too-large' | 'unreadable'>;

export const PACKAGE_FILE_PROBLEM_CODES: readonly PackageFileProblem['code'][] = [
  'too-large',
  'unreadable',
  'not-a-package',
  'unsupported-version',
  'bad-event',
  'event-hash-mismatch',
  'picture-hash-mismatch',
  'picture-not-used',
  'picture-missing',
  'bad-picture',
];

/** What the file picker gives: a File, or a test's stand-in. */
export interface PackageFile {
  size: number;
  text(): Promise<string>;
}

/** Reads and verifies a package file. Touches nothing on the station. */
export async function readPackageFile(
  file: PackageFile,
): Promise<Result<EventPackage, PackageFileProblem>> {
  if (file.size > MAX_PACKAGE_BYTES) {
    return err(problemOf('too-large', { maxMegabytes: MAX_PACKAGE_BYTES / 1024 / 1024 }));
  }
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch {
    return err(problemOf('unreadable'));
  }
  const read = readEventPackage(json);
  if (!read.ok) return err(problemOf(read.error.code, read.error.params));
  return ok(read.value);
}

/** Whether loading this package switches the station to another event, and whether it may. */
export function checkPackageSwitch(
  db: StationDatabase,
  pkg: EventPackage,
): Promise<Result<SwitchCheck, SwitchProblem>> {
  return checkSwitch(db, pkg.event.id);
}

/**
 * Stores a verified package as the station's event: its definition, its pictures and its hash.
 * Refused, changing nothing, if ballots of another current event are not synced or exported.
 */
export async function storePackage(
  db: StationDatabase,
  pkg: EventPackage,
): Promise<Result<void, SwitchProblem>> {
  const loaded = await loadEvent(
    db,
    pkg.event,
    { eventHash: pkg.eventHash, state: null, version: null, source: 'package' },
    pkg.pictures.map(({ path, type, bytes }) => ({ path, type, bytes })),
  );
  // The voting codes' tags it carries (never older than a list the station already holds).
  if (loaded.ok && pkg.codes !== undefined) await saveCodeList(db, pkg.codes);
  return loaded;
}

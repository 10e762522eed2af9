/**
 * The station's own counts (ballots released by a volunteer) and its closing sheet.
 * See docs/check-in.md, "Attended start" and "Closing a station".
 *
 * A release is for one voter. It is counted `released` the moment the volunteer (or the
 * registration desk) releases it, durably, before the voter sees "Start". It then ends one of two
 * ways: the voter casts a ballot (counted among the ballots), or it is not used — the voter walks
 * away before Start, cancels, is timed out, or the tablet restarts mid-ballot — and it is counted
 * `unused`. So at closing, released − unused = screen ballots, and a difference means something
 * the volunteer should explain. At most one release waits at a time.
 *
 * Counter rows (table `counters`, key [eventId+name]):
 * - `released`: every release, ever (never goes down);
 * - `unused`: releases that ended without a ballot;
 * - `ready`: 1 while a release waits for its voter to press Start;
 * - `in-use`: 1 while the voter of a release is voting (so a restart mid-ballot is counted unused).
 * None of them says anything about which ballot came from which release.
 */
import type { ClosingSheet } from '../core/closing.ts';
import { problemOf, type Problem } from '../core/problem.ts';
import { err, ok, type Result } from '../core/result.ts';
import type { EventDefinition } from '../core/schema.ts';
import { languageCounts } from './ballot-repo.ts';
import type { StationDatabase } from './database.ts';

type ReleaseCounter = 'released' | 'unused' | 'ready' | 'in-use';
/** The release counters, and ballots cast per language (db/ballot-repo.ts `language:<tag>`). */
export type CounterName = ReleaseCounter | `language:${string}`;

/** A running count no ballot records, e.g. `released`. */
export interface CounterRow {
  eventId: EventDefinition['id'];
  name: CounterName;
  value: number;
}

/**
 * The photo of the paper tally sheet, made small on the tablet (app/station/closing-photo.ts):
 * its bytes, whose SHA-256 the sheet's `photo` names. Bytes, not a Blob, so every browser's
 * IndexedDB keeps it alike.
 */
export interface ClosingPhoto {
  type: 'image/jpeg';
  bytes: ArrayBuffer;
}

/** The closing sheet a volunteer made when closing this station. */
export interface ClosingRow {
  eventId: EventDefinition['id'];
  sheet: ClosingSheet;
  /** Present when `sheet.photo` is: stored in the same write as the sheet. */
  photo?: ClosingPhoto;
  /** ISO time the tally server stored the photo (or refused it for good); absent until then. */
  photoSentAt?: string;
  /** ISO time the tally server acknowledged the sheet; absent until then. */
  sentAt?: string;
  /** The server refused it for good (e.g. `closing-conflict`: it holds another sheet of ours). */
  refused?: string;
}

export interface ReleaseCounts {
  released: number;
  unused: number;
  /** A release is waiting for its voter to press Start. */
  ready: boolean;
  /** The voter of a release is voting now. */
  inUse: boolean;
}

/** already-released: a release still waits for its voter; station-closed: no new ballots. */
export type ReleaseProblem = Problem<'already-released' | 'station-closed'>;
export const RELEASE_PROBLEM_CODES = ['already-released', 'station-closed'] as const;

const NAMES: readonly ReleaseCounter[] = ['released', 'unused', 'ready', 'in-use'];

async function read(db: StationDatabase, eventId: string): Promise<Record<ReleaseCounter, number>> {
  const rows = await db.counters.bulkGet(NAMES.map((name) => [eventId, name]));
  const out = { released: 0, unused: 0, ready: 0, 'in-use': 0 };
  rows.forEach((row, i) => {
    const name = NAMES[i];
    if (row !== undefined && name !== undefined) out[name] = row.value;
  });
  return out;
}

const put = (db: StationDatabase, eventId: string, name: CounterName, value: number) =>
  db.counters.put({ eventId, name, value });

export async function counts(db: StationDatabase, eventId: string): Promise<ReleaseCounts> {
  const c = await read(db, eventId);
  return { released: c.released, unused: c.unused, ready: c.ready > 0, inUse: c['in-use'] > 0 };
}

/**
 * Releases one ballot (after the volunteer's PIN, or from the registration desk). Durable before
 * it resolves; refused while another release waits, or once the station is closed.
 */
export async function releaseBallot(
  db: StationDatabase,
  eventId: string,
): Promise<Result<ReleaseCounts, ReleaseProblem>> {
  return db.transaction('rw', db.counters, db.closings, async () => {
    if ((await db.closings.get(eventId)) !== undefined) return err(problemOf('station-closed'));
    const c = await read(db, eventId);
    if (c.ready > 0) return err(problemOf('already-released'));
    await put(db, eventId, 'released', c.released + 1);
    await put(db, eventId, 'ready', 1);
    return ok({ released: c.released + 1, unused: c.unused, ready: true, inUse: c['in-use'] > 0 });
  });
}

/** The voter pressed Start: takes the waiting release. False when none was waiting. */
export async function takeRelease(db: StationDatabase, eventId: string): Promise<boolean> {
  return db.transaction('rw', db.counters, async () => {
    const c = await read(db, eventId);
    if (c.ready === 0) return false;
    await put(db, eventId, 'ready', 0);
    await put(db, eventId, 'in-use', 1);
    return true;
  });
}

/**
 * The ballot of a release ended: cast (counted among the ballots) or not (counted unused). Does
 * nothing when no release was in use, so calling it for a ballot that needed none is harmless.
 */
export async function releaseEnded(
  db: StationDatabase,
  eventId: string,
  cast: boolean,
): Promise<void> {
  await db.transaction('rw', db.counters, async () => {
    const c = await read(db, eventId);
    if (c['in-use'] === 0) return;
    await put(db, eventId, 'in-use', 0);
    if (!cast) await put(db, eventId, 'unused', c.unused + 1);
  });
}

/** A waiting release nobody started (the voter walked away): taken back and counted unused. */
export async function withdrawRelease(db: StationDatabase, eventId: string): Promise<void> {
  await db.transaction('rw', db.counters, async () => {
    const c = await read(db, eventId);
    if (c.ready === 0) return;
    await put(db, eventId, 'ready', 0);
    await put(db, eventId, 'unused', c.unused + 1);
  });
}

/**
 * At start-up: a release that was in use when the app stopped lost its ballot (nothing of an
 * unfinished ballot survives a restart), so it is counted unused. A waiting one stays waiting.
 */
export async function recoverReleases(db: StationDatabase, eventId: string): Promise<void> {
  await releaseEnded(db, eventId, false);
}

/** The counts for a closing sheet, as they stand now (the volunteer adds the note). */
export type ClosingFigures = Omit<ClosingSheet, 'station' | 'stationName' | 'closedAt' | 'note'>;

export async function closingFigures(
  db: StationDatabase,
  eventId: string,
  options: { attended: boolean },
): Promise<ClosingFigures> {
  return db.transaction(
    'r',
    [db.ballots, db.outbox, db.counters, db.usedCodes, db.registrations],
    async () => {
      const ballots = await db.ballots.where('eventId').equals(eventId).toArray();
      const paperBallots = ballots.filter((b) => b.paper === true).length;
      const outbox = await db.outbox
        .where('[eventId+state]')
        .between([eventId, ''], [eventId, '\uffff'])
        .toArray();
      const waiting = outbox.filter((r) => r.state === 'waiting').length;
      const codesUsed = await db.usedCodes.where('eventId').equals(eventId).count();
      const checkIns = await db.registrations.where('eventId').equals(eventId).count();
      const c = await read(db, eventId);
      const languages = await languageCounts(db, eventId);
      return {
        // A release still waiting (or in use, which the volunteer area ended) will never be used.
        ...(options.attended || c.released > 0
          ? { released: c.released, unused: c.unused + c.ready + c['in-use'] }
          : {}),
        ...(checkIns > 0 ? { checkIns } : {}),
        codesUsed,
        screenBallots: ballots.length - paperBallots,
        paperBallots,
        // Acknowledged by the server: no outbox row left (rejected and rehearsal rows stay).
        synced: ballots.length - outbox.length,
        waiting,
        ...(Object.keys(languages).length > 0 ? { languages } : {}),
      };
    },
  );
}

export function getClosing(db: StationDatabase, eventId: string): Promise<ClosingRow | undefined> {
  return db.closings.get(eventId);
}

/**
 * Closes the station for this event, durably, with the photo of the paper tally sheet if there is
 * one (the sheet's `photo` must then be its SHA-256); refused if it is closed already.
 */
export async function closeStation(
  db: StationDatabase,
  eventId: string,
  sheet: ClosingSheet,
  photo?: ClosingPhoto,
): Promise<Result<ClosingRow, Problem<'already-closed'>>> {
  return db.transaction('rw', db.closings, db.counters, async () => {
    if ((await db.closings.get(eventId)) !== undefined) return err(problemOf('already-closed'));
    // A release still waiting (or in use) will never be used now: unused, as the sheet says.
    const c = await read(db, eventId);
    if (c.ready + c['in-use'] > 0) {
      await put(db, eventId, 'ready', 0);
      await put(db, eventId, 'in-use', 0);
      await put(db, eventId, 'unused', c.unused + c.ready + c['in-use']);
    }
    const row: ClosingRow = { eventId, sheet, ...(photo === undefined ? {} : { photo }) };
    await db.closings.add(row);
    return ok(row);
  });
}

/** The tally server has the sheet (a sync answered, or it was already there), or refused it. */
export async function markClosingSent(
  db: StationDatabase,
  eventId: string,
  at: Date,
  refused?: string,
): Promise<void> {
  await db.closings.update(eventId, {
    sentAt: at.toISOString(),
    ...(refused === undefined ? {} : { refused }),
  });
}

/** The tally server has stored the photo of the paper tally sheet (or had it already). */
export async function markClosingPhotoSent(
  db: StationDatabase,
  eventId: string,
  at: Date,
): Promise<void> {
  await db.closings.update(eventId, { photoSentAt: at.toISOString() });
}

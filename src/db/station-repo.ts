/** This tablet's settings: its name, random station id, event and the volunteer PIN. */
import { problemOf, type Problem } from '../core/problem.ts';
import { err, ok, type Result } from '../core/result.ts';
import type { EventDefinition } from '../core/schema.ts';
import type { TextProblem } from '../core/text/text-problems.ts';
import type { StationDatabase, StationRow } from './database.ts';
import { pinMatches } from './pin.ts';

/** What the UI may know about the station: never the PIN hash. */
export interface Station {
  stationId: string;
  name: string;
  eventId: EventDefinition['id'];
  /** How long a ballot may sit untouched on this station (WCAG 2.2.1); the app sets the times. */
  voterTime: VoterTime;
}

export type VoterTime = NonNullable<StationRow['voterTime']>;
export const VOTER_TIMES: readonly VoterTime[] = ['normal', 'longer', 'much-longer'];

/**
 * Params: name-too-long {max} (characters as a reader counts them); pin-format {min, max}
 * (digits). A name that could deceive (an invisible or bidi character…) is a TextProblem
 * (core/text/name.ts), worded as `problem.text.*`.
 */
export type SetUpProblemCode =
  'name-missing' | 'name-too-long' | 'pin-format' | 'pins-differ' | 'already-set-up';
export type SetUpProblem = Problem<SetUpProblemCode> | TextProblem;
export const SET_UP_PROBLEM_CODES: readonly SetUpProblemCode[] = [
  'name-missing',
  'name-too-long',
  'pin-format',
  'pins-differ',
  'already-set-up',
];

/** Params: wrong-pin {triesLeft}; locked {seconds} (how long the lockout had left when checked). */
export type PinProblem =
  | (Problem<'wrong-pin'> & { triesLeft: number })
  | (Problem<'locked'> & { lockedUntil: number })
  | Problem<'station-not-set-up'>;
export type PinProblemCode = PinProblem['code'];
export const PIN_PROBLEM_CODES: readonly PinProblemCode[] = [
  'wrong-pin',
  'locked',
  'station-not-set-up',
];

export const MAX_PIN_TRIES = 5;
export const PIN_LOCKOUT_MS = 60_000;
export const publicView = ({ stationId, name, eventId, voterTime }: StationRow): Station => ({
  stationId,
  name,
  eventId,
  voterTime: voterTime ?? 'normal',
});

/** A volunteer's choice of time per voter; kept on the tablet, so it survives a reload. */
export async function setVoterTime(db: StationDatabase, voterTime: VoterTime): Promise<void> {
  await db.station.update('this', { voterTime });
}

export async function getStation(db: StationDatabase): Promise<Station | undefined> {
  const row = await db.station.get('this');
  return row && publicView(row);
}

/**
 * Checks the volunteer PIN. After MAX_PIN_TRIES wrong tries in a row, refuses every PIN for
 * PIN_LOCKOUT_MS; the count is on disk so reloading the page does not give more guesses.
 *
 * Safe under parallel guesses (several tabs on one profile, issue 11): the PIN's hash is worked
 * out first (WebCrypto work would end an IndexedDB transaction), then ONE read-write transaction
 * re-reads the row, refuses while a lock holds (even the right PIN), and counts by
 * read-modify-write. Nothing ever lowers a lock: a right PIN resets only the count, and a new
 * lock is never earlier than one already set.
 */
export async function checkPin(
  db: StationDatabase,
  pin: string,
  now: Date,
): Promise<Result<void, PinProblem>> {
  const row = await db.station.get('this');
  if (!row) return err(problemOf('station-not-set-up'));
  // Not judged here, only spared the hashing work: the transaction below decides.
  if (row.pinLockedUntil > now.getTime()) return err(lockedProblem(row.pinLockedUntil, now));
  const right = await pinMatches(pin, row.pin);
  return db.transaction('rw', db.station, async (): Promise<Result<void, PinProblem>> => {
    const latest = await db.station.get('this');
    // Set up again meanwhile (a demo reset): the PIN was checked against one no longer there.
    if (!latest || latest.pin.salt !== row.pin.salt) return err(problemOf('station-not-set-up'));
    if (latest.pinLockedUntil > now.getTime()) {
      return err(lockedProblem(latest.pinLockedUntil, now));
    }
    if (right) {
      if (latest.failedPinAttempts !== 0) {
        await db.station.update('this', { failedPinAttempts: 0 });
      }
      return ok(undefined);
    }
    const count = latest.failedPinAttempts + 1;
    if (count < MAX_PIN_TRIES) {
      await db.station.update('this', { failedPinAttempts: count });
      const triesLeft = MAX_PIN_TRIES - count;
      return err({ ...problemOf('wrong-pin', { triesLeft }), triesLeft });
    }
    const lockedUntil = Math.max(latest.pinLockedUntil, now.getTime() + PIN_LOCKOUT_MS);
    await db.station.update('this', { failedPinAttempts: 0, pinLockedUntil: lockedUntil });
    return err(lockedProblem(lockedUntil, now));
  });
}

function lockedProblem(lockedUntil: number, now: Date): PinProblem {
  const seconds = Math.ceil((lockedUntil - now.getTime()) / 1000);
  return { ...problemOf('locked', { seconds }), lockedUntil };
}

/**
 * Casting and counting ballots. A ballot holds the event, this station's random id, the hour
 * (never the minute) and the choice — nothing about who cast it.
 */
import { castHourOf, validateBallot, type BallotProblem } from '../core/ballot.ts';
import { problemOf, type Problem } from '../core/problem.ts';
import { err, ok, type Result } from '../core/result.ts';
import type { Ballot, Choice, EventDefinition } from '../core/schema.ts';
import type { StationDatabase } from './database.ts';

/** The ballot's own problems, or the station's: not set up, or the ballot could not be stored. */
export type CastProblem =
  BallotProblem | Problem<'station-not-set-up' | 'not-saved' | 'code-used-here' | 'station-closed'>;
/**
 * `code-used-here`: the voting code was used on this tablet meanwhile (another tab).
 * `station-closed`: a paper ballot keyed after the station closed (db/paper-repo.ts; a voter's
 * own ballot, started before the closing, is still kept).
 */
export const CAST_PROBLEM_CODES = [
  'station-not-set-up',
  'not-saved',
  'code-used-here',
  'station-closed',
] as const;

export interface CastRequest {
  event: EventDefinition;
  choice: Choice;
  /** Injected so tests control the clock; only its hour is kept. */
  now: Date;
  /** The voter's area answer, only on an event that weights areas (core/questions.ts). */
  area?: string;
  /** The tag of the voting code that opened this ballot (db/code-repo checkCode), if any. */
  code?: string;
  /** Keyed in by a volunteer from a paper ballot (db/paper-repo.ts). */
  paper?: true;
}

/**
 * Validates and stores one ballot. Resolves only once the transaction has committed (and, with
 * the database's strict durability, been flushed to disk): callers may show "thank you" only
 * after an `ok`. A refused or failed ballot leaves the database unchanged.
 */
export async function castBallot(
  db: StationDatabase,
  { event, choice, now, area, code, paper }: CastRequest,
): Promise<Result<Ballot, CastProblem>> {
  try {
    // The outbox row is written in the same transaction: a ballot is never stored unsent-and-
    // forgotten, nor queued without being stored.
    return await db.transaction(
      'rw',
      [db.ballots, db.station, db.outbox, db.eventStatus, db.usedCodes],
      async () => {
        const station = await db.station.get('this');
        if (!station) {
          return err(problemOf('station-not-set-up'));
        }
        const checked = validateBallot(event, {
          id: crypto.randomUUID(),
          eventId: event.id,
          stationId: station.stationId,
          castHour: castHourOf(now),
          choice,
          ...(area !== undefined && { area }),
          ...(code !== undefined && { code }),
          ...(paper === true && { paper }),
        });
        if (!checked.ok) return checked;
        // Which definition it was cast on, and whether as a rehearsal (the event still a draft).
        const status = await db.eventStatus.get(event.id);
        // A voting code is used exactly when its ballot is stored: same transaction. A rehearsal
        // does not use up its card, so it can be tried again.
        if (code !== undefined && status?.state !== 'draft') {
          if ((await db.usedCodes.get([event.id, code])) !== undefined) {
            return err(problemOf('code-used-here'));
          }
          await db.usedCodes.add({ eventId: event.id, tag: code });
        }
        await db.ballots.add(checked.value);
        await db.outbox.add({
          ballotId: checked.value.id,
          eventId: event.id,
          state: 'waiting',
          ...(status && { eventHash: status.eventHash }),
          ...(status?.state === 'draft' && { rehearsal: true }),
        });
        return ok(checked.value);
      },
    );
  } catch (cause) {
    // Storage full, the browser closing the database, a disk error: the voter must not be told
    // their vote counted. The cause is logged for the volunteer's device console.
    console.error('Ballot not saved', cause);
    return err(problemOf('not-saved'));
  }
}

export function countBallots(db: StationDatabase, eventId: EventDefinition['id']): Promise<number> {
  return db.ballots.where('eventId').equals(eventId).count();
}

export function listBallots(
  db: StationDatabase,
  eventId: EventDefinition['id'],
): Promise<Ballot[]> {
  return db.ballots.where('eventId').equals(eventId).toArray();
}

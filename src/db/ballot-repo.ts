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
  /**
   * The language the voter used (a language tag): counted per station in `counters`
   * (`language:<tag>`), never written on the ballot, where a lone language would single it out.
   */
  language?: string;
}

/**
 * Validates and stores one ballot. Resolves only once the transaction has committed (and, with
 * the database's strict durability, been flushed to disk): callers may show "thank you" only
 * after an `ok`. A refused or failed ballot leaves the database unchanged.
 */
export async function castBallot(
  db: StationDatabase,
  { event, choice, now, area, code, paper, language }: CastRequest,
): Promise<Result<Ballot, CastProblem>> {
  try {
    // The outbox row is written in the same transaction: a ballot is never stored unsent-and-
    // forgotten, nor queued without being stored.
    return await db.transaction(
      'rw',
      [db.ballots, db.station, db.outbox, db.eventStatus, db.usedCodes, db.counters],
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
        // Ballots per language: a count, in the same transaction (a rehearsal counts nothing).
        if (language !== undefined && status?.state !== 'draft') {
          const key: [string, string] = [event.id, languageCounter(language)];
          const value = ((await db.counters.get(key))?.value ?? 0) + 1;
          await db.counters.put({ eventId: event.id, name: languageCounter(language), value });
        }
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

/** The counter of ballots cast in a language. */
export const languageCounter = (language: string) => `language:${language}` as const;

/** Ballots cast here in each language (language tag → count), for the sync push and closing. */
export async function languageCounts(
  db: StationDatabase,
  eventId: EventDefinition['id'],
): Promise<Record<string, number>> {
  const rows = await db.counters.where('eventId').equals(eventId).toArray();
  const out: Record<string, number> = {};
  for (const row of rows) {
    if (row.name.startsWith('language:')) out[row.name.slice('language:'.length)] = row.value;
  }
  return out;
}

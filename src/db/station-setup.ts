/**
 * A tablet's first start: the station's name and the volunteer PIN, checked and stored. Apart from
 * station-repo.ts because the name check (core/text/name.ts) is needed only here, and the voter's
 * first screen (which loads station-repo.ts for the PIN) should not download it.
 */
import { problemOf } from '../core/problem.ts';
import { err, ok, type Result } from '../core/result.ts';
import type { EventDefinition } from '../core/schema.ts';
import { checkName, normaliseText } from '../core/text/name.ts';
import type { StationDatabase, StationRow } from './database.ts';
import { hashPin } from './pin.ts';
import { publicView, type SetUpProblem, type Station } from './station-repo.ts';

const PIN_PATTERN = /^\d{4,8}$/;
const MAX_NAME_LENGTH = 60;

export interface SetUpRequest {
  name: string;
  pin: string;
  pinAgain: string;
  eventId: EventDefinition['id'];
}

/** Checks a set-up form without touching the database, so the form can show every problem. */
export function checkSetUp(request: SetUpRequest): SetUpProblem | undefined {
  const name = stationName(request.name);
  const text = checkName(name, MAX_NAME_LENGTH);
  if (name === '' || text?.code === 'text-blank') return problemOf('name-missing');
  if (text?.code === 'text-too-long') return problemOf('name-too-long', text.params);
  if (text) return text;
  if (!PIN_PATTERN.test(request.pin)) return problemOf('pin-format', { min: 4, max: 8 });
  if (request.pin !== request.pinAgain) return problemOf('pins-differ');
  return undefined;
}

/** The name as stored: without the spaces around it, in NFC (issue 11: names that deceive). */
const stationName = (name: string): string => normaliseText(name.trim());

/** First-start set-up. Refused once done: changing the PIN would need the old PIN first. */
export async function setUpStation(
  db: StationDatabase,
  request: SetUpRequest,
): Promise<Result<Station, SetUpProblem>> {
  const problem = checkSetUp(request);
  if (problem) return err(problem);
  // Hash outside the transaction: IndexedDB transactions end when they await non-database work.
  const pin = await hashPin(request.pin);
  const row: StationRow = {
    key: 'this',
    stationId: crypto.randomUUID(),
    name: stationName(request.name),
    eventId: request.eventId,
    pin,
    failedPinAttempts: 0,
    pinLockedUntil: 0,
  };
  return db.transaction('rw', db.station, async () => {
    if (await db.station.get('this')) {
      return err(problemOf('already-set-up'));
    }
    await db.station.add(row);
    return ok(publicView(row));
  });
}

/**
 * The organiser's acknowledgement: a short ordinary QR the station scans to learn which of its
 * transfers the central tally stored. `DDACK1:` and compact JSON.
 */
import { problemOf, type Problem } from '../../core/problem.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { TransferAck } from './types.ts';

const PREFIX = 'DDACK1:';

export function ackText(ack: TransferAck): string {
  return (
    PREFIX + JSON.stringify({ e: ack.eventId, t: ack.transferId, s: ack.stored, a: ack.alreadyHad })
  );
}

const count = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * Params: not-an-ack {} (any other text); other-event {expected, event} when `eventId` is given and
 * the acknowledgement is for another event. API (addition): the optional `eventId`.
 */
export function readAck(
  text: string,
  eventId?: string,
): Result<TransferAck, Problem<'not-an-ack' | 'other-event'>> {
  const trimmed = text.trim();
  const notAnAck = err(problemOf('not-an-ack'));
  if (!trimmed.toUpperCase().startsWith(PREFIX) || trimmed.length > 2000) return notAnAck;
  let data: unknown;
  try {
    data = JSON.parse(trimmed.slice(PREFIX.length));
  } catch {
    return notAnAck;
  }
  if (typeof data !== 'object' || data === null) return notAnAck;
  const { e, t, s, a } = data as Record<string, unknown>;
  if (typeof e !== 'string' || typeof t !== 'string' || e === '' || !/^[0-9a-z]{1,40}$/.test(t)) {
    return notAnAck;
  }
  if (!count(s) || !count(a)) return notAnAck;
  if (eventId !== undefined && e !== eventId) {
    return err(problemOf('other-event', { expected: eventId, event: e }));
  }
  return ok({ eventId: e, transferId: t, stored: s, alreadyHad: a });
}

/**
 * A courier station delivers the tally files it carries for other stations
 * (docs/sync-protocol.md, "Carried tally files"): each one whole, as the other station made it,
 * to `POST /stations/carried` with this station's own token. The server imports it exactly as the
 * organiser's file import does (same checks, same idempotence), so a file delivered twice, or
 * after its own station synced, adds nothing. A file leaves the tablet once the server has
 * imported it; one the server refuses for good (damaged, another event's, a sealed count) is
 * kept apart and shown, never sent again. A draft event takes no import yet: the file waits.
 */
import { API_PREFIX, importResponseSchema } from '../core/protocol.ts';
import { err, ok, type Result } from '../core/result.ts';
import { carriedDelivered, carriedRefused, waitingCarried } from '../db/carried-repo.ts';
import type { SyncRow } from '../db/database.ts';
import { requestJson } from './http.ts';
import { describeHttpProblem, type SyncProblem } from './problems.ts';
import type { CallDeps } from './server-calls.ts';
import { TALLY_FILE_MIME } from './export.ts';

export const CARRIED_PATH = '/stations/carried';

/** Refusals that will never change for this file: it is kept apart, not sent again. */
const FOR_GOOD = new Set([
  'invalid-file',
  'other-event-file',
  'event-final',
  'payload-too-large',
  'invalid-request',
]);

export interface CarriedDelivery {
  /** Files imported (they left the tablet). */
  delivered: number;
  /** Ballots the tally server added from them (not counting ones it already had). */
  added: number;
  /** Files refused for good. */
  refused: number;
}

export async function deliverCarried(
  deps: CallDeps,
  settings: SyncRow,
  timeoutMs: number,
): Promise<Result<CarriedDelivery, SyncProblem>> {
  const outcome: CarriedDelivery = { delivered: 0, added: 0, refused: 0 };
  for (const row of await waitingCarried(deps.db, settings.eventId)) {
    const reply = await requestJson(
      deps.fetch,
      deps.timers,
      {
        url: `${settings.serverUrl}${API_PREFIX}${CARRIED_PATH}`,
        method: 'POST',
        token: settings.token,
        bytes: { type: TALLY_FILE_MIME, data: new TextEncoder().encode(row.text).buffer },
        timeoutMs,
      },
      importResponseSchema,
    );
    if (reply.ok) {
      await carriedDelivered(deps.db, row.transferId);
      outcome.delivered += 1;
      outcome.added += reply.value.added;
      continue;
    }
    const problem = reply.error.kind === 'refused' ? reply.error.problem : undefined;
    if (problem?.code === 'event-not-open') return ok(outcome);
    if (problem !== undefined && FOR_GOOD.has(problem.code)) {
      await carriedRefused(deps.db, row.transferId, {
        code: problem.code,
        params: { ...problem.params },
      });
      outcome.refused += 1;
      continue;
    }
    return err(describeHttpProblem(reply.error, settings.serverUrl));
  }
  return ok(outcome);
}

/**
 * The station's closing sheet goes to the tally server once, after the ballots
 * (docs/sync-protocol.md, "Closing a station"). Idempotent on the server, so a reply lost on the
 * way only means sending the same sheet again. A sheet the server refuses for good (another
 * sheet of this station is already there) is not sent again; a draft's (a rehearsal's) waits.
 */
import { getClosing, markClosingSent } from '../db/closing-repo.ts';
import type { SyncRow } from '../db/database.ts';
import {
  API_PREFIX,
  closingPushResponseSchema,
  PROTOCOL_VERSION,
  type ClosingPushRequest,
} from '../core/protocol.ts';
import { err, ok, type Result } from '../core/result.ts';
import { requestJson } from './http.ts';
import { describeHttpProblem, type SyncProblem } from './problems.ts';
import type { CallDeps } from './server-calls.ts';

/** Sends this station's closing sheet if it has one the server has not acknowledged. */
export async function pushClosing(
  deps: CallDeps,
  settings: SyncRow,
  timeoutMs: number,
): Promise<Result<boolean, SyncProblem>> {
  const closing = await getClosing(deps.db, settings.eventId);
  if (closing === undefined || closing.sentAt !== undefined) return ok(false);
  const body: ClosingPushRequest = {
    protocol: PROTOCOL_VERSION,
    eventId: settings.eventId,
    sheet: closing.sheet,
  };
  const reply = await requestJson(
    deps.fetch,
    deps.timers,
    {
      url: `${settings.serverUrl}${API_PREFIX}/stations/closing`,
      method: 'POST',
      token: settings.token,
      body,
      timeoutMs,
    },
    closingPushResponseSchema,
  );
  if (!reply.ok) {
    const refused = reply.error.kind === 'refused' ? reply.error.problem.code : null;
    // Retrying can never change these answers: no reason to fail every sync for them.
    if (refused === 'closing-conflict') {
      await markClosingSent(deps.db, settings.eventId, deps.now(), refused);
      return ok(false);
    }
    if (refused === 'event-not-open') return ok(false);
    return err(describeHttpProblem(reply.error, settings.serverUrl));
  }
  await markClosingSent(deps.db, settings.eventId, deps.now());
  return ok(true);
}

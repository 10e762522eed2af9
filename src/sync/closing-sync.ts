/**
 * The station's closing sheet goes to the tally server once, after the ballots
 * (docs/sync-protocol.md, "Closing a station"). Idempotent on the server, so a reply lost on the
 * way only means sending the same sheet again. A sheet the server refuses for good (another
 * sheet of this station is already there) is not sent again; a draft's (a rehearsal's) waits.
 * The photo of the paper tally sheet, if any, goes just before the sheet (idempotent by its hash).
 */
import { getClosing, markClosingPhotoSent, markClosingSent } from '../db/closing-repo.ts';
import type { SyncRow } from '../db/database.ts';
import {
  API_PREFIX,
  closingPhotoResponseSchema,
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
  if (closing === undefined) return ok(false);
  // The photo first, so the organiser never sees a sheet whose photo is on its way for long.
  if (closing.photo !== undefined && closing.photoSentAt === undefined) {
    const photo = await requestJson(
      deps.fetch,
      deps.timers,
      {
        url: `${settings.serverUrl}${API_PREFIX}/stations/closing/photo`,
        method: 'POST',
        token: settings.token,
        bytes: { type: closing.photo.type, data: closing.photo.bytes },
        timeoutMs,
      },
      closingPhotoResponseSchema,
    );
    if (!photo.ok) {
      // A photo the server can never take (not a picture, too large: a 4xx other than "try again
      // later") is not sent again; the sheet still goes, naming a photo the organiser lacks.
      const status = photo.error.kind === 'refused' ? photo.error.status : 0;
      const forGood = status >= 400 && status < 500 && status !== 401 && status !== 429;
      if (!forGood) return err(describeHttpProblem(photo.error, settings.serverUrl));
      console.error('The tally server refused the closing photo', photo.error);
    }
    await markClosingPhotoSent(deps.db, settings.eventId, deps.now());
  }
  if (closing.sentAt !== undefined) return ok(false);
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

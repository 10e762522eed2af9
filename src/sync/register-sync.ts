/**
 * The registration desk's register goes to the tally server on its own endpoint, apart from
 * ballots (docs/sync-protocol.md, "Registration desk"): a different request at a different
 * moment, so not even the order of arrival pairs a registration with a ballot. Rows leave the
 * "waiting" state only for the ids the server says are durable; if the organiser has deleted
 * the register, the server says so (to any push, even an empty one, which a tablet holding
 * rows sends in each run for that reason) and this tablet deletes its copy too.
 */
import type { SyncRow } from '../db/database.ts';
import {
  countRegistrations,
  deleteRegister,
  markRegistrationsSent,
  waitingRegistrations,
} from '../db/register-repo.ts';
import {
  API_PREFIX,
  MAX_BATCH_REGISTRATIONS,
  PROTOCOL_VERSION,
  registrationsPushResponseSchema,
  type RegistrationsPushRequest,
} from '../core/protocol.ts';
import { err, ok, type Result } from '../core/result.ts';
import { shuffled } from './backoff.ts';
import { requestJson } from './http.ts';
import { describeHttpProblem, type SyncProblem } from './problems.ts';
import type { CallDeps } from './server-calls.ts';

/** Sends every waiting row of the joined event, in batches; resolves with how many were sent. */
export async function pushRegistrations(
  deps: CallDeps,
  settings: SyncRow,
  timeoutMs: number,
): Promise<Result<number, SyncProblem>> {
  let sent = 0;
  for (;;) {
    const rows = await waitingRegistrations(deps.db, settings.eventId, MAX_BATCH_REGISTRATIONS);
    if (rows.length === 0) {
      // Nothing to send. A tablet still holding rows the server has asks anyway (an empty push)
      // whether the organiser deleted the register, so its copy does not outlive the server's.
      if (sent > 0 || (await countRegistrations(deps.db, settings.eventId)).total === 0) {
        return ok(sent);
      }
    }
    const body: RegistrationsPushRequest = {
      protocol: PROTOCOL_VERSION,
      eventId: settings.eventId,
      registrations: shuffled(rows, deps.random),
    };
    const reply = await requestJson(
      deps.fetch,
      deps.timers,
      {
        url: `${settings.serverUrl}${API_PREFIX}/registrations`,
        method: 'POST',
        token: settings.token,
        body,
        timeoutMs,
      },
      registrationsPushResponseSchema,
    );
    if (!reply.ok) return err(describeHttpProblem(reply.error, settings.serverUrl));
    if (reply.value.deleted) {
      await deleteRegister(deps.db, settings.eventId);
      return ok(sent);
    }
    if (rows.length === 0) return ok(sent);
    // Only ids we sent count. A conflict (the server holds that id with other answers: a
    // random id used twice) is marked sent too: sending it again could never change the answer.
    const ours = new Set(rows.map((r) => r.id));
    const done = [...reply.value.stored, ...reply.value.conflicts].filter((id) => ours.has(id));
    if (done.length === 0) return ok(sent);
    await markRegistrationsSent(deps.db, done);
    sent += done.length;
  }
}

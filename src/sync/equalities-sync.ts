/**
 * Equalities answers go to the tally server on their own endpoint, apart from ballots and after
 * them (docs/sync-protocol.md, "Equalities answers"): a different request at a different moment,
 * shuffled, with no ids, so neither order nor timing pairs an answer with a ballot. A batch keeps
 * its random id until the server has it, so a batch resent after a lost reply is stored once; its
 * rows are deleted from the tablet only once the server says it holds them.
 */
import {
  equalitiesPushResponseSchema,
  type EqualitiesPushRequest,
} from '../core/equalities-protocol.ts';
import { API_PREFIX, PROTOCOL_VERSION } from '../core/protocol.ts';
import { err, ok, type Result } from '../core/result.ts';
import type { SyncRow } from '../db/database.ts';
import { equalitiesBatchStored, takeEqualitiesBatch } from '../db/equalities-repo.ts';
import { requestJson } from './http.ts';
import { describeHttpProblem, type SyncProblem } from './problems.ts';
import type { CallDeps } from './server-calls.ts';

/** Sends every waiting answer of the joined event; resolves with how many were sent. */
export async function pushEqualities(
  deps: CallDeps,
  settings: SyncRow,
  timeoutMs: number,
): Promise<Result<number, SyncProblem>> {
  let sent = 0;
  for (;;) {
    const batch = await takeEqualitiesBatch(deps.db, settings.eventId);
    if (batch === null) return ok(sent);
    const body: EqualitiesPushRequest = {
      protocol: PROTOCOL_VERSION,
      eventId: settings.eventId,
      batch: batch.batch,
      answers: batch.answers,
    };
    const reply = await requestJson(
      deps.fetch,
      deps.timers,
      {
        url: `${settings.serverUrl}${API_PREFIX}/equalities`,
        method: 'POST',
        token: settings.token,
        body,
        timeoutMs,
      },
      equalitiesPushResponseSchema,
    );
    if (!reply.ok) return err(describeHttpProblem(reply.error, settings.serverUrl));
    if (reply.value.batch !== batch.batch) return ok(sent);
    await equalitiesBatchStored(deps.db, settings.eventId, batch.batch);
    sent += batch.answers.length;
  }
}

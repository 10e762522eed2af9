/**
 * The two calls the sync engine makes: the health check that proves the server is really there,
 * and one batch push whose answer is saved to the outbox. What the server says is trusted only as
 * far as it goes: an id counts as stored only if this batch carried it.
 */
import { countBallots, languageCounts } from '../db/ballot-repo.ts';
import type { StationDatabase, SyncRow } from '../db/database.ts';
import { learnEventStatus } from '../db/event-status.ts';
import {
  acknowledge,
  recordContact,
  setAsideRehearsals,
  type WaitingBatch,
} from '../db/sync-repo.ts';
import { stationEventResponseSchema, stationEventStatusSchema } from '../core/events-api.ts';
import type { EventState } from '../core/event-lifecycle.ts';
import {
  API_PREFIX,
  healthResponseSchema,
  PROTOCOL_VERSION,
  pushResponseSchema,
  type PushRequest,
} from '../core/protocol.ts';
import { err, ok, type Result } from '../core/result.ts';
import { shuffled } from './backoff.ts';
import { requestJson, type FetchLike, type Timers } from './http.ts';
import { describeHttpProblem, unsupportedProtocol, type SyncProblem } from './problems.ts';

export interface CallDeps {
  db: StationDatabase;
  fetch: FetchLike;
  timers: Timers;
  now: () => Date;
  random: () => number;
}

export async function checkHealth(
  deps: Pick<CallDeps, 'fetch' | 'timers'>,
  server: string,
  timeoutMs: number,
): Promise<Result<void, SyncProblem>> {
  const reply = await requestJson(
    deps.fetch,
    deps.timers,
    { url: `${server}${API_PREFIX}/health`, method: 'GET', timeoutMs },
    healthResponseSchema,
  );
  if (!reply.ok) return err(describeHttpProblem(reply.error, server));
  if (reply.value.protocol !== PROTOCOL_VERSION) {
    return err(unsupportedProtocol(reply.value.protocol, PROTOCOL_VERSION));
  }
  return ok(undefined);
}

/**
 * Asks where the event stands now and keeps it (opening clears the rehearsal ballots). Called
 * before sending rehearsal ballots: sent after the event opened, a ballot the server never saw
 * as a rehearsal would count as a real one.
 */
export async function refreshEventStatus(
  deps: CallDeps,
  settings: SyncRow,
  timeoutMs: number,
): Promise<Result<EventState, SyncProblem>> {
  const reply = await requestJson(
    deps.fetch,
    deps.timers,
    {
      url: `${settings.serverUrl}${API_PREFIX}/stations/event`,
      method: 'GET',
      token: settings.token,
      timeoutMs,
    },
    stationEventResponseSchema,
  );
  if (!reply.ok) return err(describeHttpProblem(reply.error, settings.serverUrl));
  const { state, eventHash, version } = reply.value;
  await learnEventStatus(deps.db, settings.eventId, { state, eventHash, version });
  return ok(state);
}

/** The server's body limit was hit: the caller sends smaller batches. */
export const TOO_LARGE = 'too-large';

/** The push answer, with where the event stands (optional: older servers do not say). */
const pushAnswerSchema = pushResponseSchema.extend({ event: stationEventStatusSchema.optional() });

export interface Pushed {
  stored: number;
  rejected: number;
  /** Rehearsal ballots of an older draft, no longer sent (the server refuses them whole). */
  setAside: number;
}

/**
 * Pushes one batch (shuffled, with the station's cast count and the definition its ballots were
 * cast on) and saves the answer: stored ids leave the outbox, rejected ones are marked, and where
 * the event stands is kept (voting closed, or opened: rehearsal ballots then leave the tablet).
 * Resolves with how many of this batch's ids the server resolved.
 */
export async function pushBatch(
  deps: CallDeps,
  settings: SyncRow,
  waiting: WaitingBatch,
  timeoutMs: number,
): Promise<Result<Pushed, SyncProblem | typeof TOO_LARGE>> {
  const batch = waiting.ballots;
  const languages = await languageCounts(deps.db, settings.eventId);
  const body: PushRequest & { eventHash?: string } = {
    protocol: PROTOCOL_VERSION,
    eventId: settings.eventId,
    castCount: await countBallots(deps.db, settings.eventId),
    ballots: shuffled(batch, deps.random),
    // Ballots per language so far (docs/sync-protocol.md): counts, never a ballot's language.
    ...(Object.keys(languages).length > 0 && { languages }),
    ...(waiting.eventHash !== undefined && { eventHash: waiting.eventHash }),
  };
  const reply = await requestJson(
    deps.fetch,
    deps.timers,
    {
      url: `${settings.serverUrl}${API_PREFIX}/ballots`,
      method: 'POST',
      token: settings.token,
      body,
      timeoutMs,
    },
    pushAnswerSchema,
  );
  if (!reply.ok) {
    const e = reply.error;
    const code = e.kind === 'refused' ? e.problem.code : null;
    if (code === 'batch-too-large' || code === 'payload-too-large') {
      return err(TOO_LARGE);
    }
    if (code === 'event-changed' && waiting.rehearsal) {
      await setAsideRehearsals(
        deps.db,
        batch.map((b) => b.id),
      );
      return ok({ stored: 0, rejected: 0, setAside: batch.length });
    }
    return err(describeHttpProblem(e, settings.serverUrl));
  }
  // Only ids we sent count: a confused or hostile server cannot mark other ballots as sent.
  const sent = new Set(batch.map((b) => b.id));
  const stored = reply.value.stored.filter((id) => sent.has(id));
  const storedSet = new Set(stored);
  const rejected = reply.value.rejected.filter((r) => sent.has(r.id) && !storedSet.has(r.id));
  await acknowledge(deps.db, { stored, rejected });
  await recordContact(deps.db, deps.now());
  if (reply.value.event) await learnEventStatus(deps.db, settings.eventId, reply.value.event);
  return ok({ stored: stored.length, rejected: rejected.length, setAside: 0 });
}

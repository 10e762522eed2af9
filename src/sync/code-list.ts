/**
 * Fetches the event's voting-code tags (GET /stations/codes) and keeps them on the station, so a
 * code can be checked with no network later (docs/check-in.md, "Voting codes"). Asked with the
 * version held, so an unchanged list costs a few bytes. Only tags ever arrive: the station cannot
 * make a valid code from them.
 */
import { saveCodeList, getCodeList } from '../db/code-repo.ts';
import type { SyncRow } from '../db/database.ts';
import { API_PREFIX, codeListResponseSchema } from '../core/protocol.ts';
import { err, ok, type Result } from '../core/result.ts';
import { requestJson } from './http.ts';
import { describeHttpProblem, type SyncProblem } from './problems.ts';
import type { CallDeps } from './server-calls.ts';

/** Resolves with whether the list changed. */
export async function refreshCodeList(
  deps: Pick<CallDeps, 'db' | 'fetch' | 'timers'>,
  settings: Pick<SyncRow, 'serverUrl' | 'token' | 'eventId'>,
  timeoutMs: number,
): Promise<Result<boolean, SyncProblem>> {
  const held = await getCodeList(deps.db, settings.eventId);
  const have = held === undefined ? '' : `?have=${held.version}`;
  const reply = await requestJson(
    deps.fetch,
    deps.timers,
    {
      url: `${settings.serverUrl}${API_PREFIX}/stations/codes${have}`,
      method: 'GET',
      token: settings.token,
      timeoutMs,
    },
    codeListResponseSchema,
  );
  if (!reply.ok) return err(describeHttpProblem(reply.error, settings.serverUrl));
  const list = reply.value;
  if ('unchanged' in list) return ok(false);
  // A confused server's list for another event is not kept.
  if (list.eventId !== settings.eventId) return ok(false);
  await saveCodeList(deps.db, list);
  return ok(true);
}

/**
 * In each sync run, before ballots are sent: fetches the list when the station's event asks for
 * codes. A failure here does not stop the ballots going (the old list still checks codes); it is
 * tried again at the next run.
 */
export async function refreshCodesInSync(
  deps: Pick<CallDeps, 'db' | 'fetch' | 'timers'>,
  settings: Pick<SyncRow, 'serverUrl' | 'token' | 'eventId'>,
  timeoutMs: number,
): Promise<void> {
  const event = await deps.db.events.get(settings.eventId);
  if (event?.checkIn?.codes !== true) return;
  const refreshed = await refreshCodeList(deps, settings, timeoutMs);
  if (!refreshed.ok) console.warn('Voting codes not refreshed', refreshed.error.code);
}

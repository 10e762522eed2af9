/**
 * Joining an event: the volunteer types the join code the organiser shows, the server answers
 * with a station token and the event, and both are saved on the station.
 *
 * Joining happens in the volunteer area, which a volunteer can only open between voters (opening
 * it throws away any unfinished ballot), so switching the station to the joined event here never
 * changes the bids under a voter's feet. Ballots already cast stay, whatever event they are for:
 * the demo's can still be exported, and this event's are sent by the sync.
 */
import { stationEventStatusSchema } from '../core/events-api.ts';
import {
  API_PREFIX,
  JOIN_CODE_PATTERN,
  joinResponseSchema,
  normaliseJoinCode,
  type JoinRequest,
} from '../core/protocol.ts';
import { problemOf, type Problem } from '../core/problem.ts';
import { err, ok, type Result } from '../core/result.ts';
import type { EventDefinition } from '../core/schema.ts';
import { eventHash } from '../core/tally-file/format.ts';
import type { StationDatabase } from '../db/database.ts';
import { checkSwitch, type SwitchProblem } from '../db/event-status.ts';
import { getStation } from '../db/station-repo.ts';
import { saveJoin } from '../db/sync-repo.ts';
import { requestJson, type FetchLike, type Timers } from './http.ts';
import { refreshCodesInSync } from './code-list.ts';
import { normaliseServerAddress } from './server-url.ts';

export interface JoinDeps {
  db: StationDatabase;
  fetch: FetchLike;
  now: () => Date;
  timers: Timers;
}

/**
 * Asked before the station switches to another event (its current event's ballots are all synced
 * or saved to a file by then); resolves true when the volunteer confirms.
 */
export type ConfirmSwitch = (switching: { from: string; to: string }) => Promise<boolean>;

/**
 * Why a join did not change the station although the server answered: its current event's ballots
 * are not safe yet (`unsaved-ballots`), or the volunteer chose to stay (`switch-cancelled`).
 * Worded by the station's own catalogue, beside the join form.
 */
export type JoinSwitchProblem = SwitchProblem | Problem<'switch-cancelled'>;

export interface JoinForm {
  joinCode: string;
  /** As typed; empty means the server this app was loaded from. */
  serverAddress: string;
  /** `location.origin`, passed in so tests and other hosts can say where the app came from. */
  pageOrigin: string;
}

export type JoinProblemCode =
  | 'join-code'
  | 'server-address'
  | 'mixed-content'
  | 'station-not-set-up'
  | 'unreachable'
  | 'refused'
  | 'not-a-tally-server';
export const JOIN_PROBLEM_CODES: readonly JoinProblemCode[] = [
  'join-code',
  'server-address',
  'mixed-content',
  'station-not-set-up',
  'unreachable',
  'refused',
  'not-a-tally-server',
];

/**
 * Params: server-address {text, kind: text | scheme}; unreachable and
 * not-a-tally-server {host}; refused carries the server's problem (`problem.api.<code>`) as cause.
 */
export type JoinProblem = Problem<JoinProblemCode>;

export interface Joined {
  event: EventDefinition;
  /** The station was running another event before. */
  switchedEvent: boolean;
}

const JOIN_TIMEOUT_MS = 15_000;

/**
 * What was typed, pasted or scanned into the join code field: a code, or the organiser's join link
 * (its QR code), "https://tally.example/?join=K7QF-M4", which also says where the server is.
 */
export function readJoinInput(text: string): { joinCode: string; serverAddress?: string } {
  const trimmed = text.trim();
  if (/^https?:\/\//i.test(trimmed)) {
    try {
      const url = new URL(trimmed);
      const joinCode = url.searchParams.get('join');
      if (joinCode !== null) return { joinCode, serverAddress: url.origin };
    } catch {
      // Not a link after all: checked as a code below, which says what a code looks like.
    }
  }
  return { joinCode: trimmed };
}

/** The join answer, with where the event stands (optional: older servers do not say). */
const joinAnswerSchema = joinResponseSchema.extend(stationEventStatusSchema.partial().shape);

export async function joinEvent(
  deps: JoinDeps,
  form: JoinForm,
  confirmSwitch: ConfirmSwitch = () => Promise.resolve(true),
): Promise<Result<Joined, JoinProblem | JoinSwitchProblem>> {
  const input = readJoinInput(form.joinCode);
  const joinCode = normaliseJoinCode(input.joinCode);
  if (!JOIN_CODE_PATTERN.test(joinCode)) {
    return err(problemOf('join-code'));
  }
  const server = normaliseServerAddress(input.serverAddress ?? form.serverAddress, form.pageOrigin);
  if (!server.ok) return server;
  const station = await getStation(deps.db);
  if (!station) {
    return err(problemOf('station-not-set-up'));
  }

  const body: JoinRequest = { joinCode, stationName: station.name };
  const reply = await requestJson(
    deps.fetch,
    deps.timers,
    {
      url: `${server.value}${API_PREFIX}/stations/join`,
      method: 'POST',
      body,
      timeoutMs: JOIN_TIMEOUT_MS,
    },
    joinAnswerSchema,
  );
  if (!reply.ok) {
    const p = reply.error;
    const host = new URL(server.value).host;
    switch (p.kind) {
      case 'unreachable':
      case 'timeout':
        return err(problemOf('unreachable', { host }));
      case 'refused':
        return err(problemOf('refused', {}, p.problem));
      case 'not-the-protocol':
        return err(problemOf('not-a-tally-server', { host }));
    }
  }

  const { token, stationId, event } = reply.value;
  // Another event: never while this one's ballots are only on the tablet; otherwise, if asked.
  const check = await checkSwitch(deps.db, event.id);
  if (!check.ok) return check;
  // Asked only when the event it leaves has ballots here (they stay, and can still be exported).
  if (check.value.switching && (check.value.current?.ballots ?? 0) > 0) {
    const from = check.value.current?.name ?? '';
    if (!(await confirmSwitch({ from, to: event.name }))) return err(problemOf('switch-cancelled'));
  }
  const saved = await saveJoin(
    deps.db,
    {
      serverUrl: server.value,
      token,
      serverStationId: stationId,
      eventId: event.id,
      joinedAt: deps.now().toISOString(),
    },
    event,
    {
      eventHash: reply.value.eventHash ?? eventHash(event),
      state: reply.value.state ?? null,
      version: reply.value.version ?? null,
    },
  );
  if (!saved.ok) return saved;
  // The voting codes' tags now, while the network is there (the sync keeps them fresh after).
  await refreshCodesInSync(
    deps,
    { serverUrl: server.value, token, eventId: event.id },
    JOIN_TIMEOUT_MS,
  );
  return ok({ event, switchedEvent: event.id !== station.eventId });
}

/**
 * Why a sync did not go through, as a code with facts; the station's screen words it through the
 * message catalogue (`problem.sync.<code>`), so every screen says the same thing in the
 * volunteer's language. Ballots are never at risk in any of these: they stay on the tablet.
 */
import { problemOf, type Problem, type ProblemParams } from '../core/problem.ts';
import type { HttpProblem } from './http.ts';

export type SyncProblemCode =
  | 'unreachable'
  | 'timeout'
  | 'not-a-tally-server'
  | 'unsupported-protocol'
  | 'needs-rejoin'
  | 'rate-limited'
  | 'server-trouble'
  | 'refused'
  | 'no-progress'
  | 'station-storage'
  | 'event-unavailable'
  | 'station-revoked';

export const SYNC_PROBLEM_CODES: readonly SyncProblemCode[] = [
  'unreachable',
  'timeout',
  'not-a-tally-server',
  'unsupported-protocol',
  'needs-rejoin',
  'rate-limited',
  'server-trouble',
  'refused',
  'no-progress',
  'station-storage',
  'event-unavailable',
  'station-revoked',
];

/**
 * Params: unreachable, timeout, not-a-tally-server, server-trouble, event-unavailable {host}; unsupported-protocol
 * {server, app} (protocol versions) when the health check found the difference, none when the
 * server refused. refused, server-trouble and a refused unsupported-protocol carry the server's
 * own problem (`problem.api.<code>`) as the cause.
 */
export interface SyncProblem extends Problem<SyncProblemCode> {
  /** The server asked to wait at least this long (429 / 503). */
  retryAfterMs: number;
}

const problem = (
  code: SyncProblemCode,
  params: ProblemParams = {},
  retryAfterMs = 0,
  cause?: Problem,
): SyncProblem => ({ ...problemOf(code, params, cause), retryAfterMs });

export function describeHttpProblem(p: HttpProblem, server: string): SyncProblem {
  const host = hostOf(server);
  switch (p.kind) {
    case 'unreachable':
      return problem('unreachable', { host });
    case 'timeout':
      return problem('timeout', { host });
    case 'not-the-protocol':
      return problem('not-a-tally-server', { host });
    case 'refused':
      return describeRefusal(p, host);
  }
}

function describeRefusal(p: Extract<HttpProblem, { kind: 'refused' }>, host: string): SyncProblem {
  const code = p.problem.code;
  // The server has the event but cannot open it (its tally file is damaged): not a reason to join
  // again. The ballots stay; sync tries again by itself, and the organiser is told on their screen.
  if (code === 'event-unavailable') return problem('event-unavailable', { host }, p.retryAfterMs);
  // The organiser removed this tablet from the event (lost, stolen): nothing it sends is taken
  // any more, so sync stops for good; the volunteers are told, calmly, and may export a file.
  if (code === 'station-revoked') return STATION_REVOKED;
  // The token is unknown (the station was removed, or the server's data folder replaced) or is
  // for another event: only a new join helps.
  if (p.status === 401 || code === 'unauthorized' || code === 'wrong-event') {
    return NEEDS_REJOIN;
  }
  if (code === 'unsupported-protocol') {
    return problem('unsupported-protocol', {}, 0, p.problem);
  }
  if (p.status === 429) return problem('rate-limited', {}, p.retryAfterMs);
  if (p.status >= 500) return problem('server-trouble', { host }, p.retryAfterMs, p.problem);
  return problem('refused', {}, 0, p.problem);
}

export function unsupportedProtocol(serverProtocol: number, ours: number): SyncProblem {
  return problem('unsupported-protocol', { server: serverProtocol, app: ours });
}

export const NEEDS_REJOIN = problem('needs-rejoin');
export const STATION_REVOKED = problem('station-revoked');
export const NO_PROGRESS = problem('no-progress');
export const STATION_STORAGE = problem('station-storage');

function hostOf(server: string): string {
  try {
    return new URL(server).host;
  } catch {
    return server;
  }
}

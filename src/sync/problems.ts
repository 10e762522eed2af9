/**
 * Why a sync did not go through, in words a volunteer can act on. All in one place so every
 * screen says the same thing. Ballots are never at risk in any of these: they stay on the tablet.
 */
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
  | 'station-storage';

export interface SyncProblem {
  code: SyncProblemCode;
  message: string;
  /** The server asked to wait at least this long (429 / 503). */
  retryAfterMs: number;
}

const SAFE = 'The ballots are safe on this tablet.';
const problem = (code: SyncProblemCode, message: string, retryAfterMs = 0): SyncProblem => ({
  code,
  message,
  retryAfterMs,
});

export function describeHttpProblem(p: HttpProblem, server: string): SyncProblem {
  const host = hostOf(server);
  switch (p.kind) {
    case 'unreachable':
      return problem(
        'unreachable',
        `Cannot reach the tally server at ${host}. ${SAFE} They are sent by themselves when the connection is back; if there is no network today, export a file below.`,
      );
    case 'timeout':
      return problem(
        'timeout',
        `The tally server at ${host} is too slow to answer. ${SAFE} Sync tries again by itself.`,
      );
    case 'not-the-protocol':
      return problem(
        'not-a-tally-server',
        `Something at ${host} answered, but it is not a Decision Day tally server (it may be a Wi-Fi sign-in page). Check the Wi-Fi and the server address.`,
      );
    case 'refused':
      return describeRefusal(p, host);
  }
}

function describeRefusal(p: Extract<HttpProblem, { kind: 'refused' }>, host: string): SyncProblem {
  // The token is unknown (the station was removed, or the server's data folder replaced) or is
  // for another event: only a new join helps.
  if (p.status === 401 || p.code === 'unauthorized' || p.code === 'wrong-event') {
    return NEEDS_REJOIN;
  }
  if (p.code === 'unsupported-protocol') {
    return problem('unsupported-protocol', p.message);
  }
  if (p.status === 429) {
    return problem(
      'rate-limited',
      `The tally server is busy. ${SAFE} Sync tries again by itself.`,
      p.retryAfterMs,
    );
  }
  if (p.status >= 500) {
    return problem(
      'server-trouble',
      `The tally server at ${host} has a problem: ${p.message} ${SAFE} Sync tries again by itself; tell the organiser if this stays.`,
      p.retryAfterMs,
    );
  }
  return problem('refused', `The tally server refused the ballots: ${p.message} ${SAFE}`);
}

export function unsupportedProtocol(serverProtocol: number, ours: number): SyncProblem {
  return problem(
    'unsupported-protocol',
    `The tally server speaks sync protocol ${serverProtocol}, this app ${ours}. Reload this app while connected to update it, or ask the organiser to update the server.`,
  );
}

export const NEEDS_REJOIN = problem(
  'needs-rejoin',
  `The tally server no longer accepts this station. ${SAFE} Join the event again with the join code from the organiser.`,
);

export const NO_PROGRESS = problem(
  'no-progress',
  `The tally server answered but did not take these ballots. ${SAFE} Sync tries again by itself; tell the organiser if this stays.`,
);

export const STATION_STORAGE = problem(
  'station-storage',
  'This tablet could not read its outbox. Reload the app; if this stays, export a file below.',
);

function hostOf(server: string): string {
  try {
    return new URL(server).host;
  } catch {
    return server;
  }
}

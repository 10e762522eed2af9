/**
 * What the server answers while it is still opening the events' tally files at start-up (a few
 * seconds for 140,000 ballots, verified on a worker thread): `/health` at once, so stations and
 * monitors see the server is there, and every other request `503` with `Retry-After`, which
 * stations treat as "try again shortly" and keep their ballots queued. main.ts listens with this
 * first and hands over to the app once everything is open.
 */
import {
  API_PREFIX,
  PROTOCOL_VERSION,
  type ApiError,
  type HealthResponse,
} from '../core/protocol.ts';

/** Seconds a client is asked to wait before trying again. */
export const STARTING_RETRY_AFTER_S = 2;

export function whileStarting(request: Request): Response {
  const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
  const path = new URL(request.url).pathname;
  if (path === `${API_PREFIX}/health` && (request.method === 'GET' || request.method === 'HEAD')) {
    const health: HealthResponse = { ok: true, protocol: PROTOCOL_VERSION };
    return Response.json(health, { headers });
  }
  const body: ApiError = {
    error: {
      code: 'server-error',
      message:
        'The tally server is starting: it is opening and checking the tally files. ' +
        `Try again in ${STARTING_RETRY_AFTER_S} seconds; nothing was changed.`,
      params: { starting: 1 },
    },
  };
  return Response.json(body, {
    status: 503,
    headers: { ...headers, 'Retry-After': String(STARTING_RETRY_AFTER_S) },
  });
}

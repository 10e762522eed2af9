/**
 * One JSON request to the tally server, with a timeout, turned into a Result. Whatever comes back
 * is checked against the protocol's schema: a captive portal, a proxy's error page or another
 * program on the port must never be mistaken for an acknowledgement.
 */
import type { z } from 'zod';
import { apiErrorSchema, type ApiErrorCode, type WireProblem } from '../core/protocol.ts';
import { problemOf, type Problem } from '../core/problem.ts';
import { err, ok, type Result } from '../core/result.ts';

/** The part of `fetch` the sync uses, so tests can put a fake network in between. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** The part of the timer API the sync uses, so tests control time. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type HttpProblem =
  | { kind: 'unreachable' }
  | { kind: 'timeout' }
  /** The server answered with its own error: code, facts and cause are from the protocol. */
  | {
      kind: 'refused';
      status: number;
      /** The server's problem, worded by the app as `problem.api.<code>`. */
      problem: Problem<ApiErrorCode>;
      retryAfterMs: number;
    }
  /** Something answered, but not with the protocol's shapes. */
  | { kind: 'not-the-protocol'; status: number };

export interface JsonRequest {
  url: string;
  method: 'GET' | 'POST';
  token?: string;
  body?: unknown;
  /** Sent as they are with their own Content-Type, instead of a JSON `body` (a photo). */
  bytes?: { type: string; data: ArrayBuffer };
  timeoutMs: number;
}

/** Longest server message (English, for logs); anything longer is not a message from our server. */
const MAX_MESSAGE = 400;

export async function requestJson<S extends z.ZodType>(
  fetchFn: FetchLike,
  timers: Timers,
  request: JsonRequest,
  schema: S,
): Promise<Result<z.infer<S>, HttpProblem>> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = timers.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, request.timeoutMs);
  try {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (request.token !== undefined) headers['Authorization'] = `Bearer ${request.token}`;
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    if (request.bytes !== undefined) headers['Content-Type'] = request.bytes.type;
    let response: Response;
    let text: string;
    try {
      response = await fetchFn(request.url, {
        method: request.method,
        headers,
        body:
          request.bytes !== undefined
            ? request.bytes.data
            : request.body === undefined
              ? undefined
              : JSON.stringify(request.body),
        signal: controller.signal,
        // A stale cached answer would claim a connection that is not there.
        cache: 'no-store',
      });
      text = await response.text();
    } catch {
      // fetch rejects only for network failures (and our abort); the reason is not useful to
      // a volunteer beyond "not reachable" or "too slow".
      return err(timedOut ? { kind: 'timeout' } : { kind: 'unreachable' });
    }
    const json = parseJson(text);
    if (response.ok) {
      const parsed = schema.safeParse(json);
      return parsed.success
        ? ok(parsed.data)
        : err({ kind: 'not-the-protocol', status: response.status });
    }
    const refusal = apiErrorSchema.safeParse(json);
    if (!refusal.success || refusal.data.error.message.length > MAX_MESSAGE) {
      return err({ kind: 'not-the-protocol', status: response.status });
    }
    const { code, params, cause } = refusal.data.error;
    return err({
      kind: 'refused',
      status: response.status,
      problem: problemOf(code, params, cause && wireToProblem(cause)),
      retryAfterMs: retryAfterMs(response.headers.get('Retry-After')),
    });
  } finally {
    timers.clearTimeout(timer);
  }
}

/** A problem from the wire, with the `params` every Problem has. */
function wireToProblem(wire: WireProblem): Problem {
  return problemOf(wire.code, wire.params, wire.cause && wireToProblem(wire.cause));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Seconds form only (the server sends no dates); bounded so a bad header cannot stall sync. */
function retryAfterMs(header: string | null): number {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 600) * 1000 : 0;
}

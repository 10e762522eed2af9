/**
 * The organiser's view of the tally server (HTTP API v1, see docs/sync-protocol.md), behind one
 * small typed interface. Screens depend only on `OrganiserApi`, so component tests hand them an
 * in-process fake built on the real core instead of mocking fetch.
 *
 * Every expected failure (wrong password, server unreachable, session expired, file refused) comes
 * back as an `Err` with a code (and the server's own sentence, if it sent one); nothing here throws
 * for them. The screens word the code from the message catalogue (see problem-text.ts).
 */
import { z } from 'zod';
import {
  apiErrorSchema,
  eventsResponseSchema,
  importResponseSchema,
  rejectedResponseSchema,
  stationsResponseSchema,
  type EventSummary as ProtocolEventSummary,
  type ImportResponse,
  type QuarantinedBallot,
  type StationStatus,
  type StationsResponse,
  type WireProblem,
} from '../../core/protocol.ts';
import {
  eventListResponseSchema,
  eventStateSchema,
  type EventProblemResponse,
  type UnavailableEvent,
} from '../../core/events-api.ts';
import {
  accountsResponseSchema,
  CSRF_HEADER,
  invitePreviewSchema,
  inviteResponseSchema,
  sessionResponseSchema,
  type AccountChange,
  type AccountsResponse,
  type InvitePreview,
  type InviteRequest,
  type InviteResponse,
  type SessionResponse,
} from '../../core/accounts-api.ts';
import { err, ok, type Result } from '../../core/result.ts';

export interface ApiProblem {
  /** The server's kebab-case code, or one of ours: 'unreachable', 'bad-response', 'wrong-credentials'. */
  code: string;
  /** The server's sentence (English), shown only when the catalogue has no words for `code`. */
  message?: string;
  /** Values for the code's message, when the server sent them. */
  params?: Record<string, string | number>;
  /** The problem beneath, e.g. what is wrong with a refused tally file (a core code and facts). */
  cause?: WireProblem;
  /** HTTP status when the server answered; absent when it could not be reached. */
  status?: number;
  /** A refused event definition: what is wrong with it (codes with facts, src/core/event-check.ts). */
  problems?: EventProblemResponse[];
}

export type ApiResult<T> = Result<T, ApiProblem>;

/** An event in the list; `state` (draft … final) decides which screens a role may open. */
export type EventSummary = ProtocolEventSummary & { state?: z.infer<typeof eventStateSchema> };

export type { ImportResponse, QuarantinedBallot, StationStatus, UnavailableEvent };
export type { AccountsResponse, InvitePreview, InviteResponse, SessionResponse };

/**
 * Everything the organiser's screens ask of the server. The session itself is the HttpOnly
 * cookie, which this page never sees; `token` is the session's CSRF token (docs/accounts.md),
 * sent back as X-CSRF-Token so that only this page, not another site, can act with the cookie.
 */
export interface OrganiserApi {
  /** Signs in: the server sets the session cookie and answers who is signed in. */
  login(name: string, password: string): Promise<ApiResult<SessionResponse>>;
  /**
   * The session the browser's cookie still holds (after a reload), or 401 when there is none.
   * Optional so a test double may leave it out (then every visit starts at sign-in).
   */
  session?(): Promise<ApiResult<SessionResponse>>;
  /** Ends this session, or (`everywhere`) every session of the account. */
  signOut?(token: string, everywhere: boolean): Promise<ApiResult<void>>;
  /** Accounts and invites (organisers), and the invite link's own two calls (no session). */
  accounts?: AccountsApi;
  events(token: string): Promise<ApiResult<EventSummary[]>>;
  /**
   * Events the server found but could not open (a damaged tally file), with what is wrong and on
   * which line. Optional so a test double may leave it out (then none are shown).
   */
  unavailableEvents?(token: string): Promise<ApiResult<UnavailableEvent[]>>;
  stations(token: string, eventId: string): Promise<ApiResult<StationStatus[]>>;
  /**
   * The same answer whole: stations plus closing sheets, reconciliation and turnout
   * (docs/check-in.md). Optional so a test double may leave it out (then none are shown).
   */
  stationReport?(token: string, eventId: string): Promise<ApiResult<StationsResponse>>;
  /** The central tally file's text, exactly as stored. */
  tallyFile(token: string, eventId: string): Promise<ApiResult<string>>;
  /**
   * The same file as it downloads (the response's body), for the count to read while it arrives.
   * Optional so a test double may leave it out (then the count reads `tallyFile`'s text).
   */
  tallyFileBody?(token: string, eventId: string): Promise<ApiResult<ReadableStream<Uint8Array>>>;
  importFile(token: string, eventId: string, text: string): Promise<ApiResult<ImportResponse>>;
  rejected(token: string, eventId: string): Promise<ApiResult<QuarantinedBallot[]>>;
}

export interface AccountsApi {
  list(token: string): Promise<ApiResult<AccountsResponse>>;
  invite(token: string, request: InviteRequest): Promise<ApiResult<InviteResponse>>;
  withdrawInvite(token: string, inviteId: string): Promise<ApiResult<void>>;
  change(token: string, accountId: string, change: AccountChange): Promise<ApiResult<void>>;
  /** A new invite link for an existing account, to choose a new password. */
  resetPassword(token: string, accountId: string): Promise<ApiResult<InviteResponse>>;
  /** Who an invite link is for (no session needed). */
  preview(inviteToken: string): Promise<ApiResult<InvitePreview>>;
  /** Chooses the password and signs in (no session needed). */
  accept(inviteToken: string, password: string): Promise<ApiResult<SessionResponse>>;
}

/** A 401 on any call but login means the session is gone; the app sends the organiser back to sign in. */
export const isSessionExpired = (problem: ApiProblem): boolean =>
  problem.status === 401 && problem.code !== 'wrong-credentials';

/** The server's `{ error: { code, message } }`, or 'http-error' if it sent something else. */
function problemFrom(status: number, body: unknown): ApiProblem {
  const parsed = apiErrorSchema.safeParse(body);
  if (parsed.success) return { ...parsed.data.error, status };
  return { code: 'http-error', params: { status }, status };
}

/** The events list, with each event's state when the server says it (it does since the editor). */
const eventsWithStateSchema = eventsResponseSchema.extend({
  events: z.array(
    eventsResponseSchema.shape.events.element.extend({ state: eventStateSchema.optional() }),
  ),
});

/** A 200 whose body is not what the server sends: a proxy, an old version or a captive portal. */
const BAD_RESPONSE: ApiProblem = { code: 'bad-response' };
export const UNREACHABLE: ApiProblem = { code: 'unreachable' };

/** `{ events: [...] }` → the list, keeping an error as it is. */
function unwrap<K extends string, T>(result: ApiResult<Record<K, T>>, key: K): ApiResult<T> {
  return result.ok ? ok(result.value[key]) : result;
}

/**
 * The real client: same-origin by default, because the server serves the app. `fetchFn` is
 * injectable only so a test can point it at a real server on another port.
 */
export function createHttpOrganiserApi(
  baseUrl = '',
  // Wrapped so fetch is always called on the global: a bare reference loses `this` ("Illegal invocation").
  fetchFn: typeof fetch = (...args) => fetch(...args),
): OrganiserApi {
  const { json, call } = serverCalls(baseUrl, fetchFn);

  const eventPath = (eventId: string, rest: string) =>
    `/events/${encodeURIComponent(eventId)}/${rest}`;
  const send = (method: string, body?: unknown): RequestInit =>
    body === undefined
      ? { method }
      : { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  const done = async (answer: Promise<ApiResult<Response>>): Promise<ApiResult<void>> => {
    const result = await answer;
    return result.ok ? ok(undefined) : result;
  };
  const accountPath = (accountId: string, rest = '') =>
    `/accounts/${encodeURIComponent(accountId)}${rest}`;

  return {
    async login(name, password) {
      const result = await json(
        '/organiser/login',
        sessionResponseSchema,
        undefined,
        send('POST', { name, password }),
      );
      if (!result.ok && result.error.status === 401) {
        // Whatever code the server chose, at the login form a 401 means the name or password.
        return err({ code: 'wrong-credentials', status: 401 });
      }
      return result;
    },
    session: () => json('/organiser/session', sessionResponseSchema),
    signOut: (token, everywhere) =>
      done(
        call(
          everywhere ? '/organiser/logout-everywhere' : '/organiser/logout',
          send('POST'),
          token,
        ),
      ),
    accounts: {
      list: (token) => json('/accounts', accountsResponseSchema, token),
      invite: (token, request) =>
        json('/accounts/invites', inviteResponseSchema, token, send('POST', request)),
      withdrawInvite: (token, inviteId) =>
        done(call(`/accounts/invites/${encodeURIComponent(inviteId)}`, send('DELETE'), token)),
      change: (token, accountId, change) =>
        done(call(accountPath(accountId), send('PATCH', change), token)),
      resetPassword: (token, accountId) =>
        json(accountPath(accountId, '/reset'), inviteResponseSchema, token, send('POST', {})),
      preview: (inviteToken) =>
        json(`/invites/${encodeURIComponent(inviteToken)}`, invitePreviewSchema),
      accept: (inviteToken, password) =>
        json(
          '/invites/accept',
          sessionResponseSchema,
          undefined,
          send('POST', { token: inviteToken, password }),
        ),
    },
    events: async (token) => unwrap(await json('/events', eventsWithStateSchema, token), 'events'),
    async unavailableEvents(token) {
      const result = await json('/events', eventListResponseSchema, token);
      return result.ok ? ok(result.value.unavailable ?? []) : result;
    },
    stations: async (token, eventId) =>
      unwrap<'stations', StationStatus[]>(
        await json(eventPath(eventId, 'stations'), stationsResponseSchema, token),
        'stations',
      ),
    stationReport: (token, eventId) =>
      json(eventPath(eventId, 'stations'), stationsResponseSchema, token),
    async tallyFile(token, eventId) {
      const answer = await call(eventPath(eventId, 'tally-file'), {}, token);
      if (!answer.ok) return answer;
      try {
        return ok(await answer.value.text());
      } catch {
        // The connection dropped part-way through a large file.
        return err(UNREACHABLE);
      }
    },
    async tallyFileBody(token, eventId) {
      const answer = await call(eventPath(eventId, 'tally-file'), {}, token);
      if (!answer.ok) return answer;
      return answer.value.body === null ? err(BAD_RESPONSE) : ok(answer.value.body);
    },
    importFile: (token, eventId, text) =>
      json(eventPath(eventId, 'import'), importResponseSchema, token, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-ndjson' },
        body: text,
      }),
    rejected: async (token, eventId) =>
      unwrap(await json(eventPath(eventId, 'rejected'), rejectedResponseSchema, token), 'rejected'),
  };
}

/**
 * The two ways every organiser client talks to the server: `call` sends a request with the
 * session's cookie (same-origin) and its CSRF token (`token`, as X-CSRF-Token), and turns a refusal or a lost connection into an `Err`; `json` also checks
 * the answer's shape. Shared by this client and the event editor's (editor-api.ts).
 */
export function serverCalls(baseUrl: string, fetchFn: typeof fetch) {
  async function call(
    path: string,
    init: RequestInit,
    token?: string,
  ): Promise<ApiResult<Response>> {
    const headers = new Headers(init.headers);
    if (token !== undefined) headers.set(CSRF_HEADER, token);
    let response: Response;
    try {
      response = await fetchFn(`${baseUrl}/api/v1${path}`, {
        ...init,
        headers,
        cache: 'no-store',
        // The session is the HttpOnly cookie, sent by the browser to this server only.
        credentials: 'same-origin',
      });
    } catch {
      return err(UNREACHABLE);
    }
    if (response.ok) return ok(response);
    const body: unknown = await response.json().catch(() => undefined);
    return err(problemFrom(response.status, body));
  }

  async function json<T>(
    path: string,
    schema: z.ZodType<T>,
    token?: string,
    init: RequestInit = {},
  ): Promise<ApiResult<T>> {
    const answer = await call(path, init, token);
    if (!answer.ok) return answer;
    const body: unknown = await answer.value.json().catch(() => undefined);
    // The server is ours, but a proxy, an old version or a captive portal may answer instead.
    const parsed = schema.safeParse(body);
    return parsed.success ? ok(parsed.data) : err(BAD_RESPONSE);
  }

  return { call, json };
}

/**
 * Who is calling: a station (valid station token), the organiser (valid session token) or nobody
 * in particular. Resolved once per request, before the rate limit, so the limit applies per
 * station rather than per address (twenty tablets behind one Wi-Fi router are twenty clients).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { CSRF_HEADER, SESSION_COOKIE } from '../../core/accounts-api.ts';
import type { AuditDetails } from '../../core/audit.ts';
import { API_PREFIX } from '../../core/protocol.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Role } from '../../core/roles.ts';
import type { StationRecord } from '../store/station-book.ts';
import type { TallyStore } from '../store/tally-store.ts';
import { fail, failure, type Failure } from './respond.ts';
import type { RequestLimiter } from './rate-limit.ts';
import type { AccountBook } from '../accounts/account-book.ts';
import { hashSecret, type OrganiserSessions } from './secrets.ts';

export type Principal =
  | { kind: 'station'; station: StationRecord }
  /**
   * A signed-in account. `name` is who the tally file and the audit trail record as making a
   * change; `role` decides what it may do (core/roles.ts).
   */
  | { kind: 'organiser'; accountId: string; name: string; role: Role }
  | { kind: 'anonymous'; sentToken: boolean };

export interface AppEnv {
  Variables: {
    principal: Principal;
    /** Who the audit trail names for a sign-in: the name given (account-routes.ts). */
    auditBy?: string;
    /** Facts a route adds to its audit record (audit-routes.ts). */
    auditDetails?: AuditDetails;
  };
}

/** The caller's network address, as the rate limit and the audit trail name it. */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

const bearerOf = (c: Context): string | undefined =>
  /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];

/** The session token the request carries: a program's bearer token, else the browser's cookie. */
export function sessionToken(c: Context): string | undefined {
  return bearerOf(c) ?? getCookie(c, SESSION_COOKIE);
}

/** Requests that sign in by themselves: a cookie they happen to carry is not looked at. */
const SIGN_IN_PATHS = new Set([`${API_PREFIX}/organiser/login`, `${API_PREFIX}/invites/accept`]);

const sameSecret = (a: string, b: string): boolean =>
  timingSafeEqual(Buffer.from(hashSecret(a), 'hex'), Buffer.from(hashSecret(b), 'hex'));

/**
 * Who is calling. A bearer token is a station's, else a session's (programs: the CLI, tests);
 * without one, the `dd_session` cookie names the browser's session. A request authenticated by
 * the cookie that changes anything (not GET or HEAD) must also carry the session's CSRF token in
 * X-CSRF-Token, which only a page of this app can have read (403 csrf-token-missing): on top of
 * refuseCrossSite and SameSite=Strict. A session of a disabled or removed account is no session.
 */
export function identify(
  store: TallyStore,
  sessions: OrganiserSessions,
  limiter: RequestLimiter,
  accounts: AccountBook,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const bearer = bearerOf(c);
    const cookie = SIGN_IN_PATHS.has(c.req.path) ? undefined : getCookie(c, SESSION_COOKIE);
    let principal: Principal = {
      kind: 'anonymous',
      sentToken: bearer !== undefined || cookie !== undefined,
    };
    let key = `address:${clientAddress(c)}`;
    let csrfToken: string | undefined;
    const station = bearer === undefined ? undefined : store.stationByTokenHash(hashSecret(bearer));
    if (station !== undefined) {
      principal = { kind: 'station', station };
      key = `station:${station.stationId}`;
    } else if (bearer !== undefined || cookie !== undefined) {
      const hash = hashSecret(bearer ?? cookie ?? '');
      const session = sessions.use(hash);
      const account = session && accounts.byId(session.accountId);
      if (session !== undefined && account !== undefined && account.disabledAt === undefined) {
        principal = {
          kind: 'organiser',
          accountId: account.id,
          name: account.name,
          role: account.role,
        };
        key = `organiser:${hash}`;
        if (bearer === undefined) csrfToken = session.csrfToken;
      }
    }
    const wait = await limiter.take(key);
    if (wait !== null) {
      c.header('Retry-After', String(wait));
      return fail(
        c,
        failure(429, 'rate-limited', `Too many requests. Wait ${wait} s, then try again.`),
      );
    }
    const changes = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    if (csrfToken !== undefined && changes) {
      const sent = c.req.header(CSRF_HEADER);
      if (sent === undefined || !sameSecret(sent, csrfToken)) {
        return fail(
          c,
          failure(
            403,
            'csrf-token-missing',
            `A change signed in by cookie needs the page's ${CSRF_HEADER} header. Reload the page.`,
          ),
        );
      }
    }
    c.set('principal', principal);
    await next();
  };
}

const unauthorized = (p: Principal, who: string): Failure =>
  failure(
    401,
    'unauthorized',
    p.kind === 'anonymous' && p.sentToken
      ? `This ${who} token is not recognised (or has expired). ${who === 'station' ? 'Join the event again with its join code.' : 'Log in again.'}`
      : `This needs a ${who} token in the Authorization header ("Bearer …").`,
  );

export function requireStation(c: Context<AppEnv>): Result<StationRecord, Failure> {
  const p = c.get('principal');
  return p.kind === 'station' ? ok(p.station) : err(unauthorized(p, 'station'));
}

export function requireOrganiser(c: Context<AppEnv>): Failure | null {
  const p = c.get('principal');
  return p.kind === 'organiser' ? null : unauthorized(p, 'organiser');
}

/** Who is making an organiser's change (call after requireOrganiser). */
export function organiserName(c: Context<AppEnv>): string {
  const p = c.get('principal');
  return p.kind === 'organiser' ? p.name : 'unknown';
}

/**
 * Who is calling: a station (valid station token), the organiser (valid session token) or nobody
 * in particular. Resolved once per request, before the rate limit, so the limit applies per
 * station rather than per address (twenty tablets behind one Wi-Fi router are twenty clients).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { err, ok, type Result } from '../../core/result.ts';
import type { Role } from '../../core/roles.ts';
import type { StationRecord } from '../store/station-book.ts';
import type { TallyStore } from '../store/tally-store.ts';
import { fail, failure, type Failure } from './respond.ts';
import type { RateLimiter } from './rate-limit.ts';
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
  Variables: { principal: Principal };
}

/** The caller's network address, as the rate limit and the audit trail name it. */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function identify(
  store: TallyStore,
  sessions: OrganiserSessions,
  limiter: RateLimiter,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
    let principal: Principal = { kind: 'anonymous', sentToken: token !== undefined };
    let key = `address:${clientAddress(c)}`;
    if (token !== undefined) {
      const hash = hashSecret(token);
      const station = store.stationByTokenHash(hash);
      if (station !== undefined) {
        principal = { kind: 'station', station };
        key = `station:${station.stationId}`;
      } else if (sessions.isValid(hash)) {
        principal = {
          kind: 'organiser',
          accountId: 'organiser',
          name: 'organiser',
          role: 'organiser',
        };
        key = `organiser:${hash}`;
      }
    }
    const wait = limiter.take(key);
    if (wait !== null) {
      c.header('Retry-After', String(wait));
      return fail(
        c,
        failure(429, 'rate-limited', `Too many requests. Wait ${wait} s, then try again.`),
      );
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

/**
 * Who may call which route (docs/accounts.md, "Roles"): ONE table of every API route, and one
 * middleware, after identify(), that applies it — so a route cannot be reached by a role the table
 * does not let in, and a new route cannot be forgotten: a route missing from the table answers
 * 403 to every organiser (deny by default), and tests/unit/roles.test.ts checks that every route
 * the app registers is in the table.
 *
 * A route is
 * - `public`: anyone (stations joining, signing in, published results);
 * - `station`: a station's bearer token (its own routes check it too, to learn which station);
 * - `signed-in`: any organiser account, whatever its role;
 * - a capability (core/roles.ts): the account's role must have it, some roles only once the
 *   event's count is final (403 not-final-yet before).
 *
 * A revoked station (a lost tablet) is refused everywhere with 403 station-revoked.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { API_PREFIX } from '../../core/protocol.ts';
import { permission, type Capability, type Permission, type Role } from '../../core/roles.ts';
import type { TallyStore } from '../store/tally-store.ts';
import { requireOrganiser, requireStation, type AppEnv, type Principal } from './principal.ts';
import { fail, failure, type Failure } from './respond.ts';

export type RouteAccess = 'public' | 'station' | 'signed-in' | Capability;

/** Every API route, as `METHOD /path` below the API prefix (Hono's pattern), and who may call it. */
export const ROUTE_ACCESS: Readonly<Record<string, RouteAccess>> = {
  'GET /health': 'public',
  'POST /stations/join': 'public',
  'POST /organiser/login': 'public',
  'GET /public/results/:eventId': 'public',
  'GET /invites/:token': 'public',
  'POST /invites/accept': 'public',

  'POST /ballots': 'station',
  'GET /stations/event': 'station',
  'GET /stations/codes': 'station',
  'POST /stations/closing': 'station',
  'POST /stations/closing/photo': 'station',
  // Another station's tally file a courier station carries on (carried-routes.ts).
  'POST /stations/carried': 'station',
  'POST /registrations': 'station',
  'POST /equalities': 'station',

  'GET /organiser/session': 'signed-in',
  'POST /organiser/logout': 'signed-in',
  'POST /organiser/logout-everywhere': 'signed-in',
  // Which events there are and their definitions: every role needs them to find its screens.
  'GET /events': 'signed-in',
  'GET /events/:eventId': 'signed-in',
  // How tablets reach this laptop (hall-routes.ts): whoever sets up the tablets needs it.
  'GET /hall': 'signed-in',

  'POST /events': 'events',
  'POST /event-packages': 'events',
  'PUT /events/:eventId/definition': 'events',
  'POST /events/:eventId/state': 'events',
  'GET /events/:eventId/package': 'events',
  'POST /events/:eventId/pictures': 'events',

  'GET /events/:eventId/stations': 'stations',
  'POST /events/:eventId/stations/:stationId/revocation': 'stations',

  'GET /events/:eventId/codes': 'codes',
  'POST /events/:eventId/codes': 'codes',
  'GET /events/:eventId/codes/batches/:batchId': 'codes',
  'POST /events/:eventId/codes/void': 'codes',
  'POST /events/:eventId/codes/decisions': 'codes',

  'GET /events/:eventId/register': 'registers',
  'POST /events/:eventId/register/import': 'registers',
  'POST /events/:eventId/register/deletion': 'registers',

  'POST /events/:eventId/import': 'import',
  // A station's exported equalities answers, brought in like its ballots.
  'POST /events/:eventId/equalities/import': 'import',

  'GET /events/:eventId/tally-file': 'tally',
  'GET /events/:eventId/ballots': 'tally',
  'GET /events/:eventId/rejected': 'rejected',

  'GET /events/:eventId/inclusion': 'results',
  'GET /events/:eventId/equalities': 'results',

  'POST /events/:eventId/voids': 'corrections',
  'POST /events/:eventId/withdrawals': 'corrections',
  'GET /events/:eventId/publication': 'corrections',
  'POST /events/:eventId/publication': 'corrections',
  'DELETE /events/:eventId/publication': 'corrections',

  'GET /audit': 'accounts',
  'GET /accounts': 'accounts',
  'POST /accounts/invites': 'accounts',
  'DELETE /accounts/invites/:inviteId': 'accounts',
  'PATCH /accounts/:accountId': 'accounts',
  'POST /accounts/:accountId/reset': 'accounts',
};

/** What the table says for a route: `undefined` is a route not in the table (denied). */
export function routeAccess(method: string, route: string): RouteAccess | undefined {
  return ROUTE_ACCESS[`${method === 'HEAD' ? 'GET' : method} ${route}`];
}

/**
 * The table's answer for an organiser of `role`: allowed, not-final-yet or forbidden. A route
 * missing from the table (`access` undefined) is forbidden; public and station routes are not the
 * organiser's to be refused here (the route answers as it does to anyone).
 */
export function organiserPermission(
  role: Role,
  access: RouteAccess | undefined,
  final: boolean,
): Permission {
  if (access === undefined) return 'forbidden';
  if (access === 'public' || access === 'station' || access === 'signed-in') return 'allowed';
  return permission(role, access, final);
}

/** The API route (Hono's pattern, below the prefix) that will answer this request, if any. */
function answeringRoute(c: Context<AppEnv>): string | undefined {
  const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
  const route = matchedRoutes(c).find(
    (r) => r.method === method && r.path.startsWith(`${API_PREFIX}/`) && !r.path.includes('*'),
  );
  return route?.path.slice(API_PREFIX.length);
}

/** The value of `:name` in `route` for this request's path. */
function paramOf(c: Context<AppEnv>, route: string, name: string): string | undefined {
  const at = route.split('/').indexOf(`:${name}`);
  if (at < 0) return undefined;
  const segment = c.req.path.slice(API_PREFIX.length).split('/')[at];
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export const stationRevoked = (stationId: string): Failure =>
  failure(
    403,
    'station-revoked',
    'This tablet was removed from the event by the organiser. Its ballots already delivered still count; it can send nothing more.',
    { params: { station: stationId } },
  );

function refusal(
  verdict: Exclude<Permission, 'allowed'>,
  capability: string,
  principal: Extract<Principal, { kind: 'organiser' }>,
): Failure {
  return verdict === 'not-final-yet'
    ? failure(
        403,
        'not-final-yet',
        `A ${principal.role} account sees this once the event's count is final.`,
        { params: { capability } },
      )
    : failure(403, 'forbidden', `A ${principal.role} account cannot do this (${capability}).`, {
        params: { capability },
      });
}

/**
 * Applies ROUTE_ACCESS to every API request, after identify(). Requests for no route at all pass
 * on, to be answered 404 or 405 as before.
 */
export function authorize(store: TallyStore): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    if (principal.kind === 'station' && principal.station.revokedAt !== undefined) {
      return fail(c, stationRevoked(principal.station.stationId));
    }
    const route = answeringRoute(c);
    if (route === undefined) return next();
    const access = routeAccess(c.req.method, route);
    if (access === 'public') return next();
    if (access === 'station') {
      const station = requireStation(c);
      return station.ok ? next() : fail(c, station.error);
    }
    const unauthorized = requireOrganiser(c);
    if (unauthorized !== null) return fail(c, unauthorized);
    if (principal.kind !== 'organiser') return fail(c, failure(401, 'unauthorized', 'Log in.'));
    const eventId = paramOf(c, route, 'eventId');
    const final = eventId !== undefined && store.event(eventId)?.state === 'final';
    const verdict = organiserPermission(principal.role, access, final);
    if (verdict !== 'allowed') {
      return fail(c, refusal(verdict, access ?? `${c.req.method} ${route}`, principal));
    }
    return next();
  };
}

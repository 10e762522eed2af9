// The route table of src/server/http/roles.ts: every API route the app registers is in it (so a new
// route cannot be forgotten), a route missing from it is forbidden to every role, and each role
// gets what docs/accounts.md's "Roles" table says, route group by route group — written out here
// apart from core/roles.ts's ACCESS, so a slip in either shows.
import { describe, expect, it } from 'vitest';
import { API_PREFIX } from '../../src/core/protocol.ts';
import { ROLES, type Role } from '../../src/core/roles.ts';
import { createApp } from '../../src/server/http/app.ts';
import {
  organiserPermission,
  ROUTE_ACCESS,
  routeAccess,
  type RouteAccess,
} from '../../src/server/http/roles.ts';
import { OrganiserSessions } from '../../src/server/http/secrets.ts';
import type { TallyStore } from '../../src/server/store/tally-store.ts';

/** Every optional part present, so every route is registered; none is called here. */
function everyRoute(): string[] {
  const present = {} as never;
  const app = createApp({
    store: {} as TallyStore,
    sessions: new OrganiserSessions(60_000, () => new Date()),
    organiserPassword: 'not used here',
    rateLimit: { burst: 1, perSecond: 1 },
    now: () => new Date(),
    distDir: '/nonexistent',
    registers: present,
    equalities: present,
    audit: present,
    publications: present,
    log: () => {},
  });
  const keys = app.routes
    .filter((r) => r.method !== 'ALL' && r.path.startsWith(`${API_PREFIX}/`))
    .filter((r) => !r.path.includes('*'))
    .map((r) => `${r.method} ${r.path.slice(API_PREFIX.length)}`);
  return [...new Set(keys)].sort();
}

type Expect = 'allowed' | 'not-final-yet' | 'forbidden';
const Y: Expect = 'allowed';
const F: Expect = 'not-final-yet';
const N: Expect = 'forbidden';

/** docs/accounts.md "Roles": [organiser, desk coordinator, viewer], before and once final. */
const EXPECTED: Record<
  string,
  { before: [Expect, Expect, Expect]; final: [Expect, Expect, Expect] }
> = {
  'GET /events': { before: [Y, Y, Y], final: [Y, Y, Y] },
  'GET /events/:eventId': { before: [Y, Y, Y], final: [Y, Y, Y] },
  'POST /events': { before: [Y, N, N], final: [Y, N, N] },
  'PUT /events/:eventId/definition': { before: [Y, N, N], final: [Y, N, N] },
  'POST /events/:eventId/state': { before: [Y, N, N], final: [Y, N, N] },
  'GET /events/:eventId/package': { before: [Y, N, N], final: [Y, N, N] },
  'GET /events/:eventId/stations': { before: [Y, Y, N], final: [Y, Y, N] },
  'POST /events/:eventId/stations/:stationId/revocation': { before: [Y, Y, N], final: [Y, Y, N] },
  'POST /events/:eventId/codes': { before: [Y, Y, N], final: [Y, Y, N] },
  'POST /events/:eventId/codes/void': { before: [Y, Y, N], final: [Y, Y, N] },
  'GET /events/:eventId/register': { before: [Y, Y, N], final: [Y, Y, N] },
  'POST /events/:eventId/register/deletion': { before: [Y, Y, N], final: [Y, Y, N] },
  'POST /events/:eventId/import': { before: [Y, Y, N], final: [Y, Y, N] },
  'GET /events/:eventId/tally-file': { before: [Y, F, F], final: [Y, Y, Y] },
  'GET /events/:eventId/ballots': { before: [Y, F, F], final: [Y, Y, Y] },
  'GET /events/:eventId/rejected': { before: [Y, N, N], final: [Y, N, N] },
  'GET /events/:eventId/inclusion': { before: [Y, F, F], final: [Y, Y, Y] },
  'GET /events/:eventId/equalities': { before: [Y, F, F], final: [Y, Y, Y] },
  'POST /events/:eventId/voids': { before: [Y, N, N], final: [Y, N, N] },
  'POST /events/:eventId/withdrawals': { before: [Y, N, N], final: [Y, N, N] },
  'POST /events/:eventId/publication': { before: [Y, N, N], final: [Y, N, N] },
  'GET /audit': { before: [Y, N, N], final: [Y, N, N] },
  'POST /accounts/invites': { before: [Y, N, N], final: [Y, N, N] },
};

describe('the route table (server/http/roles.ts)', () => {
  it('names every API route the app registers', () => {
    const routes = everyRoute();
    // The app registers routes (a sanity check that the listing above works at all).
    expect(routes).toContain('POST /ballots');
    expect(routes).toContain('POST /events/:eventId/stations/:stationId/revocation');
    const missing = routes.filter((key) => ROUTE_ACCESS[key] === undefined);
    expect(missing).toEqual([]);
  });

  it('forbids a route it does not name to every role, whatever the state', () => {
    const access = routeAccess('POST', '/events/:eventId/something-new');
    expect(access).toBeUndefined();
    for (const role of ROLES) {
      expect(organiserPermission(role, access, false)).toBe('forbidden');
      expect(organiserPermission(role, access, true)).toBe('forbidden');
    }
  });

  it('reads HEAD as GET', () => {
    expect(routeAccess('HEAD', '/events/:eventId/tally-file')).toBe('tally');
  });

  it.each(Object.entries(EXPECTED))(
    'gives each role what the roles table says: %s',
    (key, want) => {
      const [method = '', route = ''] = key.split(' ');
      const access: RouteAccess | undefined = routeAccess(method, route);
      expect(access).toBeDefined();
      const got = (final: boolean) =>
        ROLES.map((role: Role) => organiserPermission(role, access, final));
      expect(got(false)).toEqual(want.before);
      expect(got(true)).toEqual(want.final);
    },
  );

  it('lets every role reach the public, station and signed-in routes (their own checks follow)', () => {
    for (const [key, access] of Object.entries(ROUTE_ACCESS)) {
      if (access !== 'public' && access !== 'station' && access !== 'signed-in') continue;
      for (const role of ROLES)
        expect([key, organiserPermission(role, access, false)]).toEqual([key, 'allowed']);
    }
  });
});

/**
 * Roles on the real server, route by route (docs/accounts.md "Roles", src/server/http/roles.ts):
 * an organiser, a desk coordinator and a viewer — real accounts, invited by the first organiser
 * and signed in with their own passwords — call every organiser route of the table, with the
 * event open and then final, and each gets exactly what the table says: allowed (anything but
 * 401/403: a request with an empty body is refused for its content, never for who sent it),
 * 403 not-final-yet, or 403 forbidden with the capability. Nobody signed in, and a station's
 * token, get 401 on every one of them.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { ROLES, type Role } from '../../src/core/roles.ts';
import { organiserPermission, ROUTE_ACCESS } from '../../src/server/http/roles.ts';
import {
  call,
  joinStation,
  organiserToken,
  type Reply,
  type TallyServer,
} from './support/tally-server.ts';
import { useTallyServers } from './support/use-tally-servers.ts';

const servers = useTallyServers();
const EVENT = DEMO_EVENT.id;
const PASSWORD = 'a long and unusual passphrase 71';

/** The organiser routes of the table, but signing out (which would end the test's session). */
const ORGANISER_ROUTES = Object.entries(ROUTE_ACCESS).filter(
  ([key, access]) =>
    access !== 'public' && access !== 'station' && !key.startsWith('POST /organiser/logout'),
);

/** A concrete path for a route: ids that exist where it matters, made-up ones elsewhere. */
function pathOf(route: string): string {
  return route
    .replace(':eventId', EVENT)
    .replace(':stationId', 'no-such-station')
    .replace(':batchId', 'no-such-batch')
    .replace(':accountId', 'no-such-account')
    .replace(':inviteId', 'no-such-invite');
}

function send(s: TallyServer, key: string, token: string | undefined): Promise<Reply> {
  const [method = 'GET', route = ''] = key.split(' ');
  return call(s, `/api/v1${pathOf(route)}`, {
    method,
    ...(token === undefined ? {} : { token }),
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: {} }),
  });
}

/** The session token of a new account of `role`: invited, then its password chosen. */
async function accountOf(s: TallyServer, organiser: string, role: Role): Promise<string> {
  const invited = await call<{ token: string }>(s, '/api/v1/accounts/invites', {
    token: organiser,
    body: { name: `A ${role}`, role },
  });
  expect(invited.status).toBe(201);
  const accepted = await call(s, '/api/v1/invites/accept', {
    body: { token: invited.body.token, password: PASSWORD },
  });
  expect(accepted.status).toBe(200);
  const signedIn = await call(s, '/api/v1/organiser/login', {
    body: { name: `A ${role}`, password: PASSWORD },
  });
  expect(signedIn.status).toBe(200);
  const cookie = /dd_session=([^;]+)/.exec(signedIn.headers.get('set-cookie') ?? '')?.[1];
  expect(cookie).toBeDefined();
  return cookie ?? '';
}

type Seen = [route: string, role: string, status: number, code: string | null];

function outcome(key: string, role: string, reply: Reply): Seen {
  const code = (reply.body as { error?: { code?: string } } | undefined)?.error?.code ?? null;
  return [key, role, reply.status, code];
}

/** What the table says each role gets, as the reply it must be. */
function expected(key: string, role: Role, final: boolean): (seen: Seen) => boolean {
  const verdict = organiserPermission(role, ROUTE_ACCESS[key], final);
  if (verdict === 'allowed') return ([, , status]) => status !== 401 && status !== 403;
  return ([, , status, code]) => status === 403 && code === verdict;
}

async function checkEveryRoute(s: TallyServer, tokens: Map<Role, string>, final: boolean) {
  const wrong: (Seen & { length: 4 })[] = [];
  for (const [key] of ORGANISER_ROUTES) {
    for (const role of ROLES) {
      const reply = await send(s, key, tokens.get(role));
      const seen = outcome(key, role, reply);
      if (!expected(key, role, final)(seen)) wrong.push(seen);
    }
  }
  return wrong;
}

async function moveTo(s: TallyServer, token: string, to: string) {
  const detail = await call<{ version: number }>(s, `/api/v1/events/${EVENT}`, { token });
  const moved = await call(s, `/api/v1/events/${EVENT}/state`, {
    token,
    body: { version: detail.body.version, to },
  });
  expect(moved.status).toBe(200);
}

describe('roles, route by route', { timeout: 120_000 }, () => {
  it('gives each role exactly what the table says, with the event open and once final', async () => {
    const s = await servers({
      env: { RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_SECOND: '100000' },
    });
    const organiser = await organiserToken(s);
    const tokens = new Map<Role, string>([['organiser', organiser]]);
    for (const role of ROLES)
      if (role !== 'organiser') tokens.set(role, await accountOf(s, organiser, role));

    // Open: every route answers as the table says for every role.
    expect(await checkEveryRoute(s, tokens, false)).toEqual([]);
    // The refusals carry the capability, for the screens to word.
    const refused = await send(s, 'GET /audit', tokens.get('viewer'));
    expect(refused.body).toMatchObject({
      error: { code: 'forbidden', params: { capability: 'accounts' } },
    });
    const early = await send(s, 'GET /events/:eventId/tally-file', tokens.get('desk-coordinator'));
    expect(early.body).toMatchObject({
      error: { code: 'not-final-yet', params: { capability: 'tally' } },
    });

    await moveTo(s, organiser, 'closed');
    await moveTo(s, organiser, 'final');
    expect(await checkEveryRoute(s, tokens, true)).toEqual([]);
    // Once final, the viewer reads the tally file itself.
    const file = await send(s, 'GET /events/:eventId/tally-file', tokens.get('viewer'));
    expect(file.status).toBe(200);
  });

  it('answers 401 to nobody and to a station on every organiser route', async () => {
    const s = await servers({
      env: { RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_SECOND: '100000' },
    });
    const station = await joinStation(s, 'Hall');
    const wrong: Seen[] = [];
    for (const [key] of ORGANISER_ROUTES) {
      for (const [who, token] of [
        ['nobody', undefined],
        ['station', station.token],
      ] as const) {
        const seen = outcome(key, who, await send(s, key, token));
        if (seen[2] !== 401) wrong.push(seen);
      }
    }
    expect(wrong).toEqual([]);
  });
});

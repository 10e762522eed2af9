/**
 * Named accounts and cookie sessions on the real server (docs/accounts.md): sign-in with a name
 * and a password sets an HttpOnly, SameSite=Strict session cookie; a change made with the cookie
 * needs the page's X-CSRF-Token; programs still use the session as a bearer token; sign out and
 * sign out everywhere end sessions; a restart keeps them.
 */
import { describe, expect, it } from 'vitest';
import type { AuditResponse } from '../../src/core/audit.ts';
import { send, signIn, type Sent } from './support/accounts.ts';
import { call, organiserToken, sessionCookie, TEST_PASSWORD } from './support/tally-server.ts';
import { useTallyServers } from './support/use-tally-servers.ts';

const servers = useTallyServers();

const errorCode = (r: Sent) => (r.body as { error?: { code?: string } }).error?.code;

describe('signing in with a name and password', { timeout: 60_000 }, () => {
  it('sets an HttpOnly SameSite=Strict cookie (Secure on 127.0.0.1) and answers the session', async () => {
    const s = await servers();
    const { session, headers, cookie } = await signIn(s);
    const setCookie = headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/^dd_session=[\w-]{43}; /);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).toContain('Secure');
    expect(session.account).toMatchObject({ name: 'organiser', role: 'organiser' });
    expect(session.csrfToken.length).toBeGreaterThanOrEqual(32);
    expect(Date.parse(session.expiresAt) - Date.now()).toBeGreaterThan(11 * 3600_000);
    expect(Date.parse(session.idleExpiresAt) - Date.now()).toBeLessThanOrEqual(30 * 60_000);
    // The token is nowhere in the body: only in the HttpOnly cookie.
    expect(JSON.stringify(session)).not.toContain(cookie);
    // A reload restores it from the cookie.
    const again = await send(s, '/organiser/session', { cookie });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ account: session.account, csrfToken: session.csrfToken });
  });

  it('answers the same 401 for an unknown name and a wrong password', async () => {
    const s = await servers();
    const unknown = await send(s, '/organiser/login', {
      body: { name: 'nobody-here', password: TEST_PASSWORD },
    });
    const wrong = await send(s, '/organiser/login', {
      body: { name: 'organiser', password: 'not the password at all' },
    });
    expect([unknown.status, errorCode(unknown)]).toEqual([401, 'wrong-credentials']);
    expect([wrong.status, errorCode(wrong)]).toEqual([401, 'wrong-credentials']);
    expect(unknown.body).toEqual(wrong.body);
    expect(sessionCookie(wrong.headers)).toBeUndefined();
    // Names are compared without case.
    const upper = await send(s, '/organiser/login', {
      body: { name: 'ORGANISER', password: TEST_PASSWORD },
    });
    expect(upper.status).toBe(200);
    // The old password-only body is refused as malformed, not taken as a sign-in.
    const old = await send(s, '/organiser/login', { body: { password: TEST_PASSWORD } });
    expect(old.status).toBe(400);
  });

  it('refuses a change made with the cookie but without the CSRF token; the bearer token still works', async () => {
    const s = await servers();
    const { cookie, session } = await signIn(s);
    const body = { name: 'Ann Example', role: 'viewer' };
    const bare = await send(s, '/accounts/invites', { cookie, body });
    expect([bare.status, errorCode(bare)]).toEqual([403, 'csrf-token-missing']);
    const forged = await send(s, '/accounts/invites', { cookie, body, csrf: 'x'.repeat(43) });
    expect([forged.status, errorCode(forged)]).toEqual([403, 'csrf-token-missing']);
    // Reading needs no token.
    expect((await send(s, '/accounts', { cookie })).status).toBe(200);
    const right = await send(s, '/accounts/invites', { cookie, body, csrf: session.csrfToken });
    expect(right.status).toBe(201);
    // A program sends the session as a bearer token, which no browser attaches by itself.
    const token = await organiserToken(s);
    const byBearer = await call(s, '/api/v1/accounts/invites', {
      token,
      body: { name: 'Bo Example', role: 'viewer' },
    });
    expect(byBearer.status).toBe(201);
    // Without a session at all: 401.
    expect((await send(s, '/accounts')).status).toBe(401);
  });

  it('signs out one session, or every session of the account', async () => {
    const s = await servers();
    const first = await signIn(s);
    const second = await signIn(s);
    const third = await signIn(s);
    const out = await send(s, '/organiser/logout', {
      method: 'POST',
      cookie: first.cookie,
      csrf: first.session.csrfToken,
    });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/dd_session=;.*Max-Age=0/);
    expect((await send(s, '/organiser/session', { cookie: first.cookie })).status).toBe(401);
    expect((await send(s, '/organiser/session', { cookie: second.cookie })).status).toBe(200);
    const everywhere = await send(s, '/organiser/logout-everywhere', {
      method: 'POST',
      cookie: second.cookie,
      csrf: second.session.csrfToken,
    });
    expect(everywhere.status).toBe(204);
    expect((await send(s, '/organiser/session', { cookie: second.cookie })).status).toBe(401);
    expect((await send(s, '/organiser/session', { cookie: third.cookie })).status).toBe(401);
  });

  it('counts guesses sent all at once before checking any: only five are tried', async () => {
    const s = await servers();
    const sent = Array.from({ length: 12 }, (_, i) =>
      send(s, '/organiser/login', {
        body: { name: 'organiser', password: `wrong-guess-${i}-x` },
      }),
    );
    // The right password waits like any other attempt. Sent as soon as one guess is refused (so
    // five have been counted), not after the five checks, which take seconds on a busy machine:
    // the first wait is 1 s.
    await Promise.any(
      sent.map((p) =>
        p.then((r) => (errorCode(r) === 'login-throttled' ? r : Promise.reject(new Error()))),
      ),
    );
    const blocked = await send(s, '/organiser/login', {
      body: { name: 'organiser', password: TEST_PASSWORD },
    });
    const codes = (await Promise.all(sent)).map(errorCode);
    expect(codes.filter((c) => c === 'wrong-credentials')).toHaveLength(5);
    expect(codes.filter((c) => c === 'login-throttled')).toHaveLength(7);
    expect(errorCode(blocked)).toBe('login-throttled');
  });

  it('keeps sessions through a restart on the same data folder', async () => {
    const s = await servers();
    const { cookie, session } = await signIn(s);
    await s.stop();
    const again = await servers({ dataDir: s.dataDir });
    const restored = await send(again, '/organiser/session', { cookie });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ csrfToken: session.csrfToken });
  });

  it('records sign-ins, failed ones by the name given, with the address and never the password', async () => {
    const s = await servers();
    await send(s, '/organiser/login', { body: { name: 'Mallory', password: 'guess-guess-guess' } });
    const token = await organiserToken(s);
    const trail = await call<AuditResponse>(s, '/api/v1/audit', { token });
    expect(trail.body.records.map((r) => [r.action, r.by, r.details['address']])).toEqual([
      ['sign-in-failed', 'Mallory', '127.0.0.1'],
      ['sign-in', 'organiser', '127.0.0.1'],
    ]);
    expect(JSON.stringify(trail.body)).not.toContain('guess-guess-guess');
    expect(JSON.stringify(trail.body)).not.toContain(TEST_PASSWORD);
  });
});

/**
 * Accounts on the real server, continued: invites end to end, weak passwords, the last organiser,
 * disabling (its sessions end at once), expiry (idle and absolute, shortened by configuration),
 * sign-in throttling, and the upgrade from the one shared password (organiser-password.txt).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type {
  AccountsResponse,
  InvitePreview,
  InviteResponse,
  SessionResponse,
} from '../../src/core/accounts-api.ts';
import type { AuditResponse } from '../../src/core/audit.ts';
import {
  call,
  organiserToken,
  sessionCookie,
  tempDataDir,
  TEST_PASSWORD,
} from './support/tally-server.ts';
import { send, signIn } from './support/accounts.ts';
import { useTallyServers } from './support/use-tally-servers.ts';
import { storedAccounts, storedElsewhere } from './support/stored.ts';

const servers = useTallyServers();
const GOOD = 'a long and unusual passphrase';
const errorOf = (r: { body: unknown }) =>
  (r.body as { error?: { code?: string; params?: Record<string, unknown> } }).error;

describe('invites and accounts', { timeout: 90_000 }, () => {
  it('invites someone, who chooses a password, is signed in, and can sign in again', async () => {
    const s = await servers();
    const token = await organiserToken(s);
    const invited = await call<InviteResponse>(s, '/api/v1/accounts/invites', {
      token,
      body: { name: 'Annabel Example', role: 'desk-coordinator' },
    });
    expect(invited.status).toBe(201);
    expect(invited.body.invite).toMatchObject({
      name: 'Annabel Example',
      role: 'desk-coordinator',
    });
    const link = invited.body.token;
    // The token is stored only as its hash.
    for (const text of storedElsewhere(s)) expect(text).not.toContain(link);
    const preview = await call<InvitePreview>(s, `/api/v1/invites/${link}`);
    expect(preview.body).toEqual({ name: 'Annabel Example', role: 'desk-coordinator' });
    // Listed: the account (no password yet) and its invite.
    const listed = await call<AccountsResponse>(s, '/api/v1/accounts', { token });
    expect(listed.body.accounts.map((a) => [a.name, a.role, a.active])).toEqual([
      ['organiser', 'organiser', true],
      ['Annabel Example', 'desk-coordinator', false],
    ]);
    expect(listed.body.invites).toHaveLength(1);
    // The same name in other case is taken.
    const taken = await call(s, '/api/v1/accounts/invites', {
      token,
      body: { name: 'ANNABEL EXAMPLE', role: 'viewer' },
    });
    expect([taken.status, errorOf(taken)?.code]).toEqual([409, 'name-taken']);
    // A name that deceives is refused with its text problem.
    const hidden = await call(s, '/api/v1/accounts/invites', {
      token,
      body: { name: 'Annabel\u200BExample', role: 'viewer' },
    });
    expect([hidden.status, errorOf(hidden)?.code]).toEqual([422, 'invalid-name']);

    // Weak passwords, each with its reason.
    for (const [password, reason] of [
      ['short one', 'too-short'],
      ['x'.repeat(257), 'too-long'],
      ['annabel example', 'same-as-name'],
      ['PASSWORD1234', 'common'],
    ] as const) {
      const weak = await call(s, '/api/v1/invites/accept', { body: { token: link, password } });
      expect([weak.status, errorOf(weak)?.code, errorOf(weak)?.params?.['reason']]).toEqual([
        422,
        'weak-password',
        reason,
      ]);
    }
    const accepted = await send(s, '/invites/accept', { body: { token: link, password: GOOD } });
    expect(accepted.status).toBe(200);
    expect((accepted.body as SessionResponse).account).toMatchObject({ name: 'Annabel Example' });
    expect(sessionCookie(accepted.headers)).toBeDefined();
    // Used once only.
    const again = await call(s, '/api/v1/invites/accept', {
      body: { token: link, password: GOOD },
    });
    expect([again.status, errorOf(again)?.code]).toEqual([404, 'invite-not-found']);
    expect((await call(s, `/api/v1/invites/${link}`)).status).toBe(404);
    const signedIn = await signIn(s, 'annabel example', GOOD);
    expect(signedIn.session.account.role).toBe('desk-coordinator');
    // Not an organiser: cannot manage accounts.
    const refused = await send(s, '/accounts', { cookie: signedIn.cookie });
    expect(refused.status).toBe(403);

    const trail = await call<AuditResponse>(s, '/api/v1/audit', { token });
    const actions = trail.body.records.map((r) => [r.action, r.by]);
    expect(actions).toContainEqual(['account-invite', 'organiser']);
    expect(actions).toContainEqual(['account-invite-accept', 'Annabel Example']);
    expect(actions).toContainEqual(['sign-in', 'annabel example']);
    expect(JSON.stringify(trail.body)).not.toContain(GOOD);
    expect(JSON.stringify(trail.body)).not.toContain(link);
  });

  it('withdraws an invite (its name is free again); a reset link replaces the password', async () => {
    const s = await servers();
    const token = await organiserToken(s);
    const invited = await call<InviteResponse>(s, '/api/v1/accounts/invites', {
      token,
      body: { name: 'Bo', role: 'viewer' },
    });
    const withdrawn = await call(s, `/api/v1/accounts/invites/${invited.body.invite.id}`, {
      token,
      method: 'DELETE',
    });
    expect(withdrawn.status).toBe(204);
    expect((await call(s, `/api/v1/invites/${invited.body.token}`)).status).toBe(404);
    const listed = await call<AccountsResponse>(s, '/api/v1/accounts', { token });
    expect(listed.body.accounts.map((a) => a.name)).toEqual(['organiser']);

    const organiserId = listed.body.accounts[0]?.id ?? '';
    const old = await signIn(s);
    const reset = await call<InviteResponse>(s, `/api/v1/accounts/${organiserId}/reset`, {
      token,
      method: 'POST',
    });
    expect(reset.status).toBe(201);
    const chosen = await call(s, '/api/v1/invites/accept', {
      body: { token: reset.body.token, password: GOOD },
    });
    expect(chosen.status).toBe(200);
    // The old password no longer works, and its sessions ended.
    const oldPassword = await call(s, '/api/v1/organiser/login', {
      body: { name: 'organiser', password: TEST_PASSWORD },
    });
    expect(oldPassword.status).toBe(401);
    expect((await send(s, '/organiser/session', { cookie: old.cookie })).status).toBe(401);
    expect((await signIn(s, 'organiser', GOOD)).session.account.name).toBe('organiser');
  });

  it('keeps the last organiser, and ends a disabled account’s sessions at once', async () => {
    const s = await servers();
    const token = await organiserToken(s);
    const me = (await call<AccountsResponse>(s, '/api/v1/accounts', { token })).body.accounts[0];
    const id = me?.id ?? '';
    for (const change of [{ disabled: true }, { role: 'viewer' }]) {
      const refused = await call(s, `/api/v1/accounts/${id}`, {
        token,
        method: 'PATCH',
        body: change,
      });
      expect([refused.status, errorOf(refused)?.code]).toEqual([409, 'last-organiser']);
    }
    // A second organiser: now the first can be disabled, and its sessions end.
    const invited = await call<InviteResponse>(s, '/api/v1/accounts/invites', {
      token,
      body: { name: 'Cy', role: 'organiser' },
    });
    const cy = await send(s, '/invites/accept', {
      body: { token: invited.body.token, password: GOOD },
    });
    const cyToken = sessionCookie(cy.headers) ?? '';
    const browser = await signIn(s);
    const disabled = await call(s, `/api/v1/accounts/${id}`, {
      token: cyToken,
      method: 'PATCH',
      body: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    expect((await call(s, '/api/v1/events', { token })).status).toBe(401);
    expect((await send(s, '/organiser/session', { cookie: browser.cookie })).status).toBe(401);
    const login = await call(s, '/api/v1/organiser/login', {
      body: { name: 'organiser', password: TEST_PASSWORD },
    });
    expect([login.status, errorOf(login)?.code]).toEqual([401, 'wrong-credentials']);
    // Cy is now the last organiser.
    const cyId = invited.body.invite.accountId;
    const last = await call(s, `/api/v1/accounts/${cyId}`, {
      token: cyToken,
      method: 'PATCH',
      body: { role: 'viewer' },
    });
    expect(errorOf(last)?.code).toBe('last-organiser');
    // Enabled again, it signs in.
    await call(s, `/api/v1/accounts/${id}`, {
      token: cyToken,
      method: 'PATCH',
      body: { disabled: false },
    });
    expect((await signIn(s)).session.account.name).toBe('organiser');
  });
});

describe('session expiry and throttling', { timeout: 90_000 }, () => {
  it('ends a session left unused for the idle time, and any session at its absolute end', async () => {
    const s = await servers({ env: { SESSION_IDLE_SECONDS: '2', SESSION_MAX_SECONDS: '5' } });
    const idle = await signIn(s);
    const busy = await signIn(s);
    const started = Date.now();
    // `busy` is used every second; `idle` is not.
    while (Date.now() - started < 3_500) {
      expect((await send(s, '/organiser/session', { cookie: busy.cookie })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect((await send(s, '/organiser/session', { cookie: idle.cookie })).status).toBe(401);
    while (Date.now() - started < 5_500) {
      await send(s, '/organiser/session', { cookie: busy.cookie });
      await new Promise((r) => setTimeout(r, 500));
    }
    expect((await send(s, '/organiser/session', { cookie: busy.cookie })).status).toBe(401);
  });

  it('throttles sign-in after five failures, per name and per address, with Retry-After', async () => {
    const s = await servers();
    for (let i = 0; i < 5; i += 1) {
      const wrong = await call(s, '/api/v1/organiser/login', {
        body: { name: 'organiser', password: `wrong guess ${i}` },
      });
      expect(wrong.status).toBe(401);
    }
    const throttled = await call(s, '/api/v1/organiser/login', {
      body: { name: 'organiser', password: TEST_PASSWORD },
    });
    expect([throttled.status, errorOf(throttled)?.code]).toEqual([429, 'login-throttled']);
    expect(errorOf(throttled)?.params?.['seconds']).toBe(1);
    expect(throttled.headers.get('retry-after')).toBe('1');
    // Another name from the same address waits too (the address's count).
    const other = await call(s, '/api/v1/organiser/login', {
      body: { name: 'someone else', password: 'whatever it is' },
    });
    expect(other.status).toBe(429);
    await new Promise((r) => setTimeout(r, 1100));
    // After the wait the right password works (and the failures were recorded, the right one too).
    expect(await organiserToken(s)).toMatch(/^[\w-]{43}$/);
  });
});

describe('the upgrade from one shared password', { timeout: 60_000 }, () => {
  it('makes organiser-password.txt the first account’s password, then removes the file', async () => {
    const dataDir = tempDataDir();
    writeFileSync(join(dataDir, 'organiser-password.txt'), 'abcd-efgh-jkmn-pqrs\n');
    const s = await servers({ dataDir, env: { ORGANISER_PASSWORD: undefined } });
    expect(s.output()).toContain('with the password from');
    expect(s.output()).not.toContain('abcd-efgh-jkmn-pqrs');
    expect(existsSync(join(dataDir, 'organiser-password.txt'))).toBe(false);
    expect(await organiserToken(s, 'abcd-efgh-jkmn-pqrs')).toMatch(/^[\w-]{43}$/);
    const book = storedAccounts(s);
    expect(book).toContain('"name": "organiser"');
    expect(book).toMatch(/"passwordHash": "scrypt\$32768\$8\$1\$/);
    expect(book).not.toContain('abcd-efgh-jkmn-pqrs');
  });
});

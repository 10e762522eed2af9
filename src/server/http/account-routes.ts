/**
 * Signing in and out, and the organisers' accounts (docs/accounts.md; the wire format is
 * core/accounts-api.ts):
 *
 *   POST   /organiser/login               { name, password } → SessionResponse + dd_session cookie
 *   GET    /organiser/session             the signed-in session again (after a page reload)
 *   POST   /organiser/logout              ends this session (204, cookie cleared)
 *   POST   /organiser/logout-everywhere   ends every session of the account (204, cookie cleared)
 *   GET    /accounts                      accounts and live invites            (organisers)
 *   POST   /accounts/invites              { name, role } → a one-time link     (organisers)
 *   DELETE /accounts/invites/:inviteId    withdraws an unused invite           (organisers)
 *   PATCH  /accounts/:accountId           { role?, disabled? }                 (organisers)
 *   POST   /accounts/:accountId/reset     a new one-time link for the account  (organisers)
 *   GET    /invites/:token                who the link is for                  (anyone with it)
 *   POST   /invites/accept                { token, password } → SessionResponse + cookie
 *
 * The session travels in an HttpOnly cookie page scripts cannot read; the page holds the
 * session's CSRF token and sends it back as X-CSRF-Token (principal.ts checks it).
 */
import type { Context, Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import {
  acceptInviteRequestSchema,
  accountChangeSchema,
  inviteRequestSchema,
  loginRequestSchema,
  PASSWORD_MAX,
  PASSWORD_MIN,
  SESSION_COOKIE,
  type AccountListItem,
  type AccountsResponse,
  type InvitePreview,
  type InviteResponse,
  type SessionResponse,
} from '../../core/accounts-api.ts';
import { API_PREFIX, MAX_SMALL_BODY_BYTES } from '../../core/protocol.ts';
import type {
  AccountBook,
  AccountRecord,
  BookRefusal,
  InviteRecord,
} from '../accounts/account-book.ts';
import { nameKey } from '../accounts/account-book.ts';
import {
  commonPasswords,
  hashPassword,
  passwordWeakness,
  verifyNothing,
  verifyPassword,
} from '../accounts/passwords.ts';
import type { OrganiserSessions, SessionRecord } from '../accounts/sessions.ts';
import type { LoginThrottle } from '../accounts/throttle.ts';
import {
  clientAddress,
  organiserName,
  requireOrganiser,
  sessionToken,
  type AppEnv,
} from './principal.ts';
import { fail, failure, limitBody, parseWith, readJson, type Failure } from './respond.ts';
import { hashSecret, newSecret } from './secrets.ts';

export interface AccountDeps {
  accounts: AccountBook;
  sessions: OrganiserSessions;
  throttle: LoginThrottle;
  now: () => Date;
  /** Whether this server itself speaks TLS. */
  tls: boolean;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * `Secure` whenever the browser will keep it: over HTTPS (this server's TLS or a proxy's), and on
 * localhost/127.0.0.1, which browsers treat as secure. Elsewhere over plain HTTP a browser would
 * drop a Secure cookie, and nobody could sign in (a hall laptop on a LAN without TLS, issue 13).
 */
function secureCookie(c: Context, tls: boolean): boolean {
  if (tls || c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https') return true;
  try {
    const url = new URL(c.req.url);
    return url.protocol === 'https:' || LOCAL_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

/** An account as the organisers' list shows it: never its password hash. */
const listItem = (a: AccountRecord): AccountListItem => ({
  id: a.id,
  name: a.name,
  role: a.role,
  createdAt: a.createdAt,
  createdBy: a.createdBy,
  ...(a.disabledAt === undefined ? {} : { disabledAt: a.disabledAt }),
  active: a.passwordHash !== undefined,
});

const weakPassword = (reason: string): Failure =>
  failure(422, 'weak-password', `Choose another password (${reason}).`, {
    params: { reason, min: PASSWORD_MIN, max: PASSWORD_MAX },
  });

const inviteNotFound = (): Failure =>
  failure(
    404,
    'invite-not-found',
    'This invitation is unknown, used, withdrawn or expired. Ask an organiser for a new one.',
  );

function refusal(r: BookRefusal): Failure {
  switch (r.code) {
    case 'invalid-name':
      return failure(422, 'invalid-name', `This account name cannot be used (${r.problem.code}).`, {
        params: { problem: r.problem.code, ...r.problem.params },
      });
    case 'name-taken':
      return failure(409, 'name-taken', 'Another account already has this name.');
    case 'last-organiser':
      return failure(
        409,
        'last-organiser',
        'This is the last organiser who can sign in: it cannot be disabled or given another role.',
      );
    case 'not-found':
      return failure(404, 'not-found', 'There is no such account.');
  }
}

export function accountRoutes(app: Hono<AppEnv>, deps: AccountDeps): void {
  const { accounts, sessions, throttle, now } = deps;

  const sessionResponse = (account: AccountRecord, session: SessionRecord): SessionResponse => ({
    account: { id: account.id, name: account.name, role: account.role },
    csrfToken: session.csrfToken,
    ...sessions.expiry(session),
  });

  /** A new session for the account: stored, then its cookie set and its answer made. */
  async function signIn(c: Context<AppEnv>, account: AccountRecord): Promise<SessionResponse> {
    const { token, session } = sessions.create(account.id);
    await sessions.saved();
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: secureCookie(c, deps.tls),
      maxAge: Math.floor((Date.parse(sessions.expiry(session).expiresAt) - now().getTime()) / 1000),
    });
    c.set('principal', {
      kind: 'organiser',
      accountId: account.id,
      name: account.name,
      role: account.role,
    });
    return sessionResponse(account, session);
  }

  function clearCookie(c: Context<AppEnv>): void {
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secureCookie(c, deps.tls) });
  }

  /** The caller's live session (cookie or bearer), after identify() accepted it. */
  function currentSession(c: Context<AppEnv>): SessionRecord | undefined {
    const token = sessionToken(c);
    return token === undefined ? undefined : sessions.use(hashSecret(token));
  }

  app.post(`${API_PREFIX}/organiser/login`, limitBody(MAX_SMALL_BODY_BYTES), async (c) => {
    const body = await readJson(c);
    if (!body.ok) return fail(c, body.error);
    const request = parseWith(loginRequestSchema, body.value);
    if (!request.ok) return fail(c, request.error);
    const { name, password } = request.value;
    const keys = [`name:${nameKey(name)}`, `address:${clientAddress(c)}`];
    // Counted before the password is checked, so parallel guesses cannot slip past (throttle.ts).
    const attempt = await throttle.attempt(keys);
    const wait = attempt.wait;
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return fail(
        c,
        failure(429, 'login-throttled', `Too many failed sign-ins. Wait ${wait} s.`, {
          params: { seconds: wait },
        }),
      );
    }
    // Recorded in the audit trail as the name given, right or wrong (never the password).
    c.set('auditBy', name.slice(0, 200));
    const account = accounts.byName(name);
    const canSignIn =
      account?.passwordHash !== undefined && account.disabledAt === undefined ? account : undefined;
    const right =
      canSignIn?.passwordHash === undefined
        ? await verifyNothing(password)
        : await verifyPassword(password, canSignIn.passwordHash);
    if (!right || canSignIn === undefined) {
      return fail(
        c,
        failure(401, 'wrong-credentials', 'That name and password do not match an account.'),
      );
    }
    await throttle.succeeded(attempt);
    return c.json(await signIn(c, canSignIn));
  });

  app.get(`${API_PREFIX}/organiser/session`, (c) => {
    const denied = requireOrganiser(c);
    if (denied !== null) return fail(c, denied);
    const session = currentSession(c);
    const account = session && accounts.byId(session.accountId);
    if (session === undefined || account === undefined) {
      return fail(c, failure(401, 'unauthorized', 'Sign in again.'));
    }
    return c.json(sessionResponse(account, session));
  });

  app.post(`${API_PREFIX}/organiser/logout`, async (c) => {
    const denied = requireOrganiser(c);
    if (denied !== null) return fail(c, denied);
    const session = currentSession(c);
    if (session !== undefined) await sessions.end(session.hash);
    clearCookie(c);
    return c.body(null, 204);
  });

  app.post(`${API_PREFIX}/organiser/logout-everywhere`, async (c) => {
    const denied = requireOrganiser(c);
    if (denied !== null) return fail(c, denied);
    const session = currentSession(c);
    if (session !== undefined) await sessions.endAll(session.accountId);
    clearCookie(c);
    return c.body(null, 204);
  });

  // ── Accounts and invites: organisers only (roles.ts's table says so too). ────────────────────

  const organiserOnly = (c: Context<AppEnv>): Response | null => {
    const denied = requireOrganiser(c);
    if (denied !== null) return fail(c, denied);
    const principal = c.get('principal');
    if (principal.kind === 'organiser' && principal.role !== 'organiser') {
      return fail(
        c,
        failure(403, 'forbidden', `A ${principal.role} account cannot manage accounts.`, {
          params: { capability: 'accounts' },
        }),
      );
    }
    return null;
  };

  const inviteView = (invite: InviteRecord) => {
    const account = accounts.byId(invite.accountId);
    return {
      id: invite.id,
      accountId: invite.accountId,
      name: account?.name ?? '',
      role: account?.role ?? 'viewer',
      createdAt: invite.createdAt,
      createdBy: invite.createdBy,
      expiresAt: invite.expiresAt,
    };
  };

  async function newInvite(c: Context<AppEnv>, account: AccountRecord): Promise<Response> {
    const token = newSecret();
    const invite = await accounts.invite(account.id, organiserName(c), now(), hashSecret(token));
    c.set('auditDetails', { account: account.id, name: account.name, role: account.role });
    const response: InviteResponse = { invite: inviteView(invite), token };
    return c.json(response, 201);
  }

  app.get(`${API_PREFIX}/accounts`, (c) => {
    const denied = organiserOnly(c);
    if (denied !== null) return denied;
    const response: AccountsResponse = {
      accounts: accounts.accounts().map(listItem),
      invites: accounts.invites(now()).map(inviteView),
    };
    return c.json(response);
  });

  app.post(`${API_PREFIX}/accounts/invites`, limitBody(MAX_SMALL_BODY_BYTES), async (c) => {
    const denied = organiserOnly(c);
    if (denied !== null) return denied;
    const body = await readJson(c);
    if (!body.ok) return fail(c, body.error);
    const request = parseWith(inviteRequestSchema, body.value);
    if (!request.ok) return fail(c, request.error);
    const created = await accounts.create(
      { name: request.value.name, role: request.value.role, createdBy: organiserName(c) },
      now(),
    );
    if (!created.ok) return fail(c, refusal(created.error));
    return newInvite(c, created.value);
  });

  app.delete(`${API_PREFIX}/accounts/invites/:inviteId`, async (c) => {
    const denied = organiserOnly(c);
    if (denied !== null) return denied;
    const inviteId = c.req.param('inviteId');
    if (!(await accounts.endInvite(inviteId, now(), false))) return fail(c, inviteNotFound());
    c.set('auditDetails', { invite: inviteId });
    return c.body(null, 204);
  });

  app.patch(`${API_PREFIX}/accounts/:accountId`, limitBody(MAX_SMALL_BODY_BYTES), async (c) => {
    const denied = organiserOnly(c);
    if (denied !== null) return denied;
    const body = await readJson(c);
    if (!body.ok) return fail(c, body.error);
    const request = parseWith(accountChangeSchema, body.value);
    if (!request.ok) return fail(c, request.error);
    const accountId = c.req.param('accountId');
    const changed = await accounts.change(accountId, request.value, now());
    if (!changed.ok) return fail(c, refusal(changed.error));
    // A disabled account is signed out everywhere at once.
    if (request.value.disabled === true) await sessions.endAll(accountId);
    c.set('auditDetails', {
      account: accountId,
      name: changed.value.name,
      ...(request.value.role === undefined ? {} : { role: request.value.role }),
      ...(request.value.disabled === undefined ? {} : { disabled: request.value.disabled }),
    });
    return c.json(listItem(changed.value));
  });

  app.post(`${API_PREFIX}/accounts/:accountId/reset`, async (c) => {
    const denied = organiserOnly(c);
    if (denied !== null) return denied;
    const account = accounts.byId(c.req.param('accountId'));
    if (account === undefined) return fail(c, refusal({ code: 'not-found' }));
    return newInvite(c, account);
  });

  // ── Invites, for whoever holds the link ─────────────────────────────────────────────────────

  const liveInvite = (token: string) => {
    const invite = accounts.inviteByTokenHash(hashSecret(token), now());
    const account = invite && accounts.byId(invite.accountId);
    return invite !== undefined && account !== undefined ? { invite, account } : undefined;
  };

  app.get(`${API_PREFIX}/invites/:token`, (c) => {
    const found = liveInvite(c.req.param('token'));
    if (found === undefined) return fail(c, inviteNotFound());
    const response: InvitePreview = { name: found.account.name, role: found.account.role };
    return c.json(response);
  });

  app.post(`${API_PREFIX}/invites/accept`, limitBody(MAX_SMALL_BODY_BYTES), async (c) => {
    const body = await readJson(c);
    if (!body.ok) return fail(c, body.error);
    const request = parseWith(acceptInviteRequestSchema, body.value);
    if (!request.ok) return fail(c, request.error);
    const found = liveInvite(request.value.token);
    if (found === undefined) return fail(c, inviteNotFound());
    const { invite, account } = found;
    if (account.disabledAt !== undefined) {
      return fail(c, failure(403, 'account-disabled', 'This account has been disabled.'));
    }
    const weakness = passwordWeakness(
      request.value.password,
      account.name,
      await commonPasswords(),
    );
    if (weakness !== undefined) return fail(c, weakPassword(weakness));
    const passwordHash = await hashPassword(request.value.password);
    // Used up first: of two acceptances at once, only one gets past here.
    if (!(await accounts.endInvite(invite.id, now(), true))) return fail(c, inviteNotFound());
    await accounts.setPassword(account.id, passwordHash);
    // A reset: whoever was signed in with the old password is signed out.
    await sessions.endAll(account.id);
    c.set('auditDetails', { account: account.id });
    return c.json(await signIn(c, { ...account, passwordHash }));
  });
}

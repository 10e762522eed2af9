/**
 * Accounts in the organiser's app (issue 11): signing in by name, a session restored after a
 * reload, signing out here or everywhere, an invite link accepted, the accounts screen's actions,
 * and the screens each role is offered. An in-process fake of the accounts API (the real shapes
 * of core/accounts-api.ts) on top of the organiser fake server.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createHttpOrganiserApi,
  type AccountsApi,
  type ApiResult,
  type OrganiserApi,
  type SessionResponse,
} from '../../src/app/organiser/api.ts';
import type { AccountListItem, Invite } from '../../src/core/accounts-api.ts';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { err, ok } from '../../src/core/result.ts';
import type { Role } from '../../src/core/roles.ts';
import {
  approvalBallots,
  fakeServer,
  fakeSession,
  ORGANISER_NAME,
  PASSWORD,
  renderOrganiser,
} from './organiser-fake-api.ts';

afterEach(cleanup);

interface FakeAccount extends AccountListItem {
  password?: string;
}

/** The organiser fake server plus accounts, invites and sessions kept in memory. */
function accountsServer({ final = false }: { final?: boolean } = {}) {
  const base = fakeServer(DEMO_EVENT, approvalBallots(DEMO_EVENT, 4));
  const accounts: FakeAccount[] = [
    {
      id: 'a-1',
      name: ORGANISER_NAME,
      role: 'organiser',
      createdAt: '2026-06-01T09:00:00Z',
      createdBy: 'first start',
      active: true,
      password: PASSWORD,
    },
  ];
  const invites: (Invite & { token: string })[] = [];
  const calls: string[] = [];
  let live: SessionResponse | null = null;
  /** What the next sign-in answers, instead of checking the password. */
  const next: { login: ApiResult<SessionResponse> | null } = { login: null };
  let made = 0;

  /** A session for `account`, with a CSRF token the base fake's events and files accept. */
  const sessionOf = async (account: Pick<FakeAccount, 'id' | 'name' | 'role'>) => {
    const base0 = await base.api.login(ORGANISER_NAME, PASSWORD);
    if (!base0.ok) throw new Error('the base fake refused its own password');
    return fakeSession(base0.value.csrfToken, {
      id: account.id,
      name: account.name,
      role: account.role,
    });
  };
  const makeInvite = (account: FakeAccount) => {
    made++;
    const invite = {
      id: `i-${made}`,
      accountId: account.id,
      name: account.name,
      role: account.role,
      createdAt: '2026-06-12T10:00:00Z',
      createdBy: ORGANISER_NAME,
      expiresAt: '2026-06-19T10:00:00Z',
      token: `invite-token-${made}-${'x'.repeat(40)}`,
    };
    invites.push(invite);
    const { token, ...shown } = invite;
    return ok({ invite: shown, token });
  };
  /** An invited account: no password until its invite is used. */
  const newAccount = (name: string, role: Role): FakeAccount => {
    const account: FakeAccount = {
      id: `a-${accounts.length + 1}`,
      name,
      role,
      createdAt: '2026-06-12T10:00:00Z',
      createdBy: ORGANISER_NAME,
      active: false,
    };
    accounts.push(account);
    return account;
  };
  const organisers = () =>
    accounts.filter((a) => a.role === 'organiser' && a.disabledAt === undefined && a.active);
  const tick = () => Promise.resolve();

  const accountsApi: AccountsApi = {
    async list() {
      calls.push('accounts');
      await tick();
      return ok({
        accounts: accounts.map(({ password: _p, ...a }) => ({ ...a })),
        invites: invites.map(({ token: _t, ...i }) => ({ ...i })),
      });
    },
    async invite(_token, { name, role }) {
      calls.push(`invite ${name} ${role}`);
      await tick();
      if (accounts.some((a) => a.name.toLowerCase() === name.toLowerCase())) {
        return err({ code: 'name-taken', status: 409 });
      }
      const account = newAccount(name, role);
      return makeInvite(account);
    },
    async withdrawInvite(_token, inviteId) {
      calls.push(`withdraw ${inviteId}`);
      await tick();
      const at = invites.findIndex((i) => i.id === inviteId);
      if (at < 0) return err({ code: 'invite-not-found', status: 404 });
      invites.splice(at, 1);
      return ok(undefined);
    },
    async change(_token, accountId, change) {
      calls.push(`change ${accountId} ${JSON.stringify(change)}`);
      await tick();
      const account = accounts.find((a) => a.id === accountId);
      if (account === undefined) return err({ code: 'not-found', status: 404 });
      const last = organisers().length === 1 && organisers()[0] === account;
      if (last && (change.disabled === true || (change.role ?? 'organiser') !== 'organiser')) {
        return err({ code: 'last-organiser', status: 409 });
      }
      if (change.role !== undefined) account.role = change.role;
      if (change.disabled === true) account.disabledAt = '2026-06-12T11:00:00Z';
      if (change.disabled === false) delete account.disabledAt;
      return ok(undefined);
    },
    async resetPassword(_token, accountId) {
      calls.push(`reset ${accountId}`);
      await tick();
      const account = accounts.find((a) => a.id === accountId);
      return account === undefined ? err({ code: 'not-found', status: 404 }) : makeInvite(account);
    },
    async preview(inviteToken) {
      await tick();
      const invite = invites.find((i) => i.token === inviteToken);
      return invite === undefined
        ? err({ code: 'invite-not-found', status: 404 })
        : ok({ name: invite.name, role: invite.role });
    },
    async accept(inviteToken, password) {
      calls.push('accept');
      await tick();
      const invite = invites.find((i) => i.token === inviteToken);
      const account = accounts.find((a) => a.id === invite?.accountId);
      if (invite === undefined || account === undefined) {
        return err({ code: 'invite-not-found', status: 404 });
      }
      if (password.length < 12) {
        return err({
          code: 'weak-password',
          status: 422,
          params: { reason: 'too-short', min: 12, max: 256 },
        });
      }
      if (password === 'password1234') {
        return err({
          code: 'weak-password',
          status: 422,
          params: { reason: 'common', min: 12, max: 256 },
        });
      }
      account.password = password;
      account.active = true;
      invites.splice(invites.indexOf(invite), 1);
      live = await sessionOf(account);
      return ok(live);
    },
  };

  const api: OrganiserApi = {
    ...base.api,
    events: async (token) => {
      const answer = await base.api.events(token);
      return answer.ok
        ? ok(
            answer.value.map((e) => ({
              ...e,
              state: final ? ('final' as const) : ('open' as const),
            })),
          )
        : answer;
    },
    async login(name, password) {
      calls.push(`login ${name}`);
      await tick();
      if (next.login !== null) return next.login;
      const account = accounts.find((a) => a.name === name && a.password === password);
      if (account === undefined) return err({ code: 'wrong-credentials', status: 401 });
      live = await sessionOf(account);
      return ok(live);
    },
    async session() {
      calls.push('session');
      await tick();
      return live === null ? err({ code: 'unauthorized', status: 401 }) : ok(live);
    },
    async signOut(_token, everywhere) {
      calls.push(everywhere ? 'sign-out-everywhere' : 'sign-out');
      await tick();
      live = null;
      return ok(undefined);
    },
    accounts: accountsApi,
  };
  return {
    api,
    accounts,
    invites,
    calls,
    next,
    /** Signs `name` in as the server would after a reload (a live cookie). */
    async restore(role: Role, name = ORGANISER_NAME) {
      live = await sessionOf({ id: 'a-9', name, role });
    },
    makeInvite: (name: string, role: Role) => {
      const account = newAccount(name, role);
      const made = makeInvite(account);
      if (!made.ok) throw new Error('no invite');
      return made.value.token;
    },
  };
}

async function signInAs(user: UserEvent, name: string, password: string) {
  await user.type(screen.getByLabelText('Your name'), name);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('signing in with an account', () => {
  it('words a throttled sign-in with its wait, and a turned-off account', async () => {
    const user = userEvent.setup();
    const server = accountsServer();
    await renderOrganiser({ api: server.api });
    server.next.login = err({ code: 'login-throttled', status: 429, params: { seconds: 30 } });
    await signInAs(user, ORGANISER_NAME, 'guess-guess-guess');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many wrong tries. Wait 30 seconds, then try again.',
    );

    server.next.login = err({ code: 'account-disabled', status: 403 });
    await user.type(screen.getByLabelText('Password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'This account has been turned off. Ask an organiser to turn it back on.',
      ),
    );
  });

  it('keeps a live session after a reload, without asking for the password', async () => {
    const server = accountsServer();
    await server.restore('organiser');
    await renderOrganiser({ api: server.api }, '/organiser', 'Events');
    expect(screen.queryByLabelText('Password')).toBeNull();
    expect(screen.getByText('Signed in as \u2068organiser\u2069 (Organiser)')).toBeInTheDocument();
    expect(server.calls[0]).toBe('session');
  });

  it('never holds the session: sends the CSRF token and the same-origin cookie (real HTTP client)', async () => {
    const csrf = 'c'.repeat(43);
    const sent: { url: string; method: string; headers: Headers; credentials?: string }[] = [];
    const api = createHttpOrganiserApi('', (input, init) => {
      const url = input as string;
      sent.push({
        url,
        method: init?.method ?? 'GET',
        headers: new Headers(init?.headers),
        credentials: init?.credentials,
      });
      if (url.endsWith('/organiser/session'))
        return Promise.resolve(Response.json(fakeSession(csrf)));
      if (url.endsWith('/organiser/logout'))
        return Promise.resolve(new Response(null, { status: 204 }));
      return Promise.resolve(Response.json({ events: [], unavailable: [] }));
    });
    const user = userEvent.setup();
    await renderOrganiser({ api }, '/organiser', 'Events');
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByRole('heading', { level: 1, name: 'Sign in to organise' });
    const events = sent.find((r) => r.url === '/api/v1/events');
    expect(events?.headers.get('X-CSRF-Token')).toBe(csrf);
    expect(events?.headers.has('Authorization')).toBe(false);
    expect(sent.every((r) => r.credentials === 'same-origin')).toBe(true);
    const signOut = sent.find((r) => r.url === '/api/v1/organiser/logout');
    expect(signOut?.method).toBe('POST');
    expect(signOut?.headers.get('X-CSRF-Token')).toBe(csrf);
  });

  it('signs out, and signs out everywhere, through the server', async () => {
    const user = userEvent.setup();
    const server = accountsServer();
    await renderOrganiser({ api: server.api });
    await signInAs(user, ORGANISER_NAME, PASSWORD);
    await screen.findByRole('heading', { level: 1, name: 'Events' });
    await user.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    await screen.findByRole('heading', { level: 1, name: 'Sign in to organise' });
    expect(server.calls).toContain('sign-out-everywhere');

    await signInAs(user, ORGANISER_NAME, PASSWORD);
    await screen.findByRole('heading', { level: 1, name: 'Events' });
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByRole('heading', { level: 1, name: 'Sign in to organise' });
    expect(server.calls.filter((c) => c.startsWith('sign-out'))).toEqual([
      'sign-out-everywhere',
      'sign-out',
    ]);
  });
});

describe('an invite link', () => {
  it('says who it is for, words each refused password, then signs the person in', async () => {
    const user = userEvent.setup();
    const server = accountsServer();
    const token = server.makeInvite('Bea Jones', 'desk-coordinator');
    await renderOrganiser(
      { api: server.api },
      `/organiser/invite#${token}`,
      'Choose your password',
    );
    expect(
      await screen.findByText('This invite is for Bea Jones, as Desk coordinator.'),
    ).toBeInTheDocument();
    const password = screen.getByLabelText('New password');
    expect(password).toHaveAttribute('autocomplete', 'new-password');
    expect(password).toHaveAccessibleDescription(/At least 12 characters/);

    await user.type(password, 'short');
    await user.type(screen.getByLabelText('Type it again'), 'shorter');
    await user.click(screen.getByRole('button', { name: 'Save password and sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The two passwords are not the same.',
    );
    expect(server.calls).not.toContain('accept');

    await user.clear(screen.getByLabelText('Type it again'));
    await user.type(screen.getByLabelText('Type it again'), 'short');
    await user.click(screen.getByRole('button', { name: 'Save password and sign in' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'That password is too short: use at least 12 characters.',
      ),
    );

    for (const field of ['New password', 'Type it again']) {
      await user.clear(screen.getByLabelText(field));
      await user.type(screen.getByLabelText(field), 'password1234');
    }
    await user.click(screen.getByRole('button', { name: 'Save password and sign in' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(/one of the most common ones/),
    );

    for (const field of ['New password', 'Type it again']) {
      await user.clear(screen.getByLabelText(field));
      await user.type(screen.getByLabelText(field), 'a long tram ride home');
    }
    await user.click(screen.getByRole('button', { name: 'Save password and sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Events' })).toBeInTheDocument();
    expect(
      screen.getByText('Signed in as \u2068Bea Jones\u2069 (Desk coordinator)'),
    ).toBeInTheDocument();
    // The used link is gone from the address bar.
    expect(window.location.pathname).toBe('/organiser/');
    expect(window.location.hash).toBe('');
    // A desk coordinator manages no accounts and creates no events.
    expect(screen.queryByRole('link', { name: 'Accounts' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'New event' })).toBeNull();
  });

  it('says plainly when the link was used, withdrawn or is out of date', async () => {
    const server = accountsServer();
    await renderOrganiser(
      { api: server.api },
      '/organiser/invite#no-such-token',
      'This invite link no longer works',
    );
    expect(screen.getByText(/works once, for 7 days/)).toBeInTheDocument();
    expect(screen.queryByLabelText('New password')).toBeNull();
  });
});

describe('the accounts screen', () => {
  async function openAccounts(user: UserEvent, others: [string, Role][] = []) {
    const server = accountsServer();
    for (const [name, role] of others) server.makeInvite(name, role);
    await renderOrganiser({ api: server.api });
    await signInAs(user, ORGANISER_NAME, PASSWORD);
    await screen.findByRole('heading', { level: 1, name: 'Events' });
    await user.click(screen.getByRole('link', { name: 'Accounts' }));
    await screen.findByRole('heading', { level: 1, name: 'Accounts' });
    await screen.findByRole('region', { name: ORGANISER_NAME });
    return server;
  }

  it('invites someone and shows the link once, with a Copy button', async () => {
    const user = userEvent.setup();
    const server = await openAccounts(user);
    await user.type(screen.getByLabelText('Their name (as they will sign in)'), 'Bea Jones');
    await user.click(screen.getByRole('radio', { name: 'Viewer' }));
    expect(screen.getByRole('radio', { name: 'Viewer' })).toHaveAccessibleDescription(
      'Sees the results once the count is final. Cannot change anything.',
    );
    await user.click(screen.getByRole('button', { name: 'Make an invite link' }));

    const panel = await screen.findByRole('heading', { name: 'Invite link for Bea Jones' });
    expect(panel).toBeInTheDocument();
    expect(screen.getByText(/It works once, for 7 days\. Copy it now/)).toBeInTheDocument();
    const link = screen.getByLabelText('The link');
    expect(link).toHaveValue(
      `${window.location.origin}/organiser/invite#${server.invites[0]?.token}`,
    );
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await screen.findByText('Copied.')).toBeInTheDocument();
    await expect(navigator.clipboard.readText()).resolves.toBe((link as HTMLInputElement).value);

    const card = await screen.findByRole('region', { name: 'Bea Jones' });
    expect(within(card).getByText('Viewer · invited, no password chosen yet')).toBeInTheDocument();
    expect(within(card).getByText(/An invite link is waiting to be used/)).toBeInTheDocument();
    expect(server.calls).toContain('invite Bea Jones viewer');

    // The same name again is refused, in words, beside the form; the link is not shown twice.
    await user.type(screen.getByLabelText('Their name (as they will sign in)'), 'bea jones');
    await user.click(screen.getByRole('button', { name: 'Make an invite link' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Another account already has that name.',
    );
    expect(screen.queryByLabelText('The link')).toBeNull();

    // Withdrawing the invite.
    await user.click(within(card).getByRole('button', { name: 'Withdraw invite' }));
    await waitFor(() => expect(within(card).queryByText(/An invite link is waiting/)).toBeNull());
    expect(server.invites).toEqual([]);
  });

  it('changes a role, refuses to demote or turn off the last organiser, and asks before turning off', async () => {
    const user = userEvent.setup();
    const server = await openAccounts(user, [['Cai', 'viewer']]);
    const me = screen.getByRole('region', { name: ORGANISER_NAME });
    await user.selectOptions(within(me).getByLabelText('Role of organiser'), 'viewer');
    await user.click(within(me).getByRole('button', { name: 'Change role' }));
    expect(await within(me).findByRole('alert')).toHaveTextContent(
      'This is the last organiser account: it cannot be turned off or given another role.',
    );

    await user.click(within(me).getByRole('button', { name: 'Turn off' }));
    // A question first: nothing is sent until it is answered.
    const dialog = await screen.findByRole('alertdialog', {
      name: 'Turn off organiser’s account?',
    });
    expect(dialog).toHaveAccessibleDescription(/signed out at once, on every device/);
    await user.click(within(dialog).getByRole('button', { name: 'Keep it on' }));
    expect(server.calls.filter((c) => c.includes('disabled'))).toEqual([]);

    // Change Cai's role, turn Cai off, then back on.
    const cai = await screen.findByRole('region', { name: 'Cai' });
    await user.selectOptions(within(cai).getByLabelText('Role of Cai'), 'desk-coordinator');
    await user.click(within(cai).getByRole('button', { name: 'Change role' }));
    await waitFor(() =>
      expect(
        within(screen.getByRole('region', { name: 'Cai' })).getByText(/^Desk coordinator · /),
      ).toBeInTheDocument(),
    );
    await user.click(within(cai).getByRole('button', { name: 'Turn off' }));
    await user.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', {
        name: 'Turn off the account',
      }),
    );
    expect(await within(cai).findByText(/turned off: cannot sign in/)).toBeInTheDocument();
    await user.click(within(cai).getByRole('button', { name: 'Turn back on' }));
    await waitFor(() => expect(within(cai).queryByText(/turned off/)).toBeNull());

    // A new password link for Cai, shown once.
    await user.click(within(cai).getByRole('button', { name: 'New password link' }));
    expect(await screen.findByRole('heading', { name: 'Invite link for Cai' })).toBeInTheDocument();
    expect(server.calls).toEqual(
      expect.arrayContaining([
        'change a-2 {"role":"desk-coordinator"}',
        'change a-2 {"disabled":true}',
        'change a-2 {"disabled":false}',
        'reset a-2',
      ]),
    );
  });
});

describe('screens by role', () => {
  it('offers a desk coordinator its screens only, and says so at a typed address', async () => {
    const user = userEvent.setup();
    const server = accountsServer();
    await server.restore('desk-coordinator', 'Dee');
    await renderOrganiser({ api: server.api }, '/organiser', 'Events');
    expect(screen.queryByRole('link', { name: 'Activity' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'New event' })).toBeNull();
    // The list of events arrives after the heading.
    await user.click(await screen.findByRole('link', { name: DEMO_EVENT.name }));
    await screen.findByRole('heading', { level: 1, name: 'Stations' });
    // Quarantined ballots are the organisers' alone: neither asked for nor shown.
    expect(screen.queryByRole('heading', { name: 'Rejected ballots' })).toBeNull();
    expect(screen.queryByText('Rejected ballots')).toBeNull();
    const nav = screen.getByRole('navigation', { name: 'This event' });
    const links = within(nav)
      .getAllByRole('link')
      .map((l) => l.textContent);
    expect(links).toEqual([
      'All events',
      'Stations',
      'Voting codes',
      'Register',
      'Import a station file',
    ]);
    cleanup();

    await renderOrganiser(
      { api: server.api },
      `/organiser/events/${DEMO_EVENT.id}/results`,
      'Not open yet',
    );
    expect(
      screen.getByText('This page opens for your role once the event’s count is final.'),
    ).toBeInTheDocument();
    cleanup();

    await renderOrganiser(
      { api: server.api },
      `/organiser/events/${DEMO_EVENT.id}/setup`,
      'Your role cannot open this page',
    );
    cleanup();
    await renderOrganiser(
      { api: server.api },
      '/organiser/accounts',
      'Your role cannot open this page',
    );
    expect(server.calls).not.toContain('accounts');
  });

  it('opens the results for a viewer once the count is final, and nothing else', async () => {
    const user = userEvent.setup();
    const server = accountsServer({ final: true });
    await server.restore('viewer', 'Vic');
    await renderOrganiser({ api: server.api }, '/organiser', 'Events');
    // The list of events arrives after the heading.
    await user.click(await screen.findByRole('link', { name: DEMO_EVENT.name }));
    await screen.findByRole('heading', { level: 1, name: 'Results' });
    const nav = screen.getByRole('navigation', { name: 'This event' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['All events', 'Equalities', 'Inclusion', 'Results', 'Exports']);
  });
});

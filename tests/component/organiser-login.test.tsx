import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpOrganiserApi } from '../../src/app/organiser/api.ts';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import {
  approvalBallots,
  fakeServer,
  fakeSession,
  ORGANISER_NAME,
  PASSWORD,
  renderOrganiser,
  signIn,
  signInToEvents,
} from './organiser-fake-api.ts';

afterEach(cleanup);

describe('organiser sign-in', () => {
  it('refuses a wrong password with a clear message and lets the organiser try again', async () => {
    const user = userEvent.setup();
    const server = fakeServer(DEMO_EVENT, approvalBallots(DEMO_EVENT, 5));
    await renderOrganiser({ api: server.api });
    expect(screen.getByLabelText('Your name')).toHaveAttribute('autocomplete', 'username');
    expect(screen.getByLabelText('Password')).toHaveAttribute('autocomplete', 'current-password');

    await user.type(screen.getByLabelText('Your name'), ORGANISER_NAME);
    await user.type(screen.getByLabelText('Password'), 'guess');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'That name and password do not match an account. Check both and try again.',
    );
    // The password is cleared for the next try; the name stays.
    expect(screen.getByLabelText('Password')).toHaveFocus();
    expect(screen.getByLabelText('Password')).toHaveValue('');
    expect(server.calls).toEqual(['login']);

    await user.clear(screen.getByLabelText('Your name'));
    await signInToEvents(user);
    expect(screen.queryByLabelText('Password')).not.toBeInTheDocument();
    // The new screen's heading takes focus, so a screen reader starts there, not on <body>.
    expect(screen.getByRole('heading', { level: 1, name: 'Events' })).toHaveFocus();
    expect(document.title).toBe('Events · Decision Day');
    expect(screen.getByRole('link', { name: DEMO_EVENT.name })).toHaveAttribute(
      'href',
      `/organiser/events/${DEMO_EVENT.id}/stations`,
    );
  });

  it('asks for the name and password before sending an empty one', async () => {
    const user = userEvent.setup();
    const server = fakeServer(DEMO_EVENT, []);
    await renderOrganiser({ api: server.api });
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Type your name and your password first.');
    expect(screen.getByLabelText('Your name')).toHaveFocus();
    await user.type(screen.getByLabelText('Your name'), ORGANISER_NAME);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByLabelText('Password')).toHaveFocus();
    expect(server.calls).toEqual([]);
  });

  it('says the tally server cannot be reached when the network fails (real HTTP client)', async () => {
    const user = userEvent.setup();
    const api = createHttpOrganiserApi('http://192.0.2.1:8080', () =>
      Promise.reject(new TypeError('Failed to fetch')),
    );
    await renderOrganiser({ api });
    await user.type(screen.getByLabelText('Your name'), ORGANISER_NAME);
    await user.type(screen.getByLabelText('Password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/^Cannot reach the tally server\./);
  });

  it('maps a 401 from the real server to a wrong name-or-password message, whatever its code', async () => {
    const user = userEvent.setup();
    const requests: { url: string; body: unknown; credentials?: string }[] = [];
    const api = createHttpOrganiserApi('', (input, init) => {
      const url = input as string;
      if (url.endsWith('/organiser/session')) {
        // No live session in this browser: the sign-in form.
        return Promise.resolve(Response.json({ error: { code: 'unauthorized' } }, { status: 401 }));
      }
      requests.push({
        url,
        body: JSON.parse(init?.body as string),
        credentials: init?.credentials,
      });
      const error = { error: { code: 'unauthorized', message: 'No.' } };
      return Promise.resolve(new Response(JSON.stringify(error), { status: 401 }));
    });
    await renderOrganiser({ api });
    await user.type(screen.getByLabelText('Your name'), 'Ana');
    await user.type(screen.getByLabelText('Password'), 'nope');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/name and password do not match/);
    expect(requests).toEqual([
      {
        url: '/api/v1/organiser/login',
        body: { name: 'Ana', password: 'nope' },
        credentials: 'same-origin',
      },
    ]);
  });

  it('says so plainly when something other than the tally server answers (real HTTP client)', async () => {
    const user = userEvent.setup();
    // A captive portal or a wrong address: sign-in works, then the events come back as a web page.
    const api = createHttpOrganiserApi('', (input) =>
      Promise.resolve(
        (input as string).endsWith('/organiser/login')
          ? Response.json(fakeSession('c'.repeat(43)))
          : (input as string).endsWith('/organiser/session')
            ? Response.json({ error: { code: 'unauthorized' } }, { status: 401 })
            : new Response('<html>Welcome to the hall Wi-Fi</html>', { status: 200 }),
      ),
    );
    await renderOrganiser({ api });
    await user.type(screen.getByLabelText('Your name'), ORGANISER_NAME);
    await user.type(screen.getByLabelText('Password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The tally server sent an answer this page does not understand.',
    );
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('sends the organiser back to sign in, saying why, when the session has expired', async () => {
    const user = userEvent.setup();
    const server = fakeServer(DEMO_EVENT, approvalBallots(DEMO_EVENT, 5));
    // The first answers are fine; then the token stops working, as after a server restart.
    let restarted = false;
    const api = {
      ...server.api,
      stations: (token: string, eventId: string) =>
        restarted
          ? Promise.resolve({ ok: false as const, error: { code: 'unauthorized', status: 401 } })
          : server.api.stations(token, eventId),
    };
    await renderOrganiser({ api });
    await signIn(user, DEMO_EVENT.name);
    restarted = true;
    await user.click(screen.getByRole('button', { name: 'Refresh stations' }));
    expect(await screen.findByText(/organiser session has ended/)).toBeInTheDocument();
    restarted = false;
    expect(screen.getByLabelText('Password')).toHaveValue('');
    // Signing in again returns to the screen the organiser was on.
    await user.type(screen.getByLabelText('Your name'), ORGANISER_NAME);
    await user.type(screen.getByLabelText('Password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Stations' })).toBeInTheDocument();
  });
});

import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpOrganiserApi, UNREACHABLE_MESSAGE } from '../../src/app/organiser/api.ts';
import OrganiserApp from '../../src/app/organiser/OrganiserApp.tsx';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { approvalBallots, fakeServer, PASSWORD, signIn } from './organiser-fake-api.ts';

afterEach(cleanup);

describe('organiser sign-in', () => {
  it('refuses a wrong password with a clear message and lets the organiser try again', async () => {
    const user = userEvent.setup();
    const server = fakeServer(DEMO_EVENT, approvalBallots(DEMO_EVENT, 5));
    render(<OrganiserApp api={server.api} />);

    await user.type(screen.getByLabelText('Organiser password'), 'guess');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('That password is not right.');
    expect(screen.getByLabelText('Organiser password')).toHaveFocus();
    expect(server.calls).toEqual(['login']);

    await user.clear(screen.getByLabelText('Organiser password'));
    await signIn(user, DEMO_EVENT.name);
    expect(screen.queryByLabelText('Organiser password')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: DEMO_EVENT.name })).toHaveFocus();
  });

  it('asks for the password before sending an empty one', async () => {
    const user = userEvent.setup();
    const server = fakeServer(DEMO_EVENT, []);
    render(<OrganiserApp api={server.api} />);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Type the organiser password first.');
    expect(server.calls).toEqual([]);
  });

  it('says the tally server cannot be reached when the network fails (real HTTP client)', async () => {
    const user = userEvent.setup();
    const api = createHttpOrganiserApi('http://192.0.2.1:8080', () =>
      Promise.reject(new TypeError('Failed to fetch')),
    );
    render(<OrganiserApp api={api} />);
    await user.type(screen.getByLabelText('Organiser password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(UNREACHABLE_MESSAGE);
  });

  it('maps a 401 from the real server to a wrong-password message, whatever its code', async () => {
    const user = userEvent.setup();
    const requests: { url: string; body: unknown }[] = [];
    const api = createHttpOrganiserApi('', (input, init) => {
      requests.push({ url: input as string, body: JSON.parse(init?.body as string) });
      const error = { error: { code: 'unauthorized', message: 'No.' } };
      return Promise.resolve(new Response(JSON.stringify(error), { status: 401 }));
    });
    render(<OrganiserApp api={api} />);
    await user.type(screen.getByLabelText('Organiser password'), 'nope');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/password is not right/);
    expect(requests).toEqual([{ url: '/api/v1/organiser/login', body: { password: 'nope' } }]);
  });

  it('says so plainly when something other than the tally server answers (real HTTP client)', async () => {
    const user = userEvent.setup();
    // A captive portal or a wrong address: sign-in works, then the events come back as a web page.
    const api = createHttpOrganiserApi('', (input) =>
      Promise.resolve(
        (input as string).endsWith('/organiser/login')
          ? Response.json({ token: 't'.repeat(40), expiresAt: '2026-06-13T23:00:00Z' })
          : new Response('<html>Welcome to the hall Wi-Fi</html>', { status: 200 }),
      ),
    );
    render(<OrganiserApp api={api} />);
    await user.type(screen.getByLabelText('Organiser password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The tally server sent an answer this page does not understand.',
    );
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('sends the organiser back to sign in, saying why, when the session has expired', async () => {
    const user = userEvent.setup();
    const server = fakeServer(DEMO_EVENT, approvalBallots(DEMO_EVENT, 5));
    // The first answers are fine; then every token stops working, as after a server restart.
    const api = {
      ...server.api,
      stations: () =>
        Promise.resolve({
          ok: false as const,
          error: { code: 'unauthorized', message: 'Sign in again.', status: 401 },
        }),
    };
    render(<OrganiserApp api={api} />);
    await user.type(screen.getByLabelText('Organiser password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/organiser session has ended/)).toBeInTheDocument();
    expect(screen.getByLabelText('Organiser password')).toHaveValue('');
  });
});

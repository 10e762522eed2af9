import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { STATION_POLL_MS } from '../../src/app/organiser/session/queries.ts';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import {
  approvalBallots,
  fakeServer,
  JOIN_CODE,
  ORGANISER_NAME,
  PASSWORD,
  renderOrganiser,
  signIn,
  type FakeServer,
} from './organiser-fake-api.ts';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const station = (name: string, cast: number, received: number) => ({
  stationId: `st-${name.toLowerCase().replace(/\W+/g, '-')}`,
  name,
  cast,
  received,
  missing: Math.max(0, cast - received),
  lastContact: new Date(Date.now() - 3 * 60_000).toISOString(),
});

describe('organiser stations and join code', () => {
  it('shows cast, received and missing per station, and says in words which are missing', async () => {
    const user = userEvent.setup();
    const server = fakeServer(DEMO_EVENT, approvalBallots(DEMO_EVENT, 10));
    server.stations = [station('Hall table 1', 40, 40), station('Library', 25, 22)];
    await renderOrganiser({ api: server.api });
    await signIn(user, DEMO_EVENT.name);

    const table = await screen.findByRole('table', { name: 'Ballots per station' });
    const library = within(table).getByRole('row', { name: /Library/ });
    expect(
      within(library)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual([
      '25',
      '22',
      '3 missing',
      expect.stringMatching(/^3 minutes ago/),
      'Remove this tablet',
    ]);
    const hall = within(table).getByRole('row', { name: /Hall table 1/ });
    expect(within(hall).getAllByRole('cell')[2]).toHaveTextContent(/^0$/);
    expect(
      screen.getByText('Warning: 3 ballots are still on stations and not in the central file.'),
    ).toBeInTheDocument();
  });

  it('picks up new numbers on Refresh and by itself every 10 seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    const server = fakeServer(DEMO_EVENT, []);
    server.stations = [station('Library', 5, 2)];
    await renderOrganiser({ api: server.api });
    await signIn(user, DEMO_EVENT.name);
    await screen.findByText(/3 ballots are still on stations/);

    server.stations = [station('Library', 6, 4)];
    await user.click(screen.getByRole('button', { name: 'Refresh stations' }));
    expect(await screen.findByText(/2 ballots are still on stations/)).toBeInTheDocument();

    server.stations = [station('Library', 6, 6)];
    const before = server.calls.filter((c) => c === 'stations').length;
    await act(() => vi.advanceTimersByTimeAsync(STATION_POLL_MS));
    expect(server.calls.filter((c) => c === 'stations').length).toBe(before + 1);
    expect(
      await screen.findByText('Every ballot cast on a station is in the central file.'),
    ).toBeInTheDocument();
  });

  it('shows the join code big, with a QR code for it', async () => {
    const user = userEvent.setup();
    await renderOrganiser({ api: fakeServer(DEMO_EVENT, []).api });
    await signIn(user, DEMO_EVENT.name);
    expect(screen.getByRole('heading', { level: 2, name: 'Join code for stations' })).toBeVisible();
    expect(screen.getByText(JOIN_CODE)).toBeInTheDocument();
    const qr = await screen.findByRole('img', { name: new RegExp(`join code ${JOIN_CODE}`) });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
  });

  it('lists rejected ballots with their reasons', async () => {
    const user = userEvent.setup();
    const server = fakeServer(DEMO_EVENT, []);
    server.rejected = [
      {
        id: 'bad-1',
        code: 'too-many',
        message: 'too-many max=5',
        params: { max: 5, method: 'approval' },
        stationId: 'st-library',
        ballot: {},
      },
    ];
    await renderOrganiser({ api: server.api });
    await signIn(user, DEMO_EVENT.name);
    const table = await screen.findByRole('table', { name: 'Rejected ballots and why' });
    // The reason is worded from the code and its facts (the server's English is for its log).
    expect(within(table).getByRole('row', { name: /bad-1/ })).toHaveTextContent(
      'Choose at most 5 bids.',
    );
    expect(screen.getByRole('link', { name: 'See why they were rejected' })).toHaveAttribute(
      'href',
      '#org-rejected',
    );
  });
});

describe('organiser event navigation', () => {
  it('gives each screen its own address, title and heading, and marks the current one', async () => {
    const user = userEvent.setup();
    await renderOrganiser({ api: fakeServer(DEMO_EVENT, approvalBallots(DEMO_EVENT, 4)).api });
    await signIn(user, DEMO_EVENT.name);
    const nav = screen.getByRole('navigation', { name: 'This event' });
    const current = () => within(nav).getByRole('link', { current: 'page' });

    expect(window.location.pathname).toBe(`/organiser/events/${DEMO_EVENT.id}/stations`);
    expect(document.title).toBe(`Stations — ${DEMO_EVENT.name} · Decision Day`);
    expect(current()).toHaveTextContent('Stations');

    for (const [link, heading, path] of [
      ['Results', 'Results', 'results'],
      ['Exports', 'Exports', 'exports'],
      ['Import a station file', 'Import a station’s tally file', 'import'],
    ] as const) {
      await user.click(within(nav).getByRole('link', { name: link }));
      const h1 = await screen.findByRole('heading', { level: 1, name: heading });
      expect(h1).toHaveFocus();
      expect(window.location.pathname).toBe(`/organiser/events/${DEMO_EVENT.id}/${path}`);
      expect(document.title).toBe(`${link} — ${DEMO_EVENT.name} · Decision Day`);
      expect(current()).toHaveTextContent(link);
      // The event's name is on every one of its screens.
      expect(screen.getByText(DEMO_EVENT.name)).toBeInTheDocument();
    }

    await user.click(within(nav).getByRole('link', { name: 'All events' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Events' })).toHaveFocus();
    expect(window.location.pathname).toBe('/organiser/');
  });

  it('opens a screen straight from its address after signing in, and says when there is none', async () => {
    const user = userEvent.setup();
    const api = fakeServer(DEMO_EVENT, approvalBallots(DEMO_EVENT, 4)).api;
    await renderOrganiser({ api }, `/organiser/events/${DEMO_EVENT.id}/results`);
    await user.type(screen.getByLabelText('Your name'), ORGANISER_NAME);
    await user.type(screen.getByLabelText('Password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Results' })).toBeInTheDocument();
    expect(await screen.findByText('4 ballots counted.')).toBeInTheDocument();
    cleanup();

    await renderOrganiser({ api }, '/organiser/events/no-such-event/results');
    await user.type(screen.getByLabelText('Your name'), ORGANISER_NAME);
    await user.type(screen.getByLabelText('Password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Page not found' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the list of events' })).toBeInTheDocument();
  });

  it('lets a sideways-scrolling table take keyboard focus, named like the table', async () => {
    const user = userEvent.setup();
    const server = fakeServer(DEMO_EVENT, []);
    server.stations = [station('Library', 5, 5)];
    await renderOrganiser({ api: server.api });
    await signIn(user, DEMO_EVENT.name);
    const region = await screen.findByRole('region', { name: 'Ballots per station' });
    expect(region).toHaveAttribute('tabindex', '0');
    expect(within(region).getByRole('table', { name: 'Ballots per station' })).toBeInTheDocument();
  });
});

// "Remove this tablet" (a lost or stolen tablet): a confirmation says what happens (its sent
// ballots still count, the server refuses anything more from it, its volunteers are told, no
// undo); keeping sends nothing; removing posts the revocation for that station only, says it was
// done, and the row then says "Removed …" instead of offering the button. A refusal is worded.
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** The revocation route (src/server/http/station-routes.ts) over the fake server's stations. */
function serveRevocations(server: FakeServer, refuse: { code: string } | null = null) {
  const posted: string[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    await Promise.resolve();
    const match = /\/events\/([^/]+)\/stations\/([^/]+)\/revocation$/.exec(url);
    if (match === null || init.method !== 'POST') {
      return json({ error: { code: 'not-found', message: 'no' } }, 404);
    }
    const id = decodeURIComponent(match[2] ?? '');
    posted.push(id);
    if (refuse !== null) return json({ error: { ...refuse, message: 'no' } }, 403);
    const revokedAt = '2026-06-13T11:05:00.000Z';
    server.stations = server.stations.map((s) => (s.stationId === id ? { ...s, revokedAt } : s));
    const now = server.stations.find((s) => s.stationId === id);
    return json({ station: now });
  });
  return posted;
}

describe('removing a lost tablet from the event', () => {
  it('asks first, saying what happens, then removes that station only', async () => {
    const user = userEvent.setup();
    const server = fakeServer(DEMO_EVENT, []);
    server.stations = [station('Hall table 1', 40, 40), station('Library', 25, 22)];
    const posted = serveRevocations(server);
    await renderOrganiser({ api: server.api });
    await signIn(user, DEMO_EVENT.name);

    const table = await screen.findByRole('table', { name: 'Ballots per station' });
    const library = within(table).getByRole('row', { name: /Library/ });
    await user.click(within(library).getByRole('button', { name: 'Remove this tablet: Library' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Remove “Library” from the event?' });
    expect(dialog).toHaveAccessibleDescription(/The ballots it has already sent stay/);
    expect(dialog).toHaveTextContent(/refuses everything it sends/);
    expect(dialog).toHaveTextContent(/This cannot be undone/);
    // The safe answer has the focus; keeping sends nothing.
    const keep = within(dialog).getByRole('button', { name: 'Keep this tablet' });
    expect(keep).toHaveFocus();
    await user.click(keep);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(posted).toEqual([]);

    await user.click(within(library).getByRole('button', { name: 'Remove this tablet: Library' }));
    await user.click(
      within(screen.getByRole('alertdialog')).getByRole('button', {
        name: 'Remove this tablet',
      }),
    );
    expect(
      await screen.findByText(
        '“Library” was removed from the event. The ballots it already sent still count.',
      ),
    ).toBeInTheDocument();
    expect(posted).toEqual(['st-library']);
    // The row now says when, and offers no button; the other station keeps its own.
    const after = await screen.findByRole('row', { name: /Library.*Removed/ });
    expect(within(after).queryByRole('button')).not.toBeInTheDocument();
    expect(within(after).getAllByRole('cell').at(-1)).toHaveTextContent(/^Removed /);
    const hall = screen.getByRole('row', { name: /Hall table 1/ });
    expect(
      within(hall).getByRole('button', { name: 'Remove this tablet: Hall table 1' }),
    ).toBeVisible();
  });

  it('words a refusal and leaves the station as it was', async () => {
    const user = userEvent.setup();
    const server = fakeServer(DEMO_EVENT, []);
    server.stations = [station('Library', 5, 5)];
    serveRevocations(server, { code: 'forbidden' });
    await renderOrganiser({ api: server.api });
    await signIn(user, DEMO_EVENT.name);
    await user.click(await screen.findByRole('button', { name: 'Remove this tablet: Library' }));
    await user.click(
      within(screen.getByRole('alertdialog')).getByRole('button', {
        name: 'Remove this tablet',
      }),
    );
    // Worded from the code (the organiser area's words for a refusal by role), not the server's.
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/role/);
    expect(alert).not.toHaveTextContent(/^no$/);
    expect(screen.getByRole('button', { name: 'Remove this tablet: Library' })).toBeVisible();
  });
});

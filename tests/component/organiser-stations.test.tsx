import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import OrganiserApp from '../../src/app/organiser/OrganiserApp.tsx';
import { STATION_POLL_MS } from '../../src/app/organiser/StationsPanel.tsx';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { approvalBallots, fakeServer, JOIN_CODE, signIn } from './organiser-fake-api.ts';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
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
    render(<OrganiserApp api={server.api} />);
    await signIn(user, DEMO_EVENT.name);

    const table = await screen.findByRole('table', { name: 'Ballots per station' });
    const library = within(table).getByRole('row', { name: /Library/ });
    expect(
      within(library)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['25', '22', '3 missing', expect.stringMatching(/^3 minutes ago/)]);
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
    render(<OrganiserApp api={server.api} />);
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
    render(<OrganiserApp api={fakeServer(DEMO_EVENT, []).api} />);
    await signIn(user, DEMO_EVENT.name);
    expect(screen.getByText(JOIN_CODE)).toHaveClass('org-join-code');
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
        message: 'Choose at most 5.',
        stationId: 'st-library',
        ballot: {},
      },
    ];
    render(<OrganiserApp api={server.api} />);
    await signIn(user, DEMO_EVENT.name);
    const table = await screen.findByRole('table', { name: 'Rejected ballots and why' });
    expect(within(table).getByRole('row', { name: /bad-1/ })).toHaveTextContent(
      'Choose at most 5.',
    );
    expect(screen.getByRole('link', { name: 'See why they were rejected' })).toHaveAttribute(
      'href',
      '#org-rejected',
    );
  });
});

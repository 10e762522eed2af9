// "Remove this tablet" on the organiser's Stations screen (a lost or stolen tablet): a confirmation
// says what happens (its sent ballots still count, the server refuses anything more from it, its
// volunteers are told, no undo); keeping sends nothing; removing posts the revocation for that
// station only, says it was done, and the row then says "Removed …" instead of offering the
// button. A refusal from the server is worded.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { fakeServer, renderOrganiser, signIn, type FakeServer } from './organiser-fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const station = (name: string, cast: number, received: number) => ({
  stationId: `st-${name.toLowerCase().replace(/\W+/g, '-')}`,
  name,
  cast,
  received,
  missing: Math.max(0, cast - received),
  lastContact: new Date(Date.now() - 3 * 60_000).toISOString(),
});

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

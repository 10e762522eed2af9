// The organiser's Ballots screen: paper and screen ballots with their choices in words, filters,
// voiding one with a required reason behind a confirmation, the void shown with reason, who and
// when, a refusal shown in words, and results then counting one ballot fewer.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { BallotsResponse } from '../../src/core/protocol.ts';
import { appendVoids, readTallyFile, type VoidChange } from '../../src/core/tally-file/index.ts';
import {
  approvalBallots,
  fakeServer,
  openScreen,
  renderOrganiser,
  signIn,
  type FakeServer,
} from './organiser-fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** The ballots and voids routes (src/server/http/ballot-routes.ts) over the fake server's file. */
function serveBallots(server: FakeServer, refuse: { code: string } | null = null) {
  const requests: unknown[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    await Promise.resolve();
    const read = readTallyFile(server.fileText());
    if (!read.ok) throw new Error('bad fake file');
    if (url.endsWith('/ballots')) {
      const voids = new Map(read.value.voids.map((v) => [v.ballot, v]));
      const body: BallotsResponse = {
        ballots: read.value.ballots.map((b) => {
          const v = voids.get(b.id);
          return {
            id: b.id,
            stationId: b.stationId,
            stationName: b.stationId === 'hall-1' ? 'Church hall' : 'Library',
            castHour: b.castHour,
            paper: b.paper === true,
            choice: b.choice,
            void:
              v === undefined ? null : { ballot: v.ballot, reason: v.reason, at: v.at, by: v.by },
          };
        }),
        counts: {
          ballots: read.value.ballots.length,
          paper: read.value.ballots.filter((b) => b.paper === true).length,
          voided: read.value.voids.length,
        },
      };
      return json(body);
    }
    if (url.endsWith('/voids')) {
      const request = JSON.parse(init.body as string) as { ballot: string; reason: string };
      requests.push(request);
      if (refuse !== null) return json({ error: { ...refuse, message: 'no', params: {} } }, 409);
      const change: VoidChange = {
        ballot: request.ballot,
        reason: request.reason.trim(),
        at: '2026-06-13T16:05:00.000Z',
        by: 'organiser',
      };
      server.setFileText(server.fileText() + appendVoids(read.value.head, [change]).text);
      return json({ void: change });
    }
    return json({ error: { code: 'not-found', message: 'no' } }, 404);
  });
  return requests;
}

function demo() {
  const screenBallots = approvalBallots(DEMO_EVENT, 3).map((b) => ({ ...b, stationId: 'hall-1' }));
  const paper = approvalBallots(DEMO_EVENT, 2, 7).map((b, i) => ({
    ...b,
    id: `paper-${i}`,
    stationId: 'library',
    paper: true as const,
    choice: { kind: 'approval' as const, bids: [i === 0 ? 'chair-yoga' : 'gala-day'] },
  }));
  return fakeServer(DEMO_EVENT, [...screenBallots, ...paper]);
}

describe('the organiser’s Ballots screen', () => {
  it('lists ballots by kind with their choices in words, and voids one with a reason', async () => {
    const user = userEvent.setup();
    const server = demo();
    const requests = serveBallots(server);
    await renderOrganiser({ api: server.api });
    await signIn(user, DEMO_EVENT.name);
    await openScreen(user, 'Ballots received');

    expect(await screen.findByTestId('ballot-counts')).toHaveTextContent(
      'Ballots in the tally: 5, of them 0 voided. Counted: 5. Paper ballots: 2.',
    );
    await user.click(screen.getByRole('radio', { name: 'Paper' }));
    const table = screen.getByRole('table', { name: 'Ballots shown: 2' });
    const yoga = within(table).getByRole('row', { name: /Chair yoga for older people/ });
    expect(within(yoga).getByText('Library')).toBeInTheDocument();
    expect(within(yoga).getByText('Paper')).toBeInTheDocument();

    await user.click(within(yoga).getByRole('button', { name: 'Void…' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Void this ballot?' });
    // The safe answer has the focus; an empty reason is refused and nothing is sent.
    expect(within(dialog).getByRole('button', { name: 'Keep the ballot' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Void the ballot' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Give a reason');
    expect(requests).toEqual([]);

    await user.type(within(dialog).getByLabelText('Reason'), 'Keyed from the wrong pile');
    await user.click(within(dialog).getByRole('button', { name: 'Void the ballot' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(requests).toEqual([{ ballot: 'paper-0', reason: 'Keyed from the wrong pile' }]);
    expect(await screen.findByText(/The ballot from Library is voided/)).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'Voided' }));
    const voided = screen.getByRole('table', { name: 'Ballots shown: 1' });
    expect(within(voided).getByText('Reason: Keyed from the wrong pile')).toBeInTheDocument();
    expect(within(voided).getByText(/^By organiser, /)).toBeInTheDocument();
    expect(within(voided).queryByRole('button', { name: 'Void…' })).toBeNull();

    // Results count the ballots minus the voided one, and say so.
    await openScreen(user, 'Results');
    expect(await screen.findByTestId('results-voided')).toHaveTextContent(
      'The tally file holds 5 ballots; 1 of them voided',
    );
  });

  it('shows the server’s refusal in words and keeps the dialog', async () => {
    const user = userEvent.setup();
    const server = demo();
    serveBallots(server, { code: 'ballot-voided' });
    await renderOrganiser({ api: server.api });
    await signIn(user, DEMO_EVENT.name);
    await openScreen(user, 'Ballots received');
    await screen.findByTestId('ballot-counts');
    const [first] = screen.getAllByRole('button', { name: 'Void…' });
    if (first === undefined) throw new Error('no Void button');
    await user.click(first);
    const dialog = screen.getByRole('alertdialog', { name: 'Void this ballot?' });
    await user.type(within(dialog).getByLabelText('Reason'), 'Twice');
    await user.click(within(dialog).getByRole('button', { name: 'Void the ballot' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/voided already/);
    expect(readTallyFile(server.fileText()).ok && readTallyFile(server.fileText())).toMatchObject({
      value: { voids: [] },
    });
  });
});

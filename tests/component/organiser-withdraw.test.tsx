// Withdrawing a bid on the organiser's Results screen: a bid and a reason are required, a
// confirmation says the results will be recomputed without it and it cannot be undone, keeping
// sends nothing, confirming records it (the fake server appends a withdrawal record to its file),
// and the results are counted again: the bid is funded nowhere and listed with its reason. A
// refusal is shown in words; a draft offers no withdrawal.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { StateChange } from '../../src/core/event-lifecycle.ts';
import { tally } from '../../src/core/tally/index.ts';
import {
  appendStates,
  appendWithdrawals,
  contentSeed,
  readTallyFile,
  startTallyFile,
  type WithdrawalChange,
} from '../../src/core/tally-file/index.ts';
import {
  approvalBallots,
  fakeServer,
  openScreen,
  renderOrganiser,
  signIn,
  titlesOf,
  type FakeServer,
} from './organiser-fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** The withdrawals route (src/server/http/withdrawal-routes.ts) over the fake server's file. */
function serveWithdrawals(server: FakeServer, refuse: { code: string; params: object } | null) {
  const requests: { bid: string; reason: string }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    await Promise.resolve();
    if (!url.endsWith('/withdrawals'))
      return json({ error: { code: 'not-found', message: 'no' } }, 404);
    const request = JSON.parse(init.body as string) as { bid: string; reason: string };
    requests.push(request);
    if (refuse !== null) return json({ error: { ...refuse, message: 'no' } }, 409);
    const read = readTallyFile(server.fileText());
    if (!read.ok) throw new Error('bad fake file');
    const change: WithdrawalChange = {
      bid: request.bid,
      reason: request.reason.trim(),
      at: '2026-06-14T09:00:00.000Z',
      by: 'organiser',
    };
    server.setFileText(server.fileText() + appendWithdrawals(read.value.head, [change]).text);
    return json({ withdrawal: change });
  });
  return requests;
}

/** The bids a pot's table marks "Funded" under the event's own rule (greedy for the demo). */
function fundedTitles(potName: string): string[] {
  const table = screen.getByRole('table', { name: `Bids funded from ${potName}` });
  const headers = within(table).getAllByRole('columnheader');
  const column = headers.findIndex((h) => /^Greedy/.test(h.textContent ?? ''));
  expect(column).toBeGreaterThan(0);
  const [, ...rows] = within(table).getAllByRole('row');
  return rows.flatMap((row) => {
    const cells = [...row.querySelectorAll('th, td')];
    return cells[column]?.textContent === 'Funded' ? [cells[0]?.textContent ?? ''] : [];
  });
}

const ballots = approvalBallots(DEMO_EVENT, 150, 7);

function countOf(text: string) {
  const read = readTallyFile(text);
  if (!read.ok) throw new Error(read.error.code);
  return tally(read.value.event, read.value.ballots, {
    seed: contentSeed(read.value.eventHash, read.value.ballots),
    withdrawn: read.value.withdrawals.map((w) => w.bid),
  });
}

async function openResults(server: FakeServer) {
  const user = userEvent.setup();
  await renderOrganiser({ api: server.api });
  await signIn(user, DEMO_EVENT.name);
  await openScreen(user, 'Results');
  await screen.findByRole('group', { name: 'Count with' });
  return user;
}

describe('withdrawing a bid after voting', () => {
  it('asks for a bid and a reason, confirms, records it, and recounts without the bid', async () => {
    const server = fakeServer(DEMO_EVENT, ballots);
    const requests = serveWithdrawals(server, null);
    const before = countOf(server.fileText());
    const pot = before.pots.find((p) => p.selected.length > 0);
    const winner = pot?.selected[0] ?? '';
    const [winnerTitle = ''] = titlesOf(DEMO_EVENT, [winner]);
    const user = await openResults(server);
    expect(fundedTitles(pot?.name ?? '')).toContain(winnerTitle);
    expect(screen.queryByTestId('withdrawals')).toBeNull();

    const section = screen.getByRole('region', { name: 'Withdraw a bid' });
    const submit = within(section).getByRole('button', { name: 'Withdraw the bid…' });
    // Nothing chosen, then no reason: each is asked for and nothing is sent.
    await user.click(submit);
    expect(within(section).getByRole('alert')).toHaveTextContent('Choose the bid to withdraw.');
    await user.selectOptions(within(section).getByLabelText('Bid'), winnerTitle);
    await user.click(submit);
    expect(within(section).getByRole('alert')).toHaveTextContent(
      'Type the reason for withdrawing the bid.',
    );
    await user.type(
      within(section).getByLabelText('Reason (shown with the results)'),
      'The site is private land',
    );
    await user.click(submit);
    let dialog = screen.getByRole('alertdialog', { name: `Withdraw “${winnerTitle}”?` });
    expect(dialog).toHaveTextContent('The results will be recomputed without it');
    expect(dialog).toHaveTextContent('This cannot be undone.');
    // The safe answer has the focus; keeping sends nothing.
    expect(within(dialog).getByRole('button', { name: 'Keep the bid' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Keep the bid' }));
    expect(requests).toEqual([]);

    await user.click(submit);
    dialog = screen.getByRole('alertdialog', { name: `Withdraw “${winnerTitle}”?` });
    await user.click(within(dialog).getByRole('button', { name: 'Withdraw it' }));
    await screen.findByText(
      `“${winnerTitle}” is withdrawn. The results are recomputed without it.`,
    );
    expect(requests).toEqual([{ bid: winner, reason: 'The site is private land' }]);

    // The results are counted again from the file: the bid is funded nowhere, with its reason.
    const list = await screen.findByTestId('withdrawals');
    expect(list).toHaveTextContent(
      `Withdrawn after voting: ${winnerTitle} — The site is private land`,
    );
    const after = countOf(server.fileText());
    expect(after.selected).not.toContain(winner);
    await waitFor(() => expect(fundedTitles(pot?.name ?? '')).not.toContain(winnerTitle));
    expect(fundedTitles(pot?.name ?? '').sort()).toEqual(
      titlesOf(DEMO_EVENT, after.pots.find((p) => p.potId === pot?.potId)?.selected ?? []).sort(),
    );
    // A withdrawn bid is not offered again.
    const options = within(within(section).getByLabelText('Bid')).getAllByRole('option');
    expect(options.map((o) => o.textContent)).not.toContain(winnerTitle);
  });

  it('shows a refusal in words and changes nothing', async () => {
    const server = fakeServer(DEMO_EVENT, ballots);
    const text = server.fileText();
    serveWithdrawals(server, { code: 'bid-withdrawn', params: { bid: 'gala-day', by: 'Ann' } });
    const user = await openResults(server);
    const section = screen.getByRole('region', { name: 'Withdraw a bid' });
    const [gala = ''] = titlesOf(DEMO_EVENT, ['gala-day']);
    await user.selectOptions(within(section).getByLabelText('Bid'), gala);
    await user.type(within(section).getByLabelText('Reason (shown with the results)'), 'x');
    await user.click(within(section).getByRole('button', { name: 'Withdraw the bid…' }));
    await user.click(screen.getByRole('button', { name: 'Withdraw it' }));
    expect(await within(section).findByRole('alert')).toHaveTextContent(
      'Bid gala-day was withdrawn already, by Ann. Nothing changed.',
    );
    expect(server.fileText()).toBe(text);
    expect(screen.queryByTestId('withdrawals')).toBeNull();
  });

  it('offers no withdrawal on a draft', async () => {
    const server = fakeServer(DEMO_EVENT, []);
    const start = startTallyFile(DEMO_EVENT);
    const draft: StateChange = {
      state: 'draft',
      version: 1,
      at: '2026-06-01T09:00:00.000Z',
      by: 'organiser',
    };
    server.setFileText(start.text + appendStates(start.head, [draft]).text);
    await openResults(server);
    expect(screen.queryByRole('region', { name: 'Withdraw a bid' })).toBeNull();
  });
});

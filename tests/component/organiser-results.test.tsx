import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { Ballot, EventDefinition, Rule } from '../../src/core/schema.ts';
import { writeTallyFile } from '../../src/core/tally-file/index.ts';
import {
  approvalBallots,
  bloc,
  expectedTally,
  fakeServer,
  openScreen,
  renderOrganiser,
  signIn,
  TIGHT_EVENT,
  titlesOf,
} from './organiser-fake-api.ts';

/** The titles the pot's table marks "Funded" in the column of `ruleName`. */
function fundedInTable(potName: string, ruleName: RegExp): string[] {
  const table = screen.getByRole('table', { name: `Bids funded from ${potName}` });
  const headers = within(table).getAllByRole('columnheader');
  const column = headers.findIndex((h) => ruleName.test(h.textContent ?? ''));
  expect(column).toBeGreaterThan(0);
  const [, ...body] = within(table).getAllByRole('row');
  return body.flatMap((row) => {
    const cells = [...row.querySelectorAll('th, td')];
    return cells[column]?.textContent === 'Funded' ? [cells[0]?.textContent ?? ''] : [];
  });
}

async function openResults(event: EventDefinition, ballots: Ballot[]) {
  const user = userEvent.setup();
  const server = fakeServer(event, ballots);
  await renderOrganiser({ api: server.api });
  await signIn(user, event.name);
  await openScreen(user, 'Results');
  await screen.findByRole('group', { name: 'Count with' });
  return { user, server };
}

const RULE_COLUMN: Record<Rule, RegExp> = {
  greedy: /^Greedy/,
  'equal-shares': /^Method of Equal Shares/,
};

// A 60% majority's four bids fill the fund under greedy; equal shares keeps 40% for the minority.
const polarised = [
  ...bloc(TIGHT_EVENT, 'majority', 60, [
    'gala-day',
    'community-garden',
    'warm-space',
    'homework-club',
  ]),
  ...bloc(TIGHT_EVENT, 'minority', 40, ['bike-repair', 'cooking-club']),
  ...bloc(TIGHT_EVENT, 'health', 30, ['walking-group', 'chair-yoga']),
];

afterEach(cleanup);

describe('organiser results', () => {
  it('shows, pot by pot, the funded bids that the core tally computes for the same ballots', async () => {
    const ballots = approvalBallots(DEMO_EVENT, 150, 7);
    const expected = expectedTally(DEMO_EVENT, ballots, DEMO_EVENT.rule);
    await openResults(DEMO_EVENT, ballots);

    expect(screen.getByText('150 ballots counted.')).toBeInTheDocument();
    for (const pot of expected.pots) {
      expect(fundedInTable(pot.name, RULE_COLUMN[DEMO_EVENT.rule]).sort()).toEqual(
        titlesOf(DEMO_EVENT, pot.selected).sort(),
      );
    }
    // The chart says "funded" in words for exactly the funded bids.
    const chart = screen.getByRole('figure', { name: 'Support for each bid' });
    const fundedBars = within(chart)
      .getAllByRole('listitem')
      .filter((li) => /— funded/.test(li.textContent ?? ''));
    expect(fundedBars).toHaveLength(expected.selected.length);
  });

  it('puts the other rule beside the event’s rule, and switches which one leads', async () => {
    const greedy = expectedTally(TIGHT_EVENT, polarised, 'greedy');
    const mes = expectedTally(TIGHT_EVENT, polarised, 'equal-shares');
    // The test only means something if the rules disagree on these ballots.
    expect(new Set(greedy.selected)).not.toEqual(new Set(mes.selected));
    const { user } = await openResults(TIGHT_EVENT, polarised);

    const main = TIGHT_EVENT.pots.find((p) => p.id === 'main')?.name ?? '';
    const mainOf = (r: typeof greedy) => r.pots.find((p) => p.potId === 'main')?.selected ?? [];
    expect(fundedInTable(main, RULE_COLUMN.greedy).sort()).toEqual(
      titlesOf(TIGHT_EVENT, mainOf(greedy)).sort(),
    );
    expect(fundedInTable(main, RULE_COLUMN['equal-shares']).sort()).toEqual(
      titlesOf(TIGHT_EVENT, mainOf(mes)).sort(),
    );
    expect(screen.getByRole('radio', { name: /Greedy.*this event’s rule/ })).toBeChecked();

    await user.click(screen.getByRole('radio', { name: /Method of Equal Shares/ }));

    expect(screen.getByText(/Showing Method of Equal Shares for comparison/)).toBeInTheDocument();
    // The chart now marks equal shares' winners.
    const chart = screen.getByRole('figure', { name: 'Support for each bid' });
    const funded = within(chart)
      .getAllByRole('listitem')
      .filter((li) => /— funded/.test(li.textContent ?? ''))
      .map((li) => li.firstElementChild?.firstChild?.textContent);
    expect(funded.sort()).toEqual(titlesOf(TIGHT_EVENT, mes.selected).sort());
  });

  it('explains each tie and how it was broken', async () => {
    // Two equally supported health bids and only money for one of them decides by a tie-break.
    const event: EventDefinition = {
      ...TIGHT_EVENT,
      pots: [{ id: 'main', name: 'Only pot', budget: 2_000_00, eligible: { kind: 'all' } }],
    };
    const ballots = bloc(event, 'v', 10, ['walking-group', 'dementia-cafe']);
    const expected = expectedTally(event, ballots, event.rule);
    expect(expected.ties.length).toBeGreaterThan(0);
    await openResults(event, ballots);
    const ties = screen
      .getAllByRole('listitem')
      .filter((li) => /^Only pot: /.test(li.textContent ?? ''));
    expect(ties).toHaveLength(expected.ties.length);
    for (const [i, tie] of expected.ties.entries()) {
      const [first = '', ...rest] = titlesOf(event, tie.bids);
      // Each tie names its bids, in the order the tie-break put them, and what separated them.
      expect(ties[i]).toHaveTextContent(first);
      for (const other of rest) expect(ties[i]).toHaveTextContent(other);
      const why = {
        cost: `${first} is cheaper.`,
        votes: `${first} had more voters.`,
        lot: `the lot (seed ${tie.seed ?? ''}) put ${first} first.`,
      }[tie.decidedBy];
      expect(ties[i]).toHaveTextContent(why);
    }
  });

  it('says when the central file has grown, and counts the new ballots only when asked', async () => {
    const first = approvalBallots(DEMO_EVENT, 12, 4);
    const { user, server } = await openResults(DEMO_EVENT, first);
    expect(screen.getByText('12 ballots counted.')).toBeInTheDocument();

    // Stations deliver eight more; the organiser refreshes the stations table and comes back.
    server.setFileText(
      writeTallyFile(DEMO_EVENT, [...first, ...approvalBallots(DEMO_EVENT, 8, 5)]),
    );
    await openScreen(user, 'Stations');
    await user.click(screen.getByRole('button', { name: 'Refresh stations' }));
    await screen.findByRole('button', { name: 'Refresh stations' });
    await openScreen(user, 'Results');
    expect(
      await screen.findByText(
        /The central tally file now holds 20 ballots; these results count 12\./,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('12 ballots counted.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Refresh results' }));
    expect(await screen.findByText('20 ballots counted.')).toBeInTheDocument();
    expect(screen.queryByText(/The central tally file now holds/)).not.toBeInTheDocument();
  });

  it('refuses to show results from a tampered tally file, saying which line failed', async () => {
    const user = userEvent.setup();
    const ballots = approvalBallots(DEMO_EVENT, 20, 3);
    const server = fakeServer(DEMO_EVENT, ballots);
    // Someone edits one ballot in the central file by hand: still a valid ballot, but not the one cast.
    const lines = server.fileText().split('\n');
    const target = lines.findIndex((l) => l.includes('"b-3-4"'));
    expect(target).toBeGreaterThan(0);
    const edited = (lines[target] ?? '').replace('14:00Z', '15:00Z');
    expect(edited).not.toBe(lines[target]);
    lines[target] = edited;
    server.setFileText(lines.join('\n'));

    await renderOrganiser({ api: server.api });
    await signIn(user, DEMO_EVENT.name);
    await openScreen(user, 'Results');

    const alert = await screen.findByText(/These results cannot be shown/);
    const box = alert.closest('[role="alert"]');
    expect(box).toHaveTextContent(new RegExp(`line ${target + 1}\\b`, 'i'));
    expect(box).toHaveTextContent(/failed its checks/);
    expect(screen.queryByRole('group', { name: 'Count with' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Start the reveal' })).not.toBeInTheDocument();
    // Nothing to download from a file that failed its checks either.
    await openScreen(user, 'Exports');
    expect(await screen.findByText(/These results cannot be shown/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Download/ })).not.toBeInTheDocument();
  });
});

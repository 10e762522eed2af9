// The organiser's Results screen on an event that weights votes by area: the pot table and the
// chart show the weighted support the tally ranked by (exactly the core's figure), under a clear
// "Weighted support" label, with one line saying what the weights are; an unweighted event's
// screen keeps its plain support. The results CSV carries the weighted support too.
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { resultsCsv } from '../../src/core/export/results-csv.ts';
import type { Ballot, EventDefinition } from '../../src/core/schema.ts';
import {
  approvalBallots,
  expectedTally,
  fakeServer,
  openScreen,
  renderOrganiser,
  signIn,
} from './organiser-fake-api.ts';
import userEvent from '@testing-library/user-event';

afterEach(cleanup);

const [first, second] = DEMO_EVENT.bids;
/** Two £60 bids, one per ward, and £100: only one is funded; Hillside's votes count double. */
const WEIGHTED: EventDefinition = {
  ...DEMO_EVENT,
  id: 'weighted-day',
  name: 'Weighted Day',
  method: { kind: 'approval', min: 1, max: 2 },
  pots: [{ id: 'main', name: 'Only pot', budget: 100_00, eligible: { kind: 'all' } }],
  bids: [
    { ...first!, id: 'river-path', title: 'River path', amount: 60_00, ward: 'Riverside' },
    { ...second!, id: 'hill-hall', title: 'Hill hall', amount: 60_00, ward: 'Hillside' },
  ],
  checkIn: { questions: { area: { weights: { Hillside: '2' } } } },
};

/** `count` voters of `area` who approve `bid`. */
const voters = (area: string, count: number, bid: string): Ballot[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `${area}-${i}`,
    eventId: WEIGHTED.id,
    stationId: 'station-hall',
    castHour: '2026-06-13T15:00Z',
    choice: { kind: 'approval' as const, bids: [bid] },
    area,
  }));

// 5 people back the river path, 3 the hill hall; weighted, the hill hall has 6 to the path's 5.
const ballots = [...voters('Riverside', 5, 'river-path'), ...voters('Hillside', 3, 'hill-hall')];

async function openResults(event: EventDefinition, given: Ballot[]) {
  const user = userEvent.setup();
  await renderOrganiser({ api: fakeServer(event, given).api });
  await signIn(user, event.name);
  await openScreen(user, 'Results');
  await screen.findByRole('group', { name: 'Count with' });
}

describe('results of a weighted event', { timeout: 30_000 }, () => {
  it('show the weighted support the tally ranked by, labelled, with the weights explained', async () => {
    const expected = expectedTally(WEIGHTED, ballots, 'greedy');
    // The case only means something if weighting changes the winner.
    expect(expected.selected).toEqual(['hill-hall']);
    const support = new Map(expected.support.map((s) => [s.bidId, s.weightedSupport]));
    expect(support).toEqual(
      new Map([
        ['river-path', '5'],
        ['hill-hall', '6'],
      ]),
    );
    await openResults(WEIGHTED, ballots);

    expect(
      screen.getByText(
        'Votes are weighted by area: Hillside × 2; every other voter counts 1. Each bid’s weighted support adds up its supporters’ weights exactly, and the rules rank bids by it.',
      ),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Bids funded from Only pot' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toContain('Weighted support');
    expect(headers).not.toContain('Support');
    const hall = within(table).getByRole('row', { name: /Hill hall/ });
    expect(within(hall).getAllByRole('cell')[1]).toHaveTextContent(/^6$/);
    // River path is funded under neither rule, so it is not in the pot's table.
    const chart = screen.getByRole('figure', { name: 'Weighted support for each bid' });
    const bars = within(chart)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    // Ordered as the tally ranked them: the hill hall first, though fewer people backed it.
    expect(bars[0]).toMatch(/^Hill hall.*6 weighted support \(3 votes\) — funded$/);
    expect(bars[1]).toMatch(/^River path.*5 weighted support \(5 votes\)$/);
  });

  it('keep plain support on an unweighted event', async () => {
    await openResults(DEMO_EVENT, approvalBallots(DEMO_EVENT, 20, 3));
    expect(screen.queryByText(/weighted/i)).toBeNull();
    expect(screen.getByRole('figure', { name: 'Support for each bid' })).toBeInTheDocument();
    const [table] = screen.getAllByRole('table');
    expect(
      within(table!)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toContain('Support');
  });

  it('carry the weighted support in the results CSV', () => {
    const csv = resultsCsv(WEIGHTED, expectedTally(WEIGHTED, ballots, 'greedy')).split(/\r?\n/);
    expect(csv[0]).toBe('Pot,Bid id,Bid,Group,Amount,Support,Weighted support,Voters,Funded,Note');
    expect(csv[1]).toMatch(/^Only pot,hill-hall,Hill hall,[^,]*,60,3,6,3,Yes,$/);
    expect(csv[2]).toMatch(/^,river-path,River path,[^,]*,60,5,5,5,No,$/);
    const plain = resultsCsv(DEMO_EVENT, expectedTally(DEMO_EVENT, [], 'greedy'));
    expect(plain.split(/\r?\n/)[0]).toBe('Pot,Bid id,Bid,Group,Amount,Support,Voters,Funded,Note');
  });
});

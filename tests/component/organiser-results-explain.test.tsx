/**
 * The organiser's results explain themselves: per pot, how many voters supported a funded bid and
 * the money left; per bid, a "Why?" that opens the reasons, worded from the count's numbers.
 *
 * One pot of £2,000, greedy. 5 ballots for Health walks (£1,200), 3 for Youth cooking club
 * (£2,400), 2 for Chair yoga (£900), 1 for Litter picking kit (£650). By hand: walks first with
 * £2,000 left; cooking club too dear with £800 left; chair yoga too dear (£800 < £900); litter kit
 * funded with £800 left; £150 left over. 6 of the 11 ballots chose a funded bid.
 */
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventDefinition } from '../../src/core/schema.ts';
import {
  bloc,
  fakeServer,
  openScreen,
  renderOrganiser,
  signIn,
  TIGHT_EVENT,
} from './organiser-fake-api.ts';

const event: EventDefinition = {
  ...TIGHT_EVENT,
  rule: 'greedy',
  pots: [{ id: 'main', name: 'Only pot', budget: 2_000_00, eligible: { kind: 'all' } }],
};
const ballots = [
  ...bloc(event, 'walks', 5, ['walking-group']),
  ...bloc(event, 'cook', 3, ['cooking-club']),
  ...bloc(event, 'yoga', 2, ['chair-yoga']),
  ...bloc(event, 'litter', 1, ['litter-pickers']),
];

afterEach(cleanup);

async function openResults() {
  const user = userEvent.setup();
  const server = fakeServer(event, ballots);
  await renderOrganiser({ api: server.api });
  await signIn(user, event.name);
  await openScreen(user, 'Results');
  await screen.findByRole('group', { name: 'Count with' });
  return user;
}

/** The "Why?" disclosure of one bid, and the text it holds. */
function why(title: string) {
  const list = screen.getByRole('list', { name: 'Why each bid was or was not funded' });
  const summary = within(list).getByText(title, { selector: 'summary, summary *' });
  const details = summary.closest('details');
  if (details === null) throw new Error(`no disclosure for ${title}`);
  return { summary: summary.closest('summary') ?? summary, details };
}

describe('organiser results: explanations', () => {
  it('says per pot how many voters supported a funded bid and what was left', async () => {
    await openResults();
    const pot = screen.getByRole('region', { name: 'Only pot' });
    expect(
      within(pot).getByText(/6 of 11 voters \(54\.5%\) supported a bid this pot funded\./),
    ).toBeInTheDocument();
    expect(within(pot).getByText(/£150 was left\./)).toBeInTheDocument();
  });

  it('opens a bid’s "Why?" to give its place and the money left when it was reached', async () => {
    const user = await openResults();
    const yoga = why('Chair yoga for older people');
    expect(yoga.details).not.toHaveAttribute('open');
    await user.click(yoga.summary);
    expect(yoga.details).toHaveAttribute('open');
    expect(
      within(yoga.details).getByText(
        'Number 3 by support. When it was reached only £800 was left, less than its cost of £900, so it was passed over.',
      ),
    ).toBeVisible();

    const walks = why('Health walks for all ages');
    await user.click(walks.summary);
    expect(
      within(walks.details).getByText(
        'Number 1 by support. When it was reached £2,000 was left, enough for its cost of £1,200, so it was funded.',
      ),
    ).toBeVisible();
    // A bid nobody chose says so.
    expect(
      within(why('Burnfoot gala day').details).getByText('No counted ballot supported it.'),
    ).toBeInTheDocument();
  });

  it('explains equal shares with the round and what each supporter paid', async () => {
    const user = await openResults();
    await user.click(screen.getByRole('radio', { name: /Method of Equal Shares/ }));
    const walks = why('Health walks for all ages');
    await user.click(walks.summary);
    // 11 voters share £2,000 (£181.82 each); walks' 5 supporters cannot reach £1,200 until
    // "add one unit" raises each share: the explanation names the round and the payments.
    expect(within(walks.details).getByRole('listitem')).toHaveTextContent(
      /^Funded by equal shares in round 1\. Its 5 supporters paid for it: 5 paid £240 each\.$/,
    );
  });
});

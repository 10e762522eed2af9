import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { BallotMethod, EventDefinition } from '../../src/core/schema.ts';
import { listBallots } from '../../src/db/ballot-repo.ts';
import { heading, openBallot, renderStation, stationWith } from './station-harness.tsx';

/** The demo's first three bids: cooking club £2,400, walking group £1,200, garden £4,800. */
const eventWith = (method: BallotMethod): EventDefinition => ({
  ...DEMO_EVENT,
  id: `${method.kind}-day`,
  name: `${method.kind} day`,
  method,
  bids: DEMO_EVENT.bids.slice(0, 3),
});

describe('knapsack ballots', () => {
  const event = eventWith({ kind: 'knapsack', limit: 5_000_00 });

  it('measure against the ballot limit and refuse a project that would go over it', async () => {
    const { db, user } = await openBallot(event);
    expect(
      screen.getByText('Choose the projects you would fund, up to £5,000 in total.'),
    ).toBeInTheDocument();
    await user.click(screen.getByLabelText(/Raised beds/));
    expect(screen.getByRole('status')).toHaveTextContent('£4,800 of £5,000 chosen');
    await user.click(screen.getByLabelText(/Health walks/));
    expect(screen.getByRole('alert')).toHaveTextContent('would take you over the £5,000 available');
    expect(screen.getByLabelText(/Health walks/)).not.toBeChecked();

    await user.click(screen.getByLabelText(/Raised beds/));
    await user.click(screen.getByLabelText(/Health walks/));
    await user.click(screen.getByLabelText(/cooking club/));
    expect(screen.getByRole('status')).toHaveTextContent('£3,600 of £5,000 chosen');
    await user.click(screen.getByRole('button', { name: 'Next: check your choices' }));
    await heading('Check your choices');
    expect(screen.getByText('Together: £3,600')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cast my vote' }));
    await heading(/Thank you/);
    const [ballot] = await listBallots(db, event.id);
    expect(ballot?.choice).toEqual({ kind: 'knapsack', bids: ['cooking-club', 'walking-group'] });
  });
});

describe('score ballots', () => {
  const event = eventWith({ kind: 'score', min: 1, max: 5, allowNoOpinion: false });

  it('need a score for every project, then store them', async () => {
    const { db, user } = await openBallot(event);
    const row = (name: RegExp) => screen.getByRole('group', { name });
    expect(within(row(/cooking club/)).getAllByRole('radio')).toHaveLength(5);

    await user.click(within(row(/cooking club/)).getByRole('radio', { name: '4' }));
    await user.click(within(row(/Health walks/)).getByRole('radio', { name: '2' }));
    await user.click(screen.getByRole('button', { name: 'Next: check your choices' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Every bid needs a score.');

    await user.click(within(row(/Raised beds/)).getByRole('radio', { name: '5' }));
    await user.click(within(row(/Health walks/)).getByRole('radio', { name: '3' }));
    await user.click(screen.getByRole('button', { name: 'Next: check your choices' }));
    await heading('Check your choices');
    expect(screen.getByText(/Health walks/).closest('li')).toHaveTextContent('Score: 3');
    await user.click(screen.getByRole('button', { name: 'Cast my vote' }));
    await heading(/Thank you/);
    const [ballot] = await listBallots(db, event.id);
    expect(ballot?.choice).toEqual({
      kind: 'score',
      scores: [
        { bid: 'community-garden', score: 5 },
        { bid: 'cooking-club', score: 4 },
        { bid: 'walking-group', score: 3 },
      ],
    });
  });

  it('offer "No opinion" when the event allows it', async () => {
    const open = eventWith({ kind: 'score', min: 0, max: 3, allowNoOpinion: true });
    const { user } = await openBallot(open);
    const row = screen.getByRole('group', { name: /Raised beds/ });
    await user.click(within(row).getByRole('radio', { name: 'No opinion' }));
    await user.click(screen.getByRole('button', { name: 'Next: check your choices' }));
    await heading('Check your choices');
    expect(screen.getByText(/Raised beds/).closest('li')).toHaveTextContent('No opinion');
  });
});

describe('methods this station cannot show', () => {
  it.each<BallotMethod>([
    { kind: 'cumulative', points: 100, maxPerBid: 50 },
    { kind: 'score', min: 0, max: 100, allowNoOpinion: false },
  ])('say so on the welcome screen instead of starting a ballot ($kind)', async (method) => {
    const event = eventWith(method);
    const db = await stationWith(event);
    renderStation(db);
    await heading(event.name);
    expect(screen.getByRole('alert')).toHaveTextContent(
      `This kind of ballot (${method.kind}) is not supported on this station yet.`,
    );
    expect(screen.queryByRole('button', { name: 'Start voting' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Volunteer' })).toBeInTheDocument();
  });
});

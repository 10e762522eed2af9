import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { listBallots } from '../../src/db/ballot-repo.ts';
import { heading, openBallot, renderStation, stationWith } from './station-harness.tsx';

/** Three demo bids (cooking club, health walks, raised beds); 5 points, at most 3 on one. */
const event: EventDefinition = {
  ...DEMO_EVENT,
  id: 'points-day',
  name: 'Points day',
  method: { kind: 'cumulative', points: 5, maxPerBid: 3 },
  bids: DEMO_EVENT.bids.slice(0, 3),
};

const COOKING = 'Youth cooking club';
const WALKS = 'Health walks for all ages';
const GARDEN = 'Raised beds at the community garden';

const button = (name: string) => screen.getByRole('button', { name });
const more = (title: string) => button(`One point more for ${title}`);
const less = (title: string) => button(`One point less for ${title}`);
/** The points shown beside a project. */
const shownFor = (title: string) =>
  within(screen.getByRole('group', { name: title })).getByText(/^\d+ points?$/).textContent;
const status = () => screen.getByRole('status');

async function press(user: UserEvent, target: HTMLElement, times: number) {
  for (let i = 0; i < times; i++) await user.click(target);
}

describe('a cumulative ballot', () => {
  it('shares points with − and +, is reviewed with each project’s points and stored as given', async () => {
    const { db, user } = await openBallot(event);
    expect(
      screen.getByText(
        'You have 5 points to share between the projects you like. Give more points to the ones you like most. No more than 3 points on one project.',
      ),
    ).toBeInTheDocument();
    expect(status()).toHaveTextContent('0 of 5 points given.');
    expect(shownFor(COOKING)).toBe('0 points');

    await press(user, more(COOKING), 3);
    expect(shownFor(COOKING)).toBe('3 points');
    expect(status()).toHaveTextContent(`${COOKING}: 3 points. 3 of 5 points given.`);
    await user.click(more(WALKS));
    expect(shownFor(WALKS)).toBe('1 point');
    await user.click(less(COOKING));
    await press(user, more(GARDEN), 2);
    expect(status()).toHaveTextContent('5 of 5 points given.');

    await user.click(button('Next: check your choices'));
    await heading('Check your choices');
    const lines = new Map(
      screen
        .getAllByRole('listitem')
        .map((li) => [li.querySelector('.choice-title')?.textContent, li]),
    );
    expect(lines.size).toBe(3);
    expect(lines.get(COOKING)).toHaveTextContent(/— 2 points$/);
    expect(lines.get(WALKS)).toHaveTextContent(/— 1 point$/);
    expect(lines.get(GARDEN)).toHaveTextContent(/— 2 points$/);
    await user.click(button('Cast my vote'));
    await heading(/Thank you/);
    const ballots = await listBallots(db, event.id);
    expect(ballots.map((b) => b.choice)).toEqual([
      {
        kind: 'cumulative',
        points: [
          { bid: 'community-garden', points: 2 },
          { bid: 'cooking-club', points: 2 },
          { bid: 'walking-group', points: 1 },
        ],
      },
    ]);
  });

  it('stops at the most one project may have, and says so on the screen', async () => {
    const { user } = await openBallot(event);
    await press(user, more(COOKING), 3);
    const reason = `${COOKING} has 3 points, the most one project can have.`;
    expect(screen.getByText(reason)).toBeInTheDocument();
    expect(more(COOKING)).toHaveAttribute('aria-disabled', 'true');
    expect(more(COOKING)).toHaveAccessibleDescription(reason);

    await user.click(more(COOKING));
    expect(shownFor(COOKING)).toBe('3 points');
    expect(status()).toHaveTextContent(`${reason} 3 of 5 points given.`);
    // Other projects still take points.
    expect(more(WALKS)).not.toHaveAttribute('aria-disabled');
  });

  it('stops when every point is given, and says how to give one elsewhere', async () => {
    const { user } = await openBallot(event);
    await press(user, more(COOKING), 3);
    await press(user, more(GARDEN), 2);
    const reason = 'You have given all your points. Take one off a project to give it elsewhere.';
    expect(screen.getByText(reason)).toBeInTheDocument();
    expect(more(WALKS)).toHaveAttribute('aria-disabled', 'true');
    expect(more(WALKS)).toHaveAccessibleDescription(reason);

    await user.click(more(WALKS));
    await user.click(more(GARDEN));
    expect(shownFor(WALKS)).toBe('0 points');
    expect(shownFor(GARDEN)).toBe('2 points');
    expect(status()).toHaveTextContent('5 of 5 points given.');

    await user.click(less(GARDEN));
    expect(screen.queryByText(reason)).toBeNull();
    expect(more(WALKS)).not.toHaveAttribute('aria-disabled');
  });

  it('takes nothing below zero', async () => {
    const { user } = await openBallot(event);
    expect(less(WALKS)).toHaveAttribute('aria-disabled', 'true');
    await user.click(less(WALKS));
    expect(shownFor(WALKS)).toBe('0 points');
    expect(status()).toHaveTextContent(`${WALKS} has no points. 0 of 5 points given.`);
  });

  it('can be filled in with the keyboard alone, focus staying on the stepper pressed', async () => {
    const { db, user } = await openBallot(event);
    const plus = more(GARDEN);
    for (let presses = 0; presses < 30 && document.activeElement !== plus; presses++) {
      await user.tab();
    }
    expect(plus).toHaveFocus();
    await user.keyboard('{Enter}');
    await user.keyboard(' ');
    await user.keyboard('{Enter}');
    await user.keyboard('{Enter}'); // one past the limit: refused, focus kept
    expect(plus).toHaveFocus();
    expect(shownFor(GARDEN)).toBe('3 points');

    await user.tab({ shift: true });
    expect(less(GARDEN)).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(status()).toHaveTextContent(`${GARDEN}: 2 points. 2 of 5 points given.`);

    const next = button('Next: check your choices');
    for (let presses = 0; presses < 30 && document.activeElement !== next; presses++) {
      await user.tab();
    }
    await user.keyboard('{Enter}');
    await heading('Check your choices');
    await user.click(button('Cast my vote'));
    await heading(/Thank you/);
    const [ballot] = await listBallots(db, event.id);
    expect(ballot?.choice).toEqual({
      kind: 'cumulative',
      points: [{ bid: 'community-garden', points: 2 }],
    });
  });
});

describe('a cumulative event with more points than a stepper suits', () => {
  it('is refused on the welcome screen instead of asking for a hundred taps', async () => {
    const big: EventDefinition = {
      ...event,
      method: { kind: 'cumulative', points: 100, maxPerBid: 50 },
    };
    const db = await stationWith(big);
    renderStation(db);
    await heading(big.name);
    expect(screen.getByRole('alert')).toHaveTextContent('is not supported on this station yet');
  });
});

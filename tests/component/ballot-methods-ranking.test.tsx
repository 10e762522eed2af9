import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { listBallots } from '../../src/db/ballot-repo.ts';
import {
  heading,
  openBallot,
  renderStation,
  startAndGoToChoose,
  stationWith,
} from './station-harness.tsx';

/** Three demo bids (cooking club, health walks, raised beds); two places to fill. */
const event: EventDefinition = {
  ...DEMO_EVENT,
  id: 'ranking-day',
  name: 'Ranking day',
  method: { kind: 'ranking', maxRanks: 2 },
  bids: DEMO_EVENT.bids.slice(0, 3),
};

const button = (name: string) => screen.getByRole('button', { name });
const add = (title: string) => button(`Add to my ranking: ${title}`);
const COOKING = 'Youth cooking club';
const WALKS = 'Health walks for all ages';
const GARDEN = 'Raised beds at the community garden';

/** The titles in the "Your ranking" list, first place first. */
function rankingShown(): string[] {
  const region = screen.getByRole('region', { name: 'Your ranking' });
  return within(region)
    .queryAllByRole('listitem')
    .map((item) => item.querySelector('.choice-title')?.textContent ?? '');
}

const announcement = () => screen.getByRole('status');

describe('a ranking ballot', () => {
  it('is built with Add, Move up, Move down and Remove, reviewed in order and stored in order', async () => {
    const { db, user } = await openBallot(event);
    expect(
      screen.getByText(/Add up to 2 projects to your ranking, your favourite first/),
    ).toBeInTheDocument();
    expect(screen.getByText('0 of 2 places filled.')).toBeInTheDocument();
    expect(rankingShown()).toEqual([]);

    await user.click(add(GARDEN));
    expect(announcement()).toHaveTextContent(`${GARDEN} is now number 1.`);
    await user.click(add(COOKING));
    expect(rankingShown()).toEqual([GARDEN, COOKING]);

    await user.click(button(`Move up: ${COOKING}`));
    expect(rankingShown()).toEqual([COOKING, GARDEN]);
    expect(announcement()).toHaveTextContent(`${COOKING} is now number 1.`);

    await user.click(button(`Remove: ${GARDEN}`));
    expect(rankingShown()).toEqual([COOKING]);
    expect(announcement()).toHaveTextContent(`${GARDEN} is no longer in your ranking.`);
    await user.click(add(WALKS));
    await user.click(button(`Move down: ${COOKING}`));
    expect(rankingShown()).toEqual([WALKS, COOKING]);

    await user.click(button('Next: check your choices'));
    await heading('Check your choices');
    const review = screen.getAllByRole('listitem');
    expect(review.map((item) => item.textContent)).toEqual([
      expect.stringMatching(new RegExp(`^${WALKS}.*Number 1$`)),
      expect.stringMatching(new RegExp(`^${COOKING}.*Number 2$`)),
    ]);
    await user.click(button('Cast my vote'));
    await heading(/Thank you/);
    const ballots = await listBallots(db, event.id);
    expect(ballots.map((b) => b.choice)).toEqual([
      { kind: 'ranking', ranking: ['walking-group', 'cooking-club'] },
    ]);
  });

  it('takes no more than the places allowed, and says so on the screen', async () => {
    const { user } = await openBallot(event);
    await user.click(add(COOKING));
    await user.click(add(GARDEN));
    expect(
      screen.getByText('All 2 places are filled. Remove a project to add a different one.'),
    ).toBeInTheDocument();
    expect(add(WALKS)).toHaveAttribute('aria-disabled', 'true');
    expect(add(WALKS)).toHaveAccessibleDescription(/All 2 places are filled/);

    await user.click(add(WALKS));
    expect(rankingShown()).toEqual([COOKING, GARDEN]);
    expect(announcement()).toHaveTextContent(
      `All 2 places are filled. Remove a project to add “${WALKS}”.`,
    );
  });

  it('does not move the first project up or the last one down, and says why', async () => {
    const { user } = await openBallot(event);
    await user.click(add(COOKING));
    await user.click(add(WALKS));
    expect(button(`Move up: ${COOKING}`)).toHaveAttribute('aria-disabled', 'true');
    expect(button(`Move down: ${WALKS}`)).toHaveAttribute('aria-disabled', 'true');
    expect(button(`Move down: ${COOKING}`)).not.toHaveAttribute('aria-disabled');

    await user.click(button(`Move up: ${COOKING}`));
    expect(announcement()).toHaveTextContent(`${COOKING} is already number 1.`);
    await user.click(button(`Move down: ${WALKS}`));
    expect(announcement()).toHaveTextContent(`${WALKS} is already last in your ranking.`);
    expect(rankingShown()).toEqual([COOKING, WALKS]);
  });
});

describe('a voter ranking with the keyboard alone', () => {
  /** Presses Tab until `target` has focus, as a keyboard user would; fails if it never does. */
  async function tabUntil(user: UserEvent, target: HTMLElement) {
    for (let presses = 0; presses < 30 && document.activeElement !== target; presses++) {
      await user.tab();
    }
    expect(target).toHaveFocus();
  }

  it('keeps focus on the project being moved, so the next press moves it again', async () => {
    const event3: EventDefinition = { ...event, method: { kind: 'ranking', maxRanks: 3 } };
    const db = await stationWith(event3);
    const { user } = renderStation(db);
    await startAndGoToChoose(user, event3.name);

    // Each add hands focus to the next project still to add, so Enter three times ranks all three.
    const pool = screen.getAllByRole('button', { name: /^Add to my ranking/ });
    await tabUntil(user, pool[0] ?? document.body);
    await user.keyboard('{Enter}');
    await user.keyboard('{Enter}');
    await user.keyboard('{Enter}');
    const order = rankingShown();
    expect(order).toHaveLength(3);
    const [first, , last] = order as [string, string, string];
    // With the ranking full, focus lands on the last one added, ready to move it.
    expect(button(`Move up: ${last}`)).toHaveFocus();

    await user.keyboard('{Enter}');
    await user.keyboard('{Enter}');
    expect(rankingShown()[0]).toBe(last);
    expect(button(`Move up: ${last}`)).toHaveFocus();
    expect(announcement()).toHaveTextContent(`${last} is now number 1.`);

    await user.tab();
    expect(button(`Move down: ${last}`)).toHaveFocus();
    await user.keyboard(' ');
    expect(rankingShown()[1]).toBe(last);
    expect(button(`Move down: ${last}`)).toHaveFocus();

    // Removing hands focus to the Remove button of the project that took its place.
    await user.tab();
    await user.keyboard('{Enter}');
    expect(rankingShown()).not.toContain(last);
    const now = rankingShown();
    expect(button(`Remove: ${now[1] ?? ''}`)).toHaveFocus();
    expect(now[0]).toBe(first);

    await tabUntil(user, button('Next: check your choices'));
    await user.keyboard('{Enter}');
    await heading('Check your choices');
    await tabUntil(user, button('Cast my vote'));
    await user.keyboard('{Enter}');
    await heading(/Thank you/);
    const titles = new Map(event3.bids.map((b) => [b.title, b.id]));
    const [ballot] = await listBallots(db, event3.id);
    expect(ballot?.choice).toEqual({ kind: 'ranking', ranking: now.map((t) => titles.get(t)) });
  });
});

import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import {
  approvalBallots,
  expectedTally,
  fakeServer,
  openScreen,
  renderOrganiser,
  signIn,
  titlesOf,
} from './organiser-fake-api.ts';

afterEach(cleanup);

describe('organiser reveal on the projector', () => {
  it('reveals funded bids one at a time with button and keys, and Escape ends it', async () => {
    const user = userEvent.setup();
    const ballots = approvalBallots(DEMO_EVENT, 80, 11);
    const expected = expectedTally(DEMO_EVENT, ballots, DEMO_EVENT.rule);
    const order = titlesOf(
      DEMO_EVENT,
      expected.pots.flatMap((p) => p.selected),
    );
    expect(order.length).toBeGreaterThan(2);
    await renderOrganiser({ api: fakeServer(DEMO_EVENT, ballots).api });
    await signIn(user, DEMO_EVENT.name);
    await openScreen(user, 'Results');

    const start = await screen.findByRole('button', { name: 'Start the reveal' });
    await user.click(start);
    const dialog = screen.getByRole('dialog', { name: 'Results reveal' });
    const heading = () => within(dialog).getByRole('heading', { level: 2 }).textContent;
    expect(heading()).toBe(DEMO_EVENT.name);
    expect(dialog).toHaveTextContent('80 ballots counted');

    await user.click(within(dialog).getByRole('button', { name: 'Reveal the first bid' }));
    expect(heading()).toBe(order[0]);
    expect(dialog).toHaveTextContent(`Funded bid 1 of ${order.length}`);

    // Keys work wherever focus is: the projector operator may have clicked elsewhere.
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard(' ');
    expect(heading()).toBe(order[1]);
    await user.keyboard('{ArrowRight}');
    expect(heading()).toBe(order[2]);
    await user.keyboard('{ArrowLeft}');
    expect(heading()).toBe(order[1]);

    for (let i = 2; i <= order.length; i++) await user.keyboard('{ArrowRight}');
    expect(heading()).toBe('Thank you for voting!');
    // At the end Next says it is unavailable but keeps focus (a disabled button would drop it).
    expect(within(dialog).getByRole('button', { name: 'Next' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await user.keyboard('{ArrowRight}');
    expect(heading()).toBe('Thank you for voting!');

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(start).toHaveFocus();
  });

  it('advances once, not twice, when Space presses the focused Next button', async () => {
    const user = userEvent.setup();
    const ballots = approvalBallots(DEMO_EVENT, 80, 11);
    const order = titlesOf(
      DEMO_EVENT,
      expectedTally(DEMO_EVENT, ballots, DEMO_EVENT.rule).selected,
    );
    await renderOrganiser({ api: fakeServer(DEMO_EVENT, ballots).api });
    await signIn(user, DEMO_EVENT.name);
    await openScreen(user, 'Results');
    await user.click(await screen.findByRole('button', { name: 'Start the reveal' }));
    const dialog = screen.getByRole('dialog', { name: 'Results reveal' });
    expect(within(dialog).getByRole('button', { name: 'Reveal the first bid' })).toHaveFocus();
    await user.keyboard(' ');
    expect(within(dialog).getByRole('heading', { level: 2 })).toHaveTextContent(order[0] ?? '');
  });

  it('makes the page behind inert while it is open, and says how to work it', async () => {
    const user = userEvent.setup();
    const ballots = approvalBallots(DEMO_EVENT, 30, 2);
    // jsdom has no full screen at all, like a kiosk browser that refuses it: the page behind
    // stays in the window.
    const { container } = await renderOrganiser({ api: fakeServer(DEMO_EVENT, ballots).api });
    await signIn(user, DEMO_EVENT.name);
    await openScreen(user, 'Results');
    const start = await screen.findByRole('button', { name: 'Start the reveal' });
    await user.click(start);
    const dialog = screen.getByRole('dialog', { name: 'Results reveal' });
    expect(dialog).toHaveAccessibleDescription(/Escape ends the reveal/);
    expect(container).toHaveAttribute('inert');
    expect(dialog.closest('[inert]')).toBeNull();
    // (jsdom does not apply `inert` to Tab; organiser-accessibility.spec.ts checks that in Chromium.)
    await user.click(within(dialog).getByRole('button', { name: 'End the reveal' }));
    expect(container).not.toHaveAttribute('inert');
    expect(start).toHaveFocus();
  });
});

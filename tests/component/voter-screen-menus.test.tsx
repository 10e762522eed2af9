// Voter screens (issue 11): no long-press menu and no text selection while a voter's screens
// show, but fields keep theirs, and the volunteer's area has both back.
import { cleanup, createEvent, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { TEST_PIN } from '../support/station-db.ts';
import { expectFocusedHeading, heading, renderStation, stationWith } from './station-harness.tsx';

afterEach(cleanup);

/** Whether the browser's context menu (a long press on a tablet) would open on `element`. */
function menuOpensOn(element: Element): boolean {
  const event = createEvent.contextMenu(element);
  fireEvent(element, event);
  return !event.defaultPrevented;
}

describe('long-press menus and text selection on voter screens', () => {
  it('are off on the voter’s screens, on a field still on, and back in the volunteer area', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await heading(DEMO_EVENT.name);
    expect(document.documentElement).toHaveAttribute('data-voter-screen');
    expect(menuOpensOn(screen.getByRole('button', { name: 'Start voting' }))).toBe(false);
    expect(menuOpensOn(screen.getByRole('heading', { level: 1, name: DEMO_EVENT.name }))).toBe(
      false,
    );

    // The volunteer's PIN field, over the voter's screen: a field keeps its menu (paste).
    await user.click(screen.getByRole('button', { name: 'Volunteer' }));
    const dialog = screen.getByRole('dialog', { name: 'Volunteer PIN' });
    const pin = within(dialog).getByLabelText('Enter the volunteer PIN');
    expect(menuOpensOn(pin)).toBe(true);

    await user.type(pin, TEST_PIN);
    await user.click(within(dialog).getByRole('button', { name: 'Unlock' }));
    await expectFocusedHeading('Volunteer area');
    expect(document.documentElement).not.toHaveAttribute('data-voter-screen');
    expect(menuOpensOn(screen.getByRole('heading', { level: 1, name: 'Volunteer area' }))).toBe(
      true,
    );
  });
});

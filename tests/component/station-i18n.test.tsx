// The volunteer's screens in another language, the time per voter, and where the focus goes when a
// busy button answers.
import { act, fireEvent, screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { getStation } from '../../src/db/station-repo.ts';
import { activateLanguage } from '../../src/app/i18n/catalogue.ts';
import { TEST_PIN } from '../support/station-db.ts';
import { heading, renderStation, stationWith } from './station-harness.tsx';

afterEach(() => activateLanguage('en-GB'));

/** The volunteer area is a lazy chunk: its first load in a test run takes a moment. */
const volunteerArea = () =>
  screen.findByRole('heading', { level: 1, name: 'Volunteer area' }, { timeout: 10_000 });

async function unlock(
  user: UserEvent,
  names = { open: 'Volunteer', pin: 'Enter the volunteer PIN', unlock: 'Unlock' },
) {
  await user.click(screen.getByRole('button', { name: names.open }));
  await user.type(screen.getByLabelText(names.pin), TEST_PIN);
  await user.click(screen.getByRole('button', { name: names.unlock }));
}

describe('the volunteer area in Welsh', () => {
  it('shows Welsh headings, controls and tab title', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await heading(DEMO_EVENT.name);
    await unlock(user);
    await volunteerArea();
    // The welcome screen starts each voter in the event's language; the volunteer's is set here.
    await act(() => activateLanguage('cy'));

    expect(await heading('Ardal y gwirfoddolwyr')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Yr orsaf hon' })).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 2, name: 'Amser i bob pleidleisiwr' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Cloi a mynd yn ôl i bleidleisio' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Arferol (1.5 munud)' })).toBeChecked();
    expect(
      await screen.findByRole('heading', { name: 'Cysoni â’r gweinydd cyfrif' }),
    ).toBeVisible();
    // The tab's title is the screen's, in Welsh too.
    await vi.waitFor(() => expect(document.title).toMatch(/^Ardal y gwirfoddolwyr/));
  });
});

describe('time for each voter', () => {
  it('is normal at first; a volunteer can make it longer, and the next ballot waits longer', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await heading(DEMO_EVENT.name);
    await unlock(user);
    await volunteerArea();

    const times = screen.getByRole('group', { name: 'Time for each voter' });
    expect(within(times).getByRole('radio', { name: 'Normal (1.5 minutes)' })).toBeChecked();
    await user.click(within(times).getByRole('radio', { name: 'Longer (3 minutes)' }));
    expect(
      await screen.findByText(
        'Saved. Each new ballot now waits 3 minutes untouched before it is cleared.',
      ),
    ).toHaveRole('status');
    expect((await getStation(db))?.voterTime).toBe('longer');
    await vi.waitFor(() =>
      expect(within(times).getByRole('radio', { name: 'Longer (3 minutes)' })).toBeChecked(),
    );

    await user.click(screen.getByRole('button', { name: 'Lock and go back to voting' }));
    await heading(DEMO_EVENT.name);
    await user.click(screen.getByRole('button', { name: 'Start voting' }));
    await heading('The projects');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      fireEvent.pointerDown(document.body); // restarts the count on the fake clock
      // Normal time would warn after 70 s; this station warns 20 s before its 3 minutes.
      await act(() => vi.advanceTimersByTimeAsync(150_000));
      expect(screen.queryByRole('alertdialog')).toBeNull();
      await act(() => vi.advanceTimersByTimeAsync(10_000));
      expect(screen.getByRole('alertdialog')).toBeInTheDocument();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the focus after a busy button answers', () => {
  it('goes back to the PIN field after a wrong PIN, never to the page', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await heading(DEMO_EVENT.name);
    await user.click(screen.getByRole('button', { name: 'Volunteer' }));
    const input = screen.getByLabelText('Enter the volunteer PIN');
    await user.type(input, '0000');
    const button = screen.getByRole('button', { name: 'Unlock' });
    await user.click(button);
    // While the PIN is checked the button stays focusable: never `disabled`.
    expect(button).not.toBeDisabled();
    await screen.findByRole('alert');
    expect(input).toHaveFocus();
    expect(input).toHaveAttribute('aria-invalid', 'true');
  });
});

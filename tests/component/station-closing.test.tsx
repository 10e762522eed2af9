/**
 * Attended start and closing a station, as the volunteer and the voter meet them: no Start until a
 * volunteer releases a ballot with the PIN; the closing sheet's counts, a mismatch that needs a
 * note, and a closed station that offers no new ballot.
 */
import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { castBallot } from '../../src/db/ballot-repo.ts';
import { counts, getClosing } from '../../src/db/closing-repo.ts';
import { TEST_PIN } from '../support/station-db.ts';
import {
  heading,
  NOW,
  renderStation,
  stationWith,
  unlockVolunteerArea,
} from './station-harness.tsx';

const ATTENDED: EventDefinition = { ...DEMO_EVENT, checkIn: { attended: true } };

async function unlock(user: UserEvent) {
  await unlockVolunteerArea(user);
}

describe('attended start', () => {
  it('offers no Start until a volunteer releases one ballot with the PIN', async () => {
    const db = await stationWith(ATTENDED);
    const { user } = renderStation(db);
    await heading(ATTENDED.name);
    const next = await screen.findByRole('button', { name: 'Next voter' });
    expect(screen.getByText('A volunteer will start your ballot.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Start voting' })).toBeNull();

    await user.click(next);
    const dialog = screen.getByRole('dialog', { name: 'Start a ballot for the next voter' });
    const pin = within(dialog).getByLabelText('Enter the volunteer PIN');
    await user.type(pin, '0000');
    await user.click(within(dialog).getByRole('button', { name: 'Release one ballot' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('That PIN is not right');
    expect((await counts(db, ATTENDED.id)).released).toBe(0);

    await user.type(pin, TEST_PIN);
    await user.click(within(dialog).getByRole('button', { name: 'Release one ballot' }));
    // The PIN's key derivation is slow in jsdom.
    const start = await screen.findByRole('button', { name: 'Start voting' }, { timeout: 5_000 });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await counts(db, ATTENDED.id)).toMatchObject({ released: 1, ready: true });

    await user.click(start);
    await heading('The projects');
    expect(await counts(db, ATTENDED.id)).toMatchObject({ released: 1, ready: false, inUse: true });
  });

  it('an event without attended start keeps its Start button', async () => {
    const db = await stationWith(DEMO_EVENT);
    renderStation(db);
    expect(await screen.findByRole('button', { name: 'Start voting' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Next voter' })).toBeNull();
  });
});

describe('closing a station', () => {
  it('shows the sheet, needs a note for a mismatch, then closes: no new ballots', async () => {
    const db = await stationWith(ATTENDED);
    // Two ballots but no release: the counts disagree.
    const choice = { kind: 'approval' as const, bids: ['gala-day'] };
    await castBallot(db, { event: ATTENDED, choice, now: NOW });
    await castBallot(db, { event: ATTENDED, choice, now: NOW });
    const { user } = renderStation(db);
    await heading(ATTENDED.name);
    await unlock(user);

    const section = await screen.findByRole('region', { name: 'Close this station' });
    await user.click(within(section).getByRole('button', { name: 'Prepare the closing sheet' }));
    const released = await within(section).findByText('Ballots released by a volunteer');
    expect(released.nextElementSibling).toHaveTextContent('0');
    expect(
      within(section).getByText('Ballots cast on this screen').nextElementSibling,
    ).toHaveTextContent('2');
    expect(
      within(section).getByText('Ballots still waiting to sync').nextElementSibling,
    ).toHaveTextContent('2');
    expect(
      within(section).getByText(/2 ballots have not reached the central tally yet/),
    ).toBeInTheDocument();
    expect(
      within(section).getByText('Released and used: 0; ballots cast on this screen: 2.'),
    ).toBeInTheDocument();

    await user.click(within(section).getByRole('button', { name: 'Close the station' }));
    const note = within(section).getByRole('textbox', { name: 'Note: what happened' });
    expect(await within(section).findByRole('alert')).toHaveTextContent('The counts do not agree');
    expect(note).toHaveAttribute('aria-invalid', 'true');
    expect(note).toHaveFocus();
    expect(await getClosing(db, ATTENDED.id)).toBeUndefined();

    await user.type(note, 'Two voters started before attended start was switched on.');
    await user.click(within(section).getByRole('button', { name: 'Close the station' }));
    expect(
      await within(section).findByText('This station is closed. It offers voters no new ballots.'),
    ).toBeInTheDocument();
    const stored = await getClosing(db, ATTENDED.id);
    expect(stored?.sheet).toMatchObject({
      stationName: 'Church hall',
      closedAt: NOW.toISOString(),
      released: 0,
      unused: 0,
      screenBallots: 2,
      paperBallots: 0,
      synced: 0,
      waiting: 2,
      note: 'Two voters started before attended start was switched on.',
    });
    expect(
      within(section).getByRole('button', { name: 'Print the closing sheet' }),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Lock and go back to voting' }));
    await heading('This station is closed');
    expect(screen.queryByRole('button', { name: 'Start voting' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Next voter' })).toBeNull();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Volunteer' })).toBeInTheDocument(),
    );
  });

  it('closes with matching counts without a note', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await heading(DEMO_EVENT.name);
    await unlock(user);
    const section = screen.getByRole('region', { name: 'Close this station' });
    await user.click(within(section).getByRole('button', { name: 'Prepare the closing sheet' }));
    expect(
      await within(section).findByRole('textbox', { name: 'Note (optional)' }),
    ).not.toBeRequired();
    expect(within(section).queryByText('Ballots released by a volunteer')).toBeNull();
    await user.click(within(section).getByRole('button', { name: 'Close the station' }));
    await within(section).findByText('This station is closed. It offers voters no new ballots.');
    expect((await getClosing(db, DEMO_EVENT.id))?.sheet.note).toBeUndefined();
  });
});

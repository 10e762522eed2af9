// The registration desk on a station, by role and label: outside the area and under age are told
// clearly and store nothing; a voter in the area is registered and a ballot released.
import { screen } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { closeStation, counts } from '../../src/db/closing-repo.ts';
import type { StationDatabase } from '../../src/db/database.ts';
import { deskStore } from '../../src/app/station/desk/desk-store.ts';
import {
  expectFocusedHeading,
  heading,
  renderStation,
  stationWith,
  unlockVolunteerArea,
} from './station-harness.tsx';

afterEach(() => deskStore.setState({ open: false }));

const withDesk = (checkIn: EventDefinition['checkIn']): EventDefinition => ({
  ...DEMO_EVENT,
  checkIn,
});
const DESK = {
  fields: ['name', 'postcode', 'ageBand'] as ('name' | 'postcode' | 'ageBand')[],
  postcodes: ['TD9 8', 'TD9 7AB'],
  minimumAge: 16 as const,
};

async function openDesk(event: EventDefinition): Promise<{ user: UserEvent; db: StationDatabase }> {
  const db = await stationWith(event);
  const { user } = renderStation(db);
  await heading(event.name);
  await unlockVolunteerArea(user);
  await user.click(screen.getByRole('button', { name: 'Open the registration desk' }));
  await expectFocusedHeading('Registration desk');
  return { user, db };
}

async function fill(user: UserEvent, name: string, postcode: string, age: string) {
  const nameField = screen.getByLabelText('Name or initials');
  await user.clear(nameField);
  await user.type(nameField, name);
  const postcodeField = screen.getByLabelText('Postcode');
  await user.clear(postcodeField);
  await user.type(postcodeField, postcode);
  await user.selectOptions(screen.getByLabelText('Age'), age);
}

const registrations = (db: StationDatabase) => db.registrations.toArray();

describe('the registration desk', () => {
  it('refuses a postcode outside the area and a voter under age, storing nothing', async () => {
    const { user, db } = await openDesk(withDesk({ attended: true, desk: DESK }));
    expect(
      screen.getByText(
        'This tablet checks the address against the organiser’s area list, and that the voter is 16 or over.',
      ),
    ).toBeInTheDocument();

    await fill(user, 'Jo Smith', 'eh1 2ng', '18 to 24');
    await user.click(
      screen.getByRole('button', { name: 'Register and start a ballot on this tablet' }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Not in the area: EH1 2NG — the organiser’s list says TD9 8, TD9 7AB. Ask the organiser.',
    );
    // Focus moves on the next animation frame, after the message is drawn.
    await vi.waitFor(() => expect(alert).toHaveFocus());
    expect(screen.getByLabelText('Postcode')).toHaveAttribute('aria-invalid', 'true');

    await fill(user, 'Jo Smith', 'TD9 8AB', '8 to 15');
    await user.click(
      screen.getByRole('button', { name: 'Register and start a ballot on this tablet' }),
    );
    await vi.waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Under age: the youngest who may vote at this event is 16. This voter cannot be registered.',
      ),
    );
    // Under age has no way round it on the tablet.
    expect(
      screen.queryByRole('button', { name: 'The organiser says yes: register anyway' }),
    ).toBeNull();
    expect(await registrations(db)).toEqual([]);
    expect((await counts(db, DEMO_EVENT.id)).released).toBe(0);
  });

  it('registers a voter in the area and releases a ballot on this tablet', async () => {
    const { user, db } = await openDesk(withDesk({ attended: true, desk: DESK }));
    await fill(user, 'Jo Smith', 'td98ab', '18 to 24');
    await user.click(
      screen.getByRole('button', { name: 'Register and start a ballot on this tablet' }),
    );
    // Back to the voter's screen, locked, with one ballot released.
    await heading(DEMO_EVENT.name);
    const rows = await registrations(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      name: 'Jo Smith',
      postcode: 'TD9 8AB',
      ageBand: '18-24',
      released: 'tablet',
      sync: 'waiting',
      day: '2026-06-13',
    });
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(
      ['ageBand', 'day', 'eventId', 'id', 'name', 'postcode', 'released', 'sync'].sort(),
    );
    expect((await counts(db, DEMO_EVENT.id)).ready).toBe(true);
  });

  it("a station closed meanwhile: says so in the catalogue's words and keeps no registration", async () => {
    const { user, db } = await openDesk(withDesk({ attended: true, desk: DESK }));
    // Closed while the desk was open (in another tab, or the volunteer area of this one).
    const closed = await closeStation(db, DEMO_EVENT.id, {
      station: 'station-test',
      stationName: 'Hall',
      closedAt: '2026-06-13T18:00:00.000Z',
      codesUsed: 0,
      screenBallots: 0,
      paperBallots: 0,
      synced: 0,
      waiting: 0,
    });
    expect(closed.ok).toBe(true);
    await fill(user, 'Jo Smith', 'td98ab', '18 to 24');
    await user.click(
      screen.getByRole('button', { name: 'Register and start a ballot on this tablet' }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This station is closed: it releases no more ballots.');
    // No row for a voter who got no ballot, no release counted, and the entry kept on screen.
    expect(await registrations(db)).toHaveLength(0);
    expect(await counts(db, DEMO_EVENT.id)).toMatchObject({ released: 0, ready: false });
    expect(screen.getByLabelText('Name or initials')).toHaveValue('Jo Smith');
  });

  it('lets the organiser say yes to a voter outside the area, marked as let in', async () => {
    const { user, db } = await openDesk(withDesk({ codes: true, desk: DESK }));
    await fill(user, 'Al Day', 'EH1 2NG', '65 or over');
    await user.click(screen.getByRole('button', { name: 'Register and give a voting code card' }));
    await screen.findByRole('alert');
    await user.click(
      await screen.findByRole('button', { name: 'The organiser says yes: register anyway' }),
    );
    await expectRegistered();
    expect(
      screen.getByText('Give the voter one voting code card. The desk does not record which card.'),
    ).toBeInTheDocument();
    expect(await registrations(db)).toMatchObject([
      { postcode: 'EH1 2NG', overridden: 'area', released: 'card' },
    ]);
    await user.click(screen.getByRole('button', { name: 'Register the next voter' }));
    expect(screen.getByLabelText('Name or initials')).toHaveValue('');
    await vi.waitFor(() =>
      expect(
        screen.getByText('Registered at this desk: 1 (1 waiting to sync)'),
      ).toBeInTheDocument(),
    );
  });
});

async function expectRegistered() {
  const done = await screen.findByRole('heading', { level: 2, name: 'Registered' });
  await vi.waitFor(() => expect(done).toHaveFocus());
}

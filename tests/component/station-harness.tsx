// Renders the station app on a test database with a fixed clock, the way main.tsx does with real ones.
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { afterEach, expect } from 'vitest';
import type { EventDefinition } from '../../src/core/schema.ts';
import type { StationDatabase } from '../../src/db/database.ts';
import { putEvent } from '../../src/db/event-repo.ts';
import { setUpStation } from '../../src/db/station-setup.ts';
import {
  DEFAULT_TIMINGS,
  type KioskTimings,
  type PersistentStorage,
} from '../../src/app/shared/services.tsx';
import { StationApp } from '../../src/app/station/StationApp.tsx';
import { freshDatabase, TEST_PIN } from '../support/station-db.ts';

// Vitest runs without globals, so Testing Library cannot register its own clean-up.
afterEach(cleanup);

export const NOW = new Date('2026-06-13T10:47:31Z');

interface Options {
  storage?: PersistentStorage;
  timings?: Partial<KioskTimings>;
  user?: UserEvent;
}

export function renderStation(db: StationDatabase, options: Options = {}) {
  const services = {
    db,
    now: () => NOW,
    storage: options.storage,
    timings: { ...DEFAULT_TIMINGS, ...options.timings },
  };
  const user = options.user ?? userEvent.setup();
  return { user, services, ...render(<StationApp services={services} />) };
}

/** A set-up station running `event`, before any ballot. */
export async function stationWith(event: EventDefinition): Promise<StationDatabase> {
  const db = freshDatabase();
  await putEvent(db, event);
  const set = await setUpStation(db, {
    name: 'Church hall',
    pin: TEST_PIN,
    pinAgain: TEST_PIN,
    eventId: event.id,
  });
  if (!set.ok) throw new Error(set.error.code);
  return db;
}

// Generous: the set-up screen and the volunteer area are a lazy chunk, slow on its first load.
export const heading = (name: string | RegExp) =>
  screen.findByRole('heading', { level: 1, name }, { timeout: 5_000 });

/**
 * The new screen's main heading, once it has focus. Screens focus their heading in an effect after
 * the first paint, so the heading can be found a moment before it is focused: wait for both.
 */
export async function expectFocusedHeading(name: string | RegExp): Promise<HTMLElement> {
  const found = await heading(name);
  await waitFor(() => expect(screen.getByRole('heading', { level: 1, name })).toHaveFocus());
  return found;
}

/** From the welcome screen into the volunteer area, with the test PIN. */
export async function unlockVolunteerArea(user: UserEvent): Promise<void> {
  await user.click(screen.getByRole('button', { name: 'Volunteer' }));
  const dialog = screen.getByRole('dialog', { name: 'Volunteer PIN' });
  await user.type(within(dialog).getByLabelText('Enter the volunteer PIN'), TEST_PIN);
  await user.click(within(dialog).getByRole('button', { name: 'Unlock' }));
  await expectFocusedHeading('Volunteer area');
}

/** From the welcome screen to the ballot itself. */
export async function startAndGoToChoose(user: UserEvent, eventName: string | RegExp) {
  await heading(eventName);
  await user.click(screen.getByRole('button', { name: 'Start voting' }));
  await heading('The projects');
  await user.click(screen.getByRole('button', { name: 'Next: choose projects' }));
  await heading('Choose projects');
}

/** A set-up station running `event`, with a voter already on the choosing step. */
export async function openBallot(event: EventDefinition) {
  const db = await stationWith(event);
  const { user } = renderStation(db);
  await startAndGoToChoose(user, event.name);
  return { db, user };
}

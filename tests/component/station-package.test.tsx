// Loading an event from a file in the volunteer area, by role and label: a good file becomes the
// station's event and shows its fingerprint; a tampered file or another kind of file is named in
// plain words and changes nothing; another event is refused while ballots are only on the tablet.
// And what voters see as the event's state changes: a rehearsal band, then "voting has closed".
import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { eventFingerprint } from '../../src/core/event-package.ts';
import { eventHash } from '../../src/core/tally-file/format.ts';
import { castBallot } from '../../src/db/ballot-repo.ts';
import { TEST_PIN } from '../support/station-db.ts';
import { PACKAGE_EVENT, packageText, tamperedPackageText } from '../unit/sync-package-fixture.ts';
import { heading, NOW, renderStation, stationWith } from './station-harness.tsx';

const FINGERPRINT = eventFingerprint(eventHash(PACKAGE_EVENT));

async function openVolunteerArea(user: UserEvent) {
  await user.click(await screen.findByRole('button', { name: 'Volunteer' }));
  const dialog = screen.getByRole('dialog', { name: 'Volunteer PIN' });
  await user.type(within(dialog).getByLabelText('Enter the volunteer PIN'), TEST_PIN);
  await user.click(within(dialog).getByRole('button', { name: 'Unlock' }));
  await heading('Volunteer area');
}

async function loadFile(user: UserEvent, name: string, text: string) {
  const section = screen.getByRole('region', { name: 'Load event from a file' });
  const input = within(section).getByLabelText('Event file');
  await user.upload(input, new File([text], name, { type: 'application/json' }));
  return section;
}

const stationFacts = () => screen.getByRole('region', { name: 'This station' });

describe('loading an event from a file', () => {
  it('makes a good file the station’s event and shows its fingerprint', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await openVolunteerArea(user);
    const section = await loadFile(user, 'riverside-2026-v3.event.json', packageText());

    // The first file read in a test run loads the package checks: give it time.
    const status = await within(section).findByText(/^Loaded Riverside Choices 2026\./, undefined, {
      timeout: 5_000,
    });
    expect(status).toHaveTextContent(
      `Loaded Riverside Choices 2026. Its fingerprint is ${FINGERPRINT}: check that the organiser’s screen shows the same.`,
    );
    // The code sits in its own left-to-right isolate, so Arabic text does not reorder it.
    expect(status.querySelector('bdi[dir="ltr"]')).toHaveTextContent(FINGERPRINT);
    expect(await within(stationFacts()).findByText('Riverside Choices 2026')).toBeVisible();
    await vi.waitFor(() =>
      expect(within(stationFacts()).getByTestId('fingerprint')).toHaveTextContent(FINGERPRINT),
    );
    expect((await db.station.get('this'))?.eventId).toBe(PACKAGE_EVENT.id);

    await user.click(screen.getByRole('button', { name: 'Lock and go back to voting' }));
    await heading('Riverside Choices 2026');
  });

  it('refuses a file edited by hand, saying so, and changes nothing', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await openVolunteerArea(user);
    const demoPrint = eventFingerprint(eventHash(DEMO_EVENT));
    // The fingerprint shows "…" until the event's hash is computed.
    await waitFor(() =>
      expect(within(stationFacts()).getByTestId('fingerprint')).toHaveTextContent(demoPrint),
    );
    const section = await loadFile(user, 'riverside.event.json', tamperedPackageText());

    expect(
      await within(section).findByRole('alert', undefined, { timeout: 5_000 }),
    ).toHaveTextContent(
      'This file was changed after the organiser made it, so it cannot be trusted. Ask the organiser for a new file. Nothing on this station was changed.',
    );
    expect((await db.station.get('this'))?.eventId).toBe(DEMO_EVENT.id);
    expect(await db.events.get(PACKAGE_EVENT.id)).toBeUndefined();
    expect(within(stationFacts()).getByTestId('fingerprint')).toHaveTextContent(demoPrint);
  });

  it('names a file that is not an event file at all', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await openVolunteerArea(user);
    let section = await loadFile(user, 'bids.csv', 'id,title\nb1,Bench\n');
    expect(await within(section).findByRole('alert')).toHaveTextContent(
      'This file cannot be read: it is not an event file, or it is damaged. Nothing on this station was changed.',
    );
    section = await loadFile(user, 'station.json', '{"ballots": []}');
    expect(await within(section).findByRole('alert')).toHaveTextContent(
      /^This is not an event file\. .* Nothing on this station was changed\.$/,
    );
    expect((await db.station.get('this'))?.eventId).toBe(DEMO_EVENT.id);
  });

  it('refuses another event while ballots are unsynced and unexported, then asks once exported', async () => {
    const db = await stationWith(DEMO_EVENT);
    for (const bid of DEMO_EVENT.bids.slice(0, 2)) {
      await castBallot(db, {
        event: DEMO_EVENT,
        choice: { kind: 'approval', bids: [bid.id] },
        now: NOW,
      });
    }
    const { user } = renderStation(db);
    await openVolunteerArea(user);
    let section = await loadFile(user, 'riverside.event.json', packageText());
    expect(await within(section).findByRole('alert')).toHaveTextContent(
      'This tablet still has 2 ballots for Burnfoot Community Choices (demo) that have not been synced or exported, so the event was not changed. Export them first: under “No network? Export a file” below, press “Export 2 ballots for Burnfoot Community Choices (demo)”. Then try again.',
    );
    expect((await db.station.get('this'))?.eventId).toBe(DEMO_EVENT.id);

    // jsdom has no downloads: the export's saving step is the browser's, the marking is ours.
    const exportButton = screen.getByRole('button', {
      name: 'Export 2 ballots for Burnfoot Community Choices (demo)',
    });
    URL.createObjectURL = () => 'blob:test';
    URL.revokeObjectURL = () => {};
    await user.click(exportButton);
    await screen.findByText(/^Saved burnfoot-2026-demo-station-church-hall-/);

    section = await loadFile(user, 'riverside.event.json', packageText());
    const question = await screen.findByRole('alertdialog', {
      name: 'Switch this station to Riverside Choices 2026?',
    });
    expect(question).toHaveTextContent(
      'Voters will see Riverside Choices 2026 instead of Burnfoot Community Choices (demo).',
    );
    await user.click(within(question).getByRole('button', { name: 'Yes, switch' }));
    expect(await within(section).findByText(/^Loaded Riverside Choices 2026\./)).toBeVisible();
    expect((await db.station.get('this'))?.eventId).toBe(PACKAGE_EVENT.id);
  });
});

describe('the event’s state on the voter’s screen', () => {
  it('shows a rehearsal band in a draft, and no new ballot once voting has closed', async () => {
    const db = await stationWith(DEMO_EVENT);
    const hash = eventHash(DEMO_EVENT);
    await db.eventStatus.put({
      eventId: DEMO_EVENT.id,
      eventHash: hash,
      state: 'draft',
      version: 1,
      source: 'join',
    });
    renderStation(db);
    await heading(DEMO_EVENT.name);
    expect(screen.getByRole('complementary', { name: 'Rehearsal' })).toHaveTextContent(
      'Rehearsal: ballots cast now are practice and are never counted.',
    );

    await db.eventStatus.update(DEMO_EVENT.id, { state: 'closed' });
    await heading('Voting has closed');
    expect(screen.getByText(/This station takes no more ballots\./)).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Start voting' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Volunteer' })).toBeVisible();
  });
});

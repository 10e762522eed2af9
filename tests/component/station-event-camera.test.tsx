/**
 * "Scan the event from the organiser’s screen": the organiser's moving code of an event package
 * (a real transfer sender; a fake camera) loads the event through exactly the file route's path —
 * the same checks and refusals: a package edited by hand is refused, nothing changes.
 */
import { screen } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { getStation } from '../../src/db/station-repo.ts';
import { createSender } from '../../src/sync/transfer/index.ts';
import { PACKAGE_EVENT, packageText, tamperedPackageText } from '../unit/sync-package-fixture.ts';
import { fakeCamera, resetFakeCamera } from './fake-camera.ts';
import { heading, renderStation, stationWith, unlockVolunteerArea } from './station-harness.tsx';

afterEach(resetFakeCamera);

async function showPackage(text: string) {
  const sender = await createSender({ kind: 'event', eventId: PACKAGE_EVENT.id, text });
  fakeCamera(() => [sender]);
}

async function scanEvent(user: UserEvent) {
  await heading(DEMO_EVENT.name);
  await unlockVolunteerArea(user);
  await user.click(
    screen.getByRole('button', { name: 'Scan the event from the organiser’s screen' }),
  );
}

describe('loading the event by camera', () => {
  it('loads the organiser’s moving code as the file route would', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await showPackage(packageText());
    await scanEvent(user);
    expect(
      await screen.findByText(
        /Riverside Choices 2026/,
        { selector: '[role=status] *' },
        {
          timeout: 15_000,
        },
      ),
    ).toBeInTheDocument();
    expect((await getStation(db))?.eventId).toBe(PACKAGE_EVENT.id);
    expect(await db.pictures.count()).toBe(1);
    // The camera is closed once the event is in.
    expect(screen.queryByRole('button', { name: 'Stop scanning' })).toBeNull();
  }, 30_000);

  it('refuses a package edited by hand, as for a file, and changes nothing', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await showPackage(tamperedPackageText());
    await scanEvent(user);
    const alert = await screen.findByRole('alert', {}, { timeout: 15_000 });
    expect(alert).toHaveTextContent('Nothing on this station was changed.');
    expect((await getStation(db))?.eventId).toBe(DEMO_EVENT.id);
  }, 30_000);
});

/**
 * A tablet that was online once keeps voting with no network, and keeps every ballot through a
 * browser restart: the app shell comes from the service worker's precache and ballots from
 * IndexedDB on disk. The ballots on disk say nothing about who cast them.
 */
import { expect, test, type BrowserContext } from '@playwright/test';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { launchStation, newProfileDir } from './support/chromium.ts';
import { readStore } from './support/indexeddb.ts';
import { waitForServiceWorkerControl } from './support/service-worker.ts';
import {
  castBallot,
  demoBid,
  expectWelcome,
  setUpStation,
  unlockVolunteerArea,
} from './support/station.ts';

const BALLOTS = [
  ['Youth cooking club', 'Health walks for all ages'],
  ['Bike repair workshop'],
  ['Chair yoga for older people', 'Burnfoot gala day', 'Dementia-friendly café'],
] as const;

/** Every whole UTC hour from `from` to `to`, as a ballot's castHour spells it. */
function hoursBetween(from: Date, to: Date): string[] {
  const hours: string[] = [];
  const hour = new Date(from);
  hour.setUTCMinutes(0, 0, 0);
  for (; hour <= to; hour.setUTCHours(hour.getUTCHours() + 1)) {
    hours.push(`${hour.toISOString().slice(0, 13)}:00Z`);
  }
  return hours;
}

test('a station set up and used offline keeps its ballots through a browser restart', async () => {
  const baseURL = test.info().project.use.baseURL ?? '';
  const profile = newProfileDir();
  const opened: BrowserContext[] = [];
  try {
    const first = await launchStation(profile.dir, baseURL);
    opened.push(first);
    const page = first.pages()[0] ?? (await first.newPage());
    await page.goto('/');
    await waitForServiceWorkerControl(page);

    await first.setOffline(true);
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker(), 'the offline reload came from the network').toBe(true);

    await setUpStation(page, 'Library, table 1');
    const castFrom = new Date();
    for (const titles of BALLOTS) await castBallot(page, titles);
    const castTo = new Date();
    await first.close();

    // The tablet's browser is closed and opened again, still with no network.
    const second = await launchStation(profile.dir, baseURL);
    opened.push(second);
    await second.setOffline(true);
    const again = second.pages()[0] ?? (await second.newPage());
    const response = await again.goto('/');
    expect(response?.fromServiceWorker()).toBe(true);
    await expectWelcome(again);

    // The bid pictures come from the precache too: every one on the projects screen renders.
    await again.getByRole('button', { name: 'Start voting' }).click();
    const pictures = again.locator('img.bid-picture');
    await expect(pictures).toHaveCount(DEMO_EVENT.bids.length);
    await expect
      .poll(() =>
        pictures.evaluateAll(
          (imgs) => imgs.filter((i) => !(i as HTMLImageElement).naturalWidth).length,
        ),
      )
      .toBe(0);
    await again.getByRole('button', { name: 'Cancel my vote' }).click();
    await again.getByRole('button', { name: 'Yes, cancel my vote' }).click();
    await expectWelcome(again);

    await unlockVolunteerArea(again);
    await expect(again.getByTestId('ballot-count')).toHaveText(String(BALLOTS.length));
    await expect(
      again.getByRole('region', { name: 'Working without the internet' }).getByRole('status'),
    ).toHaveText('Ready: this tablet works without the internet.');

    const stations = (await readStore(again, 'station')) as { stationId: string }[];
    const stationId = stations[0]?.stationId;
    const ballots = (await readStore(again, 'ballots')) as Record<string, unknown>[];
    expect(ballots).toHaveLength(BALLOTS.length);
    const hours = hoursBetween(castFrom, castTo);
    for (const ballot of ballots) {
      // Only these fields: nothing about the voter, no timestamp finer than the hour.
      expect(Object.keys(ballot).sort()).toEqual(
        ['castHour', 'choice', 'eventId', 'id', 'stationId'].sort(),
      );
      expect(ballot['stationId']).toBe(stationId);
      expect(hours).toContain(ballot['castHour']);
    }
    expect(new Set(ballots.map((b) => b['id'])).size).toBe(BALLOTS.length);

    // The ballots hold exactly what was chosen (stored in any order).
    const stored = ballots
      .map((b) => (b['choice'] as { kind: string; bids: string[] }).bids.toSorted().join(','))
      .sort();
    const chosen = BALLOTS.map((titles) =>
      titles
        .map((t) => demoBid(t).id)
        .toSorted()
        .join(','),
    ).sort();
    expect(stored).toEqual(chosen);
  } finally {
    // Closing twice is harmless; a failed check must not leave a browser running.
    for (const context of opened) await context.close();
    profile.remove();
  }
});

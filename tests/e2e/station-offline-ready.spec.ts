/**
 * A volunteer setting tablets up on the venue's Wi-Fi is told when a tablet can leave it. Here the
 * connection drops while the app is being saved (one of its files cannot be fetched): the set-up
 * screen says saving did not finish and to reload; back online, a reload saves it all, the
 * volunteer area says it is ready, and the tablet then starts with no network.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.ts';
import { askedShotsDir } from './support/shots.ts';
import { expectWelcome, nameStation, unlockVolunteerArea } from './support/station.ts';
import { VIEWPORTS } from './support/voter.ts';

const SHOTS = askedShotsDir('station-offline-ready');
/** The largest file the app saves: the QR code reader's WebAssembly. */
const CUT_OFF = '**/assets/*.wasm';

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS === undefined) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

const offlineStatus = (page: Page) =>
  page.getByRole('region', { name: 'Working without the internet' }).getByRole('status');

test('a tablet whose connection drops while the app is saved says so, and is ready after a reload online', async ({
  page,
}) => {
  // Saving a worker's files and then failing takes a few seconds on a busy machine.
  test.slow();
  await page.setViewportSize(VIEWPORTS['tablet-landscape']);
  await page.context().route(CUT_OFF, (route) => route.abort('internetdisconnected'));
  await page.goto('/');
  await nameStation(page, 'Community centre, door');

  const failed = page.getByRole('status').filter({ hasText: 'without the internet' });
  await expect(failed).toHaveText(
    'Saving the app for use without the internet did not finish. Check the connection, then reload this page to try again. Until then, keep the tablet online.',
    { timeout: 20_000 },
  );
  await expectNoAxeViolations(page, 'set-up done, saving for offline use failed');
  await shot(page, 'setup-failed-1180');
  expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();

  // Back online: the reload registers the worker again, and this time every file arrives.
  await page.context().unroute(CUT_OFF);
  await page.reload();
  await expectWelcome(page);
  await unlockVolunteerArea(page);
  await expect(offlineStatus(page)).toHaveText('Ready: this tablet works without the internet.', {
    timeout: 20_000,
  });
  await shot(page, 'area-ready-1180');

  await page.context().setOffline(true);
  const offline = await page.reload();
  expect(offline?.fromServiceWorker(), 'the offline start came from the network').toBe(true);
  await expectWelcome(page);
  await unlockVolunteerArea(page);
  await expect(offlineStatus(page)).toHaveText('Ready: this tablet works without the internet.');
});

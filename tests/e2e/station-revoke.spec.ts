/**
 * A lost tablet, in real Chromium on the real server: the organiser removes it on the Stations
 * screen (after the confirmation), the row says "Removed …"; the tablet's next sync is refused,
 * and its volunteer area says so calmly (the voter screens say nothing), with the ballot still
 * waiting kept for export; the ballot it sent before still counts. axe on both screens.
 * SHOTS_DIR=<folder> also saves screenshots: tablet, phone and Arabic.
 */
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { readStore } from './support/indexeddb.ts';
import { castBallot, STATION_PIN, unlockVolunteerArea } from './support/station.ts';
import { joinFromWelcome, syncSection } from './support/sync.ts';

const SHOTS = process.env['SHOTS_DIR'];
const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};
const REMOVED = 'This tablet was removed from the event by the organiser';

test('an organiser removes a lost tablet; it stops and tells its volunteers', async ({
  server,
  newStation,
  organiser,
}) => {
  // Full-page screenshots in three sizes take their own time.
  if (SHOTS) test.setTimeout(150_000);
  const { page } = await newStation('Library');
  await joinFromWelcome(page, server.joinCode);
  await castBallot(page, ['Youth cooking club']);
  await expect.poll(async () => (await server.ballotIdsOnDisk()).length).toBe(1);

  // The organiser removes it, after the confirmation.
  await organiser.setViewportSize({ width: 1280, height: 800 });
  await organiser.getByRole('button', { name: 'Refresh stations', exact: true }).click();
  await organiser.getByRole('button', { name: 'Remove this tablet: Library', exact: true }).click();
  const dialog = organiser.getByRole('alertdialog');
  await expect(dialog).toContainText('The ballots it has already sent stay');
  await shot(organiser, 'stations-confirm-tablet');
  await dialog.getByRole('button', { name: 'Remove this tablet', exact: true }).click();
  const row = organiser
    .getByRole('table', { name: 'Ballots per station' })
    .getByRole('row', { name: /Library/ });
  await expect(row).toContainText('Removed');
  await expectNoAxeViolations(organiser, 'stations screen with a removed tablet');
  await shot(organiser, 'stations-revoked-tablet');
  if (SHOTS) {
    await organiser.setViewportSize({ width: 390, height: 844 });
    await shot(organiser, 'stations-revoked-phone');
    await organiser.evaluate(() => localStorage.setItem('decision-day.organiser.language', 'ar'));
    await organiser.reload();
    await expect(organiser.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(organiser.getByText(/^أُزيل /)).toBeAttached();
    await shot(organiser, 'stations-revoked-ar-phone');
    await organiser.setViewportSize({ width: 1280, height: 800 });
    await shot(organiser, 'stations-revoked-ar-tablet');
  }

  // The tablet: a ballot cast after the removal stays; the volunteer area says what happened.
  await castBallot(page, ['Youth cooking club']);
  // Its next sync (about 2 s after the cast) is refused and remembered; voters see nothing of it.
  await expect
    .poll(async () => ((await readStore(page, 'sync')) as { revoked?: boolean }[])[0]?.revoked)
    .toBe(true);
  await expect(page.getByText(REMOVED)).toHaveCount(0);
  await unlockVolunteerArea(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  const section = syncSection(page);
  await expect(section.getByRole('alert')).toContainText(REMOVED);
  await expect(section.getByRole('button', { name: 'Sync now', exact: true })).toHaveCount(0);
  await expectNoAxeViolations(page, 'station removed by the organiser');
  await shot(page, 'station-removed-tablet');
  if (SHOTS) {
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'station-removed-phone');
  }
  // Still one ballot on the server: the second is refused, kept on the tablet.
  expect(await server.ballotIdsOnDisk()).toHaveLength(1);

  if (SHOTS) {
    await page.getByRole('button', { name: 'Lock and go back to voting' }).click();
    await page.getByRole('button', { name: 'العربية', exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.getByRole('button', { name: 'متطوع' }).click();
    await page.locator('input[type=password]').fill(STATION_PIN);
    await page.locator('form button[type=submit]').first().click();
    await expect(page.getByRole('alert').filter({ hasText: 'أزال المنظّم' })).toBeVisible();
    await shot(page, 'station-removed-ar');
  }
});

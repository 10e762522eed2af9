/**
 * Only the PIN opens the volunteer area: no address a voter can type, no back button and no
 * reload gets there, and a wrong PIN is refused with a message.
 */
import { expect, test } from '@playwright/test';
import {
  expectWelcome,
  openPinPrompt,
  setUpStation,
  unlockVolunteerArea,
  volunteerHeading,
} from './support/station.ts';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await setUpStation(page);
});

test('no address opens the volunteer area', async ({ page }) => {
  for (const path of ['/#/volunteer', '/volunteer', '/volunteer#unlocked', '/?volunteer=1']) {
    await page.goto(path);
    await expectWelcome(page);
    await expect(volunteerHeading(page), `${path} showed the volunteer area`).toHaveCount(0);
  }
});

test('a reload locks the volunteer area again', async ({ page }) => {
  await unlockVolunteerArea(page);
  await page.reload();
  await expectWelcome(page);
  await expect(volunteerHeading(page)).toHaveCount(0);
});

test('after locking, the back button does not go back into the volunteer area', async ({
  page,
}) => {
  await unlockVolunteerArea(page);
  await page.getByRole('button', { name: 'Lock and go back to voting' }).click();
  await expectWelcome(page);
  for (let i = 0; i < 3; i += 1) {
    await page.goBack();
    await expect(volunteerHeading(page)).toHaveCount(0);
  }
  await expectWelcome(page);
});

test('a wrong PIN is refused and says how many tries are left', async ({ page }) => {
  await openPinPrompt(page);
  await page.getByLabel('Enter the volunteer PIN').fill('000000');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toContainText(/That PIN is not right\. \d+ tries? left/);
  await expect(volunteerHeading(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Back to voting' }).click();
  await expectWelcome(page);
});

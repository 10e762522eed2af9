/**
 * axe finds no WCAG 2.2 A/AA violation on any screen a voter meets, nor on the PIN prompt, the
 * station set-up or the volunteer area. Each screen is checked once it is fully shown.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.ts';
import {
  chooseAndReview,
  expectWelcome,
  openPinPrompt,
  setUpStation,
  THANK_YOU,
  unlockVolunteerArea,
} from './support/station.ts';

test('every voter screen passes axe', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Set up this station' })).toBeVisible();
  await expectNoAxeViolations(page, 'set-up');
  await setUpStation(page);

  await expectNoAxeViolations(page, 'welcome');

  await page.getByRole('button', { name: 'Start voting' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'The projects' })).toBeVisible();
  await expectNoAxeViolations(page, 'browse');

  await page
    .getByRole('button', { name: /^Read more/ })
    .first()
    .click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoAxeViolations(page, 'project details');
  await page.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Next: choose projects' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Choose projects' })).toBeVisible();
  await expectNoAxeViolations(page, 'choose');

  await chooseAndReview(page, ['Youth cooking club', 'Litter picking kit']);
  await expectNoAxeViolations(page, 'review');

  await page.getByRole('button', { name: 'Cast my vote' }).click();
  await expect(page.getByRole('heading', { level: 1, name: THANK_YOU })).toBeVisible();
  await expectNoAxeViolations(page, 'thank-you');
});

test('a refused choice, the PIN prompt and the volunteer area pass axe', async ({ page }) => {
  await page.goto('/');
  await setUpStation(page);

  // Next with nothing ticked: the error message must be accessible too.
  await page.getByRole('button', { name: 'Start voting' }).click();
  await page.getByRole('button', { name: 'Next: choose projects' }).click();
  await page.getByRole('button', { name: 'Next: check your choices' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoAxeViolations(page, 'choose, with a problem');
  await page.getByRole('button', { name: 'Cancel my vote' }).click();
  await expectNoAxeViolations(page, 'cancel question');
  await page.getByRole('button', { name: 'Yes, cancel my vote' }).click();
  await expectWelcome(page);

  await openPinPrompt(page);
  await expectNoAxeViolations(page, 'PIN prompt');
  await page.getByLabel('Enter the volunteer PIN').fill('000000');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoAxeViolations(page, 'PIN prompt, wrong PIN');
  await page.getByRole('button', { name: 'Back to voting' }).click();

  await unlockVolunteerArea(page);
  await expectNoAxeViolations(page, 'volunteer area');
});

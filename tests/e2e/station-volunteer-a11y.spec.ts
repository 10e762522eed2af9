/**
 * The volunteer's screens with a keyboard, at 320 px and in Arabic: axe finds no WCAG 2.2 A/AA
 * violation on the volunteer area at phone and tablet size in English and Arabic, nothing scrolls
 * sideways at 320 px with normal or doubled text, and a wrong PIN leaves the focus on a visible
 * field (never on the page).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.ts';
import { askedShotsDir } from './support/shots.ts';
import {
  expectWelcome,
  nameStation,
  openPinPrompt,
  STATION_PIN,
  unlockVolunteerArea,
} from './support/station.ts';
import {
  chooseLanguage,
  doubleBrowserText,
  focusCovered,
  freshStation,
  sidewaysScroll,
  VIEWPORTS,
} from './support/voter.ts';

const SHOTS = askedShotsDir('station-volunteer');

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS === undefined) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** In Arabic: the welcome screen's language, then the PIN prompt and area in Arabic words. */
async function unlockInArabic(page: Page): Promise<void> {
  await chooseLanguage(page, 'العربية', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByRole('button', { name: 'متطوع', exact: true }).click();
  await page.getByLabel('أدخل الرقم السري للمتطوعين').fill(STATION_PIN);
  await page.getByRole('button', { name: 'فتح القفل' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'منطقة المتطوعين' })).toBeVisible();
}

/** The sync panel is the last part of the area to appear. */
async function areaShown(page: Page): Promise<void> {
  await expect(page.locator('#export-heading')).toBeVisible();
}

for (const [size, viewport] of [
  ['390x844', VIEWPORTS.phone],
  ['1180x820', VIEWPORTS['tablet-landscape']],
] as const) {
  test(`the volunteer area passes axe at ${size}, in English and in Arabic`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await freshStation(page);
    await unlockVolunteerArea(page);
    await areaShown(page);
    await expect(page).toHaveTitle('Volunteer area · Decision Day');
    await expectNoAxeViolations(page, `volunteer area, ${size}`);
    await shot(page, `volunteer-en-${size}`);

    await page.getByRole('button', { name: 'Lock and go back to voting' }).click();
    await unlockInArabic(page);
    await areaShown(page);
    await expectNoAxeViolations(page, `volunteer area in Arabic, ${size}`);
    await shot(page, `volunteer-ar-${size}`);
    // Mirrored: the lock button starts at the right-hand edge.
    const box = await page.getByRole('button', { name: 'اقفل وعد إلى التصويت' }).boundingBox();
    expect(box && viewport.width - (box.x + box.width)).toBeLessThan(viewport.width / 4);
  });
}

for (const text of ['normal', '200%'] as const) {
  test(`no volunteer screen scrolls sideways at 320 px with ${text} text`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    if (text === '200%') await doubleBrowserText(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Set up this station' })).toBeVisible();
    expect(await sidewaysScroll(page), 'set-up').toBeLessThanOrEqual(0);
    await freshStationFromSetUp(page);

    await openPinPrompt(page);
    // The welcome screen behind it is the voter's (checked by the voter's specs): here, the
    // dialog itself fits the screen and nothing in it is wider than the dialog.
    const dialog = page.getByRole('dialog', { name: 'Volunteer PIN' });
    const fits = await dialog.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.left >= 0 && r.right <= window.innerWidth && el.scrollWidth <= el.clientWidth;
    });
    expect(fits, 'PIN prompt fits').toBe(true);
    await page.getByRole('button', { name: 'Back to voting' }).click();

    await unlockVolunteerArea(page);
    await areaShown(page);
    expect(await sidewaysScroll(page), 'volunteer area').toBeLessThanOrEqual(0);
    if (text === '200%') {
      await expectNoAxeViolations(page, 'volunteer area, 320 px, 200% text');
    }
    await shot(page, `volunteer-en-320-${text === 'normal' ? 'text100' : 'text200'}`);
  });
}

test('a wrong PIN leaves the focus on the PIN field, in view', async ({ page }) => {
  await page.setViewportSize(VIEWPORTS.phone);
  await freshStation(page);
  await openPinPrompt(page);
  const field = page.getByLabel('Enter the volunteer PIN');
  await field.fill('000000');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Unlock' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(field).toBeFocused();
  expect(await focusCovered(page)).toBe('');
  // The focus ring is drawn (visible focus, WCAG 2.4.7).
  const outline = await field.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await shot(page, 'pin-wrong-390x844');
});

/** Finishes set-up from the set-up screen already shown. */
async function freshStationFromSetUp(page: Page): Promise<void> {
  await nameStation(page);
  expect(await sidewaysScroll(page), 'set-up done').toBeLessThanOrEqual(0);
  await page.getByRole('button', { name: 'Open the welcome screen' }).click();
  await expectWelcome(page);
}

/**
 * Issue 11: on a tablet set up as a voting station, /organiser says so and opens only with the
 * volunteer PIN; voter screens have no long-press menu or text selection; and wrong PINs sent at
 * once from several tabs of one browser profile still lock the PIN.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.ts';
import { setUpStation, STATION_PIN } from './support/station.ts';

const SHOTS = process.env['SHOTS_DIR'];
const LOCKED = 'This tablet is a voting station';

const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

test('a voting station’s /organiser is shut until a volunteer’s PIN opens it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await setUpStation(page);
  // Voter screens: no selection, no long-press callout; a field keeps both.
  const styleOf = (selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((element) => {
        const style = getComputedStyle(element);
        return {
          select: style.userSelect,
          callout: style.getPropertyValue('-webkit-touch-callout'),
        };
      });
  // (-webkit-touch-callout is Safari's alone: Chromium does not report it.)
  expect((await styleOf('h1')).select).toBe('none');
  // A triple click on the welcome heading selects nothing.
  await page.locator('h1').first().click({ clickCount: 3 });
  expect(await page.evaluate(() => String(window.getSelection()))).toBe('');

  await page.goto('/organiser');
  await expect(page.getByRole('heading', { level: 1, name: LOCKED })).toBeVisible();
  await expect(page.getByLabel('Password', { exact: true })).toHaveCount(0);
  await expectNoAxeViolations(page, 'organiser lock');
  await shot(page, 'lock-tablet');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'lock-phone');
  await page.evaluate(() => localStorage.setItem('decision-day.organiser.language', 'ar'));
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(
    page.getByRole('heading', { level: 1, name: 'هذا الجهاز اللوحي محطة تصويت' }),
  ).toBeVisible();
  await shot(page, 'lock-phone-ar');
  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, 'lock-tablet-ar');
  await page.evaluate(() => localStorage.removeItem('decision-day.organiser.language'));
  await page.reload();

  await page.getByRole('button', { name: 'Open with the volunteer PIN', exact: true }).click();
  await page.getByLabel('Enter the volunteer PIN').fill(STATION_PIN);
  await shot(page, 'lock-pin-tablet');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByLabel('Password', { exact: true })).toBeVisible();
});

test('wrong PINs from several tabs at once lock the PIN, and the right one is refused', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await setUpStation(page);
  const tabs = [page, ...(await Promise.all([1, 2, 3, 4, 5].map(() => context.newPage())))];
  await Promise.all(
    tabs.map(async (tab) => {
      await tab.goto('/organiser');
      await tab.getByRole('button', { name: 'Open with the volunteer PIN', exact: true }).click();
    }),
  );
  // Three rounds of six wrong PINs sent at the same moment: 18 guesses.
  for (let round = 0; round < 3; round++) {
    await Promise.all(
      tabs.map(async (tab, i) => {
        await tab.getByLabel('Enter the volunteer PIN').fill(`10${round}${i}00`);
        await tab.getByRole('button', { name: 'Open', exact: true }).click();
        await expect(tab.getByRole('alert')).toBeVisible();
      }),
    );
  }
  await page.getByLabel('Enter the volunteer PIN').fill(STATION_PIN);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Too many wrong PINs');
  await expect(page.getByLabel('Password', { exact: true })).toHaveCount(0);
});

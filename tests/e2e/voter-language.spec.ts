/**
 * A voter's language and text size: switching to Welsh and casting, the next voter starting in
 * English at the normal size, Arabic mirroring the layout, and the text-size control really
 * making text larger.
 */
import { expect, test, type Page } from '@playwright/test';
import { readStore } from './support/indexeddb.ts';
import { expectWelcome } from './support/station.ts';
import { chooseLanguage, freshStation, shot, VIEWPORTS } from './support/voter.ts';

const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

test('a voter switches to Welsh and casts; the next voter starts in English at the normal size', async ({
  page,
}) => {
  await page.setViewportSize(VIEWPORTS['tablet-landscape']);
  await freshStation(page);
  await chooseLanguage(page, 'Cymraeg', 'cy');
  await expect(h1(page, 'Dewisiadau Cymunedol Burnfoot (demo)')).toBeVisible();
  await shot(page, 'cy-welcome-1180x820');

  // Larger text too, which must not outlive this voter.
  await page.getByRole('button', { name: 'Testun ac arddangos' }).click();
  await page.getByRole('radio', { name: 'Mwyaf' }).check();
  await page.getByRole('button', { name: 'Wedi gorffen' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-text-size', '150');

  await page.getByRole('button', { name: 'Dechrau pleidleisio' }).click();
  await expect(h1(page, 'Y prosiectau')).toBeVisible();
  await expect(page).toHaveTitle('Y prosiectau · Decision Day');
  await page.getByRole('button', { name: 'Nesaf: dewis prosiectau' }).click();
  await expect(h1(page, 'Dewis prosiectau')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Ioga cadair i bobl hŷn' }).check();
  await page.getByRole('checkbox', { name: 'Gweithdy trwsio beiciau' }).check();
  await expect(page.getByRole('status')).toContainText('2 o 5 prosiect wedi’u dewis.');
  await shot(page, 'cy-choose-1180x820-largest-text');
  await page.getByRole('button', { name: 'Nesaf: gwirio eich dewisiadau' }).click();
  await expect(h1(page, 'Gwirio eich dewisiadau')).toBeVisible();
  await page.getByRole('button', { name: 'Bwrw fy mhleidlais' }).click();
  await expect(h1(page, 'Diolch. Mae eich pleidlais wedi’i chadw.')).toBeVisible();
  await page.getByRole('button', { name: 'Gorffen' }).click();

  await expectWelcome(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
  await expect(page.locator('html')).toHaveAttribute('data-text-size', '100');
  await expect(page.getByRole('button', { name: 'Start voting' })).toBeVisible();
  const size = await h1(page, 'Burnfoot Community Choices (demo)').evaluate(
    (el) => getComputedStyle(el).fontSize,
  );
  expect(size).toBe('40px'); // 2rem at the normal 20px

  const ballots = (await readStore(page, 'ballots')) as { choice: { bids: string[] } }[];
  expect(ballots.map((b) => b.choice.bids)).toEqual([['bike-repair', 'chair-yoga']]);
});

test('Arabic sets dir="rtl" and the layout mirrors', async ({ page }) => {
  await page.setViewportSize(VIEWPORTS['tablet-landscape']);
  await freshStation(page);
  await page.getByRole('button', { name: 'Start voting' }).click();
  await expect(h1(page, 'The projects')).toBeVisible();

  /** x of the first two cards' left edges, and of the display button. */
  const positions = () =>
    page.evaluate(() => {
      const cards = [...document.querySelectorAll('article')].slice(0, 2);
      const button = [...document.querySelectorAll('header button')].at(-1);
      return {
        first: cards[0]?.getBoundingClientRect().left ?? NaN,
        second: cards[1]?.getBoundingClientRect().left ?? NaN,
        bar: button?.getBoundingClientRect().left ?? NaN,
        // Where the heading's text starts: its left edge in LTR, its right edge in RTL.
        heading: (() => {
          const range = document.createRange();
          const h = document.querySelector('h1');
          if (!h) return NaN;
          range.selectNodeContents(h);
          return range.getBoundingClientRect().left;
        })(),
      };
    });
  const ltr = await positions();
  expect(ltr.first).toBeLessThan(ltr.second);

  await page.getByRole('button', { name: 'Language: English' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'العربية' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(h1(page, 'المشاريع')).toBeVisible();
  const rtl = await positions();
  // The first card is now on the right, the bar's buttons on the left, the heading's start too.
  expect(rtl.first).toBeGreaterThan(rtl.second);
  expect(rtl.bar).toBeLessThan(ltr.bar);
  expect(rtl.heading).toBeGreaterThan(ltr.heading);
  await shot(page, 'ar-browse-1180x820');

  await page.getByRole('button', { name: 'التالي: اختر المشاريع' }).click();
  await expect(h1(page, 'اختر المشاريع')).toBeVisible();
  await page.getByRole('checkbox', { name: 'نادي الطبخ للشباب' }).check();
  await shot(page, 'ar-choose-1180x820');
  await page.setViewportSize(VIEWPORTS.phone);
  await shot(page, 'ar-choose-390x844');
});

test('the text-size control makes text larger', async ({ page }) => {
  await page.setViewportSize(VIEWPORTS['tablet-landscape']);
  await freshStation(page);
  await page.getByRole('button', { name: 'Start voting' }).click();
  // The screen's heading: one short line at every size, so its height follows the text alone.
  const title = h1(page, 'The projects');
  await expect(title).toBeVisible();
  const measure = () =>
    title.evaluate((el) => ({
      font: parseFloat(getComputedStyle(el).fontSize),
      height: el.getBoundingClientRect().height,
    }));
  const normal = await measure();

  const sizes: [string, number][] = [
    ['Large', 1.25],
    ['Largest', 1.5],
  ];
  for (const [name, factor] of sizes) {
    await page.getByRole('button', { name: 'Text and display' }).click();
    await page.getByRole('radio', { name, exact: true }).check();
    await page.getByRole('button', { name: 'Done' }).click();
    const now = await measure();
    expect(now.font).toBeCloseTo(normal.font * factor, 1);
    expect(now.height).toBeGreaterThan(normal.height * (factor - 0.05));
  }
  await shot(page, 'en-browse-1180x820-largest-text');
});

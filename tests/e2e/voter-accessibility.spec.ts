/**
 * The voter's screens for everyone: axe finds no WCAG 2.2 A/AA violation at phone and tablet
 * sizes in English, Welsh and Arabic; nothing scrolls sideways at 320 px with normal or doubled
 * text; a keyboard-only ballot never puts the focused control under a sticky bar; and every
 * control is at least 44×44.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.ts';
import { THANK_YOU } from './support/station.ts';
import {
  chooseLanguage,
  doubleBrowserText,
  focusCovered,
  freshStation,
  shot,
  sidewaysScroll,
  smallTargets,
  VIEWPORTS,
} from './support/voter.ts';

/** The words each language's walk needs, from its catalogue. */
const WORDS = {
  'en-GB': {
    name: 'English',
    start: 'Start voting',
    next: 'Next: choose projects',
    readMore: /^Read more/,
    close: 'Close',
    review: 'Next: check your choices',
    cast: 'Cast my vote',
    display: 'Text and display',
    done: 'Done',
    thanks: THANK_YOU,
  },
  cy: {
    name: 'Cymraeg',
    start: 'Dechrau pleidleisio',
    next: 'Nesaf: dewis prosiectau',
    readMore: /^Darllen rhagor/,
    close: 'Cau',
    review: 'Nesaf: gwirio eich dewisiadau',
    cast: 'Bwrw fy mhleidlais',
    display: 'Testun ac arddangos',
    done: 'Wedi gorffen',
    thanks: 'Diolch. Mae eich pleidlais wedi’i chadw.',
  },
  ar: {
    name: 'العربية',
    start: 'ابدأ التصويت',
    next: 'التالي: اختر المشاريع',
    readMore: /^اقرأ المزيد/,
    close: 'إغلاق',
    review: 'التالي: راجع اختياراتك',
    cast: 'أدلِ بصوتي',
    display: 'النص والعرض',
    done: 'تم',
    thanks: 'شكرًا لك. تم حفظ صوتك.',
  },
} as const;

type Lang = keyof typeof WORDS;

// Each test walks a whole ballot and checks every screen on the way: far longer than one step.
// Each on a station of its own (its own page and storage): the workers may share them.
test.describe.configure({ mode: 'parallel', timeout: 300_000 });

/** Walks a whole ballot, calling `check` on every screen and dialog a voter meets. */
async function walk(page: Page, lang: Lang, check: (screen: string) => Promise<void>) {
  const w = WORDS[lang];
  if (lang !== 'en-GB') await chooseLanguage(page, w.name, lang);
  await check('welcome');
  await page.getByRole('button', { name: w.display }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await check('display options');
  await page.getByRole('button', { name: w.done }).click();

  await page.getByRole('button', { name: w.start }).click();
  await expect(page.locator('h1')).toBeFocused();
  await check('browse');
  await page.getByRole('button', { name: w.readMore }).first().click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await check('project details');
  await page.getByRole('button', { name: w.close }).click();

  await page.getByRole('button', { name: w.next }).click();
  await expect(page.locator('h1')).toBeFocused();
  await check('choose');
  const boxes = page.getByRole('checkbox');
  for (let i = 0; i < 6; i += 1) await boxes.nth(i).click();
  // The sixth is refused, with the reason beside it.
  await expect(page.getByRole('alert')).toBeVisible();
  await check('choose, sixth refused');

  await page.getByRole('button', { name: w.review }).click();
  await expect(page.locator('h1')).toBeFocused();
  await check('review');
  await page.getByRole('button', { name: w.cast }).click();
  await expect(page.getByRole('heading', { level: 1, name: w.thanks })).toBeVisible();
  await check('thank-you');
}

// Every language at the phone's size, and each larger size once: the tablets in Arabic (the
// mirrored layout) and in English. The DOM is the same at every size, so the nine pairs this
// replaced found nothing these five do not, and took 50 s more of the suite.
const AXE_RUNS: [size: keyof typeof VIEWPORTS, lang: Lang][] = [
  ['phone', 'en-GB'],
  ['phone', 'cy'],
  ['phone', 'ar'],
  ['tablet-portrait', 'ar'],
  ['tablet-landscape', 'en-GB'],
];

for (const [size, lang] of AXE_RUNS) {
  const viewport = VIEWPORTS[size];
  test(`axe: every voter screen at ${size} in ${lang}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await freshStation(page);
    await walk(page, lang, async (screen) => {
      await expectNoAxeViolations(page, `${screen} (${size}, ${lang})`);
      if (screen === 'choose' || screen === 'browse' || screen === 'review') {
        await shot(page, `${lang}-${screen}-${viewport.width}x${viewport.height}`);
      }
    });
  });
}

for (const doubled of [false, true]) {
  test(`no sideways scroll at 320 px with ${doubled ? '200 %' : 'normal'} text, and every control at least 44×44`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    if (doubled) await doubleBrowserText(page);
    await freshStation(page);
    await walk(page, 'en-GB', async (screen) => {
      expect(await sidewaysScroll(page), `sideways scroll on ${screen}`).toBeLessThanOrEqual(0);
      expect(await smallTargets(page), `small controls on ${screen}`).toEqual([]);
      if (doubled && screen === 'choose') await shot(page, 'en-choose-320-200pc-text');
    });
  });
}

test('no sideways scroll at 320 px at the largest text size in Arabic', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await freshStation(page);
  await page.getByRole('button', { name: 'Text and display' }).click();
  await page.getByRole('radio', { name: 'Largest' }).check();
  await page.getByRole('button', { name: 'Done' }).click();
  await walk(page, 'ar', async (screen) => {
    expect(await sidewaysScroll(page), `sideways scroll on ${screen}`).toBeLessThanOrEqual(0);
  });
});

for (const [size, viewport] of Object.entries(VIEWPORTS)) {
  test(`a keyboard-only ballot at ${size}: the focused control is never under a sticky bar`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await freshStation(page);
    const seen: string[] = [];
    /** Tab until `name` has focus, checking the focused control after every press. */
    async function tabTo(name: string | RegExp, role: 'button' | 'checkbox' = 'button') {
      const target = page.getByRole(role, { name }).first();
      for (let presses = 0; presses < 80; presses += 1) {
        await page.keyboard.press('Tab');
        // A frame on, so the page has finished scrolling the control into view.
        const covered = await focusCovered(page, 1);
        if (covered) seen.push(covered);
        if (await target.evaluate((el) => el === document.activeElement)) return;
      }
      throw new Error(`Tab never reached ${String(name)}`);
    }

    await tabTo('Start voting');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'The projects' })).toBeFocused();
    await tabTo('Next: choose projects');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Choose projects' })).toBeFocused();
    // Down the whole list, ticking the last two, then on.
    await tabTo('Mural for the bus shelter', 'checkbox');
    await page.keyboard.press('Space');
    await tabTo('Next: check your choices');
    // Back up the list with Shift+Tab, checking each stop against the tray at the top.
    for (let presses = 0; presses < 14; presses += 1) {
      await page.keyboard.press('Shift+Tab');
      const covered = await focusCovered(page, 1);
      if (covered) seen.push(covered);
    }
    await tabTo('Next: check your choices');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Check your choices' })).toBeFocused();
    await tabTo('Cast my vote');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: THANK_YOU })).toBeVisible();
    expect(seen).toEqual([]);
  });
}

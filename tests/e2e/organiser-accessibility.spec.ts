/**
 * Every organiser screen, in English and in Arabic (right to left), on a tablet held landscape
 * (1180×820) and on a phone (390×844): axe finds no WCAG 2.2 A/AA violation, and the keyboard
 * reaches what it must — the sideways-scrolling tables take focus, the page behind the reveal is
 * inert when full screen is refused, and a busy button keeps focus. Each screen is also saved as
 * a screenshot (SHOTS_DIR, default /tmp/dd/shots/organiser) for a person to look at.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { demoBallots, push } from '../server/support/tally-server.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { ORGANISER_PASSWORD, type TallyServerProcess } from './support/server.ts';

const SHOTS_DIR = process.env['SHOTS_DIR'] ?? '/tmp/dd/shots/organiser';

/** What an organiser reads in each language: the words these checks find things by. */
const WORDS = {
  'en-GB': {
    password: 'Organiser password',
    signIn: 'Sign in',
    events: 'Events',
    nav: 'This event',
    screens: {
      stations: ['Stations', 'Stations'],
      results: ['Results', 'Results'],
      exports: ['Exports', 'Exports'],
      import: ['Import a station file', 'Import a station’s tally file'],
    },
    stationsTable: 'Ballots per station',
    reveal: 'Start the reveal',
    revealDialog: 'Results reveal',
    exportCentral: 'Download Central tally file',
    import: 'Import',
  },
  ar: {
    password: 'كلمة مرور المنظّم',
    signIn: 'تسجيل الدخول',
    events: 'الفعاليات',
    nav: 'هذه الفعالية',
    screens: {
      stations: ['المحطات', 'المحطات'],
      results: ['النتائج', 'النتائج'],
      exports: ['التصدير', 'التصدير'],
      import: ['استيراد ملف محطة', 'استيراد ملف فرز من محطة'],
    },
    stationsTable: 'بطاقات الاقتراع حسب المحطة',
    reveal: 'ابدأ الإعلان',
    revealDialog: 'إعلان النتائج',
    exportCentral: 'تنزيل: ملف الفرز المركزي',
    import: 'استيراد',
  },
} as const;

type Language = keyof typeof WORDS;
type Screen = keyof (typeof WORDS)[Language]['screens'];

const VIEWPORTS = [
  { width: 1180, height: 820 },
  { width: 390, height: 844 },
] as const;

/** Two stations that voted; one still has ballots to deliver, so every table has rows. */
async function stationsWithBallots(server: TallyServerProcess): Promise<void> {
  for (const [name, cast, delivered, from] of [
    ['Church hall', 30, 27, 0],
    ['Library', 20, 20, 1000],
  ] as const) {
    const joined = await server.joinAsStation(name);
    const reply = await push(
      server,
      joined,
      demoBallots(joined.stationId, cast, from).slice(0, delivered),
      cast,
    );
    expect(reply.status, reply.text).toBe(200);
  }
}

/** The organiser's language chosen on this device, and a browser that refuses full screen. */
async function prepare(page: Page, language: Language): Promise<void> {
  await page.addInitScript((lang) => {
    localStorage.setItem('decision-day.organiser.language', lang);
    // A projector laptop whose browser refuses full screen: the reveal must cope.
    Element.prototype.requestFullscreen = () =>
      Promise.reject(new TypeError('Full screen is not allowed here'));
  }, language);
}

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await mkdir(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage });
}

async function openScreen(page: Page, language: Language, screen: Screen): Promise<void> {
  const [link, heading] = WORDS[language].screens[screen];
  await page
    .getByRole('navigation', { name: WORDS[language].nav })
    .getByRole('link', { name: link, exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: heading, exact: true })).toBeFocused();
}

/** Presses Tab until `target` has focus; fails if it never does within `limit` presses. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

for (const viewport of VIEWPORTS) {
  test.describe(`${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });
    const size = `${viewport.width}x${viewport.height}`;
    for (const language of ['en-GB', 'ar'] as const) {
      test(`every organiser screen passes axe and works by keyboard: ${language}, ${size}`, async ({
        page,
        server,
      }) => {
        // Eight screens, each checked by axe and photographed: minutes on a loaded two-core machine.
        test.setTimeout(240_000);
        const words = WORDS[language];
        await stationsWithBallots(server);
        await prepare(page, language);
        const name = (screen: string) => `${language}-${size}-${screen}`;

        await page.goto(`${server.url}/organiser`);
        await expect(page.locator('html')).toHaveAttribute(
          'dir',
          language === 'ar' ? 'rtl' : 'ltr',
        );
        await expect(page.getByLabel(words.password)).toBeVisible();
        // A wrong password: the error is announced and the field keeps focus.
        await page.getByLabel(words.password).fill('not-the-password');
        await page.getByRole('button', { name: words.signIn }).click();
        await expect(page.getByRole('alert')).toBeVisible();
        await expect(page.getByLabel(words.password)).toBeFocused();
        await expectNoAxeViolations(page, `${name('sign-in')} (with an error)`);
        await shot(page, name('sign-in'));

        await page.getByLabel(words.password).fill(ORGANISER_PASSWORD);
        await page.getByRole('button', { name: words.signIn }).click();
        await expect(page.getByRole('heading', { level: 1, name: words.events })).toBeFocused();
        await expect(page).toHaveTitle(new RegExp(`^${words.events} · `));
        await expectNoAxeViolations(page, name('events'));
        await shot(page, name('events'));

        await page.getByRole('link', { name: DEMO_EVENT.name }).click();
        await expect(
          page.getByRole('heading', { level: 1, name: words.screens.stations[1] }),
        ).toBeFocused();
        const stationsTable = page.getByRole('region', { name: words.stationsTable });
        await expect(stationsTable.getByRole('row')).toHaveCount(3);
        await expectNoAxeViolations(page, name('stations'));
        await shot(page, name('stations'));
        // The table's scrolling box is reachable by Tab (it scrolls sideways on a phone).
        await tabTo(page, stationsTable);
        await expect(stationsTable).toBeFocused();

        await openScreen(page, language, 'results');
        await expect(page.getByRole('button', { name: words.reveal })).toBeVisible();
        await expectNoAxeViolations(page, name('results'));
        await shot(page, name('results'));
        // Each pot's table is reachable by Tab too.
        const potTables = page
          .getByRole('main')
          .locator('[role="region"][tabindex="0"]')
          .filter({ has: page.getByRole('table') });
        expect(await potTables.count()).toBeGreaterThan(0);
        await tabTo(page, potTables.first());

        // The reveal with full screen refused: the page behind is inert and Tab stays in the dialog.
        await page.getByRole('button', { name: words.reveal }).focus();
        await page.keyboard.press('Enter');
        const dialog = page.getByRole('dialog', { name: words.revealDialog });
        await expect(dialog).toBeVisible();
        await expect(page.locator('#root')).toHaveAttribute('inert', '');
        await expect(dialog).toHaveAttribute('aria-describedby', /.+/);
        // Tab goes round the reveal's own controls (and out to the browser, as from a modal
        // <dialog>), never into the page behind.
        const reached = new Set<string>();
        for (let i = 0; i < 8; i++) {
          await page.keyboard.press('Tab');
          const where = await dialog.evaluate((el) => {
            const active = document.activeElement;
            if (active === null || active === document.body) return 'outside the page';
            return el.contains(active) ? (active.textContent ?? '') : 'the page behind';
          });
          expect(where).not.toBe('the page behind');
          reached.add(where);
        }
        expect(reached.size).toBeGreaterThanOrEqual(3);
        await page.keyboard.press(language === 'ar' ? 'ArrowLeft' : 'ArrowRight');
        await expectNoAxeViolations(page, name('reveal'));
        // The projector's view: the window as it is (the reveal covers it), not the page behind.
        await shot(page, name('reveal'), false);
        await page.keyboard.press('Escape');
        await expect(dialog).toHaveCount(0);
        await expect(page.locator('#root')).not.toHaveAttribute('inert');
        await expect(page.getByRole('button', { name: words.reveal })).toBeFocused();

        await openScreen(page, language, 'exports');
        const download = page.getByRole('button', { name: words.exportCentral });
        const downloading = page.waitForEvent('download');
        await download.click();
        await downloading;
        // The button that was busy while the file was made still has focus.
        await expect(download).toBeFocused();
        await expectNoAxeViolations(page, name('exports'));
        await shot(page, name('exports'));

        await openScreen(page, language, 'import');
        await page
          .getByLabel(language === 'ar' ? 'ملف الفرز من المحطة' : 'Station tally file')
          .setInputFiles({
            name: 'not-a-tally-file.ddtally',
            mimeType: 'application/x-ndjson',
            buffer: Buffer.from('this is not a tally file\n'),
          });
        const importButton = page.getByRole('button', { name: words.import, exact: true });
        await importButton.focus();
        await page.keyboard.press('Enter');
        await expect(page.getByRole('alert')).toBeVisible();
        await expect(importButton).toBeFocused();
        await expectNoAxeViolations(page, name('import'));
        await shot(page, name('import'));

        await page.goto(`${server.url}/organiser/no-such-screen`);
        await page.getByLabel(words.password).fill(ORGANISER_PASSWORD);
        await page.getByRole('button', { name: words.signIn }).click();
        await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
        await expectNoAxeViolations(page, name('not-found'));
        await shot(page, name('not-found'));
      });
    }
  });
}

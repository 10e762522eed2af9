/**
 * The organiser's screens and WCAG 2.2 A/AA (issue 8). First the keyboard's way through, on a
 * tablet held landscape in English and on a phone in Arabic: the sideways-scrolling tables take
 * focus, errors keep focus on their field, the page behind the reveal is inert when full screen is
 * refused, and a busy button keeps focus. Then every screen of one event in English, Welsh and
 * Arabic at 390×844, 820×1180, 1180×820 and 320 px with 200% text: axe finds no violation and
 * nothing scrolls sideways at 320 px. With E2E_SHOTS=<folder>, screenshots for a person to look at
 * go to its organiser/ and organiser-a11y/ (or to SHOTS_DIR and MATRIX_SHOTS_DIR).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { demoBallots, push } from '../server/support/tally-server.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { askedShotsDir } from './support/shots.ts';
import { expect, test } from './support/fixtures.ts';
import { goWithin, openVoting } from './support/organiser.ts';
import {
  createTwoPartEvent,
  sendBallots,
  textSize,
  TWO_PART_EVENT,
} from './support/organiser-event.ts';
import { ORGANISER_PASSWORD, type TallyServerProcess } from './support/server.ts';

const SHOTS_DIR = process.env['SHOTS_DIR'] ?? askedShotsDir('organiser');

// Each test has a server and a page of its own: the workers may share this file's six.
test.describe.configure({ mode: 'parallel' });

/** What an organiser reads in each language: the words these checks find things by. */
const WORDS = {
  'en-GB': {
    name: 'Your name',
    password: 'Password',
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
    name: 'اسمك',
    password: 'كلمة المرور',
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
  if (SHOTS_DIR === undefined) return;
  await mkdir(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage });
}

async function openScreen(page: Page, language: Language, screen: Screen): Promise<void> {
  const [link, heading] = WORDS[language].screens[screen];
  const nav = page.getByRole('navigation', { name: WORDS[language].nav });
  // On a phone the event's screens fold behind one button: opened from the keyboard.
  const fold = nav.getByRole('button');
  if (await fold.isVisible()) {
    await fold.focus();
    await page.keyboard.press('Enter');
    await expect(fold).toHaveAttribute('aria-expanded', 'true');
  }
  await nav.getByRole('link', { name: link, exact: true }).click();
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

// The keyboard's way through, once on a tablet in English and once on a phone in Arabic (axe on
// every screen in every language and size is the next test's).
for (const [language, viewport] of [
  ['en-GB', VIEWPORTS[0]],
  ['ar', VIEWPORTS[1]],
] as const) {
  test.describe(`${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });
    const size = `${viewport.width}x${viewport.height}`;
    test(`the organiser screens work by keyboard: ${language}, ${size}`, async ({
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
      await expect(page.locator('html')).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');
      await expect(page.getByLabel(words.password, { exact: true })).toBeVisible();
      // A wrong password: the error is announced and the field keeps focus.
      await page.getByLabel(words.name, { exact: true }).fill('organiser');
      await page.getByLabel(words.password, { exact: true }).fill('not-the-password');
      await page.getByRole('button', { name: words.signIn }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      await expect(page.getByLabel(words.password, { exact: true })).toBeFocused();

      await page.getByLabel(words.password, { exact: true }).fill(ORGANISER_PASSWORD);
      await page.getByRole('button', { name: words.signIn }).click();
      await expect(page.getByRole('heading', { level: 1, name: words.events })).toBeFocused();
      await expect(page).toHaveTitle(new RegExp(`^${words.events} · `));

      await page.getByRole('link', { name: DEMO_EVENT.name }).click();
      await expect(
        page.getByRole('heading', { level: 1, name: words.screens.stations[1] }),
      ).toBeFocused();
      const stationsTable = page.getByRole('region', { name: words.stationsTable });
      await expect(stationsTable.getByRole('row')).toHaveCount(3);
      // The table's scrolling box is reachable by Tab (it scrolls sideways on a phone).
      await tabTo(page, stationsTable);
      await expect(stationsTable).toBeFocused();

      await openScreen(page, language, 'results');
      await expect(page.getByRole('button', { name: words.reveal })).toBeVisible();
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

      // The session outlives the page load (its HttpOnly cookie): no sign-in this time.
      await page.goto(`${server.url}/organiser/no-such-screen`);
      await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
      await expectNoAxeViolations(page, name('not-found'));
      await shot(page, name('not-found'));
    });
  });
}

/**
 * Every organiser screen in English, Welsh and Arabic, each language at 320 px wide with the
 * browser's text at 200% (the hardest layout: where long Welsh words and right-to-left tables
 * break first) and at one more size, rotated so every size is met on every screen: English on a
 * tablet held landscape (1180×820), Welsh on a tablet held upright (820×1180), Arabic on a phone
 * (390×844). Axe once per combination, and nothing scrolls sideways at 320 px (a wide table
 * scrolls inside its own focusable box instead). Every language at every size took about six
 * minutes of a two-core machine's suite; this keeps every language and every size on every
 * screen at half the cost.
 */
const MATRIX_LANGUAGES = ['en-GB', 'cy', 'ar'] as const;
const NARROW = { name: '320-text200', width: 320, height: 640, text: 2 } as const;
const MATRIX_SIZES: Record<(typeof MATRIX_LANGUAGES)[number], readonly MatrixSize[]> = {
  'en-GB': [{ name: '1180x820', width: 1180, height: 820, text: 1 }, NARROW],
  cy: [{ name: '820x1180', width: 820, height: 1180, text: 1 }, NARROW],
  ar: [{ name: '390x844', width: 390, height: 844, text: 1 }, NARROW],
};
interface MatrixSize {
  name: string;
  width: number;
  height: number;
  text: 1 | 2;
}
/** Which combinations are photographed for a person to look at. */
const MATRIX_SHOTS = new Set(['cy 320-text200', 'ar 390x844']);
const MATRIX_SHOTS_DIR = process.env['MATRIX_SHOTS_DIR'] ?? askedShotsDir('organiser-a11y');

/**
 * What scrolls sideways beyond the window's width, or '' when nothing does: the outermost elements
 * that stick out of a parent that fits, named so a failure says where to look.
 */
function sideways(page: Page): Promise<string> {
  return page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return '';
    const out = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.right > root.clientWidth + 1 || r.left < -1;
    };
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => out(el) && el.parentElement !== null && !out(el.parentElement))
      .slice(0, 4)
      .map((el) => {
        const r = el.getBoundingClientRect();
        const text = (el.textContent ?? '').trim().slice(0, 30);
        return `${el.tagName.toLowerCase()}.${el.className.toString()} "${text}" (${Math.round(r.left)}–${Math.round(r.right)})`;
      });
    return `${root.scrollWidth} > ${root.clientWidth}: ${culprits.join('; ')}`;
  });
}

/** Two frames, so a layout change from a resize or a new text size has been drawn. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );
}

/**
 * The checks of what is on screen, in every language and at every size, on one page signed in
 * once: the language is chosen in the header and the screens are moved between without a reload,
 * as an organiser would. Every combination is checked before a test fails, so one run lists all
 * there is to fix (`done`).
 */
function screensMatrix(page: Page) {
  let language: (typeof MATRIX_LANGUAGES)[number] = 'en-GB';
  const problems: string[] = [];
  const note = (where: string, problem: string) => {
    if (problem !== '') problems.push(`${where}: ${problem}`);
  };
  const chooseLanguage = async (next: (typeof MATRIX_LANGUAGES)[number]) => {
    if (next === language) return;
    await page.locator('header select').selectOption(next);
    await expect(page.locator('html')).toHaveAttribute('lang', next);
    await expect(page.locator('html')).toHaveAttribute('dir', next === 'ar' ? 'rtl' : 'ltr');
    language = next;
  };
  /** Checks what is on screen now in every language and at every size. */
  const everywhere = async (screen: string, ready: () => Promise<void> = async () => {}) => {
    // Start from the language the last screen ended in: one switch fewer.
    const order = [language, ...MATRIX_LANGUAGES.filter((l) => l !== language)];
    for (const lang of order) {
      await chooseLanguage(lang);
      await ready();
      for (const size of MATRIX_SIZES[lang]) {
        await page.setViewportSize({ width: size.width, height: size.height });
        if (size.text !== 1) await textSize(page, size.text);
        await settled(page);
        // The text really is the size asked for (1rem is 125% of the browser's text size).
        expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe(
          `${20 * size.text}px`,
        );
        const where = `${screen}, ${lang}, ${size.name}`;
        if (size.width === 320) note(`sideways scroll: ${where}`, await sideways(page));
        await expectNoAxeViolations(page, where).catch((error: unknown) => {
          note(where, error instanceof Error ? error.message : String(error));
        });
        if (MATRIX_SHOTS_DIR !== undefined && MATRIX_SHOTS.has(`${lang} ${size.name}`)) {
          await mkdir(MATRIX_SHOTS_DIR, { recursive: true });
          // The top of the page, at most 1600 px: tall enough to see the screen's layout. A
          // full-page picture would undo the doubled text, so at 200% only the window is taken.
          const tall = await page.evaluate(() => document.documentElement.scrollHeight);
          await page.screenshot({
            path: join(MATRIX_SHOTS_DIR, `${screen}-${lang}-${size.name}.png`),
            ...(size.text === 1
              ? {
                  fullPage: true,
                  clip: { x: 0, y: 0, width: size.width, height: Math.min(tall, 1600) },
                }
              : {}),
          });
        }
        if (size.text !== 1) {
          // The same width with ordinary text must not scroll sideways either.
          await textSize(page, 1);
          await settled(page);
          note(`sideways scroll: ${screen}, ${lang}, 320`, await sideways(page));
        }
      }
    }
  };
  const heading = page.getByRole('heading', { level: 1 });
  const main = page.getByRole('main');
  const open = async (path: string) => {
    await goWithin(page, path);
    await expect(heading).toBeVisible();
  };
  /** Signs in (in English, the page's first language); `wrongFirst`: a wrong password first. */
  const signIn = async (server: TallyServerProcess, wrongFirst = false) => {
    await page.goto(`${server.url}/organiser`);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    const password = page.locator('input[type="password"]');
    await page.locator('input[autocomplete="username"]').fill('organiser');
    if (wrongFirst) {
      await password.fill('not-the-password');
      await page.locator('button[type="submit"]').click();
      await expect(page.getByRole('alert')).toBeVisible();
      await everywhere('sign-in', () => expect(page.getByRole('alert')).toBeVisible());
    }
    await password.fill(ORGANISER_PASSWORD);
    await page.locator('button[type="submit"]').click();
    const eventLink = main.getByRole('link', { name: TWO_PART_EVENT.name });
    await expect(eventLink).toBeVisible();
    return eventLink;
  };
  /** The organiser opens voting and two stations send ballots: the screens of the day itself. */
  const openVotingWithBallots = async (server: TallyServerProcess) => {
    await open(`${EVENT_PATH}/setup`);
    await chooseLanguage('en-GB');
    await openVoting(page);
    await sendBallots(server);
  };
  const done = () => expect(problems).toEqual([]);
  return { everywhere, open, main, signIn, openVotingWithBallots, done };
}

const EVENT_PATH = `/organiser/events/${TWO_PART_EVENT.id}`;
/**
 * Each part of the matrix is a test of its own, on a server of its own: on a loaded two-core
 * machine the whole took 11 minutes, as one test a worker could not share; in parts the two
 * workers share it, and each part's time limit is well above what it takes.
 */
const MATRIX_PART_TIMEOUT = 480_000;

type Matrix = ReturnType<typeof screensMatrix>;

/**
 * One part of the matrix: the two-part event on a fresh server, signed in (after a wrong password
 * first when `wrongPasswordFirst`), voting opened with ballots when `voting`, then `check`.
 */
function matrixPart(
  screens: string,
  options: { wrongPasswordFirst?: boolean; voting?: boolean },
  check: (m: Matrix, page: Page, eventLink: Locator) => Promise<void>,
): void {
  test(`axe and 320 px, in English, Welsh and Arabic: ${screens}`, async ({ page, server }) => {
    test.setTimeout(MATRIX_PART_TIMEOUT);
    await createTwoPartEvent(server);
    const m = screensMatrix(page);
    const eventLink = await m.signIn(server, options.wrongPasswordFirst === true);
    if (options.voting === true) await m.openVotingWithBallots(server);
    await check(m, page, eventLink);
    m.done();
  });
}

matrixPart(
  'signing in, the events, a new event, setup and bids',
  { wrongPasswordFirst: true },
  async (m, _, eventLink) => {
    await m.everywhere('events', () => expect(eventLink).toBeVisible());
    await m.open('/organiser/new');
    await m.everywhere('new-event');
    // The editor's screens while the event is a draft: everything can still be changed.
    await m.open(`${EVENT_PATH}/setup`);
    await m.everywhere('setup');
    await m.open(`${EVENT_PATH}/bids`);
    await expect(m.main.locator('ol > li')).toHaveCount(TWO_PART_EVENT.bids.length);
    await m.everywhere('bids');
  },
);

matrixPart('a bid, the pots, the ballot, check-in and the preview', {}, async (m, page) => {
  await m.open(`${EVENT_PATH}/bids`);
  const bids = m.main.locator('ol > li');
  await expect(bids).toHaveCount(TWO_PART_EVENT.bids.length);
  await bids.first().getByRole('button').first().click();
  await expect(m.main.locator('form input').first()).toBeVisible();
  await m.everywhere('bid-form');
  for (const screen of ['pots', 'ballot', 'checkin']) {
    await m.open(`${EVENT_PATH}/${screen}`);
    await expect(m.main.locator('fieldset').first()).toBeVisible();
    await m.everywhere(screen);
  }
  await m.open(`${EVENT_PATH}/preview`);
  const previewHeading = page.frameLocator('iframe').getByRole('heading', { level: 1 });
  await m.everywhere('preview', () => expect(previewHeading).toBeVisible());
});

matrixPart(
  'the day’s screens (stations, ballots, codes, register, equalities)',
  { voting: true },
  async (m) => {
    await m.open(`${EVENT_PATH}/stations`);
    await expect(
      m.main.getByRole('table', { name: 'Ballots per station' }).locator('tbody tr'),
    ).toHaveCount(2);
    await m.everywhere('stations');
    await m.open(`${EVENT_PATH}/ballots`);
    const table = m.main.locator('table').first();
    await expect(table).toBeVisible();
    await m.everywhere('ballots', () => expect(table).toBeVisible());
    for (const screen of ['codes', 'register', 'equalities']) {
      await m.open(`${EVENT_PATH}/${screen}`);
      await m.everywhere(screen);
    }
  },
);

matrixPart(
  'the count’s screens (inclusion, results, publish, exports, import)',
  { voting: true },
  async (m) => {
    const table = m.main.locator('table').first();
    for (const screen of ['inclusion', 'results']) {
      await m.open(`${EVENT_PATH}/${screen}`);
      await expect(table).toBeVisible();
      await m.everywhere(screen, () => expect(table).toBeVisible());
    }
    for (const screen of ['publish', 'exports', 'import']) {
      await m.open(`${EVENT_PATH}/${screen}`);
      await m.everywhere(screen);
    }
  },
);

/**
 * An organiser makes a ballot of two parts and tries it in Preview, in the real built app against
 * a real tally server: the real voter flow runs in the tablet-sized frame, a ballot is cast
 * there, and the server afterwards holds no ballot for the event. axe checks the Ballot and
 * Preview screens (the frame's page included); screenshots of Ballot, Set-up, Pots and Preview at
 * tablet and phone size, in English and Arabic, go to E2E_SHOTS/organiser-preview/ when asked.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import type { EventDefinition } from '../../src/core/schema.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { askedShotsDir } from './support/shots.ts';

const PASSWORD = 'e2e-organiser-password';
const SHOTS = askedShotsDir('organiser-preview');
const SIZES = [
  { name: 'tablet', width: 1180, height: 820 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const WARDS = ['Burnfoot', 'Wilton', 'Burnfoot', 'Wilton', 'Burnfoot', 'Wilton'];
const DEFINITION: EventDefinition = {
  id: 'preview-e2e',
  name: 'Hawick Ward Fund',
  currency: 'GBP',
  locale: 'en-GB',
  languages: ['en-GB', 'ar'],
  method: { kind: 'approval', min: 1, max: 3 },
  rule: 'greedy',
  categories: [
    { id: 'youth', name: 'Youth' },
    { id: 'green', name: 'Green spaces' },
  ],
  pots: [
    {
      id: 'main',
      name: 'Main pot',
      translations: { ar: { name: 'الصندوق الرئيسي' } },
      budget: 2_000_000,
      eligible: { kind: 'all' },
    },
  ],
  bids: WARDS.map((ward, i) => ({
    id: `bid-${i + 1}`,
    title: `Project ${i + 1}`,
    group: `Group ${i + 1}`,
    amount: (i + 1) * 50_000,
    summary: `What project ${i + 1} does`,
    category: i % 2 === 0 ? 'youth' : 'green',
    ward,
  })),
};

/** A token of the organiser's own, for reading the server as a check beside the screens. */
async function apiToken(page: Page): Promise<string> {
  const login = await page.request.post('/api/v1/organiser/login', {
    data: { name: 'organiser', password: PASSWORD },
  });
  expect(login.ok()).toBe(true);
  // The session token is in the HttpOnly cookie; a program sends it back as a bearer token.
  const cookie = login
    .headersArray()
    .find((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith('dd_session='));
  const token = /^dd_session=([^;]+)/.exec(cookie?.value ?? '')?.[1];
  if (token === undefined) throw new Error('sign-in set no session cookie');
  return token;
}

/** Signs in on the screen (in whatever language the organiser chose) and opens the event. */
async function signIn(page: Page) {
  await page.goto('/organiser');
  // apiToken's sign-in left the session cookie in this browser, which a page load finds; the
  // form is filled only if that session has ended.
  const password = page.locator('input[type="password"]');
  const event = page.getByRole('link', { name: DEFINITION.name });
  await expect(password.or(event)).toBeVisible();
  if (await password.isVisible()) {
    await page.locator('input[autocomplete="username"]').fill('organiser');
    await password.fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
  }
  await event.click();
}

/** Ballots in the preview's database on this computer, and in a station's if there is one. */
async function ballotsInBrowser(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '');
    let count = 0;
    for (const name of names.filter((n) => n.startsWith('decision-day'))) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error ?? new Error('not opened'));
      });
      if (db.objectStoreNames.contains('ballots')) {
        count += await new Promise<number>((resolve, reject) => {
          const request = db.transaction('ballots').objectStore('ballots').count();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error('not counted'));
        });
      }
      db.close();
    }
    return count;
  });
}

async function ballotsOnServer(page: Page, token: string): Promise<number> {
  const answer = await page.request.get('/api/v1/events', {
    headers: { authorization: `Bearer ${token}` },
  });
  const { events } = (await answer.json()) as { events: { id: string; ballots: number }[] };
  const event = events.find((e) => e.id === DEFINITION.id);
  if (event === undefined) throw new Error('The event is not on the server');
  return event.ballots;
}

async function shoot(page: Page, name: string) {
  if (SHOTS === undefined) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function checkScreen(page: Page, name: string, language: string, axe = true) {
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    if (axe) await expectNoAxeViolations(page, `${name} (${language}, ${size.name})`);
    await shoot(page, `${name}-${language}-${size.width}x${size.height}`);
  }
  await page.setViewportSize({ width: SIZES[0].width, height: SIZES[0].height });
}

/** Goes through the voter's screens in the frame, choosing the first bid offered in each part. */
async function voteThrough(frame: FrameLocator) {
  await frame.getByRole('button', { name: 'Start voting' }).click();
  const cast = frame.getByRole('button', { name: 'Cast my vote' });
  for (let step = 0; step < 12 && !(await cast.isVisible()); step++) {
    // A part over the voter's own ward asks for the ward first.
    const ward = frame.getByRole('radio', { name: 'Burnfoot' });
    if ((await ward.count()) > 0 && !(await ward.first().isChecked())) await ward.first().check();
    const boxes = frame.getByRole('checkbox');
    if ((await boxes.count()) > 0 && !(await boxes.first().isChecked())) {
      await boxes.first().check();
    }
    await frame.getByRole('button', { name: /^Next/ }).last().click();
  }
  await cast.click();
  await expect(frame.getByRole('heading', { level: 1, name: /Thank you/ })).toBeVisible();
}

test('an organiser makes a ballot of two parts, votes through it in Preview, and nothing is stored', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1180, height: 820 });
  const token = await apiToken(page);
  const created = await page.request.post('/api/v1/events', {
    headers: { authorization: `Bearer ${token}` },
    data: { from: 'definition', definition: DEFINITION },
  });
  expect(created.status()).toBe(201);
  await signIn(page);
  const nav = page.getByRole('navigation', { name: 'This event' });

  // ── Ballot: two parts from an example, then a limit changed and saved
  await nav.getByRole('link', { name: 'Ballot', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ballot' })).toBeVisible();
  await page.getByRole('radio', { name: 'Several parts' }).check();
  await page.getByRole('button', { name: 'Up to 3 in your ward and 1 area-wide' }).click();
  const first = page.getByRole('group', { name: 'Part 1: Your ward' });
  await expect(first.getByRole('radio', { name: 'Bids in the voter’s own ward' })).toBeChecked();
  const second = page.getByRole('group', { name: 'Part 2: The whole area' });
  await expect(
    second.getByRole('spinbutton', { name: 'Most bids a voter may choose' }),
  ).toHaveValue('1');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved (version 2).' })).toBeVisible();
  await checkScreen(page, 'ballot', 'en-GB');

  // ── Set-up and Pots, for the screenshots and axe
  await nav.getByRole('link', { name: 'Set-up', exact: true }).click();
  await page.getByRole('textbox', { name: 'Where voting happens' }).fill('Burnfoot Community Hall');
  await page.getByRole('radio', { name: 'More voters first' }).check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved (version 3).' })).toBeVisible();
  await checkScreen(page, 'setup', 'en-GB');
  await nav.getByRole('link', { name: 'Pots and rules', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pots and rules' })).toBeVisible();
  await checkScreen(page, 'pots', 'en-GB');

  // ── Preview: the voter's screens in the frame; a ballot cast there is stored nowhere
  await nav.getByRole('link', { name: 'Preview', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Preview' })).toBeVisible();
  await expect(page.getByText('Preview — nothing is stored')).toBeVisible();
  const frame = page.frameLocator('iframe');
  await expect(frame.getByRole('heading', { level: 1, name: DEFINITION.name })).toBeVisible();
  await checkScreen(page, 'preview', 'en-GB');
  await page.getByRole('button', { name: 'Phone (390 × 844)' }).click();
  await expect(frame.getByRole('heading', { level: 1, name: DEFINITION.name })).toBeVisible();
  await shoot(page, 'preview-phone-frame-en-GB-1180x820');
  await page.getByRole('button', { name: 'Tablet (1180 × 820)' }).click();

  await voteThrough(page.frameLocator('iframe'));
  await expect(page.getByRole('status').filter({ hasText: /thrown away/ })).toHaveText(
    '1 ballot was cast in the preview and thrown away: nothing was stored.',
  );
  await shoot(page, 'preview-thanks-en-GB-1180x820');
  expect(await ballotsOnServer(page, token)).toBe(0);
  // Nor on this computer.
  expect(await ballotsInBrowser(page)).toBe(0);

  // ── Arabic: the same screens, right to left
  await page.evaluate(() => localStorage.setItem('decision-day.organiser.language', 'ar'));
  await signIn(page);
  for (const [screen, path] of [
    ['ballot', 'ballot'],
    ['setup', 'setup'],
    ['pots', 'pots'],
    ['preview', 'preview'],
  ] as const) {
    await page.evaluate((to) => {
      history.pushState(null, '', to);
      dispatchEvent(new PopStateEvent('popstate'));
    }, `/organiser/events/${DEFINITION.id}/${path}`);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    if (screen === 'preview') {
      await expect(page.frameLocator('iframe').getByRole('heading', { level: 1 })).toBeVisible();
    }
    await checkScreen(page, screen, 'ar', screen === 'ballot' || screen === 'preview');
  }
});

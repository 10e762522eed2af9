/**
 * The cross-site-scripting sweep (issue 11), in real Chromium against the built app: one event
 * whose every text a person or a station can set holds markup that runs script if it is ever put
 * into a page as HTML (tests/support/xss-payloads.ts), made through the API with its stations,
 * ballots, a void, a withdrawal, a code batch, a closing sheet and register rows. Then every
 * screen that shows those texts: the station's welcome, ballot (every step) and volunteer area,
 * every organiser screen of the event (and Events, Activity, the printable results), the public
 * results page (and its print view), and the self-contained results file opened from disk, where
 * no Content-Security-Policy would stop a payload. On each: no payload ran (the page-level flag
 * `window.__ddXss` unset, no dialog opened), no CSP violation was reported, and the text shows
 * literally, markup and entities as typed.
 *
 * What the schemas refuse is checked first: a bidi override in any name, and a script URL as a
 * bid's picture (bids have no link field). Screenshots go to /tmp/dd/shots/E/ with XSS_SHOTS=1.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from '@playwright/test';
import type { JoinResponse } from '../../src/core/protocol.ts';
import type { Ballot, EventDefinition } from '../../src/core/schema.ts';
import { call, organiserToken, push } from '../server/support/tally-server.ts';
import {
  PAYLOADS,
  XSS_FLAG,
  hostileName,
  hostileShort,
  hostileText,
  longText,
} from '../support/xss-payloads.ts';
import { expect, test } from './support/fixtures.ts';
import { goWithin, signIn } from './support/organiser.ts';
import { watchViolations } from './support/page-watch.ts';
import { setUpStation, STATION_PIN } from './support/station.ts';
import { joinEvent } from './support/sync.ts';

const SHOTS = process.env['XSS_SHOTS'] === undefined ? null : '/tmp/dd/shots/E';

const WARD = hostileShort('Ward');
const EVENT: EventDefinition = {
  id: 'xss-sweep',
  name: hostileName('Event'),
  place: hostileName('Place'),
  currency: 'GBP',
  locale: 'en-GB',
  date: '2026-06-13',
  languages: ['en-GB', 'cy', 'ar'],
  welcome: hostileText('Welcome'),
  eligibility: hostileText('Eligibility'),
  translations: {
    cy: { name: hostileName('Digwyddiad'), welcome: hostileText('Croeso') },
    ar: { name: hostileName('فعالية') },
  },
  sections: [
    {
      id: 'choose',
      title: hostileName('Part'),
      intro: hostileText('Intro'),
      translations: { cy: { title: hostileName('Rhan') } },
      scope: { kind: 'all' },
      method: { kind: 'approval', min: 1, max: 2 },
    },
  ],
  rule: 'greedy',
  categories: [
    {
      id: 'young',
      name: hostileShort('Category'),
      translations: { cy: { name: hostileShort('Categori') } },
    },
  ],
  checkIn: { questions: { area: {} } },
  pots: [
    {
      id: 'main',
      name: hostileName('Pot'),
      funder: hostileName('Funder'),
      translations: { cy: { name: hostileName('Cronfa') } },
      budget: 5000_00,
      eligible: { kind: 'all' },
    },
  ],
  bids: [
    {
      id: 'b1',
      title: hostileName('Bid one'),
      group: hostileName('Group one'),
      amount: 1000_00,
      summary: hostileText('Summary one'),
      details: `${hostileText('Details one')} ${longText(3000)}`,
      easyRead: hostileText('Easy one'),
      category: 'young',
      ward: WARD,
      translations: { cy: { title: hostileName('Cais un'), summary: hostileText('Crynodeb') } },
    },
    {
      id: 'b2',
      title: PAYLOADS.formula,
      group: hostileName('Group two'),
      amount: 2000_00,
      summary: hostileText('Summary two'),
      ward: WARD,
    },
    {
      id: 'b3',
      title: `Long ${longText(190)}`,
      group: hostileName('Group three'),
      amount: 1500_00,
      summary: longText(1000),
      ward: WARD,
    },
  ],
};

const texts = {
  stationApi: hostileShort('Desk'),
  // A tablet's own name: 60 characters at most.
  stationTablet: `Tablet ${PAYLOADS.img}`,
  void: hostileText('Void'),
  withdrawal: hostileText('Withdrawn'),
  batch: hostileShort('Batch'),
  closingName: hostileShort('Closed'),
  note: hostileText('Note'),
  voter: hostileShort('Voter'),
  street: hostileShort('Street'),
};

async function shot(page: Page, name: string) {
  if (SHOTS === null) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/xss-${name}.png`, fullPage: false });
}

/** A context whose dialogs (a payload's alert) and CSP reports are all kept, to be checked. */
async function watched(context: BrowserContext) {
  const dialogs: string[] = [];
  context.on('page', (page) =>
    page.on('dialog', (dialog) => {
      dialogs.push(`${page.url()}: ${dialog.type()} ${dialog.message()}`);
      void dialog.dismiss();
    }),
  );
  const violations = await watchViolations(context);
  return { dialogs, violations };
}

/** No payload ran in any frame of the page: the flag it would set is unset. */
async function expectNothingRan(page: Page, where: string) {
  for (const frame of page.frames()) {
    const flag = await frame.evaluate((name) => (window as never)[name] as unknown, XSS_FLAG);
    expect(flag, `a payload ran on ${where} (${frame.url()})`).toBeUndefined();
  }
  expect(await page.locator('img[src="x"], svg[onload], script:not([src])').count(), where).toBe(0);
}

test('hostile text from organisers and stations is inert on every screen and in the results file', async ({
  server,
  browser,
}) => {
  test.setTimeout(120_000);
  const token = await organiserToken(server);
  const api = <T>(path: string, body?: unknown, method?: string) =>
    call<T>(server, `/api/v1${path}`, {
      token,
      ...(body === undefined ? {} : { body }),
      ...(method === undefined ? {} : { method }),
    });

  // ── What the schemas refuse: a bidi override in a name, a script URL as a picture.
  const refused = await Promise.all([
    api('/events', { from: 'definition', definition: { ...EVENT, name: PAYLOADS.rtl } }),
    api('/events', {
      from: 'definition',
      definition: { ...EVENT, bids: [{ ...EVENT.bids[0], image: PAYLOADS.jsUrl }] },
    }),
  ]);
  expect(refused.map((r) => r.status)).toEqual([422, 422]);

  // ── The event, open, with a station of the API's: ballots, a void, codes, a sheet, a register.
  const created = await api<{ version: number; joinCode: string }>('/events', {
    from: 'definition',
    definition: EVENT,
  });
  expect(created.status, created.text).toBe(201);
  const moveTo = async (to: string) => {
    const detail = await api<{ version: number }>(`/events/${EVENT.id}`);
    const moved = await api(`/events/${EVENT.id}/state`, { version: detail.body.version, to });
    expect(moved.status, moved.text).toBe(200);
  };
  await moveTo('open');
  const joined = await call<JoinResponse>(server, '/api/v1/stations/join', {
    body: { joinCode: created.body.joinCode, stationName: texts.stationApi },
  });
  expect(joined.status, joined.text).toBe(201);
  const ballots: Ballot[] = [['b1'], ['b2', 'b3'], ['b1', 'b2']].map((bids) => ({
    id: randomUUID(),
    eventId: EVENT.id,
    stationId: joined.body.stationId,
    castHour: '2026-06-13T14:00Z',
    choice: {
      kind: 'sections',
      parts: [{ section: 'choose', choice: { kind: 'approval', bids } }],
    },
  }));
  expect((await push(server, joined.body, ballots, 3, EVENT.id)).status).toBe(200);
  const station = { token: joined.body.token };
  const side = await Promise.all([
    api(`/events/${EVENT.id}/voids`, { ballot: ballots[0]?.id, reason: texts.void }),
    api(`/events/${EVENT.id}/codes`, { count: 3, label: texts.batch }),
    call(server, '/api/v1/stations/closing', {
      ...station,
      body: {
        protocol: 1,
        eventId: EVENT.id,
        sheet: {
          station: joined.body.stationId,
          stationName: texts.closingName,
          closedAt: '2026-06-13T17:00:00.000Z',
          codesUsed: 0,
          screenBallots: 3,
          paperBallots: 0,
          synced: 3,
          waiting: 0,
          note: texts.note,
        },
      },
    }),
    call(server, '/api/v1/registrations', {
      ...station,
      body: {
        protocol: 1,
        eventId: EVENT.id,
        // Twice the same person: the likely duplicates show what the desk typed.
        registrations: ['r1', 'r2'].map((id) => ({
          id,
          eventId: EVENT.id,
          day: '2026-06-13',
          name: texts.voter,
          street: texts.street,
          released: 'tablet',
        })),
      },
    }),
  ]);
  expect(
    side.map((r) => r.status),
    side.map((r) => r.text).join('\n'),
  ).toEqual([200, 201, 200, 200]);

  // ── A station tablet: set up with a hostile name, joined, one voter through every step.
  const tablet = await browser.newContext({ baseURL: server.url });
  const tabletWatch = await watched(tablet);
  // Set up without waiting for the service worker: working offline is not what this test is about.
  const kiosk = await tablet.newPage();
  await kiosk.goto('/');
  await setUpStation(kiosk, texts.stationTablet);
  await kiosk.getByRole('button', { name: 'Volunteer', exact: true }).click();
  await kiosk.getByLabel('Enter the volunteer PIN').fill(STATION_PIN);
  await kiosk.getByRole('button', { name: 'Unlock', exact: true }).click();
  await joinEvent(kiosk, created.body.joinCode);
  await expect(kiosk.getByText(texts.stationTablet, { exact: true }).first()).toBeVisible();
  await expectNothingRan(kiosk, 'the volunteer area');
  await shot(kiosk, 'volunteer');
  await kiosk.getByRole('button', { name: 'Lock and go back to voting', exact: true }).click();

  const heading = kiosk.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(EVENT.name);
  await expect(kiosk.getByText('Welcome <img', { exact: false })).toHaveText(EVENT.welcome ?? '');
  await expectNothingRan(kiosk, 'the welcome screen');
  await shot(kiosk, 'welcome');
  await kiosk.getByRole('button', { name: 'Start voting', exact: true }).click();
  // The area question lists the wards.
  await kiosk.getByRole('radio', { name: WARD, exact: true }).check();
  await expectNothingRan(kiosk, 'the area question');
  await kiosk.getByRole('button', { name: /^Next/ }).first().click();
  await expect(kiosk.getByText(EVENT.bids[0]?.title ?? '', { exact: true }).first()).toBeVisible();
  await expectNothingRan(kiosk, 'the projects');
  await shot(kiosk, 'projects');
  await kiosk.getByRole('button', { name: /^Next/ }).first().click();
  await kiosk.getByRole('checkbox', { name: 'Bid one', exact: false }).check();
  await kiosk.getByRole('checkbox', { name: PAYLOADS.formula, exact: false }).check();
  await expectNothingRan(kiosk, 'the choose screen');
  await shot(kiosk, 'choose');
  await kiosk.getByRole('button', { name: /^Next/ }).first().click();
  await expect(kiosk.getByText(EVENT.bids[0]?.title ?? '', { exact: true }).first()).toBeVisible();
  await expectNothingRan(kiosk, 'the review');
  await kiosk.getByRole('button', { name: 'Cast my vote', exact: true }).click();
  await kiosk.getByRole('button', { name: 'Finish', exact: true }).click();
  await expect(heading).toHaveText(EVENT.name);
  await expectNothingRan(kiosk, 'the next voter’s welcome');
  await tablet.close();

  // ── After voting: a withdrawal, the count made final and published.
  expect(
    (await api(`/events/${EVENT.id}/withdrawals`, { bid: 'b3', reason: texts.withdrawal })).status,
  ).toBe(200);
  await moveTo('closed');
  await moveTo('final');
  expect((await api(`/events/${EVENT.id}/publication`, undefined, 'POST')).status).toBe(200);

  // ── Every organiser screen of the event, Events and Activity.
  const desk = await browser.newContext({ baseURL: server.url });
  const deskWatch = await watched(desk);
  const page = await desk.newPage();
  // Signed in as every organiser spec is (it opens the demo event), then to Events and this event.
  await signIn(page, server.url);
  await page.getByRole('link', { name: 'All events', exact: true }).click();
  await expect(page.getByRole('link', { name: EVENT.name, exact: true })).toBeVisible();
  await expectNothingRan(page, 'Events');
  await page.getByRole('link', { name: EVENT.name, exact: true }).click();
  // Every screen the event's navigation offers (the app's routes cannot load in Node).
  const nav = page.getByRole('navigation', { name: 'This event' });
  await expect(nav.getByRole('link').first()).toBeVisible();
  const screens = (
    await nav
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))
  )
    .map((href) => href.split('/').pop() ?? '')
    .filter((screen) => screen !== '');
  /** What a screen shows as typed: whole, or within a sentence ("Reason: …") where not exact. */
  const expected: Record<string, [text: string, exact: boolean][]> = {
    bids: [[EVENT.bids[0]?.title ?? '', true]],
    stations: [
      [texts.stationApi, true],
      [texts.note, false],
    ],
    ballots: [[texts.void, false]],
    codes: [[texts.batch, true]],
    register: [[`${texts.voter}, ${texts.street}`, true]],
    results: [
      [EVENT.bids[1]?.title ?? '', true],
      [texts.withdrawal, false],
    ],
  };
  expect(screens).toEqual(expect.arrayContaining([...Object.keys(expected), 'publish']));
  for (const screen of screens) {
    await goWithin(page, `/organiser/events/${EVENT.id}/${screen}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // The event's name above every screen, as typed.
    await expect(page.getByText(EVENT.name, { exact: true }).first()).toBeVisible();
    for (const [text, exact] of expected[screen] ?? []) {
      await expect(page.getByText(text, { exact }).first(), `${text} on ${screen}`).toBeVisible();
    }
    await expectNothingRan(page, `the ${screen} screen`);
    if (screen === 'results') {
      // The window's title names the event as typed too.
      expect(await page.title()).toContain(EVENT.name);
      await shot(page, 'results');
      await page.emulateMedia({ media: 'print' });
      await expectNothingRan(page, 'the printed results');
      await page.emulateMedia({ media: 'screen' });
    }
  }
  await goWithin(page, '/organiser/activity');
  await expect(page.getByRole('cell', { name: EVENT.name, exact: true }).first()).toBeVisible();
  await expect(page.getByText(`Reason: ${texts.void}`, { exact: true })).toBeVisible();
  await expectNothingRan(page, 'Activity');
  await desk.close();

  // ── The public page, on screen and printed, and its self-contained file opened from disk.
  const reader = await browser.newContext({ baseURL: server.url });
  const readerWatch = await watched(reader);
  const pub = await reader.newPage();
  await pub.goto(`/results/${EVENT.id}`);
  await expect(pub.getByRole('heading', { level: 1 })).toHaveText(EVENT.name);
  await expect(pub.getByText(EVENT.bids[1]?.title ?? '', { exact: true }).first()).toBeVisible();
  await expectNothingRan(pub, 'the public page');
  await shot(pub, 'public');
  await pub.emulateMedia({ media: 'print' });
  await expectNothingRan(pub, 'the printed public page');
  await pub.emulateMedia({ media: 'screen' });
  const [download] = await Promise.all([
    pub.waitForEvent('download'),
    pub.getByRole('button', { name: 'Download this page', exact: true }).click(),
  ]);
  const file = join(mkdtempSync(join(tmpdir(), 'dd-xss-')), 'results.html');
  await download.saveAs(file);
  await reader.close();

  const offline = await browser.newContext({ offline: true });
  const offlineWatch = await watched(offline);
  const opened = await offline.newPage();
  await opened.goto(pathToFileURL(file).href);
  const english = opened.locator('article[lang="en-GB"]');
  await expect(english.getByRole('heading', { level: 1 })).toHaveText(EVENT.name);
  await expect(
    english.getByText(EVENT.bids[1]?.title ?? '', { exact: true }).first(),
  ).toBeVisible();
  expect(await opened.title()).toContain(EVENT.name);
  await expectNothingRan(opened, 'the results file');
  // The file's own policy holds in the browser: a script put into it does not run, and says so.
  await opened.evaluate((flag) => {
    const script = document.createElement('script');
    script.textContent = `window.${flag}=1`;
    document.body.append(script);
  }, XSS_FLAG);
  await expect.poll(() => offlineWatch.violations.length).toBeGreaterThan(0);
  // Only that script: the file itself loads nothing its policy refuses.
  expect(offlineWatch.violations.splice(0).filter((v) => !/script-src/.test(v))).toEqual([]);
  expect(
    await opened.evaluate((flag) => (window as never)[flag] as unknown, XSS_FLAG),
  ).toBeUndefined();
  await shot(opened, 'file');
  await offline.close();

  for (const watch of [tabletWatch, deskWatch, readerWatch, offlineWatch]) {
    expect(watch.dialogs).toEqual([]);
    expect(watch.violations).toEqual([]);
  }
});

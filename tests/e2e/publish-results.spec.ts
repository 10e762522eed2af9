/**
 * Publishing results, in the browser: the public page says "not published" until the organiser
 * publishes a final count on the Publish screen; then a fresh browser with no login shows the
 * winners (axe: none), in another language too; the page's "Download this page" file opens in a
 * browser with the network off and shows the same winners; after unpublishing the public page
 * says so again. Screenshots go to /tmp/dd/shots/publish/ with PUBLISH_SHOTS=1.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { JoinResponse } from '../../src/core/protocol.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { call, organiserToken, push } from '../server/support/tally-server.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { goWithin } from './support/organiser.ts';

const SHOTS = process.env['PUBLISH_SHOTS'] === undefined ? null : '/tmp/dd/shots/publish';
const TABLET = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const EVENT: EventDefinition = { ...DEMO_EVENT, id: 'publish-day', name: 'Publish day' };
const title = (bidId: string) => EVENT.bids.find((b) => b.id === bidId)?.title ?? bidId;

async function shot(page: Page, name: string, size = TABLET, fullPage = true) {
  if (SHOTS === null) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize(size);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}

/** The funded bids' titles the page shows, pot by pot. */
const shownWinners = (scope: ReturnType<Page['locator']>) =>
  scope.locator('ol[class*="winners"] > li [class*="bidTitle"]').allTextContents();

test('publish a final count: public page with no login, offline file, unpublish', async ({
  organiser: page,
  server,
  browser,
}) => {
  test.slow();
  const token = await organiserToken(server);
  const api = <T>(path: string, body?: unknown) =>
    call<T>(server, `/api/v1${path}`, body === undefined ? { token } : { token, body });
  expect((await api('/events', { from: 'definition', definition: EVENT })).status).toBe(201);
  const version = async () =>
    (
      await api<{ events: { id: string; version: number; joinCode: string }[] }>('/events')
    ).body.events.find((e) => e.id === EVENT.id);
  const move = async (to: string) =>
    expect(
      (await api(`/events/${EVENT.id}/state`, { version: (await version())?.version, to })).status,
    ).toBe(200);
  await move('open');
  const joined = await call<JoinResponse>(server, '/api/v1/stations/join', {
    body: { joinCode: (await version())?.joinCode, stationName: 'Hall' },
  });
  const picks = [['gala-day', 'walking-group'], ['gala-day'], ['cooking-club'], ['gala-day']];
  const ballots = picks.map((bids) => ({
    id: randomUUID(),
    eventId: EVENT.id,
    stationId: joined.body.stationId,
    castHour: '2026-06-13T14:00Z',
    choice: { kind: 'approval', bids },
  }));
  expect((await push(server, joined.body, ballots, ballots.length, EVENT.id)).status).toBe(200);

  // ── A reader with no login: nothing is published yet.
  const reader = await browser.newContext({ baseURL: server.url, locale: 'en-GB' });
  const pub = await reader.newPage();
  await pub.goto(`/results/${EVENT.id}`);
  await expect(pub.getByRole('heading', { name: 'These results are not published' })).toBeVisible();

  // ── The Publish screen waits for a final count, then publishes.
  await goWithin(page, `/organiser/events/${EVENT.id}/publish`);
  await expect(page.getByText(/Results are published only once it is final/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Publish results', exact: true })).toHaveCount(0);
  await move('closed');
  await move('final');
  // Back to the screen: it asks the server again.
  await goWithin(page, `/organiser/events/${EVENT.id}/stations`);
  await goWithin(page, `/organiser/events/${EVENT.id}/publish`);
  await page.getByRole('button', { name: 'Publish results', exact: true }).click();
  await expect(page.getByText(/^Published .*, 4 ballots counted\.$/)).toBeVisible();
  await expect(page.getByRole('img', { name: /QR code of the public results page/ })).toBeVisible();
  await expectNoAxeViolations(page, 'publish');
  await shot(page, 'organiser-publish-tablet');
  await shot(page, 'organiser-publish-phone', PHONE);
  await page.setViewportSize(TABLET);
  await page.getByRole('button', { name: 'Show on the projector', exact: true }).click();
  const projector = page.getByRole('dialog', { name: EVENT.name });
  await expect(projector.getByRole('img', { name: /QR code/ })).toBeVisible();
  await expectNoAxeViolations(page, 'projector view');
  await shot(page, 'projector', TABLET, false);
  await page.keyboard.press('Escape');
  await expect(projector).toHaveCount(0);

  // ── The published winners, as the server counted them.
  const snapshot = await call<{ result: { pots: { selected: string[] }[] } }>(
    server,
    `/api/v1/public/results/${EVENT.id}`,
  );
  const winners = snapshot.body.result.pots.flatMap((p) => p.selected).map(title);
  expect(winners.length).toBeGreaterThan(0);

  await pub.reload();
  await expect(pub.getByRole('heading', { level: 1, name: EVENT.name })).toBeVisible();
  expect(await shownWinners(pub.locator('main'))).toEqual(winners);
  await expect(pub.locator('code').first()).toHaveText(/^[0-9a-f]{64}$/);
  await expectNoAxeViolations(pub, 'public results');
  await shot(pub, 'public-tablet');
  await shot(pub, 'public-phone', PHONE);
  await pub.emulateMedia({ media: 'print' });
  await shot(pub, 'public-print');
  await pub.emulateMedia({ media: 'screen' });

  // ── Another of the event's languages, right to left.
  await pub.getByRole('link', { name: 'العربية', exact: true }).click();
  await expect(pub.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(pub.getByRole('heading', { name: /النتائج|حالات التعادل/ }).first()).toBeVisible();
  await expectNoAxeViolations(pub, 'public results in Arabic');
  await shot(pub, 'public-ar-tablet');
  await shot(pub, 'public-ar-phone', PHONE);
  await pub.getByRole('link', { name: 'English', exact: true }).click();
  await expect(pub.locator('html')).toHaveAttribute('dir', 'ltr');

  // ── The self-contained file, opened with the network off.
  const [download] = await Promise.all([
    pub.waitForEvent('download'),
    pub.getByRole('button', { name: 'Download this page', exact: true }).click(),
  ]);
  const path = await download.path();
  const html = readFileSync(path, 'utf8');
  expect(html).not.toMatch(/<script|<link|src="http|url\(http/i);
  const offline = await browser.newContext({ offline: true });
  const file = await offline.newPage();
  const requests: string[] = [];
  file.on('request', (r) => requests.push(r.url()));
  await file.setContent(html);
  expect(requests).toEqual([]);
  const english = file.locator('article[lang="en-GB"]');
  await expect(english.getByRole('heading', { level: 1, name: EVENT.name })).toBeVisible();
  expect(await shownWinners(english)).toEqual(winners);
  await expectNoAxeViolations(file, 'self-contained file');
  await shot(file, 'file-tablet');
  await shot(file, 'file-phone', PHONE);
  await file.setViewportSize(TABLET);
  await file.getByRole('link', { name: 'Cymraeg', exact: true }).click();
  await expect(file.locator('article[lang="cy"]')).toBeVisible();
  await expect(english).toBeHidden();
  await offline.close();

  // ── Unpublish: the public page says so again.
  await page.getByRole('button', { name: 'Unpublish', exact: true }).click();
  await page
    .getByRole('alertdialog')
    .getByRole('button', { name: 'Unpublish', exact: true })
    .click();
  await expect(page.getByRole('button', { name: 'Publish results', exact: true })).toBeVisible();
  await pub.reload();
  await expect(pub.getByRole('heading', { name: 'These results are not published' })).toBeVisible();
  await reader.close();
});

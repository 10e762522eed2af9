/**
 * Equalities answers from a station with no network, in real Chromium against the built app and a
 * real tally server: a voter votes on a weighted event and answers an equalities question; the
 * tablet goes offline; the volunteer area's export saves the answers as a `.ddequalities` file of
 * their own; the organiser imports it on the Equalities screen (once: a second import adds
 * nothing). The organiser's Results show the weighted support. axe finds no violation.
 *
 * With QUESTIONS_SHOTS=<folder>, screenshots at tablet (1280×800), phone (390×844) and in Arabic.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { call, organiserToken } from '../server/support/tally-server.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { readStore } from './support/indexeddb.ts';
import { goWithin } from './support/organiser.ts';
import type { TallyServerProcess } from './support/server.ts';
import { STATION_PIN, THANK_YOU, unlockVolunteerArea } from './support/station.ts';
import { joinFromWelcome } from './support/sync.ts';

const NORTH = new Set(['cooking-club', 'walking-group', 'community-garden', 'chair-yoga']);
const EVENT: EventDefinition = {
  ...DEMO_EVENT,
  id: 'equalities-file-2026',
  name: 'Burnfoot Offline Day',
  translations: {},
  bids: DEMO_EVENT.bids.map((b) => ({
    ...b,
    ward: NORTH.has(b.id) ? 'Burnfoot North' : 'Stirches',
  })),
  checkIn: {
    questions: { area: { weights: { 'Burnfoot North': '1.5' } } },
    equalities: ['age-band', 'gender'],
  },
};

const TABLET = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

async function shots(page: Page, name: string): Promise<void> {
  const dir = process.env['QUESTIONS_SHOTS'];
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  for (const [size, viewport] of [
    ['tablet', TABLET],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: join(dir, `${name}-${size}.png`), fullPage: true });
  }
  await page.setViewportSize(TABLET);
}

async function openEvent(server: TallyServerProcess): Promise<{ joinCode: string; token: string }> {
  const token = await organiserToken(server);
  const created = await call(server, '/api/v1/events', {
    token,
    body: { from: 'definition', definition: EVENT },
  });
  expect(created.status, created.text).toBe(201);
  const listed = await call<{ events: { id: string; joinCode: string; version: number }[] }>(
    server,
    '/api/v1/events',
    { token },
  );
  const event = listed.body.events.find((e) => e.id === EVENT.id);
  const opened = await call(server, `/api/v1/events/${EVENT.id}/state`, {
    token,
    body: { version: event?.version, to: 'open' },
  });
  expect(opened.status, opened.text).toBe(200);
  return { joinCode: event?.joinCode ?? '', token };
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

test('a station with no network hands its equalities answers over as a file the organiser imports once', async ({
  server,
  newStation,
  organiser,
}) => {
  const { joinCode } = await openEvent(server);
  const { page } = await newStation('Hall');
  await page.setViewportSize(TABLET);
  await joinFromWelcome(page, joinCode);
  await expect(heading(page, EVENT.name)).toBeVisible();
  // From here on the tablet never reaches the network.
  await page.context().setOffline(true);

  await page.getByRole('button', { name: 'Start voting' }).click();
  await page
    .getByRole('group', { name: 'Which area do you live in?' })
    .getByRole('radio', { name: 'Burnfoot North' })
    .check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next: choose projects' }).click();
  await page.getByRole('checkbox', { name: 'Chair yoga for older people' }).check();
  await page.getByRole('button', { name: /^Next/ }).click();
  await page.getByRole('button', { name: 'Cast my vote' }).click();
  await expect(heading(page, THANK_YOU)).toBeVisible();
  await page.getByRole('button', { name: 'Answer 2 short questions about you' }).click();
  await page.getByRole('radio', { name: '25 to 44' }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Skip this question' }).click();
  await expect(heading(page, EVENT.name)).toBeVisible();

  // ── The volunteer area's export offers the answers apart from the ballots.
  await unlockVolunteerArea(page);
  const save = page.getByRole('button', {
    name: `Save the equalities answers for ${EVENT.name}`,
  });
  await save.scrollIntoViewIfNeeded();
  await expectNoAxeViolations(page, 'volunteer export with equalities answers');
  await shots(page, 'station-export');
  const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
  expect(download.suggestedFilename()).toMatch(/-equalities-\d{4}-\d\d-\d\d\.ddequalities$/);
  const text = readFileSync((await download.path()) ?? '', 'utf8');
  expect(text).not.toContain('chair-yoga');
  await expect(page.getByText(/^Saved .*\(1 person’s answers\)/)).toBeVisible();
  // Still on the tablet until the server holds them.
  expect(await readStore(page, 'equalities')).toHaveLength(1);

  // ── The organiser imports it: once.
  await organiser.setViewportSize(TABLET);
  await goWithin(organiser, `/organiser/events/${EVENT.id}/equalities`);
  await expect(heading(organiser, 'Who took part: equalities answers')).toBeVisible();
  const section = organiser.getByRole('region', {
    name: 'A station with no network: import its equalities answers',
  });
  const file = { name: download.suggestedFilename(), mimeType: 'application/json' };
  await section
    .getByLabel('Equalities answers file (.ddequalities)')
    .setInputFiles({ ...file, buffer: Buffer.from(text) });
  await section.getByRole('button', { name: 'Import the equalities answers' }).click();
  await expect(section.getByRole('status')).toHaveText(
    'Imported: 1 people’s answers added, 0 already here.',
  );
  await section.getByRole('button', { name: 'Import the equalities answers' }).click();
  await expect(section.getByRole('status')).toHaveText(
    'Imported: 0 people’s answers added, 1 already here.',
  );
  await expectNoAxeViolations(organiser, 'organiser equalities import');
  await shots(organiser, 'organiser-equalities-import');
  // A damaged file: refused in words.
  await section
    .getByLabel('Equalities answers file (.ddequalities)')
    .setInputFiles({ ...file, buffer: Buffer.from(text.slice(0, 40)) });
  await section.getByRole('button', { name: 'Import the equalities answers' }).click();
  await expect(section.getByRole('alert')).toContainText('nothing was imported');
  await shots(organiser, 'organiser-equalities-refused');

  if (process.env['QUESTIONS_SHOTS']) {
    // ── Arabic, right to left: the station's export (answers still waiting), the organiser's screen.
    await page.getByRole('button', { name: 'Lock and go back to voting' }).click();
    await page.getByRole('button', { name: 'العربية', exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.getByRole('button', { name: 'متطوع' }).click();
    await page.locator('input[type=password]').fill(STATION_PIN);
    await page.locator('form button[type=submit]').first().click();
    await page.getByRole('button', { name: /احفظ إجابات أسئلة المساواة/ }).scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'volunteer export in Arabic');
    await shots(page, 'station-export-ar');

    // ── The weighted results (the ballot reaches the server once the network is back).
    await page.context().setOffline(false);
    await page.getByRole('button', { name: 'زامن الآن' }).click();
    await expect
      .poll(async () => (await readStore(page, 'outbox')).length, { timeout: 20_000 })
      .toBe(0);
    await goWithin(organiser, `/organiser/events/${EVENT.id}/results`);
    await expect(organiser.getByText(/Votes are weighted by area/)).toBeVisible();
    await expectNoAxeViolations(organiser, 'weighted results');
    await shots(organiser, 'organiser-results-weighted');
    await organiser.getByLabel('Language').selectOption({ label: 'العربية' });
    await expect(organiser.locator('html')).toHaveAttribute('dir', 'rtl');
    await expectNoAxeViolations(organiser, 'weighted results in Arabic');
    await shots(organiser, 'organiser-results-weighted-ar');
    await goWithin(organiser, `/organiser/events/${EVENT.id}/equalities`);
    await expect(organiser.getByRole('heading', { level: 2 }).first()).toBeVisible();
    await expectNoAxeViolations(organiser, 'equalities import in Arabic');
    await shots(organiser, 'organiser-equalities-import-ar');
  }
});

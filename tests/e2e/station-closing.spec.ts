/**
 * Attended start and closing a station in real Chromium, against the built app and a real tally
 * server: on an attended event the welcome screen offers no Start until a volunteer releases a
 * ballot with the PIN; two voters vote; the volunteer closes the station (the sheet says released
 * 2, ballots 2); it syncs, and the organiser's Stations screen shows the closing sheet matching
 * the central tally; the closed station offers no new ballot. axe finds no violation on any new
 * screen (the waiting welcome, the release dialog, the closing sheet before and after, the
 * closed station, the organiser's reconciliation, the editor's Check-in screen).
 *
 * With CLOSING_SHOTS=<folder>, screenshots of each screen at tablet (1280×800) and phone
 * (390×844) size, and in Arabic, are written there for people to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { call, organiserToken } from '../server/support/tally-server.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { goWithin } from './support/organiser.ts';
import type { TallyServerProcess } from './support/server.ts';
import { chooseAndReview, STATION_PIN, THANK_YOU, unlockVolunteerArea } from './support/station.ts';
import { joinEvent, syncSection } from './support/sync.ts';
import { chooseLanguage } from './support/voter.ts';

const EVENT: EventDefinition = {
  ...DEMO_EVENT,
  id: 'attended-2026',
  name: 'Burnfoot Attended Day',
  translations: {},
  checkIn: { attended: true },
};

const TABLET = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

async function shots(page: Page, name: string): Promise<void> {
  const dir = process.env['CLOSING_SHOTS'];
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const before = page.viewportSize() ?? TABLET;
  for (const [size, viewport] of [
    ['tablet', TABLET],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: join(dir, `${name}-${size}.png`), fullPage: true });
  }
  await page.setViewportSize(before);
}

/** Creates the attended event over the API and opens voting; returns its join code. */
async function openAttendedEvent(server: TallyServerProcess): Promise<string> {
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
  return event?.joinCode ?? '';
}

const welcome = (page: Page) => page.getByRole('heading', { level: 1, name: EVENT.name });

/** A volunteer releases one ballot with the PIN; the voter then sees Start. */
async function release(page: Page, check = false): Promise<void> {
  await page.getByRole('button', { name: 'Next voter' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start a ballot for the next voter' });
  await expect(dialog).toBeVisible();
  if (check) {
    await expectNoAxeViolations(page, 'release dialog');
    await shots(page, 'release-dialog');
  }
  await dialog.getByLabel('Enter the volunteer PIN').fill(STATION_PIN);
  await dialog.getByRole('button', { name: 'Release one ballot' }).click();
  await expect(page.getByRole('button', { name: 'Start voting' })).toBeVisible();
}

async function vote(page: Page, titles: readonly string[]): Promise<void> {
  await page.getByRole('button', { name: 'Start voting' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'The projects' })).toBeVisible();
  await page.getByRole('button', { name: 'Next: choose projects' }).click();
  await chooseAndReview(page, titles);
  await page.getByRole('button', { name: 'Cast my vote' }).click();
  await expect(page.getByRole('heading', { level: 1, name: THANK_YOU })).toBeVisible();
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(welcome(page)).toBeVisible();
  // The release was used: the next voter waits for a volunteer again.
  await expect(page.getByRole('button', { name: 'Start voting' })).toHaveCount(0);
}

/**
 * A phone-camera-sized photo of a paper tally sheet (3000×2000 JPEG, well over the 200 KB limit),
 * drawn by the browser itself, so the tablet's real compression has work to do.
 */
async function tallyPhoto(page: Page): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const base64 = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 3000;
    canvas.height = 2000;
    const g = canvas.getContext('2d');
    if (g === null) throw new Error('no canvas');
    const noise = g.createImageData(3000, 2000);
    for (let i = 0; i < noise.data.length; i += 4) {
      const v = 200 + Math.floor(Math.random() * 55);
      noise.data.set([v, v, v - 10, 255], i);
    }
    g.putImageData(noise, 0, 0);
    g.fillStyle = '#123';
    g.font = 'bold 120px sans-serif';
    g.fillText('Hall — tally', 150, 250);
    for (let row = 0; row < 8; row++) g.fillText(`||||  ||  ${row + 2}`, 150, 450 + row * 180);
    const blob = await new Promise<Blob | null>((done) => canvas.toBlob(done, 'image/jpeg', 0.95));
    if (blob === null) throw new Error('no blob');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  });
  return { name: 'tally-sheet.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(base64, 'base64') };
}

/** The value beside a label on a closing sheet (a <dt>/<dd> pair). */
const figure = (scope: ReturnType<Page['getByRole']>, label: string) =>
  scope.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');

test('a volunteer releases two ballots with the PIN, two voters vote, the station closes and syncs; the organiser sees the closing sheet matching the central tally', async ({
  server,
  newStation,
  organiser,
}) => {
  const joinCode = await openAttendedEvent(server);
  const { page } = await newStation('Hall');
  await page.setViewportSize(TABLET);
  await unlockVolunteerArea(page);
  await joinEvent(page, joinCode);
  await page.getByRole('button', { name: 'Lock and go back to voting' }).click();

  // ── Attended start: no Start until a volunteer releases a ballot.
  await expect(welcome(page)).toBeVisible();
  await expect(page.getByText('A volunteer will start your ballot.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start voting' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'welcome, waiting for a volunteer');
  await shots(page, 'welcome-waiting');

  await release(page, true);
  await shots(page, 'welcome-released');
  await vote(page, ['Burnfoot gala day']);
  await release(page);
  await vote(page, ['Youth cooking club', 'Litter picking kit']);

  // ── Closing: the sheet says released 2, ballots 2; no note needed.
  await unlockVolunteerArea(page);
  const closing = page.getByRole('region', { name: 'Close this station' });
  await closing.getByRole('button', { name: 'Prepare the closing sheet' }).click();
  await expect(figure(closing, 'Ballots released by a volunteer')).toHaveText('2');
  await expect(figure(closing, 'Released but not used')).toHaveText('0');
  await expect(figure(closing, 'Ballots cast on this screen')).toHaveText('2');
  await expect(closing.getByText('Some counts do not agree.')).toHaveCount(0);
  await expectNoAxeViolations(page, 'closing sheet');
  await shots(page, 'closing-sheet');
  // The photo of the paper tally sheet, made small on the tablet for real.
  const photo = await tallyPhoto(page);
  expect(photo.buffer.length).toBeGreaterThan(200 * 1024);
  await closing.getByLabel('Add a photo of the paper tally sheet (optional)').setInputFiles(photo);
  await expect(closing.getByRole('img', { name: 'Photo of the paper tally sheet' })).toBeVisible({
    timeout: 20_000,
  });
  await expectNoAxeViolations(page, 'closing sheet with a photo');
  await shots(page, 'closing-sheet-photo');
  await closing.getByRole('button', { name: 'Close the station' }).click();
  await expect(
    closing.getByText('This station is closed. It offers voters no new ballots.'),
  ).toBeVisible();

  // ── It syncs: the sheet reaches the central tally.
  await syncSection(page).getByRole('button', { name: 'Sync now' }).click();
  await expect(closing.getByText(/The closing sheet reached the central tally/)).toBeVisible({
    timeout: 20_000,
  });
  await expectNoAxeViolations(page, 'closed station, volunteer area');
  await shots(page, 'closing-closed');

  // ── The closed station offers no new ballot.
  await page.getByRole('button', { name: 'Lock and go back to voting' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'This station is closed' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start voting' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Next voter' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'closed station, voter screen');
  await shots(page, 'station-closed');

  // ── The organiser: the closing sheet matches the central count.
  await goWithin(organiser, `/organiser/events/${EVENT.id}/stations`);
  const table = organiser.getByRole('table', { name: 'Reconciliation per station' });
  const hall = table.getByRole('row', { name: /Hall/ });
  await expect(hall).toContainText('Matches the central tally', { timeout: 20_000 });
  const cells = hall.getByRole('cell');
  await expect(cells.nth(1)).toHaveText('2 (2)');
  await expect(cells.nth(2)).toHaveText('2');
  await expect(cells.nth(3)).toHaveText('2');
  const sheet = organiser.getByRole('region', { name: 'Closing sheet: Hall' });
  await expect(figure(sheet, 'Ballots released by a volunteer')).toHaveText('2');
  await expect(figure(sheet, 'Ballots cast on the screen')).toHaveText('2');
  // The photo came with the sheet, small: at most 1600 px and the 200 KB picture limit.
  const shown = sheet.getByRole('img', { name: 'Photo of the paper tally sheet of Hall' });
  await expect(shown).toBeVisible();
  await expect
    .poll(() => shown.evaluate((i: HTMLImageElement) => i.naturalWidth))
    .toBeGreaterThan(0);
  const edge = await shown.evaluate((i: HTMLImageElement) =>
    Math.max(i.naturalWidth, i.naturalHeight),
  );
  expect(edge).toBeGreaterThan(600);
  expect(edge).toBeLessThanOrEqual(1600);
  const stored = await organiser.request.get((await shown.getAttribute('src')) ?? '');
  expect(stored.status()).toBe(200);
  expect((await stored.body()).length).toBeLessThanOrEqual(200 * 1024);
  const events = await call<{ events: { id: string; ballots: number }[] }>(
    server,
    '/api/v1/events',
    { token: await organiserToken(server) },
  );
  expect(events.body.events.find((e) => e.id === EVENT.id)?.ballots).toBe(2);
  await expect(
    organiser.getByRole('table', { name: /Ballots in the central tally by the hour/ }),
  ).toBeVisible();
  await expectNoAxeViolations(organiser, 'organiser stations with closing sheets');
  await shots(organiser, 'organiser-closings');
  await shown.scrollIntoViewIfNeeded();
  await shots(organiser, 'organiser-closings-photo');

  // ── The editor's Check-in screen: attended start on (read-only: voting is open).
  await goWithin(organiser, `/organiser/events/${EVENT.id}/checkin`);
  const attended = organiser.getByRole('checkbox', { name: 'A volunteer starts each ballot' });
  await expect(attended).toBeChecked();
  await expect(attended).toBeDisabled();
  await expectNoAxeViolations(organiser, 'editor check-in');
  await shots(organiser, 'editor-checkin');
});

test('screenshots in Arabic', async ({ server, newStation, organiser }) => {
  test.skip(!process.env['CLOSING_SHOTS'], 'Only when CLOSING_SHOTS asks for screenshots');
  const joinCode = await openAttendedEvent(server);
  const { page } = await newStation('Hall');
  await unlockVolunteerArea(page);
  await joinEvent(page, joinCode);
  await page.getByRole('button', { name: 'Lock and go back to voting' }).click();
  await chooseLanguage(page, 'العربية', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expectNoAxeViolations(page, 'welcome, waiting, in Arabic');
  await shots(page, 'welcome-waiting-ar');
  await page.getByRole('button', { name: 'الناخب التالي' }).click();
  await expectNoAxeViolations(page, 'release dialog in Arabic');
  await shots(page, 'release-dialog-ar');
  await page.locator('input[type=password]').fill(STATION_PIN);
  await page.locator('form button[type=submit]').first().click();
  await page.getByRole('button', { name: 'متطوع' }).click();
  await page.locator('input[type=password]').fill(STATION_PIN);
  await page.locator('form button[type=submit]').first().click();
  await page.getByRole('button', { name: 'حضّر ورقة الإغلاق' }).click();
  await expectNoAxeViolations(page, 'closing sheet in Arabic');
  await shots(page, 'closing-sheet-ar');
  await page
    .getByLabel('أضف صورة لورقة العدّ الورقية (اختياري)')
    .setInputFiles(await tallyPhoto(page));
  await expect(page.getByRole('img', { name: 'صورة ورقة العدّ الورقية' })).toBeVisible({
    timeout: 20_000,
  });
  await expectNoAxeViolations(page, 'closing sheet with a photo in Arabic');
  await shots(page, 'closing-sheet-photo-ar');
  // A release was left waiting: counted unused, so the counts agree; a note all the same.
  await page.locator('textarea').fill('ناخب لم يأتِ.');
  await page.getByRole('button', { name: 'أغلق المحطة' }).click();
  await expect(page.getByRole('heading', { name: 'صورة ورقة العدّ الورقية' })).toBeVisible();
  await page.getByRole('button', { name: 'زامن الآن' }).click();

  await organiser.getByLabel('Language').selectOption({ label: 'العربية' });
  await goWithin(organiser, `/organiser/events/${EVENT.id}/stations`);
  await expect(organiser.getByRole('img', { name: /صورة ورقة العدّ الورقية/ })).toBeVisible({
    timeout: 20_000,
  });
  await expectNoAxeViolations(organiser, 'organiser stations with a photo in Arabic');
  await shots(organiser, 'organiser-closings-photo-ar');
  await goWithin(organiser, `/organiser/events/${EVENT.id}/checkin`);
  await expect(organiser.locator('html')).toHaveAttribute('dir', 'rtl');
  await expectNoAxeViolations(organiser, 'editor check-in in Arabic');
  await shots(organiser, 'editor-checkin-ar');
});

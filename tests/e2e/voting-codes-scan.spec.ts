/**
 * "Scan your card" in real Chromium (issue 9): a voter holds their voting card up to the tablet's
 * camera and the ballot starts, through the same checks as a typed code. Desktop Chromium has no
 * BarcodeDetector, so the page is given a stand-in (it "sees" the card's QR text once the test
 * holds a card up) and a camera that is a grey canvas. Also the organiser's Voting codes screen of
 * an event that does not ask for codes: it says so, with the way to the Check-in screen. axe on
 * both screens; pictures (tablet, phone, Arabic) when asked (CODES_SHOTS=dir).
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { call, organiserToken } from '../server/support/tally-server.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { goWithin } from './support/organiser.ts';
import { THANK_YOU } from './support/station.ts';
import { joinFromWelcome } from './support/sync.ts';

const EVENT: EventDefinition = {
  ...DEMO_EVENT,
  id: 'scan-day-2026',
  name: 'Scan day',
  checkIn: { codes: true },
};
const NO_CODES: EventDefinition = { ...DEMO_EVENT, id: 'no-codes-2026', name: 'No codes day' };

const SHOTS = process.env['CODES_SHOTS'];
async function shot(page: Page, name: string) {
  if (SHOTS === undefined) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** A BarcodeDetector that sees `window.heldCard` (once set) and a camera that films a canvas. */
function fakeCameraAndDetector() {
  const w = window as unknown as { heldCard: string | null; BarcodeDetector: unknown };
  w.heldCard = null;
  w.BarcodeDetector = class {
    detect() {
      return Promise.resolve(w.heldCard === null ? [] : [{ rawValue: w.heldCard }]);
    }
  };
  navigator.mediaDevices.getUserMedia = () => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    const g = canvas.getContext('2d');
    if (g !== null) {
      g.fillStyle = '#8a8a8a';
      g.fillRect(0, 0, 320, 240);
    }
    return Promise.resolve(canvas.captureStream(5));
  };
}

test('a voter scans their card and votes; the Codes screen says when codes are off', async ({
  server,
  newStation,
  organiser,
}) => {
  test.setTimeout(180_000);
  const token = await organiserToken(server);
  const created = await call<{ version: number; joinCode: string }>(server, '/api/v1/events', {
    token,
    body: { from: 'definition', definition: EVENT },
  });
  expect(created.status, created.text).toBe(201);
  const opened = await call(server, `/api/v1/events/${EVENT.id}/state`, {
    token,
    body: { version: created.body.version, to: 'open' },
  });
  expect(opened.status, opened.text).toBe(200);
  const batch = await call<{ id: string }>(server, `/api/v1/events/${EVENT.id}/codes`, {
    token,
    body: { count: 2, label: 'Hall', test: false },
  });
  expect(batch.status, batch.text).toBeLessThan(300);
  const cards = await call<{ codes: { code: string }[] }>(
    server,
    `/api/v1/events/${EVENT.id}/codes/batches/${batch.body.id}`,
    { token },
  );
  const code = cards.body.codes[0]?.code ?? '';
  expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);

  const hall = await newStation('Church hall');
  await joinFromWelcome(hall.page, created.body.joinCode);
  await hall.context.addInitScript(fakeCameraAndDetector);
  await hall.page.reload();
  const page = hall.page;
  await expect(page.getByRole('heading', { level: 1, name: EVENT.name })).toBeVisible();

  await page.getByRole('button', { name: 'Start voting' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your voting code' })).toBeVisible();
  const scan = page.getByRole('button', { name: 'Scan your card' });
  await expect(scan).toBeVisible();
  await expectNoAxeViolations(page, 'voting code screen with the scan button');
  await shot(page, 'code-scan-1280');

  await scan.click();
  const dialog = page.getByRole('dialog', { name: 'Scan your card' });
  await expect(dialog.getByLabel('Camera view')).toBeVisible();
  await expectNoAxeViolations(page, 'scan your card dialog');
  await shot(page, 'code-scan-dialog-1280');
  // The card comes into view: the printed QR holds the code as printed.
  await page.evaluate((held) => {
    (window as unknown as { heldCard: string }).heldCard = held;
  }, code);
  await expect(page.getByRole('heading', { level: 1, name: 'The projects' })).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await page.getByRole('button', { name: 'Next: choose projects' }).click();
  await page.getByRole('checkbox', { name: 'Youth cooking club' }).check();
  await page.getByRole('button', { name: 'Next: check your choices' }).click();
  await page.getByRole('button', { name: 'Cast my vote' }).click();
  await expect(page.getByRole('heading', { level: 1, name: THANK_YOU })).toBeVisible();
  await page.getByRole('button', { name: 'Finish' }).click();

  // The same card again (still held up): refused as used, in words; no second ballot.
  await page.getByRole('button', { name: 'Start voting' }).click();
  await page.getByRole('button', { name: 'Scan your card' }).click();
  await expect(page.getByRole('alert')).toContainText('already been used');
  await expect(page.getByLabel('Voting code')).toHaveValue(code);

  if (SHOTS !== undefined) {
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'code-scan-390');
    await page.getByRole('button', { name: 'Back' }).click();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'العربية', exact: true }).click();
    await page.getByRole('button', { name: /./ }).filter({ hasText: 'ابدأ' }).first().click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('button', { name: 'امسح بطاقتك' })).toBeVisible();
    await expectNoAxeViolations(page, 'voting code screen with the scan button, in Arabic');
    await shot(page, 'code-scan-ar-1280');
  }

  // An event that does not ask for codes: its Voting codes screen says so and leads to Check-in.
  const plain = await call(server, '/api/v1/events', {
    token,
    body: { from: 'definition', definition: NO_CODES },
  });
  expect(plain.status, plain.text).toBe(201);
  await goWithin(organiser, `/organiser/events/${NO_CODES.id}/codes`);
  await expect(organiser.getByRole('heading', { level: 1, name: 'Voting codes' })).toBeVisible();
  await expect(organiser.getByText(/does not ask voters for a code yet/)).toBeVisible();
  const link = organiser.getByRole('link', { name: 'Switch codes on in Check-in' });
  await expectNoAxeViolations(organiser, 'voting codes screen of an event without codes');
  await shot(organiser, 'codes-off-1280');
  if (SHOTS !== undefined) {
    await organiser.setViewportSize({ width: 390, height: 844 });
    await shot(organiser, 'codes-off-390');
    await organiser.setViewportSize({ width: 1280, height: 800 });
    await organiser.getByLabel('Language').selectOption('ar');
    await expect(organiser.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(organiser.getByText(/لا تطلب هذه الفعالية/)).toBeVisible();
    await expectNoAxeViolations(organiser, 'voting codes screen without codes, in Arabic');
    await shot(organiser, 'codes-off-ar-1280');
    await organiser.getByLabel(/اللغة|Language/).selectOption('en-GB');
  }
  await link.click();
  await expect(organiser).toHaveURL(new RegExp(`/events/${NO_CODES.id}/checkin$`));
});

/**
 * The station's "Send the ballots by camera" screen in real Chromium: the moving code is drawn
 * (a canvas whose frames change at about 8 a second, each a Decision Day frame of this event),
 * stays on screen whole on a tablet and a phone, and passes axe — in English and in Arabic
 * (right to left). Pictures when asked: SEND_CAMERA_SHOTS=dir. The organiser's side, filming
 * this screen's frames, is camera-transfer.spec.ts.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { castBallot, STATION_PIN, unlockVolunteerArea } from './support/station.ts';
import { chooseLanguage } from './support/voter.ts';

const SHOTS = process.env['SEND_CAMERA_SHOTS'];

async function shot(page: Page, name: string) {
  if (SHOTS === undefined) return;
  mkdirSync(SHOTS, { recursive: true });
  for (const [label, viewport] of [
    ['tablet', { width: 1280, height: 800 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(viewport);
    const code = page.locator('canvas[data-frame]');
    if ((await code.count()) > 0) await code.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/${name}-${label}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** The code is whole inside the viewport (a camera needs all of it) and square. */
async function expectWholeCode(page: Page) {
  const code = page.locator('canvas[data-frame]');
  await code.scrollIntoViewIfNeeded();
  const box = await code.boundingBox();
  const viewport = page.viewportSize();
  expect(box).not.toBeNull();
  if (box === null || viewport === null) return;
  expect(Math.abs(box.width - box.height)).toBeLessThan(2);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  expect(box.height).toBeLessThanOrEqual(viewport.height);
  // Big enough for a webcam at arm's length on a tablet; the whole width on a phone.
  expect(box.width).toBeGreaterThanOrEqual(Math.min(480, viewport.width - 80));
}

test('the station shows its ballots as a moving code, whole on a tablet and a phone', async ({
  newStation,
}) => {
  test.setTimeout(120_000);
  const { page } = await newStation('Table 4');
  await castBallot(page, ['Youth cooking club']);
  await castBallot(page, ['Litter picking kit', 'Bike repair workshop']);
  await unlockVolunteerArea(page);
  const open = page.getByRole('button', {
    name: `Send the ballots for ${DEMO_EVENT.name} by camera`,
  });
  await open.click();
  const panel = page.getByRole('region', { name: 'Send ballots by camera' });
  await expect(
    panel.getByRole('radio', { name: 'Not yet confirmed by the organiser: 2' }),
  ).toBeChecked();
  await expect(panel.getByRole('radio', { name: 'All on this tablet: 2' })).toBeVisible();
  await shot(page, 'send-camera-choose');
  await panel.getByRole('button', { name: 'Show the moving code' }).click();
  const code = panel.getByRole('img', {
    name: `Moving code with the ballots for ${DEMO_EVENT.name}: 2`,
  });
  await expect(code).toBeVisible();

  // The first frame is drawn once the QR library has loaded.
  await expect(code).toHaveAttribute('data-frame', /^UR:/);
  // Frames change on their own, each one of ours for this event: 2 ballots in every frame's type.
  const seen = new Set<string>();
  const started = Date.now();
  while (seen.size < 6 && Date.now() - started < 5_000) {
    seen.add((await code.getAttribute('data-frame')) ?? '');
    await page.waitForTimeout(60);
  }
  expect(seen.size).toBeGreaterThanOrEqual(6);
  for (const frame of seen) expect(frame).toMatch(/^UR:DD1-B-[0-9A-F]{8}-2\//);
  // Drawn: the canvas holds black and white pixels, white in its corner (the quiet zone).
  const pixels = await code.evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext('2d');
    if (context === null) return null;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 128) dark += 1;
    return { dark, all: data.length / 4, corner: data[0] };
  });
  expect(pixels?.corner).toBe(255);
  expect(pixels?.dark ?? 0).toBeGreaterThan((pixels?.all ?? 0) / 5);

  await expectWholeCode(page);
  await expectNoAxeViolations(page, 'send by camera, code shown');
  await shot(page, 'send-camera-code');
  await page.setViewportSize({ width: 390, height: 844 });
  await expectWholeCode(page);
  await page.setViewportSize({ width: 1280, height: 800 });

  // Pause holds the frame.
  await panel.getByRole('button', { name: 'Pause' }).click();
  const held = await code.getAttribute('data-frame');
  await page.waitForTimeout(500);
  expect(await code.getAttribute('data-frame')).toBe(held);
  await panel.getByRole('button', { name: 'Continue' }).click();
  await expect(code).not.toHaveAttribute('data-frame', held ?? '');

  // Arabic, right to left: the volunteer area follows the language chosen on the welcome screen.
  await page.goto('/');
  await chooseLanguage(page, 'العربية', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByRole('button', { name: 'متطوع', exact: true }).click();
  await page.getByLabel('أدخل الرقم السري للمتطوعين').fill(STATION_PIN);
  await page.getByRole('button', { name: 'فتح القفل' }).click();
  await page.getByRole('button', { name: /عبر الكاميرا/ }).click();
  await page.getByRole('button', { name: 'اعرض الرمز المتحرك' }).click();
  await expect(page.locator('canvas[data-frame]')).toBeVisible();
  // The camera screen's words are their own catalogue part, loaded with its chunk: all of them
  // arrived in Arabic, none shows as a key.
  await expect(page.getByRole('button', { name: 'إيقاف مؤقت' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText(/\b(station|problem)\.[a-z-]+\./);
  await expectWholeCode(page);
  await expectNoAxeViolations(page, 'send by camera, Arabic');
  await shot(page, 'send-camera-code-ar');
});

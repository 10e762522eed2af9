/**
 * An organiser builds their own event in the real built app against a real tally server, as a
 * new user would: a spreadsheet of 15 bids, two pictures (a phone photo with GPS in its EXIF is
 * resized, re-encoded and stripped in the browser before it is uploaded), two pots, the ballot,
 * then voting opens. axe checks every editor screen at tablet and phone size, in English and
 * Arabic, and screenshots go to E2E_SHOTS/editor/ for a person to look at, when asked.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.ts';
import { askedShotsDir } from './support/shots.ts';
import { goWithin, openVoting } from './support/organiser.ts';

const PASSWORD = 'e2e-organiser-password';
const SHOTS = askedShotsDir('editor');
const SIZES = [
  { name: 'tablet', width: 1180, height: 820 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const THEMES = ['Youth', 'Environment', 'Community'];
const BIDS_CSV = [
  'Project name,Organisation,Amount requested (£),Theme,Short description',
  ...Array.from({ length: 15 }, (_, i) => {
    const n = i + 1;
    const cost =
      n % 4 === 0 ? `"£${n},${String(100 + n).padStart(3, '0')}"` : `${(n * 350).toString()}`;
    return `Project ${n} for Hawick,Group ${n},${cost},${THEMES[i % 3] ?? ''},"Summary of project ${n}, with a comma"`;
  }),
].join('\r\n');

async function signIn(page: Page) {
  await page.goto('/organiser');
  await page.getByLabel('Your name', { exact: true }).fill('organiser');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Events' })).toBeVisible();
}

/**
 * A 3000×2250 JPEG (noise, so it does not compress small) with an EXIF block holding a GPS
 * position and a marker string, made in the page's own canvas.
 */
async function photoWithExif(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 3000;
    canvas.height = 2250;
    const ctx = canvas.getContext('2d');
    if (ctx === null) throw new Error('no 2d context');
    const image = ctx.createImageData(3000, 2250);
    let seed = 7;
    for (let i = 0; i < image.data.length; i += 4) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      image.data[i] = seed & 255;
      image.data[i + 1] = (seed >>> 8) & 255;
      image.data[i + 2] = ((i / 4) % 3000) / 12;
      image.data[i + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
    const blob = await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no blob'))), 'image/jpeg', 0.95),
    );
    const jpeg = new Uint8Array(await blob.arrayBuffer());
    // TIFF, big-endian: IFD0 with ImageDescription (marker) and a GPS IFD pointer; the GPS IFD
    // holds GPSLatitudeRef "N". Enough for any EXIF reader to find a position block.
    const marker = 'SECRET-GPS-55.4N-2.8W';
    const text = new TextEncoder().encode(`${marker}\0`);
    const tiff: number[] = [0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8];
    const u16 = (n: number) => [(n >> 8) & 255, n & 255];
    const u32 = (n: number) => [(n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255];
    const ifd0 = 8;
    const gpsIfd = ifd0 + 2 + 2 * 12 + 4;
    const textAt = gpsIfd + 2 + 12 + 4;
    tiff.push(...u16(2));
    tiff.push(...u16(0x010e), ...u16(2), ...u32(text.length), ...u32(textAt));
    tiff.push(...u16(0x8825), ...u16(4), ...u32(1), ...u32(gpsIfd));
    tiff.push(...u32(0));
    tiff.push(...u16(1), ...u16(0x0001), ...u16(2), ...u32(2), 0x4e, 0, 0, 0, ...u32(0));
    tiff.push(...text);
    const payload = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
    const app1 = [0xff, 0xe1, ...u16(payload.length + 2), ...payload];
    const out = new Uint8Array(jpeg.length + app1.length);
    out.set(jpeg.subarray(0, 2), 0);
    out.set(app1, 2);
    out.set(jpeg.subarray(2), 2 + app1.length);
    let binary = '';
    for (const b of out) binary += String.fromCharCode(b);
    return btoa(binary);
  });
  return Buffer.from(base64, 'base64');
}

/** Width and height from a JPEG's start-of-frame segment. */
function jpegSize(bytes: Buffer): { width: number; height: number } {
  let at = 2;
  while (at < bytes.length) {
    const marker = bytes.readUInt16BE(at);
    const length = bytes.readUInt16BE(at + 2);
    if (marker >= 0xffc0 && marker <= 0xffc3) {
      return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    }
    at += 2 + length;
  }
  throw new Error('no start-of-frame in the JPEG');
}

/** The save went through; if it did not, the failure names what the screen said. */
async function expectSaved(page: Page) {
  const saved = page.getByRole('status').filter({ hasText: 'Saved' });
  const alert = page.getByRole('alert');
  await expect(saved.or(alert).first())
    .toBeVisible()
    .catch(async (error: unknown) => {
      await shoot(page, 'failed-save');
      throw error;
    });
  expect(await alert.allTextContents()).toEqual([]);
}

async function shoot(page: Page, name: string) {
  if (SHOTS === undefined) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** axe and a screenshot of what is on screen now, at both sizes. */
async function checkScreen(page: Page, name: string, language: string) {
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await expectNoAxeViolations(page, `${name} (${language}, ${size.name})`);
    await shoot(page, `${name}-${language}-${size.width}x${size.height}`);
  }
  await page.setViewportSize({ width: SIZES[0].width, height: SIZES[0].height });
}

test('an organiser builds an event from a spreadsheet of 15 bids, adds pictures, pots and a ballot, and opens it', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await page.setViewportSize({ width: 1180, height: 820 });
  await signIn(page);

  // ── New event from the spreadsheet
  await page.getByRole('link', { name: 'New event' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New event' })).toBeVisible();
  await page.getByRole('radio', { name: 'A spreadsheet of bids' }).check();
  await checkScreen(page, 'new-event', 'en-GB');
  await page.getByLabel('Spreadsheet of bids', { exact: true }).setInputFiles({
    name: 'Hawick_bids.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(BIDS_CSV, 'utf8'),
  });
  await expect(
    page.getByText('15 rows read: 15 become bids, 0 problems to look at.'),
  ).toBeVisible();
  await checkScreen(page, 'import-preview', 'en-GB');
  await page.getByRole('textbox', { name: 'Event name' }).fill('Hawick Youth Fund');
  await page.getByRole('button', { name: 'Create the event with 15 bids' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Set-up' })).toBeVisible();
  await expect(page.getByText('State: Draft')).toBeVisible();
  const eventPath = new URL(page.url()).pathname.replace(/\/setup$/, '');
  await checkScreen(page, 'setup', 'en-GB');

  // ── Two pictures; the upload is what the server receives
  await page.getByRole('link', { name: 'Bids' }).click();
  await expect(page.getByRole('heading', { name: '15 bids' })).toBeVisible();
  await checkScreen(page, 'bids', 'en-GB');
  const photo = await photoWithExif(page);
  expect(photo.length).toBeGreaterThan(1_000_000);
  expect(photo.includes('SECRET-GPS')).toBe(true);
  for (const [index, title] of [
    [1, 'Project 1 for Hawick'],
    [2, 'Project 2 for Hawick'],
  ] as const) {
    await page.getByRole('button', { name: `Edit ${title}` }).click();
    await page.getByLabel('Choose a picture').setInputFiles({
      name: `photo-${index}.jpg`,
      mimeType: 'image/jpeg',
      buffer: photo,
    });
    await expect(
      page.getByText('Picture uploaded. Describe it below, then save the bid.'),
    ).toBeVisible({
      timeout: 30_000,
    });
    if (index === 1) {
      await page.getByRole('button', { name: 'Save bid' }).click();
      await expect(page.getByRole('textbox', { name: 'Describe the picture' })).toHaveAttribute(
        'aria-invalid',
        'true',
      );
      await checkScreen(page, 'bid-form', 'en-GB');
    }
    await page
      .getByRole('textbox', { name: 'Describe the picture' })
      .fill(`Volunteers at project ${index}`);
    await page.getByRole('button', { name: 'Save bid' }).click();
    await expect(page.getByText(`Saved “${title}”.`)).toBeVisible();
  }
  // What the server stored and serves to every station, fetched as a station would (no token).
  const uploads: Buffer[] = [];
  for (const index of [1, 2]) {
    const src = await page
      .getByRole('img', { name: `Volunteers at project ${index}` })
      .getAttribute('src');
    expect(src).toMatch(/\/api\/pictures\/[0-9a-f]{64}\.jpg$/);
    const answer = await page.request.get(src ?? '');
    expect(answer.headers()['cache-control']).toContain('immutable');
    uploads.push(await answer.body());
  }
  for (const body of uploads) {
    expect(body.length).toBeLessThanOrEqual(200 * 1024);
    const { width, height } = jpegSize(body);
    expect(Math.max(width, height)).toBeLessThanOrEqual(1200);
    expect(Math.max(width, height)).toBeGreaterThanOrEqual(600);
    // No EXIF block, no GPS, no marker text: only pixels left the organiser's computer.
    expect(body.includes('Exif')).toBe(false);
    expect(body.includes('SECRET-GPS')).toBe(false);
  }

  // ── Two pots
  await page.getByRole('link', { name: 'Pots and rules' }).click();
  await expect(page.getByRole('group', { name: /^Pot 1:/ })).toBeVisible();
  await page.getByRole('button', { name: 'Add a pot' }).click();
  const first = page.getByRole('group', { name: /^Pot 1:/ });
  await first.getByRole('textbox', { name: 'Budget' }).fill('30,000');
  const second = page.getByRole('group', { name: /^Pot 2:/ });
  await second.getByRole('textbox', { name: 'Name', exact: true }).fill('Youth pot');
  await second.getByRole('textbox', { name: 'Funder (optional)' }).fill('Hawick Round Table');
  await second.getByRole('textbox', { name: 'Budget' }).fill('5000');
  await second.getByRole('radio', { name: 'Bids in these categories' }).check();
  await second.getByRole('checkbox', { name: 'Youth' }).check();
  await expect(page.getByText('Every bid can be funded by at least one pot.')).toBeVisible();
  await checkScreen(page, 'pots', 'en-GB');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expectSaved(page);

  // ── Ballot
  await page.getByRole('link', { name: 'Ballot', exact: true }).click();
  await page.getByRole('radio', { name: 'Choose bids' }).check();
  await page.getByRole('spinbutton', { name: 'Most bids a voter may choose' }).fill('3');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expectSaved(page);
  await checkScreen(page, 'ballot', 'en-GB');

  // ── Open voting
  await expect(page.getByText(/things? to put right/)).toHaveCount(0);
  await openVoting(page, async () => {
    await expectNoAxeViolations(page, 'open voting dialog');
    await shoot(page, 'open-dialog-en-GB-1180x820');
  });
  await expect(page.getByRole('button', { name: 'Close voting' })).toBeVisible();

  // ── The same screens in Arabic, right to left
  await page.locator('header select').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  for (const screen of ['setup', 'bids', 'pots', 'ballot']) {
    await goWithin(page, `${eventPath}/${screen}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByText('الحالة: التصويت مفتوح')).toBeVisible();
    await checkScreen(page, screen, 'ar');
  }
  await goWithin(page, '/organiser/new');
  await expect(page.getByRole('heading', { level: 1, name: 'فعالية جديدة' })).toBeVisible();
  await checkScreen(page, 'new-event', 'ar');
  // Back to English for the next spec in this browser.
  await page.locator('header select').selectOption('en-GB');
});

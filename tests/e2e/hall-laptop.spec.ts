// A hall on one laptop (LOCAL_TLS=on, docs/deploying.md), in real Chromium against the real built
// server on this machine's LAN address: the trust page over plain HTTP; then, with the laptop's
// certificate standing for "trusted" (Chromium's --ignore-certificate-errors-spki-list, which is
// what installing the hall CA does on a tablet), the app on https://<LAN IP>:port is a secure
// context and its service worker registers — the offline app a tablet needs; and the organiser's
// "Tablets in this hall" screen. Both screens pass axe; screenshots go to HALL_SHOTS if set.
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.ts';
import { LAUNCH_OPTIONS } from './support/chromium.ts';
import { fillSignIn } from './support/organiser.ts';
import { lanAddresses } from '../../src/server/tls/addresses.ts';
import { startServer, type TallyServer } from '../server/support/tally-server.ts';

const DIST_DIR = process.env['DIST_DIR'] ?? join(process.cwd(), 'dist');
const SHOTS = process.env['HALL_SHOTS'];
const lan = lanAddresses()[0];

let server: TallyServer;
let browser: Browser;
let https = '';
let trust = '';

/** The server certificate's public key, as Chromium's SPKI list wants it: base64 of its SHA-256. */
function spkiHash(certPem: string): string {
  const der = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS === undefined) return;
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  // What fits the screen: small enough for docs/images (each kept under 150 KB).
  await page.screenshot({ path: join(SHOTS, `${name}-screen.png`) });
}

test.skip(lan === undefined, 'this machine has no LAN address');

test.beforeAll(async () => {
  server = await startServer({
    env: { LOCAL_TLS: 'on', HALL_HTTP_PORT: '0', HOST: '0.0.0.0', DIST_DIR },
  });
  for (let i = 0; i < 100 && !server.output().includes('fingerprint'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const port = new URL(server.url).port;
  https = `https://${lan}:${port}`;
  trust = /open (http:\/\/[\d.]+:\d+)\/hall and trust/.exec(server.output())?.[1] ?? '';
  expect(trust).toContain(`http://${lan}:`);
  const leaf = readFileSync(join(server.dataDir, 'tls', 'server.crt'), 'utf8');
  browser = await chromium.launch({
    ...LAUNCH_OPTIONS,
    args: [
      ...(LAUNCH_OPTIONS.args ?? []),
      `--ignore-certificate-errors-spki-list=${spkiHash(leaf)}`,
    ],
  });
});

test.afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('a tablet finds the trust page over plain HTTP, in its language', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${trust}/`);
  await expect(page).toHaveURL(`${trust}/hall`);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Trust this hall laptop' }),
  ).toBeVisible();
  const download = page.getByRole('link', { name: 'Download the hall certificate' });
  await expect(download).toHaveAttribute('href', '/hall/ca.crt');
  const ca = await page.request.get(`${trust}/hall/ca.crt`);
  expect(ca.headers()['content-type']).toBe('application/x-x509-ca-cert');
  await page.getByText('iPad or iPhone').click();
  await expectNoAxeViolations(page, 'trust page');
  await shot(page, 'trust-tablet');

  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'trust-phone');
  await page.getByRole('link', { name: 'العربية' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1, name: 'ثِق بحاسوب القاعة هذا' })).toBeVisible();
  await expectNoAxeViolations(page, 'trust page in Arabic');
  await shot(page, 'trust-phone-ar');
  await context.close();
});

test('once the laptop is trusted, the app on its LAN address is a secure context with a service worker', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${https}/`);
  expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
  const scope = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return registration.active?.scriptURL ?? '';
  });
  expect(scope).toBe(`${https}/sw.js`);
  await context.close();
});

test('the organiser sees how tablets reach the laptop', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${https}/organiser`);
  await fillSignIn(page);
  await page.getByRole('link', { name: 'Tablets in this hall' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tablets in this hall' })).toBeVisible();
  await expect(
    page.getByRole('img', {
      name: 'QR code: the page that shows a tablet how to trust this laptop',
    }),
  ).toBeVisible();
  await expect(page.getByText(`${trust}/hall`)).toBeVisible();
  await expect(page.getByText(`${https}/`, { exact: true })).toBeVisible();
  const fingerprint = /fingerprint \(SHA-256\): ([0-9A-F:]+)/.exec(server.output())?.[1] ?? '';
  await expect(
    page
      .locator('code[dir="ltr"]')
      .filter({ hasText: fingerprint.split(':').slice(0, 8).join(' ') }),
  ).toBeVisible();
  await expectNoAxeViolations(page, 'Tablets in this hall');
  await shot(page, 'organiser-hall-tablet');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'organiser-hall-phone');
  await page.getByLabel('Language').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expectNoAxeViolations(page, 'Tablets in this hall, in Arabic');
  await shot(page, 'organiser-hall-phone-ar');
  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, 'organiser-hall-tablet-ar');
  await context.close();
});

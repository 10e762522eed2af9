/**
 * Accounts against the real server (issue 11): the first organiser invites a desk coordinator; in
 * a browser of their own, the coordinator opens the link, chooses a password, is signed in and is
 * offered only their screens; a reload keeps the session (the HttpOnly cookie), and "Sign out
 * everywhere" ends the organiser's other browser too. axe finds nothing on the new screens. With
 * ACCOUNTS_SHOTS=<folder> it also saves screenshots (tablet, phone, Arabic) there.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { fillSignIn, ORGANISER_NAME } from './support/organiser.ts';
import { ORGANISER_PASSWORD } from './support/server.ts';

const SHOTS = process.env['ACCOUNTS_SHOTS'] ?? null;

/** Screenshots at tablet and phone size, and in Arabic at tablet size; then back as it was. */
async function shots(page: Page, name: string) {
  if (SHOTS === null) return;
  mkdirSync(SHOTS, { recursive: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${SHOTS}/${name}-tablet.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/${name}-phone.png`, fullPage: true });
  const picker = page.getByRole('combobox', { name: 'Language', exact: true });
  if ((await picker.count()) === 1) {
    await picker.selectOption('ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: `${SHOTS}/${name}-ar-tablet.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/${name}-ar-phone.png`, fullPage: true });
    await page.getByRole('combobox', { name: 'اللغة', exact: true }).selectOption('en-GB');
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  }
  if (size !== null) await page.setViewportSize(size);
}

const COORDINATOR = 'Dee Desk';
const COORDINATOR_PASSWORD = 'a long tram ride to the hall';

test('an organiser invites a desk coordinator, who signs in with only their screens', async ({
  browser,
  server,
}) => {
  // Screenshots in three forms of four screens take longer than the test itself.
  if (SHOTS !== null) test.setTimeout(180_000);
  // The organiser, signed in in two browsers: the office laptop through the form, and a phone
  // whose cookie comes from signing in over HTTP (which also shows that a page load finds it).
  const office = await (await browser.newContext({ baseURL: server.url })).newPage();
  await office.goto('/organiser');
  await expect(
    office.getByRole('heading', { level: 1, name: 'Sign in to organise' }),
  ).toBeVisible();
  await fillSignIn(office);
  await expect(office.getByRole('heading', { level: 1, name: 'Events' })).toBeVisible();
  const phone = await (await browser.newContext({ baseURL: server.url })).newPage();
  const login = await phone.request.post('/api/v1/organiser/login', {
    data: { name: ORGANISER_NAME, password: ORGANISER_PASSWORD },
    headers: { Origin: server.url },
  });
  expect(login.status()).toBe(200);
  await phone.goto('/organiser');
  await expect(phone.getByRole('heading', { level: 1, name: 'Events' })).toBeVisible();
  await expect(office.getByText('Signed in as \u2068organiser\u2069 (Organiser)')).toBeVisible();

  await office.getByRole('link', { name: 'Accounts', exact: true }).click();
  await expect(office.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible();
  await office.getByLabel('Their name (as they will sign in)').fill(COORDINATOR);
  await office.getByRole('radio', { name: 'Desk coordinator', exact: true }).check();
  await office.getByRole('button', { name: 'Make an invite link', exact: true }).click();
  const linkField = office.getByLabel('The link', { exact: true });
  await expect(linkField).toHaveValue(new RegExp(`^${server.url}/organiser/invite#.{40,}$`));
  const link = await linkField.inputValue();
  await expect(office.getByRole('region', { name: COORDINATOR })).toContainText(
    'Desk coordinator · invited, no password chosen yet',
  );
  await expectNoAxeViolations(office, 'accounts with a new invite link');
  await shots(office, 'accounts');

  // The coordinator, in a browser of their own.
  const desk = await (await browser.newContext({ baseURL: server.url })).newPage();
  await desk.goto(link);
  await expect(desk.getByRole('heading', { level: 1, name: 'Choose your password' })).toBeVisible();
  await expect(
    desk.getByText(`This invite is for ${COORDINATOR}, as Desk coordinator.`),
  ).toBeVisible();
  await desk.getByLabel('New password', { exact: true }).fill('password');
  await desk.getByLabel('Type it again', { exact: true }).fill('password');
  await desk.getByRole('button', { name: 'Save password and sign in', exact: true }).click();
  await expect(desk.getByRole('alert')).toContainText('too short');
  await expectNoAxeViolations(desk, 'invite with a refused password');
  await shots(desk, 'invite');
  await desk.getByLabel('New password', { exact: true }).fill(COORDINATOR_PASSWORD);
  await desk.getByLabel('Type it again', { exact: true }).fill(COORDINATOR_PASSWORD);
  await desk.getByRole('button', { name: 'Save password and sign in', exact: true }).click();
  await expect(desk.getByRole('heading', { level: 1, name: 'Events' })).toBeVisible();
  await expect(
    desk.getByText(`Signed in as \u2068${COORDINATOR}\u2069 (Desk coordinator)`),
  ).toBeVisible();
  expect(new URL(desk.url()).hash).toBe('');
  await expect(desk.getByRole('link', { name: 'Accounts', exact: true })).toHaveCount(0);
  await expect(desk.getByRole('link', { name: 'New event', exact: true })).toHaveCount(0);

  await desk.getByRole('link', { name: DEMO_EVENT.name, exact: true }).click();
  await expect(desk.getByRole('heading', { level: 1, name: 'Stations' })).toBeVisible();
  const nav = desk.getByRole('navigation', { name: 'This event' });
  await expect(nav.getByRole('link')).toHaveText([
    'All events',
    'Stations',
    'Voting codes',
    'Register',
    'Import a station file',
  ]);
  await expect(desk.getByRole('heading', { name: 'Rejected ballots' })).toHaveCount(0);
  await shots(desk, 'header-desk');

  // A reload keeps the session; a typed address of another role's screen says so.
  await desk.reload();
  await expect(desk.getByRole('heading', { level: 1, name: 'Stations' })).toBeVisible();
  await desk.goto(`/organiser/events/${DEMO_EVENT.id}/setup`);
  await expect(
    desk.getByRole('heading', { level: 1, name: 'Your role cannot open this page' }),
  ).toBeVisible();

  // Sign out everywhere from the office: the phone's session ends too (its next request).
  await office.getByRole('button', { name: 'Sign out everywhere', exact: true }).click();
  await expect(
    office.getByRole('heading', { level: 1, name: 'Sign in to organise' }),
  ).toBeVisible();
  await expectNoAxeViolations(office, 'sign-in');
  await office.getByLabel('Your name', { exact: true }).fill('organiser');
  await office.getByLabel('Password', { exact: true }).fill('not the password');
  await office.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(office.getByRole('alert')).toContainText('That name and password do not match');
  await shots(office, 'sign-in');
  await phone.reload();
  await expect(phone.getByRole('heading', { level: 1, name: 'Sign in to organise' })).toBeVisible();
  // The coordinator's own session is untouched.
  await desk.reload();
  await expect(
    desk.getByRole('heading', { level: 1, name: 'Your role cannot open this page' }),
  ).toBeVisible();
  for (const page of [office, phone, desk]) await page.context().close();
});

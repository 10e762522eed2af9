/**
 * The organiser's activity log against the real server: a wrong password, a sign-in and closing
 * the event are listed, newest first, with who and which event; axe finds nothing. With
 * ACTIVITY_SHOTS=1 it also saves screenshots (tablet, phone, Arabic) to /tmp/dd/shots/activity/.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { call, organiserToken } from '../server/support/tally-server.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';

const SHOTS = process.env['ACTIVITY_SHOTS'] === undefined ? null : '/tmp/dd/shots/activity';

async function shot(page: Page, name: string) {
  if (SHOTS === null) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

test('the activity log lists sign-ins and changes, newest first', async ({
  organiser: page,
  server,
}) => {
  expect(
    (
      await call(server, '/api/v1/organiser/login', {
        body: { name: 'organiser', password: 'nope, not it' },
      })
    ).status,
  ).toBe(401);
  const token = await organiserToken(server);
  const detail = await call<{ version: number }>(server, `/api/v1/events/${DEMO_EVENT.id}`, {
    token,
  });
  const closed = await call(server, `/api/v1/events/${DEMO_EVENT.id}/state`, {
    token,
    body: { version: detail.body.version, to: 'closed' },
  });
  expect(closed.status).toBe(200);

  await page.getByRole('link', { name: 'Activity', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Activity log' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Organiser actions, newest first' });
  const rows = table.getByRole('row');
  // The header, then: closed, the API sign-in, the wrong password, the browser's own sign-in.
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(1)).toContainText('Moved the event to another stage');
  await expect(rows.nth(1)).toContainText(DEMO_EVENT.name);
  await expect(rows.nth(1)).toContainText('To: Voting closed');
  await expect(rows.nth(3)).toContainText('Sign-in refused (wrong password)');
  await expect(rows.nth(4)).toContainText('Signed in');
  await expectNoAxeViolations(page, 'activity log');
  await shot(page, 'tablet');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'phone');
  if (SHOTS !== null) {
    await page.locator('header select').selectOption('ar');
    await expect(page.getByRole('heading', { level: 1, name: 'سجل النشاط' })).toBeVisible();
    await shot(page, 'phone-ar');
    await page.setViewportSize({ width: 1280, height: 800 });
    await shot(page, 'tablet-ar');
  }
});

/**
 * Withdrawing a bid after voting, in the browser: the organiser withdraws the winning bid on the
 * Results screen with a reason, confirms, and the results (counted again from the server's tally
 * file) fund it nowhere and say "Withdrawn after voting: <bid> — <reason>"; axe finds nothing.
 * Screenshots (tablet, phone, Arabic) go to /tmp/dd/shots/withdraw/ with WITHDRAW_SHOTS=1.
 */
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { push } from '../server/support/tally-server.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { openEventScreen } from './support/organiser.ts';

const SHOTS = process.env['WITHDRAW_SHOTS'] === undefined ? null : '/tmp/dd/shots/withdraw';
const TABLET = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const title = (bidId: string) => DEMO_EVENT.bids.find((b) => b.id === bidId)?.title ?? bidId;

async function shot(page: Page, name: string, size = TABLET, fullPage = true) {
  if (SHOTS === null) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize(size);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}

test('withdraw the winning bid after voting: recounted without it, the reason shown', async ({
  organiser: page,
  server,
}) => {
  const station = await server.joinAsStation('Hall');
  const picks = [['gala-day', 'walking-group'], ['gala-day'], ['cooking-club'], ['gala-day']];
  const ballots = picks.map((bids) => ({
    id: randomUUID(),
    eventId: DEMO_EVENT.id,
    stationId: station.stationId,
    castHour: '2026-06-13T14:00Z',
    choice: { kind: 'approval', bids },
  }));
  expect((await push(server, station, ballots, ballots.length)).status).toBe(200);

  await page.setViewportSize(TABLET);
  await openEventScreen(page, 'Results');
  // The organiser signed in before the ballots arrived: count them.
  await page.getByRole('button', { name: 'Refresh results', exact: true }).click();
  await expect(page.getByText('4 ballots counted.')).toBeVisible();
  const gala = title('gala-day');
  const mainPot = page.getByRole('table', { name: 'Bids funded from Community fund' });
  await expect(mainPot.getByRole('row', { name: new RegExp(gala) })).toContainText('Funded');

  const section = page.getByRole('region', { name: 'Withdraw a bid' });
  await section.getByLabel('Bid', { exact: true }).selectOption({ label: gala });
  await section
    .getByLabel('Reason (shown with the results)')
    .fill('The organisers found it is a private event, not open to all');
  await section.scrollIntoViewIfNeeded();
  await shot(page, 'withdraw-form-tablet', TABLET, false);
  await section.getByRole('button', { name: 'Withdraw the bid…', exact: true }).click();
  const dialog = page.getByRole('alertdialog', { name: `Withdraw “${gala}”?` });
  await expect(dialog).toContainText('This cannot be undone.');
  await shot(page, 'withdraw-confirm-tablet', TABLET, false);
  await dialog.getByRole('button', { name: 'Withdraw it', exact: true }).click();

  const line = `Withdrawn after voting: ${gala} — The organisers found it is a private event, not open to all`;
  await expect(page.getByText(line)).toBeVisible();
  await expect(section.getByRole('status')).toContainText(`“${gala}” is withdrawn.`);
  // Funded by neither rule now: the pot's table of funded bids no longer lists it.
  await expect(mainPot.getByRole('row', { name: new RegExp(gala) })).toHaveCount(0);
  await expect(section.getByLabel('Bid', { exact: true }).locator('option')).not.toContainText([
    gala,
  ]);
  // The server's own file holds the withdrawal record.
  expect(await server.readTallyFile()).toContain('"type":"withdrawal"');
  await expectNoAxeViolations(page, 'results after a withdrawal');
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'results-withdrawn-tablet');
  await page.setViewportSize(PHONE);
  await page.getByTestId('withdrawals').scrollIntoViewIfNeeded();
  await shot(page, 'results-withdrawn-phone', PHONE, false);

  // Arabic, right to left: the same screen in the organiser's other language.
  await page.setViewportSize(PHONE);
  await page.getByLabel('Language').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByText(/سُحب بعد التصويت/)).toBeVisible();
  await page.getByTestId('withdrawals').scrollIntoViewIfNeeded();
  await shot(page, 'results-withdrawn-phone-ar', PHONE, false);
  await page.getByRole('region', { name: 'سحب مقترح' }).scrollIntoViewIfNeeded();
  await expect(page.getByText(/أُعيد حساب النتائج من دونه/)).toBeVisible();
  await shot(page, 'withdraw-form-phone-ar', PHONE, false);
});

/**
 * Voting codes with no network (issue 9): the organiser makes a batch of cards for an open event
 * with codes on; two stations join, lose the network, and both accept the SAME code and cast;
 * back online both sync by themselves, and the organiser sees one counted ballot and one kept
 * apart. axe checks the voter's code screen and the organiser's Voting codes screen.
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
import { joinFromWelcome, waitingIds } from './support/sync.ts';

const EVENT: EventDefinition = {
  ...DEMO_EVENT,
  id: 'codes-day-2026',
  name: 'Codes day',
  translations: {},
  checkIn: { codes: true },
};

/** Screenshots for people to look at, only when asked (CODES_SHOTS=dir). */
const SHOTS = process.env['CODES_SHOTS'];
async function shot(page: Page, name: string) {
  if (SHOTS === undefined) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function voteWithCode(page: Page, code: string, title: string, checkAxe = false) {
  await page.getByRole('button', { name: 'Start voting' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your voting code' })).toBeVisible();
  if (checkAxe) {
    // A look-alike first: told which characters to check, nothing started.
    await page.getByLabel('Voting code').fill(code.replace(/[A-Z]/, 'O'));
    await page.getByRole('button', { name: 'Check my code' }).click();
    await expect(page.getByRole('alert')).toContainText('Codes never use O');
    await expectNoAxeViolations(page, 'voting code screen with a problem');
    await shot(page, 'code-screen-1280');
  }
  await page.getByLabel('Voting code').fill(code.toLowerCase().replace(/-/g, ''));
  await page.getByRole('button', { name: 'Check my code' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'The projects' })).toBeVisible();
  await page.getByRole('button', { name: 'Next: choose projects' }).click();
  await page.getByRole('checkbox', { name: title }).check();
  await page.getByRole('button', { name: 'Next: check your choices' }).click();
  await page.getByRole('button', { name: 'Cast my vote' }).click();
  await expect(page.getByRole('heading', { level: 1, name: THANK_YOU })).toBeVisible();
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(page.getByRole('heading', { level: 1, name: EVENT.name })).toBeVisible();
}

test('two offline stations accept the same code; after sync one counts, one is kept apart', async ({
  server,
  newStation,
  organiser,
}) => {
  // Two stations, a sync each, a void and the organiser's screens: it ran out of 120 s on a busy
  // CI machine.
  test.setTimeout(240_000);
  // An open event with voting codes on.
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

  // The organiser makes three cards on the Voting codes screen and reads the first.
  await goWithin(organiser, `/organiser/events/${EVENT.id}/codes`);
  await expect(organiser.getByRole('heading', { level: 1, name: 'Voting codes' })).toBeVisible();
  await organiser.getByLabel('How many cards').fill('3');
  await organiser.getByLabel(/^Label/).fill('Hall');
  await organiser.getByRole('button', { name: 'Make the codes' }).click();
  await expect(organiser.getByRole('status').filter({ hasText: '3 codes made' })).toBeVisible();
  await organiser.getByRole('button', { name: 'Show the cards Hall' }).click();
  const cards = organiser.getByRole('list', { name: 'Voting cards' }).getByRole('listitem');
  await expect(cards).toHaveCount(3);
  await expect(cards.first().getByRole('img')).toBeVisible();
  const code = (await cards.first().locator('p[dir="ltr"]').textContent()) ?? '';
  expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await expectNoAxeViolations(organiser, 'voting codes screen with cards');
  await shot(organiser, 'codes-screen-cards-1280');

  // Two stations join (and take the codes' tags with them), then lose the network.
  const hall = await newStation('Church hall');
  const library = await newStation('Library');
  await joinFromWelcome(hall.page, created.body.joinCode);
  await joinFromWelcome(library.page, created.body.joinCode);
  await hall.context.setOffline(true);
  await library.context.setOffline(true);

  // Both accept the same card, with no network: neither can know of the other.
  await voteWithCode(hall.page, code, 'Youth cooking club', true);
  await voteWithCode(library.page, code, 'Health walks for all ages');
  // On the same tablet, the card is now refused at once.
  await hall.page.getByRole('button', { name: 'Start voting' }).click();
  await hall.page.getByLabel('Voting code').fill(code);
  await hall.page.getByRole('button', { name: 'Check my code' }).click();
  await expect(hall.page.getByRole('alert')).toContainText('already been used');
  await hall.page.getByRole('button', { name: 'Back' }).click();

  // Back online: both send their ballot by themselves.
  await hall.context.setOffline(false);
  await library.context.setOffline(false);
  await expect.poll(() => waitingIds(hall.page), { timeout: 30_000 }).toEqual([]);
  await expect.poll(() => waitingIds(library.page), { timeout: 30_000 }).toEqual([]);

  // One ballot counts; the other is kept apart for the organiser's decision.
  const tally = await call<string>(server, `/api/v1/events/${EVENT.id}/tally-file`, { token });
  expect(tally.text.split('\n').filter((l) => l.includes('"type":"ballot"'))).toHaveLength(1);
  await goWithin(organiser, `/organiser/events/${EVENT.id}/stations`);
  await goWithin(organiser, `/organiser/events/${EVENT.id}/codes`);
  await expect(organiser.getByRole('heading', { level: 1, name: 'Voting codes' })).toBeVisible();
  const batches = organiser.getByRole('table', { name: /Batches of cards/ });
  await expect(batches.getByRole('row', { name: /Hall/ })).toContainText(/3\s*1\s*0\s*1/);
  await expect(organiser.getByText('1 ballot was kept apart')).toBeVisible();
  const kept = organiser.getByRole('table', { name: /kept apart because their code/ });
  await expect(kept.getByRole('row')).toHaveCount(2);
  await expectNoAxeViolations(organiser, 'voting codes screen with a code used twice');
  await kept.getByRole('button', { name: /Keep apart/ }).click();
  await expect(kept).toContainText('Kept apart (decided by organiser');
  await shot(organiser, 'codes-screen-duplicate-1280');

  // The organiser changes their mind: count the later ballot instead (the first is voided).
  await kept.getByRole('button', { name: /Count this one instead/ }).click();
  const dialog = organiser.getByRole('alertdialog', {
    name: 'Count this ballot instead of the first?',
  });
  await expectNoAxeViolations(organiser, 'count this one instead dialog');
  await dialog.getByRole('button', { name: 'Yes, void the first and count this one' }).click();
  await expect(kept).toContainText('Counted instead of the first');
  const after = await call<string>(server, `/api/v1/events/${EVENT.id}/tally-file`, { token });
  const lines = after.text.split('\n');
  expect(lines.filter((l) => l.includes('"type":"ballot"'))).toHaveLength(2);
  expect(lines.filter((l) => l.includes('"type":"void"'))).toHaveLength(1);

  if (SHOTS !== undefined) {
    // Phone and Arabic pictures of both screens, for people to look at.
    await organiser.setViewportSize({ width: 390, height: 844 });
    await shot(organiser, 'codes-screen-390');
    await organiser.getByLabel('Language').selectOption('ar');
    await organiser.setViewportSize({ width: 1280, height: 800 });
    await shot(organiser, 'codes-screen-ar-1280');
    await hall.page.setViewportSize({ width: 390, height: 844 });
    await hall.page.getByRole('button', { name: 'Start voting' }).click();
    await hall.page.getByLabel('Voting code').fill('KFQ7-M4TX-9CJ');
    await hall.page.getByRole('button', { name: 'Check my code' }).click();
    await expect(hall.page.getByRole('alert')).toBeVisible();
    await shot(hall.page, 'code-screen-390');
    await hall.page.getByRole('button', { name: 'Back' }).click();
    await hall.page.setViewportSize({ width: 1280, height: 800 });
    await hall.page.getByRole('button', { name: 'العربية', exact: true }).click();
    await hall.page.getByRole('button', { name: /./ }).filter({ hasText: 'ابدأ' }).first().click();
    await expect(hall.page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(
      hall.page.getByRole('heading', { level: 1, name: 'رمز التصويت الخاص بك' }),
    ).toBeVisible();
    await expectNoAxeViolations(hall.page, 'voting code screen in Arabic');
    await shot(hall.page, 'code-screen-ar-1280');
  }
});

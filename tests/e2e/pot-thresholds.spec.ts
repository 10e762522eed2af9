/**
 * A pot's own threshold in the browser: the field beside the pot on Pots and rules (draft), and on
 * Results the bid that threshold left out, listed beside its pot with why, while the next pot funds
 * it. axe on both screens; screenshots for a person to look at go to E2E_SHOTS/pot-thresholds/
 * when asked (tablet and phone in English, tablet in Arabic).
 */
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { JoinResponse } from '../../src/core/protocol.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { call, organiserToken, push } from '../server/support/tally-server.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { askedShotsDir } from './support/shots.ts';
import { expect, test } from './support/fixtures.ts';
import { goWithin, showResultsFor } from './support/organiser.ts';

const SHOTS = askedShotsDir('pot-thresholds');
const SIZES = [
  { width: 1180, height: 820 },
  { width: 390, height: 844 },
] as const;

const EVENT: EventDefinition = {
  ...DEMO_EVENT,
  id: 'pot-threshold-day',
  name: 'Pot threshold day',
  pots: DEMO_EVENT.pots.map((p) =>
    p.id === 'health' ? { ...p, thresholds: { minSupportShare: 0.1 } } : p,
  ),
};

async function check(
  page: Page,
  name: string,
  sizes: readonly { width: number; height: number }[],
) {
  for (const size of sizes) {
    await page.setViewportSize(size);
    await expectNoAxeViolations(page, `${name} ${size.width}x${size.height}`);
    if (SHOTS === undefined) continue;
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({
      path: `${SHOTS}/${name}-${size.width}x${size.height}.png`,
      fullPage: true,
    });
  }
  await page.setViewportSize(SIZES[0]);
}

test('a pot’s own threshold: set beside the pot, and its exclusion explained beside it on Results', async ({
  organiser: page,
  server,
}) => {
  test.slow();
  const token = await organiserToken(server);
  const created = await call(server, '/api/v1/events', {
    token,
    body: { from: 'definition', definition: EVENT },
  });
  expect(created.status, created.text).toBe(201);

  // ── Pots and rules, still a draft: the health pot's own 10%.
  await goWithin(page, `/organiser/events/${EVENT.id}/pots`);
  const health = page.getByRole('group', { name: /^Pot 1:/ });
  const field = health.getByRole('spinbutton', {
    name: 'At least this share of voters, for this pot (percent, optional)',
  });
  await expect(field).toHaveValue('10');
  await check(page, 'pots-en-GB', SIZES);

  // ── Open voting; 19 ballots choose the gala day, 1 the health walks.
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
  const joined = await call<JoinResponse>(server, '/api/v1/stations/join', {
    body: { joinCode: event?.joinCode, stationName: 'Hall' },
  });
  expect(joined.status, joined.text).toBe(201);
  const ballots = Array.from({ length: 20 }, (_, i) => ({
    id: randomUUID(),
    eventId: EVENT.id,
    stationId: joined.body.stationId,
    castHour: '2026-06-13T14:00Z',
    choice: { kind: 'approval', bids: [i === 0 ? 'walking-group' : 'gala-day'] },
  }));
  const reply = await push(server, joined.body, ballots, 20, EVENT.id);
  expect(reply.status, reply.text).toBe(200);

  await goWithin(page, `/organiser/events/${EVENT.id}/stations`);
  await showResultsFor(page, 20);
  const pot = page.getByRole('region', { name: 'Health and wellbeing pot', exact: true });
  await expect(
    pot.getByRole('list', { name: 'Left out by this pot’s own threshold' }).getByRole('listitem'),
  ).toHaveText([
    'Health walks for all ages — Supported on 1 of 20 ballots, below the 10% threshold.',
  ]);
  await pot.scrollIntoViewIfNeeded();
  await check(page, 'results-en-GB', SIZES);

  // ── The same in Arabic, right to left.
  await page.locator('header select').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await check(page, 'results-ar', [SIZES[0]]);
  await goWithin(page, `/organiser/events/${EVENT.id}/pots`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await check(page, 'pots-ar', [SIZES[0]]);
});

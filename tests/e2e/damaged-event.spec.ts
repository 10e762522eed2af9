/**
 * A damaged event (issue 11, fault 10): a middle line of its tally file is edited while the
 * server is down. On restart the event is not opened; its station says the event is unavailable
 * (not "join again") and keeps its ballots, and the organiser's events list says which event and
 * which line. Screenshots go to E2E_SHOTS/damaged-event/ for a person to look at, when asked.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { demoBallots, push } from '../server/support/tally-server.ts';
import { expect, test } from './support/fixtures.ts';
import { askedShotsDir } from './support/shots.ts';
import { ORGANISER_PASSWORD } from './support/server.ts';
import { expectWelcome, unlockVolunteerArea } from './support/station.ts';
import { joinFromWelcome, syncSection } from './support/sync.ts';

const SHOTS = askedShotsDir('damaged-event');

async function shoot(page: Page, name: string) {
  if (SHOTS === undefined) return;
  for (const [label, size] of [
    ['tablet', { width: 1280, height: 800 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SHOTS}/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('a damaged event: the station is told it is unavailable, the organiser which line', async ({
  server,
  newStation,
  browser,
}) => {
  test.slow();
  const { page } = await newStation('Community centre');
  await joinFromWelcome(page, server.joinCode);
  // Ballots from another table, in three batches, so the file has a middle to damage.
  const library = await server.joinAsStation('Library');
  for (let i = 0; i < 3; i += 1) {
    const reply = await push(server, library, demoBallots(library.stationId, 5, i * 5), 5 + i * 5);
    expect(reply.status, reply.text).toBe(200);
  }
  await server.kill();
  const lines = readFileSync(server.tallyFilePath, 'utf8').split('\n');
  const ballotLines = lines.flatMap((l, i) => (l.includes('"choice"') ? [i] : []));
  const edited = ballotLines[Math.floor(ballotLines.length / 2)] ?? 0;
  lines[edited] = (lines[edited] ?? '').replace(
    '"castHour":"2026-06-13T14:00Z"',
    '"castHour":"2026-06-13T15:00Z"',
  );
  writeFileSync(server.tallyFilePath, lines.join('\n'));
  await server.restart();

  // The station: "unavailable, tell the organiser", no "join again".
  await expectWelcome(page);
  await unlockVolunteerArea(page);
  const sync = syncSection(page);
  await sync.getByRole('button', { name: 'Sync now', exact: true }).click();
  await expect(sync).toContainText('cannot take ballots for this event just now');
  await expect(sync).not.toContainText('Join the event again');
  await sync.scrollIntoViewIfNeeded();
  await shoot(page, 'station-event-unavailable');

  // The organiser: the events list names the event and the damaged line.
  const organiser = await browser.newPage({ baseURL: server.url });
  await organiser.goto(`${server.url}/organiser`);
  await organiser.getByLabel('Your name', { exact: true }).fill('organiser');
  await organiser.getByLabel('Password', { exact: true }).fill(ORGANISER_PASSWORD);
  await organiser.getByRole('button', { name: 'Sign in' }).click();
  const section = organiser.getByRole('region', { name: 'Events that cannot be opened' });
  await expect(section.getByRole('heading', { name: DEMO_EVENT.name })).toBeVisible();
  await expect(section).toContainText(`Line ${edited + 1} does not fit the chain of hashes`);
  await expect(organiser.getByRole('heading', { name: 'No events yet' })).toHaveCount(0);
  await shoot(organiser, 'organiser-events-unavailable');
  await organiser.locator('header select').selectOption('ar');
  await expect(organiser.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(organiser.getByRole('heading', { name: 'فعاليات لا يمكن فتحها' })).toBeVisible();
  await shoot(organiser, 'organiser-events-unavailable-ar');
});

/**
 * A courier station (issue 13) in real Chromium with its fake camera: station A, offline, hands
 * its ballots to the lead volunteer's station B by camera (a y4m video of A's transfer frames, a
 * quarter dropped: support/y4m.ts); B keeps them whole, apart from its own, and its next sync
 * delivers them to the tally server (POST /stations/carried), after which they leave B. The tally
 * holds A's ballots once; the same station shown again adds nothing. Axe on the new screens.
 * Pictures (tablet, phone, Arabic) to COURIER_SHOTS=dir when asked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { writeTallyFile } from '../../src/core/tally-file/index.ts';
import { createSender } from '../../src/sync/transfer/index.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { browserFilming } from './support/camera.ts';
import { expect, test } from './support/fixtures.ts';
import { readStore } from './support/indexeddb.ts';
import { nameStation, STATION_PIN, unlockVolunteerArea } from './support/station.ts';
import { joinFromWelcome, openStation } from './support/sync.ts';
import { chooseLanguage } from './support/voter.ts';
import { writeQrVideo } from './support/y4m.ts';
import { framesOnScreen, VIDEO_FRAMES } from './support/moving-code.ts';
import { shotsAt } from './support/shots.ts';
import { demoBallots } from '../server/support/tally-server.ts';

const SHOTS = process.env['COURIER_SHOTS'];
const work = mkdtempSync(join(tmpdir(), 'dd-courier-'));
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

const shot = (page: Page, name: string) => shotsAt(SHOTS, page, name);

/** Station A's ballots, as its tally file, and a video of its moving code. */
async function stationA(count: number) {
  const ballots = demoBallots('st-station-a', count);
  const text = writeTallyFile(DEMO_EVENT, ballots);
  const sender = await createSender({
    kind: 'ballots',
    eventId: DEMO_EVENT.id,
    text,
    ballots: count,
  });
  const video = join(work, 'station-a.y4m');
  // The video loops: enough frames on their own to finish, with a quarter lost.
  const frames = Math.max(VIDEO_FRAMES, Math.ceil(sender.parts * 2.2));
  writeQrVideo(
    video,
    { width: 416, height: 416, fps: 20 },
    {
      streams: [() => sender.nextFrame()],
      count: frames,
      drop: 0.25,
      seed: 7,
    },
  );
  return { ids: ballots.map((b) => b.id).sort(), video };
}

/** Carried files still on the tablet (a delivered one keeps only its id, to be recognised). */
const carried = async (page: Page) =>
  ((await readStore(page, 'carried')) as { state: string }[]).filter((r) => r.state !== 'delivered')
    .length;

test('a courier station carries another station’s ballots to the tally, once', async ({
  server,
}) => {
  test.setTimeout(300_000);
  const a = await stationA(30);
  const browser = await browserFilming(a.video);
  try {
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1280, height: 800 },
    });
    const { page } = await openStation(context, 'Lead volunteer');
    await joinFromWelcome(page, server.joinCode);
    // No network while the ballots come by camera: they wait on B.
    await context.setOffline(true);
    await unlockVolunteerArea(page);
    const section = page.getByRole('region', { name: 'Ballots from other stations' });
    await expect(section).toBeVisible();
    await section.getByRole('button', { name: 'Receive ballots from another station' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Receive ballots from another station' }),
    ).toBeVisible();
    await expect(
      page.getByText('Ballots received: 30. This tablet will pass them on.'),
    ).toBeVisible({ timeout: 60_000 });
    expect(await carried(page)).toBe(1);
    expect(await readStore(page, 'ballots')).toEqual([]);
    await expectNoAxeViolations(page, 'courier receive');
    await shot(page, 'courier-receive');

    await page.getByRole('button', { name: 'Back to the volunteer area' }).click();
    await expect(section.getByTestId('carried-summary')).toHaveText(
      'Ballots carried for other stations: 30. Times received: 1.',
    );
    await expectNoAxeViolations(page, 'volunteer area with carried ballots');
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'courier-section');
    expect(await server.ballotIdsOnDisk()).toEqual([]);

    // Back online: the next sync delivers the carried file, which then leaves the tablet.
    await context.setOffline(false);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => carried(page), { timeout: 30_000 }).toBe(0);
    expect((await server.ballotIdsOnDisk()).sort()).toEqual(a.ids);

    // The same station shown again: nothing new, here or on the server.
    await section.getByRole('button', { name: 'Receive ballots from another station' }).click();
    await expect(
      page.getByText('Already passed on to the central tally: nothing new was added.'),
    ).toBeVisible({
      timeout: 60_000,
    });
    await page.getByRole('button', { name: 'Back to the volunteer area' }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => carried(page), { timeout: 30_000 }).toBe(0);
    expect((await server.ballotIdsOnDisk()).sort()).toEqual(a.ids);

    if (SHOTS !== undefined) {
      // Arabic, right to left: the welcome screen's language, then the volunteer area.
      await page.getByRole('button', { name: 'Lock and go back to voting' }).click();
      await chooseLanguage(page, 'العربية', 'ar');
      await page.getByRole('button', { name: 'متطوع' }).click();
      await page.getByRole('dialog').locator('input').fill(STATION_PIN);
      await page.keyboard.press('Enter');
      const arabic = page.getByRole('region', { name: 'أصوات من محطات أخرى' });
      await arabic.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/courier-section-ar.png`, fullPage: false });
      await arabic.getByRole('button', { name: 'استلام أصوات من محطة أخرى' }).click();
      await expect(page.getByRole('progressbar')).toBeVisible({ timeout: 30_000 });
      await page.screenshot({ path: `${SHOTS}/courier-receive-ar.png`, fullPage: true });
    }
  } finally {
    await browser.close();
  }
});

test('a new station loads the event from the organiser’s moving code', async ({
  server,
  organiser,
}) => {
  test.setTimeout(300_000);
  const section = organiser.getByRole('region', { name: 'The event by camera (small events)' });
  await section.getByRole('button', { name: 'Show the event as a moving code' }).click();
  await expect(section.getByRole('img', { name: /^Moving code of the event / })).toBeVisible();
  await expectNoAxeViolations(organiser, 'organiser event moving code');
  await section.scrollIntoViewIfNeeded();
  await shot(organiser, 'organiser-event-code');
  const frames = await framesOnScreen(organiser, VIDEO_FRAMES);
  const video = join(work, 'event.y4m');
  let i = 0;
  writeQrVideo(
    video,
    { width: 416, height: 416, fps: 20 },
    {
      streams: [() => frames[i++ % frames.length] ?? ''],
      count: frames.length,
      drop: 0.25,
      seed: 11,
    },
  );

  const browser = await browserFilming(video);
  try {
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    await page.goto('/');
    // Once named and given a PIN, the set-up screen offers ways to get the event onto it.
    await nameStation(page, 'Side room');
    await page.getByRole('button', { name: 'Scan the event from the organiser’s screen' }).click();
    await expect(page.getByRole('progressbar')).toBeVisible({ timeout: 30_000 });
    await expectNoAxeViolations(page, 'station scanning the event');
    await shot(page, 'station-event-scan');
    await expect(
      page.getByText(
        new RegExp(`^Loaded ${DEMO_EVENT.name.replace(/[()]/g, '\\$&')}\\. Its fingerprint is`),
      ),
    ).toBeVisible({
      timeout: 60_000,
    });
  } finally {
    await browser.close();
  }
});

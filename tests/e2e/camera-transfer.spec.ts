/**
 * Ballots by camera (issue 13) in real Chromium with its fake camera: the organiser's browser
 * films a y4m video the test writes (support/y4m.ts) of a station's animated QR frames — a quarter
 * of them dropped at random, each kept one held for 2–3 video frames. The frames are made by the
 * transfer sender (src/sync/transfer) from the station's own exported tally file. Checked: the
 * organiser imports exactly the station's ballots (the server's tally file), a second pass adds
 * nothing, another event's code is refused, two stations side by side are both imported; axe on
 * the receive screen. Figures: seconds for 1,000 ballots through the fake camera, and ballots/s
 * (printed). Pictures (tablet, phone, Arabic) when asked: CAMERA_SHOTS=dir.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { Ballot, EventDefinition } from '../../src/core/schema.ts';
import { writeTallyFile } from '../../src/core/tally-file/index.ts';
import { createSender } from '../../src/sync/transfer/index.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { CHROMIUM_ARGS, LAUNCH_OPTIONS } from './support/chromium.ts';
import { expect, test } from './support/fixtures.ts';
import { openEventScreen, signIn } from './support/organiser.ts';
import { castBallot, unlockVolunteerArea } from './support/station.ts';
import { ballotIdsOnStation, joinFromWelcome, syncSection } from './support/sync.ts';
import { writeQrVideo, type VideoSize } from './support/y4m.ts';

/** One code: 93 modules (a 500-byte fragment) at 4 pixels each, with its quiet zone. */
const ONE = { width: 416, height: 416, fps: 20 } satisfies VideoSize;
/** Two stations' screens side by side. */
const TWO = { width: 832, height: 416, fps: 20 } satisfies VideoSize;

const SHOTS = process.env['CAMERA_SHOTS'];
const work = mkdtempSync(join(tmpdir(), 'dd-camera-'));
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Station {
  eventId: string;
  text: string;
  ballots: number;
}

/** Frames for a video: enough passes that 25 % lost still leaves the fountain plenty. */
async function videoOf(name: string, size: VideoSize, stations: Station[]): Promise<string> {
  const senders = await Promise.all(
    stations.map((s) =>
      createSender({ kind: 'ballots', eventId: s.eventId, text: s.text, ballots: s.ballots }),
    ),
  );
  const parts = Math.max(...senders.map((s) => s.parts));
  const path = join(work, `${name}.y4m`);
  writeQrVideo(path, size, {
    streams: senders.map((s) => () => s.nextFrame()),
    count: Math.max(12, Math.ceil(parts * 2.2)),
    drop: 0.25,
    seed: 13,
  });
  return path;
}

/** The organiser's browser, its camera filming `video` (played in a loop). */
async function organiserFilming(video: string): Promise<Browser> {
  return chromium.launch({
    ...LAUNCH_OPTIONS,
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
}

async function openReceive(browser: Browser, serverUrl: string) {
  const context = await browser.newContext({
    baseURL: serverUrl,
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  await signIn(page, serverUrl);
  await openEventScreen(page, 'Import a station file');
  const section = page.getByRole('region', { name: 'Receive ballots by camera' });
  return { page, section };
}

const cameraOn = (page: Page) =>
  page.getByRole('region', { name: 'Receive ballots by camera' }).getByRole('button', {
    name: 'Turn the camera on',
  });

/** Valid ballots of the event as a station makes them (random ids), for a synthetic station. */
function ballotsOf(event: EventDefinition, count: number, stationId: string): Ballot[] {
  const bids = event.bids.map((b) => b.id);
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    eventId: event.id,
    stationId,
    castHour: '2026-06-13T14:00Z',
    choice: { kind: 'approval', bids: [bids[i % bids.length] ?? ''] },
  }));
}

async function shot(page: Page, name: string) {
  if (SHOTS === undefined) return;
  mkdirSync(SHOTS, { recursive: true });
  for (const [label, viewport] of [
    ['tablet', { width: 1280, height: 800 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `${SHOTS}/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('a station’s offline ballots come by camera, once; a second pass adds nothing', async ({
  server,
  newStation,
}) => {
  test.setTimeout(180_000);
  const station = await newStation('Back hall');
  const { context, page } = station;
  await joinFromWelcome(page, server.joinCode);
  await context.setOffline(true);
  await castBallot(page, ['Youth cooking club']);
  await castBallot(page, ['Litter picking kit', 'Bike repair workshop']);
  await castBallot(page, ['Burnfoot gala day']);
  // The volunteer's export: the tally file the camera carries (as the file route would).
  await unlockVolunteerArea(page);
  const downloading = page.waitForEvent('download');
  await syncSection(page)
    .getByRole('button', { name: `Export 3 ballots for ${DEMO_EVENT.name}` })
    .click();
  const text = readFileSync(await (await downloading).path(), 'utf8');
  const stationBallots = (await ballotIdsOnStation(page)).sort();
  expect(stationBallots).toHaveLength(3);
  expect(await server.ballotIdsOnDisk()).toEqual([]);

  const video = await videoOf('station', ONE, [{ eventId: DEMO_EVENT.id, text, ballots: 3 }]);
  const browser = await organiserFilming(video);
  try {
    const { page: desk, section } = await openReceive(browser, server.url);
    await shot(desk, 'receive-closed');
    await cameraOn(desk).click();
    await expect(section.getByLabel('Camera view')).toBeVisible();
    await expect(
      section.getByText('3 ballots added, 0 ballots were already there, 0 ballots refused.'),
    ).toBeVisible({ timeout: 60_000 });
    await expect(section.getByRole('img', { name: 'Receipt QR code for station 1' })).toBeVisible();
    expect((await server.ballotIdsOnDisk()).sort()).toEqual(stationBallots);
    await expectNoAxeViolations(desk, 'receive by camera, done with receipt');
    await shot(desk, 'receive-done');

    // The same station again (the camera off and on; the video loops): nothing new.
    await section.getByRole('button', { name: 'Turn the camera off' }).click();
    await cameraOn(desk).click();
    await expect(
      section.getByText('Nothing new: the tally already had all 3 of these ballots.'),
    ).toBeVisible({ timeout: 60_000 });
    expect((await server.ballotIdsOnDisk()).sort()).toEqual(stationBallots);

    if (SHOTS !== undefined) {
      await desk.getByLabel('Language').selectOption({ label: 'العربية' });
      await expect(desk.locator('html')).toHaveAttribute('dir', 'rtl');
      await shot(desk, 'receive-done-ar');
    }
  } finally {
    await browser.close();
  }
});

test('another event’s code is refused; two stations side by side are both received', async ({
  server,
}) => {
  test.setTimeout(180_000);
  const other: EventDefinition = { ...DEMO_EVENT, id: 'other-fun-day-2026', name: 'Other fun day' };
  const foreign = await videoOf('other-event', ONE, [
    { eventId: other.id, text: writeTallyFile(other, ballotsOf(other, 5, 'far-away')), ballots: 5 },
  ]);
  const refusing = await organiserFilming(foreign);
  try {
    const { page: desk, section } = await openReceive(refusing, server.url);
    await cameraOn(desk).click();
    await expect(section.getByRole('alert')).toHaveText(
      `This QR code is from a station of another event. Only ballots for ${DEMO_EVENT.name} can be received here.`,
      { timeout: 30_000 },
    );
    await expect(section.getByLabel('Camera view')).toBeVisible();
    await expectNoAxeViolations(desk, 'receive by camera, another event refused');
    await shot(desk, 'receive-refused');
    expect(await server.ballotIdsOnDisk()).toEqual([]);
  } finally {
    await refusing.close();
  }

  const left = ballotsOf(DEMO_EVENT, 40, 'station-left');
  const right = ballotsOf(DEMO_EVENT, 25, 'station-right');
  const both = await videoOf('two-stations', TWO, [
    { eventId: DEMO_EVENT.id, text: writeTallyFile(DEMO_EVENT, left), ballots: 40 },
    { eventId: DEMO_EVENT.id, text: writeTallyFile(DEMO_EVENT, right), ballots: 25 },
  ]);
  const twoInView = await organiserFilming(both);
  try {
    const { page: desk, section } = await openReceive(twoInView, server.url);
    await cameraOn(desk).click();
    if (SHOTS !== undefined) {
      await expect(section.getByText(/^Station \d: about \d+ of \d+ ballots$/).first()).toBeVisible(
        {
          timeout: 30_000,
        },
      );
      await shot(desk, 'receive-scanning');
    }
    await expect(section.getByText(/^40 ballots added/)).toBeVisible({ timeout: 90_000 });
    await expect(section.getByText(/^25 ballots added/)).toBeVisible({ timeout: 90_000 });
    const expected = [...left, ...right].map((b) => b.id).sort();
    expect((await server.ballotIdsOnDisk()).sort()).toEqual(expected);
  } finally {
    await twoInView.close();
  }
});

test('1,000 ballots through the fake camera (figures)', async ({ server }) => {
  test.setTimeout(240_000);
  const ballots = ballotsOf(DEMO_EVENT, 1000, 'station-big');
  const text = writeTallyFile(DEMO_EVENT, ballots);
  const video = await videoOf('thousand', ONE, [{ eventId: DEMO_EVENT.id, text, ballots: 1000 }]);
  const browser = await organiserFilming(video);
  try {
    const { page: desk, section } = await openReceive(browser, server.url);
    // Loaded before the clock starts: the code reader is fetched once, then cached.
    const started = Date.now();
    await cameraOn(desk).click();
    await expect(section.getByText(/^1,000 ballots added/)).toBeVisible({ timeout: 180_000 });
    const seconds = (Date.now() - started) / 1000;
    expect((await server.ballotIdsOnDisk()).length).toBe(1000);
    const sender = await createSender({
      kind: 'ballots',
      eventId: DEMO_EVENT.id,
      text,
      ballots: 1000,
    });
    console.log(
      `camera transfer: 1,000 ballots (${text.length} bytes of tally file, ${sender.parts} parts a pass) in ${seconds.toFixed(1)} s = ${(1000 / seconds).toFixed(1)} ballots/s`,
    );
    expect(seconds).toBeLessThan(120);
  } finally {
    await browser.close();
  }
});

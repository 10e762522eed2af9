/**
 * Ballots by camera (issue 13) in real Chromium with its fake camera: the organiser's browser
 * films a y4m video the test writes (support/y4m.ts) of a station's animated QR frames — a quarter
 * of them dropped at random, each kept one held for 2–3 video frames. The frames are the real
 * station's own moving code (its AnimatedQr's data-frame), or for synthetic stations the transfer
 * sender's (src/sync/transfer) on a tally file written here. Checked: the
 * organiser imports exactly the station's ballots (the server's tally file), a second pass adds
 * nothing, another event's code is refused, two stations side by side are both imported; axe on
 * the receive screen. Pictures (tablet, phone, Arabic) when asked: CAMERA_SHOTS=dir. The figure
 * (seconds for 1,000 ballots through the fake camera) is a benchmark: tests/bench/camera.bench.ts.
 * Helpers shared with it: support/camera.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { writeTallyFile } from '../../src/core/tally-file/index.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import {
  ballotsOf,
  browserFilming,
  cameraOn,
  ONE,
  openReceive,
  videoOf,
  videoOfFrames,
} from './support/camera.ts';
import { expect, test } from './support/fixtures.ts';
import { castBallot, unlockVolunteerArea } from './support/station.ts';
import { ballotIdsOnStation, joinFromWelcome, openStation, waitingIds } from './support/sync.ts';
import { framesOnScreen, VIDEO_FRAMES } from './support/moving-code.ts';
import { shotsAt } from './support/shots.ts';
import { Y4mWriter, type VideoSize } from './support/y4m.ts';

/** Two stations' screens side by side. */
const TWO = { width: 832, height: 416, fps: 20 } satisfies VideoSize;

const SHOTS = process.env['CAMERA_SHOTS'];
const work = mkdtempSync(join(tmpdir(), 'dd-camera-'));
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Where this spec's videos go. */
const at = (name: string) => join(work, `${name}.y4m`);

const shot = (page: Page, name: string) => shotsAt(SHOTS, page, name);

/** The receipt QR as the organiser's screen shows it, in a video for the station's camera. */
async function filmReceipt(receipt: Locator, path: string): Promise<void> {
  const picture = await receipt.evaluate((img: HTMLImageElement) => {
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const g = canvas.getContext('2d');
    if (g === null) throw new Error('No 2D canvas');
    g.drawImage(img, 0, 0, img.width, img.height);
    const rgba = g.getImageData(0, 0, img.width, img.height).data;
    return {
      width: img.width,
      height: img.height,
      grey: Array.from(rgba.filter((_, i) => i % 4 === 0)),
    };
  });
  const plane = new Uint8Array(ONE.width * ONE.height).fill(235);
  const left = Math.floor((ONE.width - picture.width) / 2);
  const top = Math.floor((ONE.height - picture.height) / 2);
  picture.grey.forEach((v, i) => {
    const x = left + (i % picture.width);
    const y = top + Math.floor(i / picture.width);
    plane[y * ONE.width + x] = Math.round(20 + (v / 255) * 215);
  });
  const video = new Y4mWriter(path, ONE);
  video.add(plane, 10);
  video.close();
}

test('a station’s offline ballots come by camera, once, and it scans the receipt; a second pass adds nothing', async ({
  server,
}) => {
  test.setTimeout(240_000);
  // The station's camera will film the organiser's receipt: its video is written once the
  // receipt is on the organiser's screen, before the station turns its camera on.
  const receiptVideo = join(work, 'receipt.y4m');
  new Y4mWriter(receiptVideo, ONE).close();
  const tablet = await browserFilming(receiptVideo);
  const { context, page } = await openStation(
    await tablet.newContext({ baseURL: server.url }),
    'Back hall',
  );
  await joinFromWelcome(page, server.joinCode);
  await context.setOffline(true);
  await castBallot(page, ['Youth cooking club']);
  await castBallot(page, ['Litter picking kit', 'Bike repair workshop']);
  await castBallot(page, ['Burnfoot gala day']);
  // The volunteer shows the ballots as a moving code; the test films the station's own frames.
  await unlockVolunteerArea(page);
  await page
    .getByRole('button', { name: `Send the ballots for ${DEMO_EVENT.name} by camera` })
    .click();
  await page.getByRole('button', { name: 'Show the moving code' }).click();
  const frames = await framesOnScreen(page, VIDEO_FRAMES);
  expect(new Set(frames).size).toBeGreaterThan(1);
  const stationBallots = (await ballotIdsOnStation(page)).sort();
  expect(stationBallots).toHaveLength(3);
  expect(await server.ballotIdsOnDisk()).toEqual([]);

  const video = videoOfFrames(at('station'), ONE, [frames]);
  const browser = await browserFilming(video);
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

    // The station scans the receipt: its three ballots are confirmed (it is still offline).
    await filmReceipt(
      section.getByRole('img', { name: 'Receipt QR code for station 1' }),
      receiptVideo,
    );
    await page.getByRole('button', { name: 'Scan the organiser’s receipt' }).click();
    await expect(
      page.getByText('The organiser has confirmed the ballots from this tablet: 3.'),
    ).toBeVisible({ timeout: 30_000 });
    expect(await waitingIds(page)).toEqual([]);

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
    await tablet.close();
  }
});

test('another event’s code is refused; two stations side by side are both received', async ({
  server,
}) => {
  test.setTimeout(180_000);
  const other: EventDefinition = { ...DEMO_EVENT, id: 'other-fun-day-2026', name: 'Other fun day' };
  const foreign = await videoOf(at('other-event'), ONE, [
    { eventId: other.id, text: writeTallyFile(other, ballotsOf(other, 5, 'far-away')), ballots: 5 },
  ]);
  const refusing = await browserFilming(foreign);
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
  const both = await videoOf(at('two-stations'), TWO, [
    { eventId: DEMO_EVENT.id, text: writeTallyFile(DEMO_EVENT, left), ballots: 40 },
    { eventId: DEMO_EVENT.id, text: writeTallyFile(DEMO_EVENT, right), ballots: 25 },
  ]);
  const twoInView = await browserFilming(both);
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

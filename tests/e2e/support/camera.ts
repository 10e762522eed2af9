/**
 * The organiser's camera in real Chromium, for the camera-transfer spec and the camera benchmark
 * (tests/bench/camera.bench.ts): Chromium's fake camera films a y4m video (support/y4m.ts) of
 * moving-code frames — a station's own, or the transfer sender's on a tally file written here —
 * and the organiser opens the Import screen's "Receive ballots by camera". Nothing here uses
 * Playwright Test's `expect` (locators wait on their own), so it runs outside the test runner too.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { DEMO_EVENT } from '../../../src/core/demo-event.ts';
import type { Ballot, EventDefinition } from '../../../src/core/schema.ts';
import { createSender } from '../../../src/sync/transfer/index.ts';
import { CHROMIUM_ARGS, LAUNCH_OPTIONS } from './chromium.ts';
import { VIDEO_FRAMES } from './moving-code.ts';
import { fillSignIn } from './organiser.ts';
import { writeQrVideo, type VideoSize } from './y4m.ts';
import { stationBallots } from '../../support/station-ballots.ts';

/** One code: 93 modules (a 500-byte fragment) at 4 pixels each, with its quiet zone. */
export const ONE = { width: 416, height: 416, fps: 20 } satisfies VideoSize;

/** What a station sends: a tally file of one event holding `ballots` ballots. */
export interface Station {
  eventId: string;
  text: string;
  ballots: number;
}

/** A video at `path` of the stations' frames side by side, 25 % of them lost (support/y4m.ts). */
export function videoOfFrames(path: string, size: VideoSize, stations: string[][]): string {
  writeQrVideo(path, size, {
    streams: stations.map((frames) => {
      let i = 0;
      return () => frames[i++ % frames.length] ?? '';
    }),
    count: Math.max(...stations.map((f) => f.length)),
    drop: 0.25,
    seed: 13,
  });
  return path;
}

/** A video at `path` of frames made by the transfer sender, as a station's screen shows them. */
export async function videoOf(path: string, size: VideoSize, stations: Station[]): Promise<string> {
  const senders = await Promise.all(
    stations.map((s) =>
      createSender({ kind: 'ballots', eventId: s.eventId, text: s.text, ballots: s.ballots }),
    ),
  );
  // The video loops: its frames must be enough on their own (VIDEO_FRAMES).
  const count = Math.max(VIDEO_FRAMES, Math.ceil(Math.max(...senders.map((s) => s.parts)) * 2.2));
  const frames = senders.map((s) => Array.from({ length: count }, () => s.nextFrame()));
  return videoOfFrames(path, size, frames);
}

/** A browser whose camera films `video` (played in a loop, opened when the camera starts). */
export async function browserFilming(video: string): Promise<Browser> {
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

/** The receive section's locator on the organiser's Import screen. */
const receiveSection = (page: Page) =>
  page.getByRole('region', { name: 'Receive ballots by camera' });

/**
 * Signs in as the first account in a new tablet-sized page, opens the demo event's Import screen
 * and waits for its "Receive ballots by camera" section.
 */
export async function openReceive(browser: Browser, serverUrl: string) {
  const context = await browser.newContext({
    baseURL: serverUrl,
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  await page.goto(`${serverUrl}/organiser`);
  await fillSignIn(page);
  await page.getByRole('link', { name: DEMO_EVENT.name, exact: true }).click();
  await page
    .getByRole('navigation', { name: 'This event' })
    .getByRole('link', { name: 'Import a station file', exact: true })
    .click();
  const section = receiveSection(page);
  await section.waitFor();
  return { page, section };
}

export const cameraOn = (page: Page) =>
  receiveSection(page).getByRole('button', { name: 'Turn the camera on' });

/** Valid ballots of the event as a station makes them (random ids), for a synthetic station. */
export const ballotsOf = (event: EventDefinition, count: number, stationId: string): Ballot[] =>
  stationBallots(event, count, stationId, '2026-06-13T14:00Z');

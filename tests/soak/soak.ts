/**
 * The soak: what a power cut does to the promise "a ballot acknowledged to a voter is never lost,
 * never counted twice". Two kinds of kill, each counted against the central tally file:
 *
 * - **Browser kills.** One station tablet (real Chromium on a profile kept on disk, the built app
 *   served by the real tally server) casts ballots through the screens; at a random moment around
 *   "Cast my vote" every Chromium process of that profile gets SIGKILL, then the browser starts
 *   again on the same profile. Each round's ballot is a different set of bids, so the tally file
 *   says which rounds' ballots arrived: a round whose thank-you the voter saw must be there once.
 * - **Server kills.** Four stations push batches over the sync API while the tally server gets
 *   SIGKILL at a random moment and is started again on the same data folder; afterwards every
 *   station re-sends what it never saw acknowledged, as its outbox does. Every acknowledged ballot
 *   must be in the file exactly once, and the file must verify.
 *
 * `npm run soak` runs 50 browser kills and 20 server kills (tests/soak/run.ts); the browser tests
 * run a short version (tests/e2e/soak-short.spec.ts). Linux only: the browser's processes are found
 * in /proc by their profile folder. Needs the built app (dist/, or DIST_DIR).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BrowserContext, Page } from '@playwright/test';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { problemSummary } from '../../src/core/problem.ts';
import type { Ballot, Choice } from '../../src/core/schema.ts';
import { readTallyFile, verifyTallyFile } from '../../src/core/tally-file/index.ts';
import { launchStation, newProfileDir } from '../e2e/support/chromium.ts';
import { TallyServerProcess } from '../e2e/support/server.ts';
import { waitForServiceWorkerControl } from '../e2e/support/service-worker.ts';
import {
  chooseAndReview,
  expectWelcome,
  setUpStation,
  startBallot,
  THANK_YOU,
} from '../e2e/support/station.ts';
import { joinFromWelcome, waitingIds } from '../e2e/support/sync.ts';
import { call, demoBallots, push } from '../server/support/tally-server.ts';

export interface SoakReport {
  kind: 'browser' | 'server';
  kills: number;
  /** Ballots the voter (browser) or the station (server) saw acknowledged. */
  acknowledged: number;
  /** Ballots in the central tally file at the end. */
  stored: number;
  /** Acknowledged, but not in the central file. The goal is 0. */
  lost: number;
  /** A ballot (browser: a round's set of bids; server: a ballot id) in the file more than once. */
  duplicates: number;
  /**
   * In the file, but never acknowledged: the kill came after the durable write, before the voter
   * saw "thank you" (browser). For the server, where every station re-sends what was not
   * acknowledged until it is, the goal is 0.
   */
  storedUnacknowledged: number;
}

type Log = (line: string) => void;

/** A random whole number in [0, max), from a seeded generator so a run can be repeated. */
function random(seed: number): (max: number) => number {
  let state = seed >>> 0 || 1;
  return (max) => {
    // xorshift32: enough to spread the kills; not for secrets.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % max;
  };
}

/** SIGKILL for every Chromium process started on this profile folder (as a power cut would). */
export function killBrowser(profileDir: string): number {
  let killed = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let command: string;
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue; // Ended meanwhile.
    }
    if (!command.includes(`--user-data-dir=${profileDir}`)) continue;
    try {
      process.kill(Number(pid), 'SIGKILL');
      killed += 1;
    } catch {
      // Ended meanwhile.
    }
  }
  return killed;
}

/** Every set of `size` demo bids, in a fixed order: one per round, so rounds can be told apart. */
function bidSets(size: number): string[][] {
  const ids = DEMO_EVENT.bids.map((b) => b.id);
  const sets: string[][] = [];
  const walk = (from: number, chosen: string[]) => {
    if (chosen.length === size) {
      sets.push(chosen);
      return;
    }
    for (let i = from; i < ids.length; i++) walk(i + 1, [...chosen, ids[i] as string]);
  };
  walk(0, []);
  return sets;
}

const keyOf = (bids: readonly string[]) => [...bids].sort().join(' ');

function ballotsInFile(text: string): Ballot[] {
  const read = readTallyFile(text);
  if (!read.ok)
    throw new Error(`The central tally file does not read: ${problemSummary(read.error)}`);
  return read.value.ballots;
}

function approvedBids(choice: Choice): string[] {
  return choice.kind === 'approval' ? choice.bids : [];
}

async function openApp(context: BrowserContext): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto('/');
  return page;
}

/**
 * `kills` rounds of: start a ballot, choose its bids, tap "Cast my vote", wait a random moment
 * (now and then long enough for the thank-you), SIGKILL the browser, start it again.
 */
export async function browserKills(kills: number, log: Log, seed = 2026): Promise<SoakReport> {
  const next = random(seed);
  const sets = bidSets(3);
  if (kills > sets.length)
    throw new Error(`At most ${sets.length} browser kills (one bid set each).`);
  const titleOf = new Map(DEMO_EVENT.bids.map((b) => [b.id, b.title]));
  const server = await TallyServerProcess.start();
  const profile = newProfileDir();
  let context = await launchStation(profile.dir, server.url);
  const acknowledged = new Set<string>();
  try {
    let page = await openApp(context);
    await waitForServiceWorkerControl(page);
    await setUpStation(page, 'Soak table');
    await joinFromWelcome(page, server.joinCode);
    for (let round = 0; round < kills; round++) {
      const bids = sets[round] as string[];
      await startBallot(page);
      await chooseAndReview(
        page,
        bids.map((id) => titleOf.get(id) ?? id),
      );
      let thanked = false;
      const thanks = page
        .getByRole('heading', { level: 1, name: THANK_YOU })
        .waitFor({ timeout: 15_000 })
        .then(
          () => (thanked = true),
          () => false,
        );
      await page.getByRole('button', { name: 'Cast my vote' }).click();
      // Mostly within the durable write and the thank-you; every fourth round well after it.
      await sleep(round % 4 === 3 ? 600 + next(400) : next(60));
      const sawThanks = thanked;
      killBrowser(profile.dir);
      await thanks;
      if (sawThanks) acknowledged.add(keyOf(bids));
      await context.close().catch(() => {});
      context = await launchStation(profile.dir, server.url);
      page = await openApp(context);
      await expectWelcome(page);
      log(`browser kill ${round + 1}/${kills}: thank-you ${sawThanks ? 'seen' : 'not seen'}`);
    }
    // The station sends what waits by itself; nobody touches it.
    const deadline = Date.now() + 90_000;
    while ((await waitingIds(page)).length > 0) {
      if (Date.now() > deadline) throw new Error('The station did not finish sending in 90 s.');
      await sleep(500);
    }
    const text = await server.readTallyFile();
    if (!verifyTallyFile(text).ok) throw new Error('The central tally file does not verify.');
    const counts = new Map<string, number>();
    for (const ballot of ballotsInFile(text)) {
      const key = keyOf(approvedBids(ballot.choice));
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return {
      kind: 'browser',
      kills,
      acknowledged: acknowledged.size,
      stored: [...counts.values()].reduce((a, b) => a + b, 0),
      lost: [...acknowledged].filter((key) => !counts.has(key)).length,
      duplicates: [...counts.values()].filter((n) => n > 1).length,
      storedUnacknowledged: [...counts.keys()].filter((key) => !acknowledged.has(key)).length,
    };
  } finally {
    await context.close().catch(() => {});
    killBrowser(profile.dir);
    profile.remove();
    await server.close();
  }
}

/**
 * `kills` rounds of: four stations push batches of 25 while the server is killed after a random
 * moment, then started again on the same folder; at the end every station re-sends what it never
 * saw acknowledged.
 */
export async function serverKills(kills: number, log: Log, seed = 2026): Promise<SoakReport> {
  const next = random(seed);
  const server = await TallyServerProcess.start();
  const acknowledged = new Set<string>();
  const sent: { station: { token: string; stationId: string }; batch: Ballot[] }[] = [];
  try {
    const stations = await Promise.all(
      [1, 2, 3, 4].map((i) => server.joinAsStation(`Soak table ${i}`)),
    );
    const cast = new Map(stations.map((s) => [s.stationId, 0]));
    for (let round = 0; round < kills; round++) {
      let stopped = false;
      const streams = stations.map(async (station) => {
        while (!stopped) {
          const from = cast.get(station.stationId) ?? 0;
          const batch = demoBallots(station.stationId, 25, from);
          cast.set(station.stationId, from + 25);
          sent.push({ station, batch });
          try {
            const reply = await push(server, station, batch, from + 25);
            if (reply.status === 200) for (const id of reply.body.stored) acknowledged.add(id);
          } catch {
            return; // The connection died with the server: this batch was never acknowledged.
          }
        }
      });
      await sleep(100 + next(500));
      await server.kill();
      stopped = true;
      await Promise.all(streams);
      await server.restart();
      log(`server kill ${round + 1}/${kills}: ${acknowledged.size} acknowledged so far`);
    }
    // Each station's outbox sends everything not acknowledged again (idempotent by ballot id).
    for (const { station, batch } of sent) {
      const waiting = batch.filter((b) => !acknowledged.has(b.id));
      if (waiting.length === 0) continue;
      const reply = await push(server, station, waiting, cast.get(station.stationId) ?? 0);
      if (reply.status !== 200) {
        throw new Error(`A re-send was refused: ${reply.status} ${reply.text}`);
      }
      for (const id of reply.body.stored) acknowledged.add(id);
    }
    const text = await server.readTallyFile();
    if (!verifyTallyFile(text).ok) throw new Error('The central tally file does not verify.');
    const onDisk = await server.ballotIdsOnDisk();
    const counts = new Map<string, number>();
    for (const id of onDisk) counts.set(id, (counts.get(id) ?? 0) + 1);
    const health = await call(server, '/api/v1/health');
    if (health.status !== 200) throw new Error(`The server is not healthy: ${health.status}`);
    return {
      kind: 'server',
      kills,
      acknowledged: acknowledged.size,
      stored: onDisk.length,
      lost: [...acknowledged].filter((id) => !counts.has(id)).length,
      duplicates: [...counts.values()].filter((n) => n > 1).length,
      storedUnacknowledged: [...counts.keys()].filter((id) => !acknowledged.has(id)).length,
    };
  } finally {
    await server.close();
  }
}

export function describeReport(r: SoakReport): string {
  return (
    `${r.kind} kills: ${r.kills}; acknowledged ${r.acknowledged}, in the central file ${r.stored}; ` +
    `lost ${r.lost} (goal 0), counted twice ${r.duplicates} (goal 0); ` +
    `in the file without an acknowledgement ${r.storedUnacknowledged}`
  );
}

/**
 * Two tally server instances on one PostgreSQL database (issue 12), each serving the built app:
 * two station tablets joined to different instances vote offline, come back online and sync by
 * themselves while instance A is killed (SIGKILL, as its second batch arrives) and restarted on
 * the same port. The central tally file, downloaded from either instance, is the same file; it
 * holds exactly the union of the tablets' ballots, each once, and verifies; the organiser sees the
 * same results signed in on either instance (axe on that screen).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { API_PREFIX } from '../../src/core/protocol.ts';
import { downloadTally, startInstances, type Instance } from '../server/support/instances.ts';
import { organiserToken } from '../server/support/tally-server.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { decisionDay } from './support/cli.ts';
import { expect, test } from '@playwright/test';
import { readShownResults, showResultsFor, signIn } from './support/organiser.ts';
import { castBallot } from './support/station.ts';
import {
  ballotIdsOnStation,
  joinFromWelcome,
  offlineWithWaitingBallots,
  openStation,
  waitingIds,
  type Station,
} from './support/sync.ts';

const DIST_DIR = process.env['DIST_DIR'] ?? fileURLToPath(new URL('../../dist', import.meta.url));
/** Three batches for the tablet on A, so A dies with ballots still to come. */
const SEEDED_ON_A = 1_200;
const SEEDED_ON_B = 400;

let pg: TestPostgres;
let instances: Instance[] = [];

test.beforeAll(async () => {
  pg = await startPostgres();
  instances = await startInstances(pg.createDatabase(), 2, { DIST_DIR });
});
test.afterAll(async () => {
  await Promise.all(instances.map((i) => i.stop()));
  pg?.remove();
});

test('two instances, one killed while tablets sync: the same tally and results on both', async ({
  browser,
}) => {
  // A slow machine's two service-worker installs and two sign-ins: more than the default two
  // minutes on a busy CI machine (it ran out of 120 s there).
  test.setTimeout(240_000);
  const [a, b] = instances;
  if (a === undefined || b === undefined) throw new Error('two instances');
  const joinCode = a.current.joinCodes.get(DEMO_EVENT.id);
  if (joinCode === undefined) throw new Error(`no join code:\n${a.current.output()}`);

  const opened: Station[] = [];
  const tablet = async (on: Instance, name: string) => {
    const context = await browser.newContext({ baseURL: on.url });
    const station = await openStation(context, name);
    opened.push(station);
    await joinFromWelcome(station.page, joinCode);
    return station;
  };
  const hall = await tablet(a, 'Church hall');
  const library = await tablet(b, 'Library');

  // A day offline: one ballot through the screens on each, and a pile behind them.
  await offlineWithWaitingBallots(hall, SEEDED_ON_A);
  await offlineWithWaitingBallots(library, SEEDED_ON_B);
  await castBallot(hall.page, ['Health walks for all ages', 'Youth cooking club']);
  await castBallot(library.page, ['Chair yoga for older people']);
  const union = [
    ...(await ballotIdsOnStation(hall.page)),
    ...(await ballotIdsOnStation(library.page)),
  ].sort();
  expect(new Set(union).size).toBe(SEEDED_ON_A + SEEDED_ON_B + 2);

  // The hall's second push reaches A as A is killed; A comes back on the same port.
  let pushes = 0;
  let killed: Promise<unknown> | undefined;
  await hall.page.route(`**${API_PREFIX}/ballots`, async (route) => {
    pushes += 1;
    if (pushes !== 2) return route.continue();
    const forwarded = route.fetch().then(
      (response) => route.fulfill({ response }),
      () => route.abort('connectionreset'),
    );
    killed = a.kill();
    await forwarded;
  });
  await hall.context.setOffline(false);
  await library.context.setOffline(false);
  await expect.poll(() => killed !== undefined, { timeout: 20_000 }).toBe(true);
  await killed;
  await a.restart();

  // No click from here on: both tablets finish by themselves.
  await expect.poll(() => waitingIds(hall.page), { timeout: 45_000 }).toEqual([]);
  await expect.poll(() => waitingIds(library.page), { timeout: 45_000 }).toEqual([]);

  const fromA = await downloadTally(a, await organiserToken(a));
  const fromB = await downloadTally(b, await organiserToken(b));
  expect(fromB === fromA, 'the same tally file from both instances').toBe(true);
  const ids = fromA
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { type?: string; ballot?: { id?: string } })
    .filter((record) => record.type === 'ballot')
    .map((record) => record.ballot?.id ?? '');
  expect(ids.sort()).toEqual(union);
  const file = join(mkdtempSync(join(tmpdir(), 'dd-two-instances-')), 'tally.jsonl');
  writeFileSync(file, fromA);
  const verified = await decisionDay(['verify', file]);
  expect(verified.code, verified.stderr).toBe(0);
  expect(verified.stdout).toContain(`with ${union.length} ballot(s)`);

  // The organiser, signed in on each instance, sees the same results.
  const shown = [];
  for (const on of [b, a]) {
    const context = await browser.newContext({ baseURL: on.url });
    const page = await context.newPage();
    await signIn(page, on.url);
    await showResultsFor(page, union.length);
    if (on === b) await expectNoAxeViolations(page, 'results, on the second instance');
    shown.push(await readShownResults(page));
    await context.close();
  }
  expect(shown[1]).toEqual(shown[0]);
  for (const station of opened) await station.context.close();
  test.info().annotations.push({
    type: 'two instances',
    description: `${union.length} ballots; the hall's tablet made ${pushes} pushes`,
  });
});

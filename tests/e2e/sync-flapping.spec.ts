/**
 * A station holding 2,000 ballots syncs while the network drops and comes back every few hundred
 * milliseconds: requests die half-way, acknowledgements are lost, batches are sent again. At the
 * end the central file holds each of the 2,000 ballots exactly once and verifies, and the station
 * has nothing left waiting.
 */
import { API_PREFIX } from '../../src/core/protocol.ts';
import { decisionDay } from './support/cli.ts';
import { expect, test } from './support/fixtures.ts';
import { joinFromWelcome, offlineWithWaitingBallots, waitingIds } from './support/sync.ts';

const BALLOTS = 2_000;
/** How long each online or offline spell lasts: shorter than one batch's round trip and fsync. */
const FLAP_MS = 250;
/** Keep flapping at least this long, so it cannot all happen in one online spell. */
const MIN_FLAPS = 12;

test('2,000 ballots sync through a flapping network, each exactly once', async ({
  server,
  newStation,
}) => {
  const station = await newStation('Sports centre');
  const { context, page } = station;
  await joinFromWelcome(page, server.joinCode);
  const ballots = await offlineWithWaitingBallots(station, BALLOTS);

  // Chromium's offline switch fails new requests but lets one already in flight finish, so on
  // its own it never loses an answer. A real drop does: the server stores the batch and the
  // station never hears so. The route below does that to every push the network dropped under:
  // the request really reaches the server, and the answer is thrown away. The first push is held
  // until the next drop, so at least one answer is lost whatever the machine's speed.
  const pushes = { sent: 0, answered: 0, answerLost: 0 };
  let drops = 0;
  const waitingForDrop: (() => void)[] = [];
  await page.route(`**${API_PREFIX}/ballots`, async (route) => {
    pushes.sent += 1;
    const first = pushes.sent === 1;
    const dropsBefore = drops;
    const response = await route.fetch();
    if (first) await new Promise<void>((resolve) => waitingForDrop.push(resolve));
    if (drops === dropsBefore) {
      pushes.answered += 1;
      await route.fulfill({ response });
    } else {
      pushes.answerLost += 1;
      await route.abort('internetdisconnected');
    }
  });

  // The stimulus, not a wait for something: the network changes state on a fixed beat.
  let flaps = 0;
  const started = Date.now();
  for (let offline = false; ; offline = !offline) {
    await context.setOffline(offline);
    if (offline) {
      drops += 1;
      for (const resolve of waitingForDrop.splice(0)) resolve();
    }
    flaps += 1;
    await new Promise((resolve) => setTimeout(resolve, FLAP_MS));
    if (flaps >= MIN_FLAPS && (await waitingIds(page)).length === 0) break;
    if (Date.now() - started > 60_000) break;
  }
  const flapMs = Date.now() - started;
  await context.setOffline(false);

  await expect.poll(() => waitingIds(page), { timeout: 30_000 }).toEqual([]);
  const onDisk = await server.ballotIdsOnDisk();
  expect(onDisk).toHaveLength(BALLOTS);
  expect(new Set(onDisk)).toEqual(new Set(ballots.map((b) => b.id)));

  const verified = await decisionDay(['verify', server.tallyFilePath]);
  expect(verified.code, verified.stderr).toBe(0);
  expect(verified.stdout).toContain(`with ${BALLOTS} ballot(s)`);

  const stats = `${flaps} network changes in ${flapMs} ms; pushes ${pushes.sent}, answered ${pushes.answered}, answer lost ${pushes.answerLost}`;
  test.info().annotations.push({ type: 'flapping', description: stats });
  // Answers really were lost, so the re-sends (and the server's "already there") were exercised.
  expect(pushes.answerLost, stats).toBeGreaterThan(0);
});

/**
 * The tally server is killed (SIGKILL: no chance to finish a write) while a station is sending it
 * 2,000 ballots, then started again on the same data folder. Every ballot the station had seen
 * acknowledged (and so removed from its outbox) is in the central file, the file verifies, and the
 * station sends the rest by itself — nobody touches it after the restart — until nothing waits.
 */
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { API_PREFIX } from '../../src/core/protocol.ts';
import { decisionDay } from './support/cli.ts';
import { expect, test } from './support/fixtures.ts';
import { joinFromWelcome, offlineWithWaitingBallots, waitingIds } from './support/sync.ts';

const BALLOTS = 2_000;

test('a server killed mid-ingest keeps every acknowledged ballot; the station re-sends the rest', async ({
  server,
  newStation,
}) => {
  const station = await newStation('Community centre');
  const { context, page } = station;
  await joinFromWelcome(page, server.joinCode);
  const ballots = await offlineWithWaitingBallots(station, BALLOTS);

  // The first batch goes through. As the second one is sent, the server is killed: it dies
  // while reading or storing that batch, whatever the machine's speed.
  let pushes = 0;
  let killed: Promise<void> | undefined;
  await page.route(`**${API_PREFIX}/ballots`, async (route) => {
    pushes += 1;
    if (pushes !== 2) return route.continue();
    const forwarded = route.fetch().then(
      (response) => route.fulfill({ response }),
      () => route.abort('connectionreset'),
    );
    killed = server.kill();
    await forwarded;
  });
  await context.setOffline(false);
  await expect.poll(() => killed !== undefined, { timeout: 20_000 }).toBe(true);
  await killed;

  const waitingAtKill = new Set(await waitingIds(page));
  const acknowledged = ballots.map((b) => b.id).filter((id) => !waitingAtKill.has(id));
  expect(acknowledged.length).toBeGreaterThan(0);
  expect(waitingAtKill.size, 'the kill came after the whole sync').toBeGreaterThan(0);

  await server.restart();
  // The event reopened with the same join code: the crash left nothing the server refuses.
  expect(server.output()).toContain(`(${DEMO_EVENT.id}): join code ${server.joinCode}`);

  // No click from here on: the station's own retries must finish the job.
  await expect.poll(() => waitingIds(page), { timeout: 45_000 }).toEqual([]);
  const onDisk = await server.ballotIdsOnDisk();
  expect(onDisk).toHaveLength(BALLOTS);
  const inFile = new Set(onDisk);
  expect(
    acknowledged.filter((id) => !inFile.has(id)),
    'acknowledged, then lost',
  ).toEqual([]);
  expect(inFile).toEqual(new Set(ballots.map((b) => b.id)));

  const verified = await decisionDay(['verify', server.tallyFilePath]);
  expect(verified.code, verified.stderr).toBe(0);
  expect(verified.stdout).toContain(`with ${BALLOTS} ballot(s)`);
  const story = `${acknowledged.length} of ${BALLOTS} ballots acknowledged before the kill; ${pushes} pushes in all`;
  test.info().annotations.push({ type: 'crash', description: story });
});

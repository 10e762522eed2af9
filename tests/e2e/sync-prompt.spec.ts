/**
 * A station with a working connection delivers each ballot by itself within seconds of its cast:
 * no volunteer action and no waiting for the 30-second heartbeat.
 */
import { expect, test } from './support/fixtures.ts';
import { castBallot } from './support/station.ts';
import { ballotIdsOnStation, joinFromWelcome } from './support/sync.ts';

test('a ballot cast while online reaches the central file within seconds, with no clicks', async ({
  server,
  newStation,
}) => {
  const { page } = await newStation('Library');
  await joinFromWelcome(page, server.joinCode);
  await castBallot(page, ['Youth cooking club']);
  const [id] = await ballotIdsOnStation(page);
  expect(id).toBeDefined();
  // Well under the 30-second heartbeat: only the new-ballot trigger can deliver it in time.
  await expect
    .poll(() => server.ballotIdsOnDisk(), { timeout: 12_000, intervals: [250] })
    .toEqual([id]);
});

/** A station's export of n demo ballots (random ids, as a station makes them), and frame helpers. */
import { randomUUID } from 'node:crypto';
import { DEMO_EVENT } from '../../../src/core/demo-event.ts';
import { writeTallyFile } from '../../../src/core/tally-file/write.ts';
import { approvalBallot, demoBidIds } from '../../fixtures/tally/ballots.ts';
import type { TransferContent } from '../../../src/sync/transfer/index.ts';

export function stationExport(n: number, seed = 1): TransferContent {
  let x = seed;
  const next = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x;
  };
  const ballots = Array.from({ length: n }, () => {
    const bids = demoBidIds.filter(() => next() % 3 === 0).slice(0, 5);
    return approvalBallot(randomUUID(), bids.length > 0 ? bids : [demoBidIds[0] as string], {
      castHour: `2026-06-13T${String(9 + (next() % 8)).padStart(2, '0')}:00Z`,
    });
  });
  return {
    kind: 'ballots',
    eventId: DEMO_EVENT.id,
    text: writeTallyFile(DEMO_EVENT, ballots, [], []),
    ballots: n,
  };
}

export { seededRandom as seeded } from '../../support/seeded-random.ts';

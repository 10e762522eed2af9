/**
 * The ledger's fast ballot lines (src/server/store/ledger/ballot-lines.ts) against the tally file's
 * writer: for ballots of every shape — the common ones written by their template, and those only
 * the generic path writes (sections, an area, a paper: false) — the text and the head are exactly
 * what one `appendBallots` call gives, across the slices of a large group too.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { Ballot } from '../../src/core/schema.ts';
import { appendBallots, readTallyFile, startTallyFile } from '../../src/core/tally-file/index.ts';
import {
  appendBallotLines,
  type BallotRecord,
} from '../../src/server/store/ledger/ballot-lines.ts';
import { nativeSha256 } from '../../src/server/store/native-sha256.ts';
import { demoBallots } from './support/tally-server.ts';

const base = {
  id: 'b-1',
  eventId: DEMO_EVENT.id,
  stationId: 'hall-1',
  castHour: '2026-06-13T10:00Z',
  choice: { kind: 'approval', bids: ['M/01/X', 'a+b#c'] },
} as Ballot;

const shapes: Ballot[] = (
  [
    base,
    { ...base, paper: true },
    { ...base, code: '0123456789abcdef0123456789abcdef' },
    { ...base, choice: { kind: 'knapsack', bids: [] } },
    { ...base, choice: { kind: 'ranking', ranking: ['b', 'a'] } },
    {
      ...base,
      choice: {
        kind: 'score',
        scores: [
          { bid: 'a', score: null },
          { bid: 'b', score: -3 },
        ],
      },
    },
    { ...base, choice: { kind: 'cumulative', points: [{ bid: 'a', points: 1 }] } },
    // The generic path: an area, sections, paper: false, a key set to undefined.
    { ...base, area: 'Burnfoot' },
    {
      ...base,
      choice: {
        kind: 'sections',
        sections: [{ section: 's1', choice: { kind: 'approval', bids: ['x'] } }],
      },
    } as unknown as Ballot,
    { ...base, paper: false } as unknown as Ballot,
    { ...base, code: undefined },
  ] as Ballot[]
).map((b, i) => ({ ...b, id: `b-${i}` }));

describe('fast ballot lines', () => {
  it('write exactly what appendBallots writes, for every shape', async () => {
    const start = startTallyFile(DEMO_EVENT);
    const whole = appendBallots(start.head, shapes, { sha256: nativeSha256 });
    const fast = await appendBallotLines(start.head, shapes);
    expect(fast.head).toEqual(whole.head);
    expect(fast.text).toBe(whole.text);
  });

  it('write a large group a slice at a time, the same as one call, and it reads back', async () => {
    const start = startTallyFile(DEMO_EVENT);
    const ballots = demoBallots('st-usb', 4_500);
    const whole = appendBallots(start.head, ballots, { sha256: nativeSha256 });
    const fast = await appendBallotLines(start.head, ballots);
    expect(fast.head).toEqual(whole.head);
    expect(fast.text).toBe(whole.text);
    const read = readTallyFile(start.text + fast.text);
    expect(read.ok && read.value.ballots.length).toBe(4_500);
  });

  it('chained on again from another head (a rebase) with the records kept, the same as anew', async () => {
    const start = startTallyFile(DEMO_EVENT);
    const records: BallotRecord[] = [];
    const first = await appendBallotLines(start.head, shapes, records);
    expect(records).toHaveLength(shapes.length);
    // Another instance appended meanwhile: the group now chains on after its lines.
    const other = appendBallots(start.head, demoBallots('st-other', 3), { sha256: nativeSha256 });
    const again = await appendBallotLines(other.head, shapes, records);
    const anew = appendBallots(other.head, shapes, { sha256: nativeSha256 });
    expect(again).toEqual({ text: anew.text, head: anew.head });
    expect(again.text).not.toBe(first.text);
  });

  it('a group of none is the seal alone', async () => {
    const start = startTallyFile(DEMO_EVENT);
    const fast = await appendBallotLines(start.head, []);
    expect(fast).toEqual(appendBallots(start.head, [], { sha256: nativeSha256 }));
  });
});

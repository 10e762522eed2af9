import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { BallotMethod, Choice, EventDefinition } from '../../src/core/schema.ts';
import { createProfile } from '../../src/core/tally/index.ts';

/**
 * createProfile groups identical ballots (same bids, same utilities) by a hash of their entries
 * in an open-addressed table. These tests hold it to the straightforward grouping — a map keyed
 * by the entries written out as text — on random ballots: the same groups, numbered in order of
 * first appearance, with the same weights and entries.
 */

const approval: BallotMethod = { kind: 'approval', min: 0, max: null };
const score: BallotMethod = { kind: 'score', min: 0, max: 9, allowNoOpinion: true };

function eventOf(method: BallotMethod, bidCount: number): EventDefinition {
  const pot = { id: 'main', name: 'Main', budget: 1000, eligible: { kind: 'all' } } as const;
  const bids = Array.from({ length: bidCount }, (_, i) => ({
    id: `b${i}`,
    title: '',
    group: '',
    amount: 100 + i,
    summary: '',
  }));
  return { ...DEMO_EVENT, method, rule: 'equal-shares', categories: [], pots: [pot], bids };
}

/** Ballot v gives bid i the utility draws[v][i] (0: not chosen; for scores, scored 0). */
function choiceOf(method: BallotMethod, draw: number[]): Choice {
  // Listed in a shuffled order: the profile sorts each ballot's bids itself.
  const order = draw.map((_, i) => i).sort((a, b) => ((a * 7 + 3) % 11) - ((b * 7 + 3) % 11));
  if (method.kind === 'approval') {
    return { kind: 'approval', bids: order.filter((i) => (draw[i] ?? 0) > 0).map((i) => `b${i}`) };
  }
  return {
    kind: 'score',
    scores: order.map((i) => ({ bid: `b${i}`, score: draw[i] ?? 0 })),
  };
}

/** The grouping written plainly: a Map keyed by each ballot's (bid, utility > 0) list. */
function plainGroups(draws: number[][], method: BallotMethod) {
  const groupOf = new Map<string, number>();
  const weights: number[] = [];
  const entries: [number, number][][] = [];
  for (const draw of draws) {
    const list = draw
      .map((u, i): [number, number] => [i, method.kind === 'approval' ? Math.min(u, 1) : u])
      .filter(([, u]) => u > 0);
    const key = JSON.stringify(list);
    const g = groupOf.get(key);
    if (g === undefined) {
      groupOf.set(key, weights.length);
      weights.push(1);
      entries.push(list);
    } else weights[g] = (weights[g] ?? 0) + 1;
  }
  return { weights, entries };
}

function profileGroups(draws: number[][], method: BallotMethod, bidCount: number) {
  const builder = createProfile(eventOf(method, bidCount));
  for (const draw of draws) builder.add(choiceOf(method, draw));
  const { count, weights, offsets, bids, utilities } = builder.build().groups;
  const entries: [number, number][][] = [];
  for (let g = 0; g < count; g++) {
    const list: [number, number][] = [];
    for (let e = offsets[g] ?? 0; e < (offsets[g + 1] ?? 0); e++) {
      list.push([bids[e] ?? -1, utilities[e] ?? -1]);
    }
    entries.push(list);
  }
  return { weights: [...weights], entries };
}

describe('profile groups', () => {
  it.each([
    ['approval', approval],
    ['score', score],
  ] as const)('groups %s ballots as a plain map of their entries does', (_, method) => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((bidCount) =>
          fc.tuple(
            fc.constant(bidCount),
            fc.array(
              fc.array(fc.integer({ min: 0, max: 3 }), {
                minLength: bidCount,
                maxLength: bidCount,
              }),
              {
                maxLength: 300,
              },
            ),
          ),
        ),
        ([bidCount, draws]) => {
          expect(profileGroups(draws, method, bidCount)).toEqual(plainGroups(draws, method));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps thousands of distinct groups apart as its table grows', () => {
    // 1,024 distinct approval ballots over 10 bids, each cast twice, in two passes: the table
    // doubles several times, and every group must still be found again on the second pass.
    const draws = Array.from({ length: 1024 }, (_, v) =>
      Array.from({ length: 10 }, (_, i) => (v >> i) & 1),
    );
    const twice = [...draws, ...draws];
    const groups = profileGroups(twice, approval, 10);
    expect(groups).toEqual(plainGroups(twice, approval));
    expect(groups.weights).toHaveLength(1024);
    expect(new Set(groups.weights)).toEqual(new Set([2]));
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { BallotMethod, Choice, EventDefinition } from '../../src/core/schema.ts';
import { createProfile, type Profile } from '../../src/core/tally/index.ts';
import { runExact } from '../../src/core/tally/mes-exact.ts';
import { fastScratch, runFast } from '../../src/core/tally/mes-fast.ts';
import {
  buildMesInstance,
  type MesInstance,
  type MesProject,
} from '../../src/core/tally/mes-instance.ts';

/**
 * buildMesInstance renumbers the voter groups so that each bid's supporters sit together in
 * memory. These tests hold it to the straightforward layout (the profile's own group numbers,
 * every group kept): the same supporters with the same weights and utilities, and the same
 * outcome from both solvers at every step.
 */

const approval: BallotMethod = { kind: 'approval', min: 0, max: null };
const score: BallotMethod = { kind: 'score', min: 0, max: 4, allowNoOpinion: true };

/** The demo event's settings, with one pot and these bids. */
function eventOf(method: BallotMethod, costs: number[], budget: number): EventDefinition {
  const pot = { id: 'main', name: 'Main', budget, eligible: { kind: 'all' } } as const;
  const bids = costs.map((amount, i) => ({
    id: `b${i}`,
    title: '',
    group: '',
    amount,
    summary: '',
  }));
  return { ...DEMO_EVENT, method, rule: 'equal-shares', categories: [], pots: [pot], bids };
}

/** Ballot v gives bid i the utility draws[v][i] (0: not supported). */
function profileOf(method: BallotMethod, costs: number[], budget: number, draws: number[][]) {
  const event = eventOf(method, costs, budget);
  const builder = createProfile(event);
  for (const draw of draws) {
    const given = costs.flatMap((_, i) => ((draw[i] ?? 0) > 0 ? [i] : []));
    const choice: Choice =
      method.kind === 'score'
        ? { kind: 'score', scores: given.map((i) => ({ bid: `b${i}`, score: draw[i] ?? 0 })) }
        : { kind: 'approval', bids: given.map((i) => `b${i}`) };
    builder.add(choice);
  }
  return builder.build();
}

/** The layout before renumbering: group g of the profile is group g here. */
function straightforward(profile: Profile, candidates: number[], budget: number): MesInstance {
  const { count, offsets, bids, utilities, weights } = profile.groups;
  const costUtility = profile.method === 'approval' || profile.method === 'knapsack';
  const projects: MesProject[] = candidates.map((bid) => {
    const groups: number[] = [];
    const us: number[] = [];
    for (let g = 0; g < count; g++) {
      for (let e = offsets[g] ?? 0; e < (offsets[g + 1] ?? 0); e++) {
        if (bids[e] === bid) {
          groups.push(g);
          us.push(utilities[e] ?? 0);
        }
      }
    }
    const ws = groups.map((g) => weights[g] ?? 0);
    const cost = profile.costs[bid] ?? 0;
    return {
      bid,
      cost,
      groups: Int32Array.from(groups),
      utilities: Float64Array.from(us),
      weights: Float64Array.from(ws),
      scale: costUtility ? cost : 1,
      totalUtility: ws.reduce((s, w, j) => s + w * (us[j] ?? 0), 0),
      totalWeight: ws.reduce((s, w) => s + w, 0),
    };
  });
  return {
    budget,
    ballots: profile.ballots,
    increment: 100,
    weights,
    projects: projects.filter((p) => p.totalUtility > 0),
    rank: Int32Array.from(candidates, (_, i) => candidates.length - 1 - i),
  };
}

/** A bid's supporters as sorted "weight×utility" strings: what must not depend on numbering. */
const supporters = (p: MesProject) =>
  Array.from(p.groups, (_, j) => `${p.weights[j]}×${p.utilities[j]}`).sort();

const scenario = fc.record({
  method: fc.constantFrom(approval, score),
  costs: fc.array(
    fc.integer({ min: 1, max: 80 }).map((c) => c * 100),
    {
      minLength: 1,
      maxLength: 7,
    },
  ),
  budget: fc.integer({ min: 0, max: 300 }).map((b) => b * 100),
  // Few distinct ballots repeated: groups with weight above 1, as in a real event.
  draws: fc
    .array(fc.array(fc.nat(4), { minLength: 7, maxLength: 7 }), { minLength: 1, maxLength: 6 })
    .chain((pool) => fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 30 })),
});

describe('the equal-shares instance layout', () => {
  it('keeps every bid its supporters, weights and utilities, and both solvers their outcome', () => {
    fc.assert(
      fc.property(scenario, fc.nat(4), ({ method, costs, budget, draws }, step) => {
        const profile = profileOf(method, costs, budget, draws);
        const candidates = costs.map((_, i) => i);
        const plain = straightforward(profile, candidates, budget);
        const built = buildMesInstance(profile, candidates, budget, 100, plain.rank);

        expect(built.projects.map((p) => p.bid)).toEqual(plain.projects.map((p) => p.bid));
        built.projects.forEach((p, i) => {
          const q = plain.projects[i];
          expect(supporters(p)).toEqual(q === undefined ? [] : supporters(q));
          expect([p.totalUtility, p.totalWeight]).toEqual([q?.totalUtility, q?.totalWeight]);
          // Every id names a group of the built instance, each at most once per bid.
          expect(new Set(p.groups).size).toBe(p.groups.length);
          expect(p.groups.every((g) => g >= 0 && g < built.weights.length)).toBe(true);
          p.groups.forEach((g, j) => expect(built.weights[g]).toBe(p.weights[j]));
        });
        expect(built.ballots).toBe(plain.ballots);

        expect(runExact(built, step)).toEqual(runExact(plain, step));
        const fast = runFast(built, step, fastScratch(built));
        const reference = runFast(plain, step, fastScratch(plain));
        // Sums in another order can round differently, so either may fail to decide a round;
        // whatever both decide must agree, and with the exact answer.
        if (fast !== 'ambiguous') expect(fast).toEqual(runExact(plain, step));
        if (fast !== 'ambiguous' && reference !== 'ambiguous') expect(fast).toEqual(reference);
      }),
      { numRuns: 200 },
    );
  });

  it('leaves out groups that support no candidate, yet shares the money among every ballot', () => {
    // Three ballots support only b1, which is not a candidate here: b0's two supporters still
    // start with a fifth of the pot each, so b0 (£300) is out of reach of their £200.
    const profile = profileOf(approval, [300_00, 100_00], 500_00, [
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
    const built = buildMesInstance(profile, [0], 500_00, 100, Int32Array.from([0, 1]));
    expect(built.weights.length).toBe(1);
    expect(built.ballots).toBe(5);
    expect(runExact(built, 49).selected).toEqual([]);
    // Step 50 gives each ballot £50 more: the two now have £300 between them.
    expect(runExact(built, 50).selected).toEqual([0]);
    // Exactly enough is a tie floats cannot prove; with a little more, they decide alone.
    expect(runFast(built, 50, fastScratch(built))).toBe('ambiguous');
    expect(runFast(built, 51, fastScratch(built))).toEqual({ selected: [0], ties: [] });
  });
});

import { describe, expect, it } from 'vitest';
import { runExact } from '../../src/core/tally/mes-exact.ts';
import { fastScratch, runFast } from '../../src/core/tally/mes-fast.ts';
import type { MesInstance, MesProject } from '../../src/core/tally/mes-instance.ts';

/** A bid supported by groups 0, 1, … with the given utilities, each group of weight 1. */
function project(bid: number, cost: number, utilities: number[]): MesProject {
  return {
    bid,
    cost,
    groups: Int32Array.from(utilities, (_, g) => g),
    utilities: Float64Array.from(utilities),
    weights: new Float64Array(utilities.length).fill(1),
    scale: 1,
    totalUtility: utilities.reduce((s, u) => s + u, 0),
    totalWeight: utilities.length,
  };
}

/**
 * Three voters with 10 each. Bid 0 costs 12, every voter's utility 1: rho 4. Bid 1 costs 16,
 * voter 0's utility 3 and voter 1's 1: at rho 4 voter 0 would owe 12 but has 10, so voter 1 pays
 * the other 6 (rho 6). Bid 0 is funded; then bid 1's supporters have 6 + 6 < 16. Bid 1 wins an
 * exact tie (rank 0), so misreading its utilities as 1 (rho 4, level with bid 0) changes the count.
 */
function instance(): MesInstance {
  return {
    budget: 30,
    ballots: 3,
    unitsPerVoter: 1,
    increment: 100,
    weights: new Float64Array([1, 1, 1]),
    projects: [project(0, 12, [1, 1, 1]), project(1, 16, [3, 1])],
    rank: new Int32Array([1, 0]),
  };
}

describe('the float solver reads no utility for bids whose every utility is 1', () => {
  it('marks exactly those bids, and still agrees with the exact solver', () => {
    const inst = instance();
    const scratch = fastScratch(inst);
    expect([...scratch.unitUtility]).toEqual([1, 0]);
    const exact = runExact(inst, 0);
    expect(exact).toEqual({ selected: [0], ties: [] });
    expect(runFast(inst, 0, scratch)).toEqual(exact);
  });

  it('must not apply to a bid with another utility: the count would change', () => {
    const inst = instance();
    const scratch = fastScratch(inst);
    scratch.unitUtility[1] = 1;
    expect(runFast(inst, 0, scratch)).not.toEqual(runExact(inst, 0));
  });

  it('applies to every bid of an approval count (utility 1, cost as scale)', () => {
    const inst = instance();
    inst.projects = [project(0, 12, [1, 1, 1]), project(1, 16, [1, 1])].map((p) => ({
      ...p,
      scale: p.cost,
    }));
    const scratch = fastScratch(inst);
    expect([...scratch.unitUtility]).toEqual([1, 1]);
    for (let step = 0; step < 3; step++) {
      expect(runFast(inst, step, scratch)).toEqual(runExact(inst, step));
    }
  });
});

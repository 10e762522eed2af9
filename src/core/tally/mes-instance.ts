/**
 * One pot's equal-shares problem, laid out for the two solvers (fast floats and exact rationals):
 * the candidate bids with their supporting voter groups, and the money to share.
 */
import type { Profile } from './profile.ts';

export interface MesProject {
  /** Index of the bid in the profile. */
  bid: number;
  cost: number;
  /** Supporting groups and their (positive, integer) utility for this bid. */
  groups: Int32Array;
  utilities: Float64Array;
  /** Each supporting group's weight, copied beside it so the solver reads memory in order. */
  weights: Float64Array;
  /**
   * Approval and knapsack ballots use cost utilities (a supporter values a bid at its cost).
   * Solving with utility 1 and dividing rho by the cost afterwards is the same rule with smaller
   * integers, so every sum of utilities stays exact in a double.
   */
  scale: number;
  /** Sum over supporters of weight × utility, and of weight: integers, exact. */
  totalUtility: number;
  totalWeight: number;
}

export interface MesInstance {
  /** The pot's money, minor units. */
  budget: number;
  /** Every counted ballot shares the money, even those that support nothing here. */
  ballots: number;
  /** What "add one unit" adds to each voter's budget per step (minor units). */
  increment: number;
  weights: Float64Array;
  projects: MesProject[];
  /** Tie-break rank by bid index: the lower rank wins an exact tie. */
  rank: Int32Array;
}

/** What one run of equal shares at a fixed voter budget funds. */
export interface MesRun {
  /** Bid indices in the order they were funded. */
  selected: number[];
  /** Exact ties the rule broke, each in tie-break order (winner first). */
  ties: number[][];
}

export function buildMesInstance(
  profile: Profile,
  candidates: readonly number[],
  budget: number,
  increment: number,
  rank: Int32Array,
): MesInstance {
  const position = new Map(candidates.map((bid, p) => [bid, p]));
  const members: { groups: number[]; utilities: number[] }[] = candidates.map(() => ({
    groups: [],
    utilities: [],
  }));
  const { count, offsets, bids, utilities, weights } = profile.groups;
  for (let g = 0; g < count; g++) {
    for (let e = offsets[g] ?? 0; e < (offsets[g + 1] ?? 0); e++) {
      const p = position.get(bids[e] ?? -1);
      if (p === undefined) continue;
      const list = members[p];
      list?.groups.push(g);
      list?.utilities.push(utilities[e] ?? 0);
    }
  }
  const costUtility = profile.method === 'approval' || profile.method === 'knapsack';
  const projects = candidates.map((bid, p) => {
    const list = members[p] ?? { groups: [], utilities: [] };
    let totalUtility = 0;
    let totalWeight = 0;
    list.groups.forEach((g, j) => {
      const w = weights[g] ?? 0;
      totalWeight += w;
      totalUtility += w * (list.utilities[j] ?? 0);
    });
    const cost = profile.costs[bid] ?? 0;
    return {
      bid,
      cost,
      groups: Int32Array.from(list.groups),
      utilities: Float64Array.from(list.utilities),
      weights: Float64Array.from(list.groups, (g) => weights[g] ?? 0),
      scale: costUtility ? cost : 1,
      totalUtility,
      totalWeight,
    };
  });
  return {
    budget,
    ballots: profile.ballots,
    increment,
    weights,
    projects: projects.filter((p) => p.totalUtility > 0),
    rank,
  };
}

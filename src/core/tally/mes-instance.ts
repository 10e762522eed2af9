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
  const { count, offsets, bids, utilities, weights } = profile.groups;
  // Each group's candidates here, as (position, utility) pairs.
  const backing: number[][] = [];
  const chosen: number[] = [];
  for (let g = 0; g < count; g++) {
    const pairs: number[] = [];
    for (let e = offsets[g] ?? 0; e < (offsets[g + 1] ?? 0); e++) {
      const p = position.get(bids[e] ?? -1);
      if (p !== undefined) pairs.push(p, utilities[e] ?? 0);
    }
    if (pairs.length > 0) {
      backing[g] = pairs;
      chosen.push(g);
    }
  }
  const order = localityOrder(chosen, backing, candidates.length);
  const members: { groups: number[]; utilities: number[] }[] = candidates.map(() => ({
    groups: [],
    utilities: [],
  }));
  const local = new Float64Array(order.length);
  order.forEach((g, id) => {
    local[id] = weights[g] ?? 0;
    const pairs = backing[g] ?? [];
    for (let k = 0; k < pairs.length; k += 2) {
      const list = members[pairs[k] ?? -1];
      list?.groups.push(id);
      list?.utilities.push(pairs[k + 1] ?? 0);
    }
  });
  const costUtility = profile.method === 'approval' || profile.method === 'knapsack';
  const projects = candidates.map((bid, p) => {
    const list = members[p] ?? { groups: [], utilities: [] };
    let totalUtility = 0;
    let totalWeight = 0;
    list.groups.forEach((g, j) => {
      const w = local[g] ?? 0;
      totalWeight += w;
      totalUtility += w * (list.utilities[j] ?? 0);
    });
    const cost = profile.costs[bid] ?? 0;
    return {
      bid,
      cost,
      groups: Int32Array.from(list.groups),
      utilities: Float64Array.from(list.utilities),
      weights: Float64Array.from(list.groups, (g) => local[g] ?? 0),
      scale: costUtility ? cost : 1,
      totalUtility,
      totalWeight,
    };
  });
  return {
    budget,
    ballots: profile.ballots,
    increment,
    weights: local,
    projects: projects.filter((p) => p.totalUtility > 0),
    rank,
  };
}

/**
 * The solvers read each supporter's budget by group id, once per supporter of every bid they
 * look at: on a city-sized pot that is most of their time, spent waiting for memory. Numbering
 * the groups in order of the bids they support, most popular bid first, keeps each bid's
 * supporters close together (the most popular bid's all in one block), so those reads come
 * from the same few cache lines. Groups that support nothing here are left out: they still
 * count in `ballots`, but no bid's money comes from them. Ids change nothing else.
 */
function localityOrder(chosen: number[], backing: number[][], candidates: number): number[] {
  const popularity = new Float64Array(candidates);
  for (const g of chosen) {
    const pairs = backing[g] ?? [];
    for (let k = 0; k < pairs.length; k += 2) {
      const p = pairs[k] ?? 0;
      popularity[p] = (popularity[p] ?? 0) + 1;
    }
  }
  const byPopularity = [...popularity.keys()].sort(
    (a, b) => (popularity[b] ?? 0) - (popularity[a] ?? 0) || a - b,
  );
  const place = new Int32Array(candidates);
  byPopularity.forEach((p, i) => (place[p] = i));
  const keys = new Map<number, Int32Array>();
  for (const g of chosen) {
    const pairs = backing[g] ?? [];
    const key = new Int32Array(pairs.length / 2);
    for (let k = 0; k < pairs.length; k += 2) key[k / 2] = place[pairs[k] ?? 0] ?? 0;
    keys.set(g, key.sort());
  }
  const lexicographic = (a: Int32Array, b: Int32Array) => {
    for (let i = 0; i < a.length && i < b.length; i++) {
      const d = (a[i] ?? 0) - (b[i] ?? 0);
      if (d !== 0) return d;
    }
    return a.length - b.length;
  };
  const empty = new Int32Array(0);
  return [...chosen].sort(
    (a, b) => lexicographic(keys.get(a) ?? empty, keys.get(b) ?? empty) || a - b,
  );
}

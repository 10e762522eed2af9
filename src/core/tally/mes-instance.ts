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
  /**
   * Every counted ballot shares the money, even those that support nothing here. On a weighted
   * event, in weight units: a ballot is `weight × unitsPerVoter` equal shares of a voter.
   */
  ballots: number;
  /** What one unweighted ballot counts in `ballots` and group weights: 1 without weights. */
  unitsPerVoter?: number;
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

/**
 * The fast solver's outcome at each step of "add one unit" for one pot, asked for in order 0, 1,
 * 2 … until the search stops, then `close`d. The search's own is `runFast` in turn; a caller may
 * supply another that gives the same outcomes faster, say by running the next step on a second
 * core meanwhile (the command line does: src/cli/mes-parallel.ts). The search, and so the
 * result, are the same whoever runs the steps.
 */
export interface FastSteps {
  run(step: number): MesRun | 'ambiguous';
  close(): void;
}

/** Makes the `FastSteps` for one pot's instance, or undefined to run them here. */
export type FastStepsFactory = (inst: MesInstance) => FastSteps | undefined;

export function buildMesInstance(
  profile: Profile,
  candidates: readonly number[],
  budget: number,
  increment: number,
  rank: Int32Array,
): MesInstance {
  const { offsets, bids, utilities, weights } = profile.groups;
  const positionOf = new Int32Array(profile.costs.length).fill(-1);
  candidates.forEach((bid, p) => (positionOf[bid] = p));
  const order = localityOrder(profile, positionOf, candidates.length);
  // Two passes over the groups in their new order: count each bid's supporters, then fill.
  const size = new Int32Array(candidates.length);
  const visit = (each: (id: number, p: number, e: number) => void) =>
    order.forEach((g, id) => {
      for (let e = offsets[g] ?? 0; e < (offsets[g + 1] ?? 0); e++) {
        const p = positionOf[bids[e] ?? 0] ?? -1;
        if (p >= 0) each(id, p, e);
      }
    });
  visit((_, p) => (size[p] = (size[p] ?? 0) + 1));
  const local = Float64Array.from(order, (g) => weights[g] ?? 0);
  const costUtility = profile.method === 'approval' || profile.method === 'knapsack';
  const projects = candidates.map((bid, p) => {
    const m = size[p] ?? 0;
    const cost = profile.costs[bid] ?? 0;
    return {
      bid,
      cost,
      groups: new Int32Array(m),
      utilities: new Float64Array(m),
      weights: new Float64Array(m),
      scale: costUtility ? cost : 1,
      totalUtility: 0,
      totalWeight: 0,
    };
  });
  const filled = new Int32Array(candidates.length);
  visit((id, p, e) => {
    const project = projects[p];
    if (project === undefined) return;
    const j = filled[p] ?? 0;
    const w = local[id] ?? 0;
    const u = utilities[e] ?? 0;
    project.groups[j] = id;
    project.utilities[j] = u;
    project.weights[j] = w;
    project.totalWeight += w;
    project.totalUtility += w * u;
    filled[p] = j + 1;
  });
  return {
    budget,
    ballots: profile.weighted?.total ?? profile.ballots,
    unitsPerVoter: profile.weighted?.scale ?? 1,
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
 * from a few cache lines. Returns the profile's groups that support some candidate, in that
 * order; groups that support nothing here are left out: they still count in `ballots`, but no
 * bid's money comes from them. The order changes nothing else.
 */
function localityOrder(profile: Profile, positionOf: Int32Array, candidates: number): Int32Array {
  const { count, offsets, bids } = profile.groups;
  const popularity = new Float64Array(candidates);
  for (let e = 0; e < (offsets[count] ?? 0); e++) {
    const p = positionOf[bids[e] ?? 0] ?? -1;
    if (p >= 0) popularity[p] = (popularity[p] ?? 0) + 1;
  }
  const place = new Int32Array(candidates);
  [...popularity.keys()]
    .sort((a, b) => (popularity[b] ?? 0) - (popularity[a] ?? 0) || a - b)
    .forEach((p, i) => (place[p] = i));
  // Sort key: a group's first few places (most popular first) in base `radix`, then its index,
  // packed into one double that stays an exact integer, so a plain numeric sort does it.
  const radix = candidates + 1;
  const digits = Math.max(1, Math.floor((53 - Math.log2(count + 1) - 1) / Math.log2(radix)));
  const keys: number[] = [];
  const scratch = new Int32Array(candidates);
  for (let g = 0; g < count; g++) {
    let n = 0;
    for (let e = offsets[g] ?? 0; e < (offsets[g + 1] ?? 0); e++) {
      const p = positionOf[bids[e] ?? 0] ?? -1;
      if (p >= 0) scratch[n++] = place[p] ?? 0;
    }
    if (n === 0) continue;
    const sorted = scratch.subarray(0, n).sort();
    let key = 0;
    for (let d = 0; d < digits; d++) key = key * radix + (d < n ? (sorted[d] ?? 0) + 1 : 0);
    keys.push(key * count + g);
  }
  return Int32Array.from(Float64Array.from(keys).sort(), (key) => key % count);
}

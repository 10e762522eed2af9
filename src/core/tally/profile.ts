/**
 * A compact, order-free summary of the ballots: what the tally rules need and nothing else.
 *
 * Voters who made identical choices are one group with a weight, because every rule here treats
 * them identically (under equal shares they start with the same budget, pay for the same bids and
 * so always keep the same budget). Adding a ballot is a fold step, so a million ballots never
 * need to exist as objects at once: a reader can stream choices straight into `add`.
 *
 * Area weights (docs/check-in.md, "Weights"): a ballot counts `units` where an ordinary one counts
 * `scale`, both integers, so weighted support stays an exact integer sum. A group's weight is then
 * the units of its ballots, which is what equal shares needs: a voter weighing 1.5 is three
 * half-voters. Without weights `scale` is 1, every ballot 1 unit, and nothing here changes.
 */
import { ballotSections } from '../ballot-sections.ts';
import { areaWeights, UNWEIGHTED } from '../questions.ts';
import { assertNever } from '../result.ts';
import type {
  BallotMethod,
  BidId,
  Choice,
  EventDefinition,
  MethodChoice,
  MethodKind,
} from '../schema.ts';

export interface Profile {
  /** The method of every part of the ballot, or 'mixed' when its sections use several. */
  readonly method: MethodKind | 'mixed';
  /** Bid ids in event order; every other array here is indexed by position in this list. */
  readonly bidIds: readonly BidId[];
  readonly costs: readonly number[];
  /** Every counted ballot, including empty ones: equal shares divides the money by this. */
  readonly ballots: number;
  /** Approvals, total score, total points or Borda points. */
  readonly support: readonly number[];
  /** Ballots that gave the bid a positive amount of support. */
  readonly voters: readonly number[];
  /** Score ballots: how many gave the bid a score at all (0 included), for average thresholds. */
  readonly scored: readonly number[];
  readonly groups: GroupTable;
  /**
   * Only on an event that weights areas: support in units (one ordinary ballot is `scale` units),
   * exact integers, which the rules rank by instead of `support`; and every ballot's units.
   */
  readonly weighted?: { scale: number; support: readonly number[]; total: number };
}

/**
 * Groups of identical ballots in compressed-row form: group g supports bids
 * `bids[offsets[g] .. offsets[g+1])` with the matching `utilities` (approval: 1; score, points
 * and Borda points as given; on a ballot with sections, the sum over its parts). Only positive
 * utilities are stored.
 */
export interface GroupTable {
  readonly count: number;
  /** How many ballots each group holds (in weight units on a weighted event). */
  readonly weights: Float64Array;
  readonly offsets: Int32Array;
  readonly bids: Int32Array;
  readonly utilities: Float64Array;
}

export interface ProfileBuilder {
  /**
   * Adds one validated choice, weighted by the ballot's `area` on an event that weights areas
   * (ignored otherwise). Throws on a choice that names an unknown bid or uses another
   * method: ballots reach the tally only after `validateBallot`, so that is a bug, not input.
   */
  add(choice: Choice, area?: string): void;
  /**
   * The same as `add` for a ballot of one part whose choice is given as bid indices (positions in
   * the event's bids) rather than ids: `bids[from..to)` in the choice's order (a ranking's, or
   * as the choice lists them), with `values[from..to)` the scores or points where the method has
   * them. A reader that already holds the votes as numbers (Pabulib) adds them without making a
   * choice per ballot; the groups, entries and sums are exactly those `add` gives.
   */
  addIndexed(
    bids: ArrayLike<number>,
    values: ArrayLike<number> | undefined,
    from: number,
    to: number,
  ): void;
  /** The profile so far; cheap enough to call once at the end. */
  build(): Profile;
}

export function createProfile(event: EventDefinition): ProfileBuilder {
  const sections = ballotSections(event);
  const kinds = new Set(sections.map((section) => section.method.kind));
  const [onlyKind] = kinds;
  const method = kinds.size === 1 && onlyKind !== undefined ? onlyKind : 'mixed';
  const sectioned = event.sections !== undefined;
  const bidIds = event.bids.map((b) => b.id);
  const indexOf = new Map(bidIds.map((id, i) => [id, i]));
  const bidCount = bidIds.length;
  const support = new Array<number>(bidCount).fill(0);
  const voters = new Array<number>(bidCount).fill(0);
  const scored = new Array<number>(bidCount).fill(0);
  // Groups found by a hash of their (bid, utility) list in an open-addressed table of group
  // index + 1 (0: empty), kept under half full; a candidate is compared entry by entry.
  let slots = new Int32Array(1024);
  const groupHash: number[] = [];
  const weights: number[] = [];
  const offsets: number[] = [0];
  const entryBids: number[] = [];
  const entryUtilities: number[] = [];
  let ballots = 0;
  const weights_ = areaWeights(event);
  const weighted = weights_ !== UNWEIGHTED;
  const weightedSupport = new Array<number>(bidCount).fill(0);
  let totalUnits = 0;

  const index = (id: BidId): number => {
    const i = indexOf.get(id);
    if (i === undefined) throw new Error(`Tally given a ballot naming unknown bid "${id}".`);
    return i;
  };

  /** Bid indices and utilities (> 0), sorted by bid index, one per bid: the group's key. */
  const bidsOf: number[] = [];
  const utilitiesOf: number[] = [];
  /** How many of `bidsOf` and `utilitiesOf` are this ballot's (they are reused, never cut). */
  let size = 0;
  /** (bid index, utility) for one part of a ballot, under that part's method. */
  const pairsOf = (m: BallotMethod, choice: MethodChoice): [number, number][] => {
    if (choice.kind !== m.kind) {
      throw new Error(`Tally given a ${choice.kind} ballot for a ${m.kind} ballot part.`);
    }
    switch (choice.kind) {
      case 'approval':
      case 'knapsack':
        return choice.bids.map((id) => [index(id), 1]);
      case 'score': {
        const pairs: [number, number][] = [];
        for (const { bid, score } of choice.scores) {
          if (score === null) continue;
          const i = index(bid);
          scored[i] = (scored[i] ?? 0) + 1;
          pairs.push([i, score]);
        }
        return pairs;
      }
      case 'ranking': {
        const top = m.kind === 'ranking' ? m.maxRanks : choice.ranking.length;
        return choice.ranking.map((id, place) => [index(id), top - place]);
      }
      case 'cumulative':
        return choice.points.map(({ bid, points }) => [index(bid), points]);
      default:
        return assertNever(choice);
    }
  };
  const collect = (choice: Choice): void => {
    size = 0;
    if (!sectioned) {
      const only = sections[0];
      if (only === undefined || choice.kind === 'sections') {
        throw new Error(`Tally given a ${choice.kind} ballot for a ballot of one part.`);
      }
      if (choice.kind === only.method.kind && 'bids' in choice) return approvals(choice.bids);
      return keep(pairsOf(only.method, choice));
    }
    if (choice.kind !== 'sections' || choice.parts.length !== sections.length) {
      throw new Error(`Tally given a ${choice.kind} ballot for a ballot with sections.`);
    }
    // A bid chosen in two parts (a vote and a boost) gets the sum of what each part gave it.
    const summed = new Map<number, number>();
    choice.parts.forEach((part, k) => {
      const section = sections[k];
      if (section === undefined || section.id !== part.section) {
        throw new Error(`Tally given a ballot whose parts do not match the event's sections.`);
      }
      for (const [i, u] of pairsOf(section.method, part.choice)) {
        summed.set(i, (summed.get(i) ?? 0) + u);
      }
    });
    keep([...summed]);
  };
  /**
   * The common case, approval or knapsack on a ballot of one part, without the pairs: the bids'
   * indices in order (insertion sort: a ballot names a handful), each with utility 1. The same
   * key and entries as `keep(pairsOf(…))`; a city's ballots sum up in a third of the time.
   */
  const approvals = (ids: readonly BidId[]) => {
    for (const id of ids) approve(index(id));
  };
  const approve = (i: number) => {
    let k = size;
    for (; k > 0 && (bidsOf[k - 1] ?? 0) > i; k--) bidsOf[k] = bidsOf[k - 1] ?? 0;
    bidsOf[k] = i;
    utilitiesOf[size++] = 1;
  };
  /** `collect` for `addIndexed`: what `pairsOf` gives for the same choice, from its indices. */
  const collectIndexed = (
    indices: ArrayLike<number>,
    values: ArrayLike<number> | undefined,
    from: number,
    to: number,
  ): void => {
    size = 0;
    const only = sections[0];
    if (sectioned || only === undefined) {
      throw new Error('Tally given bid indices for a ballot with sections.');
    }
    const m = only.method;
    const at = (k: number) => indices[k] ?? 0;
    const value = (k: number) => values?.[k] ?? 0;
    const pairs: [number, number][] = [];
    switch (m.kind) {
      case 'approval':
      case 'knapsack':
        for (let k = from; k < to; k++) approve(at(k));
        return;
      case 'score':
        for (let k = from; k < to; k++) {
          scored[at(k)] = (scored[at(k)] ?? 0) + 1;
          pairs.push([at(k), value(k)]);
        }
        break;
      case 'ranking':
        for (let k = from; k < to; k++) pairs.push([at(k), m.maxRanks - (k - from)]);
        break;
      case 'cumulative':
        for (let k = from; k < to; k++) pairs.push([at(k), value(k)]);
        break;
      default:
        return assertNever(m);
    }
    keep(pairs);
  };
  const keep = (pairs: [number, number][]) => {
    pairs.sort((a, b) => a[0] - b[0]);
    for (const [i, u] of pairs) {
      if (u <= 0) continue;
      bidsOf[size] = i;
      utilitiesOf[size++] = u;
    }
  };

  /** Whether group g holds exactly this ballot's (bid, utility) list (NaN equal to NaN). */
  const sameEntries = (g: number): boolean => {
    const from = offsets[g] ?? 0;
    if ((offsets[g + 1] ?? 0) - from !== size) return false;
    for (let k = 0; k < size; k++) {
      if (entryBids[from + k] !== bidsOf[k]) return false;
      const a = entryUtilities[from + k] ?? 0;
      const b = utilitiesOf[k] ?? 0;
      if (a !== b && (a === a || b === b)) return false;
    }
    return true;
  };

  /** Counts the ballot `collect` or `collectIndexed` left in `bidsOf` and `utilitiesOf`. */
  const commit = (area: string | undefined): void => {
    ballots += 1;
    const units = weighted ? weights_.units(area) : 1;
    totalUnits += units;
    let hash = size;
    for (let k = 0; k < size; k++) {
      const i = bidsOf[k] ?? 0;
      const u = utilitiesOf[k] ?? 0;
      support[i] = (support[i] ?? 0) + u;
      voters[i] = (voters[i] ?? 0) + 1;
      if (weighted) weightedSupport[i] = (weightedSupport[i] ?? 0) + units * u;
      hash = Math.imul(hash ^ i, 0x01000193);
      if (u !== 1) hash = Math.imul(hash ^ (u * 1024), 0x01000193);
    }
    // Low bits of a product depend only on low bits: mix the high ones down before masking.
    hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
    hash ^= hash >>> 13;
    let mask = slots.length - 1;
    let at = hash & mask;
    for (let g = slots[at] ?? 0; g !== 0; g = slots[at] ?? 0) {
      if (groupHash[g - 1] === hash && sameEntries(g - 1)) {
        weights[g - 1] = (weights[g - 1] ?? 0) + units;
        return;
      }
      at = (at + 1) & mask;
    }
    // A new group.
    const g = weights.length;
    groupHash.push(hash);
    slots[at] = g + 1;
    if (2 * (g + 1) > slots.length) {
      slots = new Int32Array(2 * slots.length);
      mask = slots.length - 1;
      groupHash.forEach((h, k) => {
        let free = h & mask;
        while (slots[free] !== 0) free = (free + 1) & mask;
        slots[free] = k + 1;
      });
    }
    weights.push(units);
    for (let k = 0; k < size; k++) {
      entryBids.push(bidsOf[k] ?? 0);
      entryUtilities.push(utilitiesOf[k] ?? 0);
    }
    offsets.push(entryBids.length);
  };

  return {
    add(choice, area) {
      collect(choice);
      commit(area);
    },
    addIndexed(indices, values, from, to) {
      collectIndexed(indices, values, from, to);
      commit(undefined);
    },
    build() {
      if (weighted && !weightedSupport.every(Number.isSafeInteger)) {
        // Never reached by a real event (weights ≤ 100, 3 places); refuse rather than round.
        throw new Error('Weighted support too large to count exactly.');
      }
      return {
        ...(weighted && {
          weighted: { scale: weights_.scale, support: [...weightedSupport], total: totalUnits },
        }),
        method,
        bidIds,
        costs: event.bids.map((b) => b.amount),
        ballots,
        support: [...support],
        voters: [...voters],
        scored: [...scored],
        groups: {
          count: weights.length,
          weights: Float64Array.from(weights),
          offsets: Int32Array.from(offsets),
          bids: Int32Array.from(entryBids),
          utilities: Float64Array.from(entryUtilities),
        },
      };
    },
  };
}

/**
 * A compact, order-free summary of the ballots: what the tally rules need and nothing else.
 *
 * Voters who made identical choices are one group with a weight, because every rule here treats
 * them identically (under equal shares they start with the same budget, pay for the same bids and
 * so always keep the same budget). Adding a ballot is a fold step, so a million ballots never
 * need to exist as objects at once: a reader can stream choices straight into `add`.
 */
import { assertNever } from '../result.ts';
import type { BidId, Choice, EventDefinition, MethodKind } from '../schema.ts';

export interface Profile {
  readonly method: MethodKind;
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
}

/**
 * Groups of identical ballots in compressed-row form: group g supports bids
 * `bids[offsets[g] .. offsets[g+1])` with the matching `utilities` (approval: 1; score, points
 * and Borda points as given). Only positive utilities are stored.
 */
export interface GroupTable {
  readonly count: number;
  readonly weights: Float64Array;
  readonly offsets: Int32Array;
  readonly bids: Int32Array;
  readonly utilities: Float64Array;
}

export interface ProfileBuilder {
  /**
   * Adds one validated choice. Throws on a choice that names an unknown bid or uses another
   * method: ballots reach the tally only after `validateBallot`, so that is a bug, not input.
   */
  add(choice: Choice): void;
  /** The profile so far; cheap enough to call once at the end. */
  build(): Profile;
}

export function createProfile(event: EventDefinition): ProfileBuilder {
  const method = event.method;
  const bidIds = event.bids.map((b) => b.id);
  const indexOf = new Map(bidIds.map((id, i) => [id, i]));
  const bidCount = bidIds.length;
  const support = new Array<number>(bidCount).fill(0);
  const voters = new Array<number>(bidCount).fill(0);
  const scored = new Array<number>(bidCount).fill(0);
  const groupOf = new Map<string, number>();
  const weights: number[] = [];
  const offsets: number[] = [0];
  const entryBids: number[] = [];
  const entryUtilities: number[] = [];
  let ballots = 0;

  const index = (id: BidId): number => {
    const i = indexOf.get(id);
    if (i === undefined) throw new Error(`Tally given a ballot naming unknown bid "${id}".`);
    return i;
  };

  /** Bid indices and utilities (> 0), sorted by bid index, one per bid: the group's key. */
  const bidsOf: number[] = [];
  const utilitiesOf: number[] = [];
  const collect = (choice: Choice): void => {
    if (choice.kind !== method.kind) {
      throw new Error(`Tally given a ${choice.kind} ballot for a ${method.kind} event.`);
    }
    bidsOf.length = 0;
    utilitiesOf.length = 0;
    switch (choice.kind) {
      case 'approval':
      case 'knapsack':
        for (const id of choice.bids) bidsOf.push(index(id));
        bidsOf.sort((a, b) => a - b);
        for (let k = 0; k < bidsOf.length; k++) utilitiesOf.push(1);
        return;
      case 'score': {
        const pairs: [number, number][] = [];
        for (const { bid, score } of choice.scores) {
          if (score === null) continue;
          const i = index(bid);
          scored[i] = (scored[i] ?? 0) + 1;
          pairs.push([i, score]);
        }
        return keep(pairs);
      }
      case 'ranking': {
        const top = method.kind === 'ranking' ? method.maxRanks : choice.ranking.length;
        return keep(choice.ranking.map((id, place) => [index(id), top - place]));
      }
      case 'cumulative':
        return keep(choice.points.map(({ bid, points }) => [index(bid), points]));
      default:
        assertNever(choice);
    }
  };
  const keep = (pairs: [number, number][]) => {
    pairs.sort((a, b) => a[0] - b[0]);
    for (const [i, u] of pairs) {
      if (u <= 0) continue;
      bidsOf.push(i);
      utilitiesOf.push(u);
    }
  };

  return {
    add(choice) {
      ballots += 1;
      collect(choice);
      let key = '';
      for (let k = 0; k < bidsOf.length; k++) {
        const i = bidsOf[k] ?? 0;
        const u = utilitiesOf[k] ?? 0;
        support[i] = (support[i] ?? 0) + u;
        voters[i] = (voters[i] ?? 0) + 1;
        key += u === 1 ? `${i},` : `${i}:${u},`;
      }
      const g = groupOf.get(key);
      if (g !== undefined) {
        weights[g] = (weights[g] ?? 0) + 1;
        return;
      }
      groupOf.set(key, weights.length);
      weights.push(1);
      for (let k = 0; k < bidsOf.length; k++) {
        entryBids.push(bidsOf[k] ?? 0);
        entryUtilities.push(utilitiesOf[k] ?? 0);
      }
      offsets.push(entryBids.length);
    },
    build() {
      return {
        method: method.kind,
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

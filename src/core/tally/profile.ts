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

  /** Pairs of (bid index, utility), utility > 0, sorted by bid index, one per bid. */
  const entriesOf = (choice: Choice): [number, number][] => {
    if (choice.kind !== method.kind) {
      throw new Error(`Tally given a ${choice.kind} ballot for a ${method.kind} event.`);
    }
    const merged = new Map<number, number>();
    const put = (id: BidId, utility: number) => {
      const i = index(id);
      if (!merged.has(i)) merged.set(i, utility);
    };
    switch (choice.kind) {
      case 'approval':
      case 'knapsack':
        for (const id of choice.bids) put(id, 1);
        break;
      case 'score':
        for (const { bid, score } of choice.scores) {
          if (score === null) continue;
          const i = index(bid);
          scored[i] = (scored[i] ?? 0) + 1;
          put(bid, score);
        }
        break;
      case 'ranking': {
        const top = method.kind === 'ranking' ? method.maxRanks : choice.ranking.length;
        choice.ranking.forEach((id, place) => put(id, top - place));
        break;
      }
      case 'cumulative':
        for (const { bid, points } of choice.points) put(bid, points);
        break;
      default:
        assertNever(choice);
    }
    return [...merged].filter(([, u]) => u > 0).sort((a, b) => a[0] - b[0]);
  };

  return {
    add(choice) {
      ballots += 1;
      const entries = entriesOf(choice);
      for (const [i, u] of entries) {
        support[i] = (support[i] ?? 0) + u;
        voters[i] = (voters[i] ?? 0) + 1;
      }
      const key = entries.map(([i, u]) => (u === 1 ? `${i}` : `${i}:${u}`)).join(',');
      const g = groupOf.get(key);
      if (g !== undefined) {
        weights[g] = (weights[g] ?? 0) + 1;
        return;
      }
      groupOf.set(key, weights.length);
      weights.push(1);
      for (const [i, u] of entries) {
        entryBids.push(i);
        entryUtilities.push(u);
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

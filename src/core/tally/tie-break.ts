/**
 * The documented tie-break, the same for every rule. The event's policy says which fact decides
 * first: 'cheaper-first' (the default: the cheaper bid leaves more money for others), then the bid
 * more voters supported; or 'more-voters-first', the other way round. Last comes a lot. The lot is the order of
 * sha256(seed + ':' + bidId), with the seed fixed before the count, so it is identical on every
 * machine and anyone can redo it by hand.
 */
import { sha256Hex } from '../hash.ts';
import type { BidId, PotId, TieBreakPolicy } from '../schema.ts';
import type { Seed, TieRecord, TieSituation } from './types.ts';

export interface TieBreak {
  /** Negative when bid `a` (an index into the profile's bids) wins the tie against `b`. */
  compare(a: number, b: number): number;
  /** Rank of every bid under `compare`: 0 wins every tie. */
  readonly rank: Int32Array;
  /** The record of a tie the rule had to break; `bids` must already be in tie-break order. */
  record(potId: PotId, bids: readonly number[], situation: TieSituation): TieRecord;
}

export function createTieBreak(
  bidIds: readonly BidId[],
  costs: readonly number[],
  voters: readonly number[],
  seed: Seed,
  policy: TieBreakPolicy,
): TieBreak {
  // The seed and the lots are worked out on the first lot drawn: most counts never need one (no
  // two bids cost the same with as many voters), and the seed hashes every ballot.
  let seedValue: string | undefined;
  const seedOf = () => (seedValue ??= typeof seed === 'string' ? seed : seed());
  let lots: string[] | undefined;
  const lotOf = (i: number) => at((lots ??= bidIds.map((id) => sha256Hex(`${seedOf()}:${id}`))), i);
  const at = <T>(list: readonly T[], i: number): T => {
    const value = list[i];
    if (value === undefined) throw new Error(`No bid at index ${i}.`);
    return value;
  };
  const byCost = (a: number, b: number) => at(costs, a) - at(costs, b);
  const byVotes = (a: number, b: number) => at(voters, b) - at(voters, a);
  const byLot = (a: number, b: number) => {
    const la = lotOf(a);
    const lb = lotOf(b);
    if (la !== lb) return la < lb ? -1 : 1;
    // Two equal hashes would need a SHA-256 collision; ids keep the order total anyway.
    return at(bidIds, a) < at(bidIds, b) ? -1 : 1;
  };
  const [first, second] = policy === 'cheaper-first' ? [byCost, byVotes] : [byVotes, byCost];
  const compare = (a: number, b: number) => first(a, b) || second(a, b) || byLot(a, b);

  const order = bidIds.map((_, i) => i).sort(compare);
  const rank = new Int32Array(bidIds.length);
  order.forEach((bid, r) => (rank[bid] = r));

  return {
    compare,
    rank,
    record(potId, bids, situation) {
      const [a, b] = bids;
      if (a === undefined || b === undefined) throw new Error('A tie needs two bids.');
      const names = bids.map((i) => at(bidIds, i));
      const decider = first(a, b) ? first : second(a, b) ? second : byLot;
      const decidedBy = decider === byCost ? 'cost' : decider === byVotes ? 'votes' : 'lot';
      return decidedBy === 'lot'
        ? { potId, bids: names, decidedBy, situation, seed: seedOf() }
        : { potId, bids: names, decidedBy, situation };
    },
  };
}

/**
 * A seed worked out at most once, and only if a lot is drawn: for callers that count the same
 * ballots more than once (both rules) and would otherwise hash every ballot up front.
 */
export function lazySeed(work: () => string): () => string {
  let seed: string | undefined;
  return () => (seed ??= work());
}

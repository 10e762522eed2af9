/**
 * The tally engine's public shape. `tally()` is a pure fold over ballots: same event, same ballots
 * and same seed give the same result on every machine.
 */
import type { Problem } from '../problem.ts';
import type { BidId, PotId, Rule } from '../schema.ts';

export interface TallyOptions {
  /** Defaults to the event's own rule. */
  rule?: Rule;
  /**
   * Hex seed for the last tie-break (a lot). Derived from the tally file's content hash
   * (see `contentSeed` in tally-file), so anyone re-tallying the same ballots draws the same lot.
   */
  seed: string;
}

export interface BidSupport {
  bidId: BidId;
  /** Approvals, total score, total points or Borda points, by the event's method. */
  support: number;
  /** How many counted ballots gave this bid anything. */
  voters: number;
  /**
   * Only on an event that weights areas: Σ weight × support, exact, as a decimal ("7.5"). The
   * rules rank by it; `support` and `voters` stay counts of people (thresholds use those).
   */
  weightedSupport?: string;
  /** Set when a threshold ruled the bid out, with the facts of why. */
  excludedBy?: Exclusion;
}

/**
 * Why a threshold ruled a bid out. below-min-support {voters, ballots, share};
 * below-min-average-score {average, max, share}. `share` is the threshold, 0–1.
 */
export type ExclusionCode = 'below-min-support' | 'below-min-average-score';
export type Exclusion = Problem<ExclusionCode>;
export const EXCLUSION_CODES: readonly ExclusionCode[] = [
  'below-min-support',
  'below-min-average-score',
];

export interface PotResult {
  potId: PotId;
  name: string;
  /** The pot's own budget plus anything rolled into it (minor units). */
  budget: number;
  rolledIn: number;
  /** Funded bids in the order the rule chose them. */
  selected: BidId[];
  spent: number;
  left: number;
  /** Where `left` went, if the pot rolls over. */
  rolledOverTo?: PotId;
  /**
   * Only on a pot with its own thresholds (which replace the event's for it): the bids it could
   * have funded (eligible, not funded by an earlier pot, supported on at least one ballot) that
   * those thresholds ruled out, with the facts of why, in the event's bid order. The event's
   * thresholds are on `BidSupport.excludedBy`.
   */
  excluded?: PotExclusion[];
}

/** A bid a pot's own thresholds left out, and why (the same codes as `BidSupport.excludedBy`). */
export interface PotExclusion {
  bidId: BidId;
  problem: Exclusion;
}

export interface TieRecord {
  potId: PotId;
  /** The tied bids, in the order the tie-break put them. */
  bids: BidId[];
  /** The first criterion that separated them. */
  decidedBy: TieDecider;
  /** What the bids were equal in: support (greedy) or value for money (equal shares). */
  situation: TieSituation;
  /** The lot's seed, when the lot decided: anyone can redraw it. */
  seed?: string;
}

export type TieDecider = 'cost' | 'votes' | 'lot';
export const TIE_DECIDERS: readonly TieDecider[] = ['cost', 'votes', 'lot'];
export type TieSituation = 'equal-support' | 'equal-value';
export const TIE_SITUATIONS: readonly TieSituation[] = ['equal-support', 'equal-value'];

export interface TallyResult {
  eventId: string;
  rule: Rule;
  ballotsCounted: number;
  support: BidSupport[];
  pots: PotResult[];
  /** Every funded bid, pot by pot. */
  selected: BidId[];
  ties: TieRecord[];
}

/**
 * The tally engine's public shape. `tally()` is a pure fold over ballots: same event, same ballots
 * and same seed give the same result on every machine.
 */
import type { Problem } from '../problem.ts';
import type { BidId, PotId, Rule } from '../schema.ts';
import type { FastStepsFactory } from './mes-instance.ts';

export interface TallyOptions {
  /** Defaults to the event's own rule. */
  rule?: Rule;
  /**
   * Hex seed for the last tie-break (a lot). Derived from the tally file's content hash
   * (see `contentSeed` in tally-file), so anyone re-tallying the same ballots draws the same lot.
   * May be given as a function: it is then called only if a lot is drawn (it hashes every ballot).
   */
  seed: Seed;
  /**
   * Bids the organiser withdrew after voting (found ineligible, say): no pot funds them, but every
   * ballot still counts, and under equal shares their supporters keep their share of the money.
   */
  withdrawn?: readonly BidId[];
  /** Also return `explanations`: why each bid was or was not funded, as codes and numbers. */
  explain?: boolean;
  /**
   * Who runs equal shares' float steps (see `FastSteps` in mes-instance.ts): the command line
   * runs some on a second core. The same results either way.
   */
  fastSteps?: FastStepsFactory;
}

/** A seed, or how to work it out when it is first needed (see `TallyOptions.seed`). */
export type Seed = string | (() => string);

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
  /** The withdrawn bids the tally left out (only when some were given). */
  withdrawn?: BidId[];
  /** Only when `explain` was asked for: one per pot, in the event's pot order. */
  explanations?: PotExplanation[];
}

/**
 * Why a pot funded what it did, as data: the app words it through the message catalogue
 * (`results.explain.<code>`), the CLI in English (`--explain`). Amounts are minor units; an
 * equal-shares payment may be a fraction of a minor unit (shown rounded, summed exactly enough
 * that a funded bid's payments add up to its cost within a millionth of it).
 */
export interface PotExplanation {
  potId: PotId;
  /** The rule this pot used (its own, the event's, or the one asked for). */
  rule: Rule;
  /** Counted ballots, the denominator of `votersWithFundedBid`. */
  ballots: number;
  /** Counted ballots that supported at least one bid this pot funded. */
  votersWithFundedBid: number;
  /** Money the pot did not spend (the same as its result's `left`). */
  left: number;
  /**
   * Equal shares only: each voter's starting money in the run that was kept (the pot ÷ ballots,
   * raised by "add one unit"), and how many units were added.
   */
  shares?: { voterBudget: number; unitsAdded: number };
  /** Every bid the pot could have funded or had to pass over, in the event's bid order. */
  bids: BidExplanation[];
}

export interface BidExplanation {
  bidId: BidId;
  funded: boolean;
  /** Why, in the order things happened (e.g. equal shares fell short, then completion funded it). */
  reasons: ExplanationReason[];
}

/**
 * One payment group: `voters` supporters (weighted on a weighted event: a sum of weights, so it may
 * be a fraction) each paid `each` (minor units, possibly a fraction of one). The full-share payers
 * form one group per amount (one under approval; one per utility under scores or points).
 * `allTheyHad`: one group of the supporters who paid all the money they had left, less than the
 * full share; their amounts differ, so `each` is their average. Σ each × voters = the bid's cost
 * within 1e-6 × cost (in practice about 1e-12: the trace is floating point, see explain.ts).
 */
export interface SharePayment {
  each: number;
  voters: number;
  allTheyHad: boolean;
}

/**
 * The reasons, each with the numbers its sentence needs.
 * - greedy-funded: reached at `place` (1-based, by support) with `moneyBefore` left; cost taken.
 * - greedy-too-dear: reached at `place` with `moneyLeft`, less than its `cost`.
 * - shares-funded: funded in round `round` (1-based); its supporters paid `payments` (sum = cost).
 * - shares-short: when equal shares stopped, its `supporters` had `supportersMoney` between them
 *   and it needed `cost`; `usedBy` names the funded bids that took most of their money.
 * - completion-funded / completion-too-dear: what the greedy completion after equal shares did,
 *   at `place` with `moneyBefore` / `moneyLeft`.
 * - excluded: a threshold ruled it out (`problem`, the same as `BidSupport.excludedBy`).
 * - funded-elsewhere: an earlier pot (`potId`) funded it.
 * - withdrawn: the organiser withdrew it (the reason is in the tally file's withdrawal record).
 * - no-support: no counted ballot supported it.
 * - tie: it was in a tie (`tie` indexes `TallyResult.ties`) that decided its fate.
 */
export type ExplanationReason =
  | { code: 'greedy-funded'; place: number; support: number; moneyBefore: number; cost: number }
  | { code: 'greedy-too-dear'; place: number; support: number; moneyLeft: number; cost: number }
  | { code: 'shares-funded'; round: number; supporters: number; payments: SharePayment[] }
  | {
      code: 'shares-short';
      supporters: number;
      supportersMoney: number;
      cost: number;
      usedBy: { bidId: BidId; amount: number }[];
    }
  | { code: 'completion-funded'; place: number; moneyBefore: number; cost: number }
  | { code: 'completion-too-dear'; place: number; moneyLeft: number; cost: number }
  | { code: 'excluded'; problem: Exclusion }
  | { code: 'funded-elsewhere'; potId: PotId }
  | { code: 'withdrawn' }
  | { code: 'no-support' }
  | { code: 'tie'; tie: number };

export type ExplanationCode = ExplanationReason['code'];
export const EXPLANATION_CODES: readonly ExplanationCode[] = [
  'greedy-funded',
  'greedy-too-dear',
  'shares-funded',
  'shares-short',
  'completion-funded',
  'completion-too-dear',
  'excluded',
  'funded-elsewhere',
  'withdrawn',
  'no-support',
  'tie',
];

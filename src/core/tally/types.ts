/**
 * The tally engine's public shape. `tally()` is a pure fold over ballots: same event, same ballots
 * and same seed give the same result on every machine.
 */
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
  /** Set when a threshold ruled the bid out, with the human reason. */
  excludedBy?: string;
}

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
}

export interface TieRecord {
  potId: PotId;
  /** The tied bids, in the order the tie-break put them. */
  bids: BidId[];
  /** The first criterion that separated them. */
  decidedBy: 'cost' | 'votes' | 'lot';
  /** One human sentence, e.g. "Bids A and B had equal support; A is cheaper." */
  explanation: string;
}

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

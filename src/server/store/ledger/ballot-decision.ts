/**
 * What the ledger does with one pushed ballot (event-ledger.ts, `store`), from what it already
 * holds: counted, acknowledged again, or kept apart with its reason. Pure: the ledger asks it and
 * makes its reservation with no await in between, so two pushes of one id (or one voting code)
 * cannot both be counted.
 */
import { canonicalJson } from '../../../core/canonical-json.ts';
import type { EventState } from '../../../core/event-lifecycle.ts';
import type { RejectionCode } from '../../../core/protocol.ts';
import type { Ballot } from '../../../core/schema.ts';
import type { CodeRefusal } from '../code-book.ts';

/** Why a ballot is kept apart; `message` is English for logs and the quarantine file. */
export interface Refusal {
  code: RejectionCode;
  message: string;
  params?: Record<string, string | number>;
}

export type BallotDecision =
  /** New: counted once its group is written. */
  | { kind: 'add' }
  /** The very ballot already held (a station sending again): acknowledged, not counted twice. */
  | { kind: 'again' }
  | { kind: 'refuse'; refusal: Refusal };

export interface BallotFacts {
  /** The ballot with this id that is counted or being written, if any. */
  held: Ballot | undefined;
  /** The event's state: ballots are taken while open or closed (draft ones are rehearsed). */
  state: Exclude<EventState, 'draft'>;
  /** Its id is in the rehearsal log: cast before the event opened. */
  rehearsal: boolean;
  /** Whether its voting code lets it count; asked only of a ballot that would be added. */
  codeRefusal: () => CodeRefusal | null;
}

export function decideBallot(ballot: Ballot, facts: BallotFacts): BallotDecision {
  const { held } = facts;
  if (held !== undefined) {
    if (canonicalJson(held) === canonicalJson(ballot)) return { kind: 'again' };
    return refuse(
      'conflict',
      `Ballot ${ballot.id} is already in the tally with different choices. The first one ` +
        'counts; this one is kept apart for the organiser to look at.',
    );
  }
  if (facts.state === 'final') {
    return refuse(
      'event-final',
      `Ballot ${ballot.id} arrived after the count was sealed (final): kept apart, not counted.`,
    );
  }
  if (facts.rehearsal) {
    return refuse(
      'rehearsal-ballot',
      `Ballot ${ballot.id} was cast in a rehearsal, before the event opened: kept apart, not counted.`,
    );
  }
  const code = facts.codeRefusal();
  return code === null ? { kind: 'add' } : { kind: 'refuse', refusal: code };
}

const refuse = (code: RejectionCode, message: string): BallotDecision => ({
  kind: 'refuse',
  refusal: { code, message },
});

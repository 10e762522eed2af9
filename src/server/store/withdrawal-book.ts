/**
 * The organiser's withdrawals of one event's bids: which bids are withdrawn after voting, why,
 * when and by whom. The tally file is where they are recorded (withdrawal records,
 * core/tally-file/withdrawal-record.ts); this book is the ledger's memory of them, so a withdrawal
 * is decided at once (no await between the look-up and the reservation: two requests to withdraw
 * one bid cannot both go through).
 *
 * A withdrawal is refused while the event is a draft (`event-not-open`: a draft edits its bids
 * instead), for a bid the event does not have (`bid-not-found`), or one withdrawn already
 * (`bid-withdrawn`). Open, closed and final events take them: a bid is often found ineligible
 * only after the count.
 */
import type { EventState } from '../../core/event-lifecycle.ts';
import type { EventDefinition } from '../../core/schema.ts';
import { takesWithdrawals, type WithdrawalChange } from '../../core/tally-file/index.ts';

export type WithdrawalRefusalCode = 'bid-not-found' | 'bid-withdrawn' | 'event-not-open';

/** A withdrawal the event's state or the bid does not allow; nothing was written. */
export class WithdrawalRefused extends Error {
  override readonly name = 'WithdrawalRefused';
  constructor(
    readonly code: WithdrawalRefusalCode,
    readonly params: Record<string, string | number>,
  ) {
    super(`${code} ${JSON.stringify(params)}`);
  }
}

/** What the organiser asks: the bid, the reason (already checked, 1..500 chars) and who. */
export interface WithdrawalRequest {
  bid: string;
  reason: string;
  by: string;
}

export class WithdrawalBook {
  /** Withdrawals written, or being written, by bid id. */
  private readonly withdrawals = new Map<string, WithdrawalChange>();

  /** From the tally file's withdrawal records at start-up. */
  load(withdrawals: readonly WithdrawalChange[]): void {
    for (const { bid, reason, at, by } of withdrawals)
      this.withdrawals.set(bid, { bid, reason, at, by });
  }

  get size(): number {
    return this.withdrawals.size;
  }

  /** Every withdrawal, in the order they were made. */
  all(): WithdrawalChange[] {
    return [...this.withdrawals.values()];
  }

  /** Checks and reserves a withdrawal (throws WithdrawalRefused). */
  reserve(
    request: WithdrawalRequest,
    event: EventDefinition,
    state: EventState,
    at: string,
  ): WithdrawalChange {
    if (!takesWithdrawals(state)) throw new WithdrawalRefused('event-not-open', { state });
    if (!event.bids.some((b) => b.id === request.bid)) {
      throw new WithdrawalRefused('bid-not-found', { bid: request.bid });
    }
    const known = this.withdrawals.get(request.bid);
    if (known !== undefined) {
      throw new WithdrawalRefused('bid-withdrawn', {
        bid: request.bid,
        at: known.at,
        by: known.by,
      });
    }
    const change: WithdrawalChange = {
      bid: request.bid,
      reason: request.reason,
      at,
      by: request.by,
    };
    this.withdrawals.set(change.bid, change);
    return change;
  }

  /** A reserved withdrawal whose write failed: the bid can be withdrawn again. */
  release(change: WithdrawalChange): void {
    if (this.withdrawals.get(change.bid) === change) this.withdrawals.delete(change.bid);
  }
}

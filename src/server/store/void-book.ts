/**
 * The organiser's voids of one event: which ballots are voided, why, when and by whom. The tally
 * file is where they are recorded (void records, core/tally-file/void-record.ts); this book is the
 * ledger's memory of them, so a void is decided at once (no await between the look-up and the
 * reservation: two requests to void one ballot cannot both go through).
 *
 * A void is refused when the ballot is not in the tally (`ballot-not-found`), is voided already
 * (`ballot-voided`), or the event takes no voids: a draft counts nothing (`event-not-open`) and a
 * final count is sealed (`event-final`): voiding then would change a published result.
 */
import type { EventState } from '../../core/event-lifecycle.ts';
import type { Ballot } from '../../core/schema.ts';
import type { VoidChange } from '../../core/tally-file/index.ts';

export type VoidRefusalCode =
  'ballot-not-found' | 'ballot-voided' | 'event-not-open' | 'event-final';

/** A void the event's state or the ballot does not allow; nothing was written. */
export class VoidRefused extends Error {
  override readonly name = 'VoidRefused';
  constructor(
    readonly code: VoidRefusalCode,
    readonly params: Record<string, string | number>,
  ) {
    super(`${code} ${JSON.stringify(params)}`);
  }
}

/** What the organiser asks: the ballot, the reason (already checked, 1..500 chars) and who. */
export interface VoidRequest {
  ballot: string;
  reason: string;
  by: string;
}

export class VoidBook {
  /** Voids written, or being written, by ballot id. */
  private readonly voids = new Map<string, VoidChange>();

  /** From the tally file's void records at start-up. */
  load(voids: readonly VoidChange[]): void {
    for (const { ballot, reason, at, by } of voids)
      this.voids.set(ballot, { ballot, reason, at, by });
  }

  get size(): number {
    return this.voids.size;
  }

  of(ballotId: string): VoidChange | undefined {
    return this.voids.get(ballotId);
  }

  /**
   * Checks and reserves a void (throws VoidRefused). `held` is the ballot when it is durable in
   * the tally (a ballot still being written cannot be voided yet: its write may fail).
   */
  reserve(
    request: VoidRequest,
    held: Ballot | undefined,
    state: EventState,
    at: string,
  ): VoidChange {
    if (state === 'draft') throw new VoidRefused('event-not-open', { state });
    if (state === 'final') throw new VoidRefused('event-final', { state });
    if (held === undefined) throw new VoidRefused('ballot-not-found', { ballot: request.ballot });
    const known = this.voids.get(request.ballot);
    if (known !== undefined) {
      throw new VoidRefused('ballot-voided', {
        ballot: request.ballot,
        at: known.at,
        by: known.by,
      });
    }
    const change: VoidChange = {
      ballot: request.ballot,
      reason: request.reason,
      at,
      by: request.by,
    };
    this.voids.set(change.ballot, change);
    return change;
  }

  /** A reserved void whose write failed: the ballot can be voided again. */
  release(change: VoidChange): void {
    if (this.voids.get(change.ballot) === change) this.voids.delete(change.ballot);
  }
}

/**
 * Stations' closing sheets of one event (docs/check-in.md, "Closing a station"). The tally file is
 * where they are recorded (closing records, core/tally-file/closing-record.ts); this book is the
 * ledger's memory of them, so a closing is decided at once (no await between the look-up and the
 * reservation: two pushes of one station's sheet cannot both be written).
 *
 * One sheet per station (by the station's own id, the one its ballots carry). The same sheet
 * again — a retried push, a file imported after a sync — is "already there" and writes nothing;
 * a different sheet of a station already closed is refused (`closing-conflict`): the first one
 * stays, and a person decides. A draft's closings are rehearsals and not recorded
 * (`event-not-open`).
 */
import { canonicalJson } from '../../core/canonical-json.ts';
import type { EventState } from '../../core/event-lifecycle.ts';
import type { ClosingChange } from '../../core/tally-file/index.ts';

export type ClosingRefusalCode = 'closing-conflict' | 'event-not-open';

/** A closing the event's state or an earlier sheet does not allow; nothing was written. */
export class ClosingRefused extends Error {
  override readonly name = 'ClosingRefused';
  constructor(
    readonly code: ClosingRefusalCode,
    readonly params: Record<string, string | number>,
  ) {
    super(`${code} ${JSON.stringify(params)}`);
  }
}

export class ClosingBook {
  /** Closings written, or being written, by station. */
  private readonly byStation = new Map<string, ClosingChange>();

  /** From the tally file's closing records at start-up. */
  load(closings: readonly ClosingChange[]): void {
    for (const { sheet, receivedAt, joined } of closings) {
      this.byStation.set(sheet.station, {
        sheet,
        ...(receivedAt === undefined ? {} : { receivedAt }),
        ...(joined === undefined ? {} : { joined }),
      });
    }
  }

  all(): ClosingChange[] {
    return [...this.byStation.values()];
  }

  /**
   * Checks and reserves a closing (throws ClosingRefused): `{ added: true }` when it is to be
   * written, `{ added: false, held }` when the same sheet is already there.
   */
  reserve(
    change: ClosingChange,
    state: EventState,
  ): { added: true; held: ClosingChange } | { added: false; held: ClosingChange } {
    if (state === 'draft') throw new ClosingRefused('event-not-open', { state });
    const held = this.byStation.get(change.sheet.station);
    if (held !== undefined) {
      if (canonicalJson(held.sheet) === canonicalJson(change.sheet)) return { added: false, held };
      throw new ClosingRefused('closing-conflict', {
        station: change.sheet.station,
        closedAt: held.sheet.closedAt,
      });
    }
    this.byStation.set(change.sheet.station, change);
    return { added: true, held: change };
  }

  /** A reserved closing whose write failed: the station can send it again. */
  release(change: ClosingChange): void {
    if (this.byStation.get(change.sheet.station) === change) {
      this.byStation.delete(change.sheet.station);
    }
  }
}

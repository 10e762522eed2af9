/**
 * The tally file's withdrawal record: `{ type: "withdrawal", bid, reason, at, by }`, hash-chained
 * like every record and followed by a seal. The organiser withdraws a bid after voting began (found
 * ineligible, say) with a reason; the ballots stay as they were and every one still counts, but no
 * pot funds the bid (the tally's `withdrawn` option). See docs/tally-file.md.
 *
 * Allowed once voting began: open, closed or final (a bid found ineligible after the count was
 * sealed is the usual case). A draft is still being edited: there the organiser edits its bids.
 *
 * Writing needs no zod (like write.ts); reading checks the shape, that the bid is one of the
 * event's, that it is not withdrawn already, and the event's state.
 */
import type { EventState } from '../event-lifecycle.ts';
import { sha256Hex } from '../hash.ts';
import { err, ok, type Result } from '../result.ts';
import type { BidId, EventDefinition } from '../schema.ts';
import { appendSealed, type ChainHead, type Sha256, type TallyFileProblem } from './format.ts';
import { reasonedRecord, VOID_REASON_MAX, voidReason } from './void-record.ts';

/** What the organiser decided: which bid, why, when (ISO, UTC) and who. */
export interface WithdrawalChange {
  bid: BidId;
  reason: string;
  at: string;
  by: string;
}

export type WithdrawalRecord = { type: 'withdrawal' } & WithdrawalChange;

/** A reason is one to 500 characters of text (trimmed): the same rule as a void's. */
export const WITHDRAWAL_REASON_MAX = VOID_REASON_MAX;

/** The reason as it is stored, or null when it is empty or too long. */
export const withdrawalReason: (text: string) => string | null = voidReason;

/** Whether an event in this state takes a withdrawal (null: a file written before states: open). */
export const takesWithdrawals = (state: EventState | null): boolean => state !== 'draft';

/** The lines for some withdrawals, then a seal (so the file stays complete after them). */
export function appendWithdrawals(
  head: ChainHead,
  withdrawals: readonly WithdrawalChange[],
  sha256: Sha256 = sha256Hex,
): { text: string; head: ChainHead } {
  const records = withdrawals.map(({ bid, reason, at, by }) => ({
    type: 'withdrawal',
    bid,
    reason,
    at,
    by,
  }));
  return appendSealed(head, records, sha256);
}

const bad = (
  line: number,
  params: Record<string, string | number>,
): Result<never, TallyFileProblem> =>
  err({ code: 'bad-withdrawal', line, params: { line, ...params } });

/**
 * A withdrawal record read from line `line` (already chain-checked), given the event, the
 * withdrawals before it (line by bid id) and the event's state before it.
 */
export function readWithdrawalRecord(
  record: { [key: string]: unknown },
  line: number,
  event: EventDefinition,
  withdrawn: ReadonlyMap<string, number>,
  state: EventState | null,
): Result<WithdrawalRecord, TallyFileProblem> {
  const fields = reasonedRecord(record, 'bid');
  if (fields === null) return bad(line, { kind: 'malformed' });
  const { id: bid, reason, at, by } = fields;
  if (!takesWithdrawals(state)) return bad(line, { kind: 'state', state: state ?? 'open', bid });
  if (!event.bids.some((b) => b.id === bid)) return bad(line, { kind: 'unknown', bid });
  const first = withdrawn.get(bid);
  if (first !== undefined) return bad(line, { kind: 'again', bid, first });
  return ok({ type: 'withdrawal', bid, reason, at, by });
}

/** The bids to pass as the tally's `withdrawn` option, in file order. */
export function withdrawnBids(contents: { withdrawals: readonly WithdrawalRecord[] }): BidId[] {
  return contents.withdrawals.map((w) => w.bid);
}

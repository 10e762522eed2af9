/**
 * The tally file's void record: `{ type: "void", ballot, reason, at, by }`, hash-chained like every
 * record and followed by a seal. The organiser voids a ballot (a paper ballot keyed wrongly, a
 * voting code used twice) with a reason; the ballot stays in the file (a void is never a deletion)
 * and the tally counts the ballots minus the voided ones. See docs/tally-file.md.
 *
 * Writing needs no zod (like write.ts); reading checks the shape, that the ballot is in the file
 * before the void, and that it is not voided already.
 */
import type { EventState } from '../event-lifecycle.ts';
import { sha256Hex } from '../hash.ts';
import { err, ok, type Result } from '../result.ts';
import type { Ballot } from '../schema.ts';
import { appendSealed, type ChainHead, type Sha256, type TallyFileProblem } from './format.ts';

/** What the organiser decided: which ballot, why, when (ISO, UTC) and who. */
export interface VoidChange {
  ballot: string;
  reason: string;
  at: string;
  by: string;
}

export type VoidRecord = { type: 'void' } & VoidChange;

/** A reason is one to 500 characters of text (trimmed): enough for a sentence, never a file. */
export const VOID_REASON_MAX = 500;

/** The reason as it is stored, or null when it is empty or too long. */
export function voidReason(text: string): string | null {
  const reason = text.trim();
  return reason.length === 0 || reason.length > VOID_REASON_MAX ? null : reason;
}

/** The lines for some voids, then a seal (so the file stays complete after them). */
export function appendVoids(
  head: ChainHead,
  voids: readonly VoidChange[],
  sha256: Sha256 = sha256Hex,
): { text: string; head: ChainHead } {
  return appendSealed(
    head,
    voids.map((v) => ({
      type: 'void',
      ballot: v.ballot,
      reason: v.reason,
      at: v.at,
      by: v.by,
    })),
    sha256,
  );
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

/**
 * An organiser's decision about one thing, as a void and a withdrawal record it: exactly `type`,
 * `hash`, `subject` (an id of 1 to 200 characters), `reason` (as `voidReason` keeps it), `at` (ISO,
 * UTC) and `by`. Its fields, or null when the record has any other shape.
 */
export function reasonedRecord(
  record: { [key: string]: unknown },
  subject: string,
): { id: string; reason: string; at: string; by: string } | null {
  const { [subject]: id, reason, at, by } = record;
  const keys = Object.keys(record).sort().join();
  const valid =
    keys === ['at', 'by', 'hash', 'reason', subject, 'type'].sort().join() &&
    typeof id === 'string' &&
    id.length > 0 &&
    id.length <= 200 &&
    typeof reason === 'string' &&
    voidReason(reason) === reason &&
    typeof at === 'string' &&
    ISO_TIME.test(at) &&
    typeof by === 'string' &&
    by.length > 0 &&
    by.length <= 200;
  return valid ? { id, reason, at, by } : null;
}

const bad = (
  line: number,
  params: Record<string, string | number>,
): Result<never, TallyFileProblem> => err({ code: 'bad-void', line, params: { line, ...params } });

/**
 * A void record read from line `line` (already chain-checked), given where each ballot id first
 * appears, the voids before it (by ballot id) and the event's state before it.
 */
export function readVoidRecord(
  record: { [key: string]: unknown },
  line: number,
  ballotLines: ReadonlyMap<string, number>,
  voided: ReadonlyMap<string, number>,
  state: EventState | null,
): Result<VoidRecord, TallyFileProblem> {
  const fields = reasonedRecord(record, 'ballot');
  if (fields === null) return bad(line, { kind: 'malformed' });
  const { id: ballot, reason, at, by } = fields;
  // A sealed count (final) never changes, and a draft holds no ballots to void.
  if (state === 'final' || state === 'draft') return bad(line, { kind: 'state', state, ballot });
  if (!ballotLines.has(ballot)) return bad(line, { kind: 'unknown', ballot });
  const first = voided.get(ballot);
  if (first !== undefined) return bad(line, { kind: 'again', ballot, first });
  return ok({ type: 'void', ballot, reason, at, by });
}

/** The ballots the tally counts: those in the file minus the voided ones, in file order. */
export function countedBallots(contents: {
  ballots: readonly Ballot[];
  voids: readonly VoidRecord[];
}): Ballot[] {
  if (contents.voids.length === 0) return [...contents.ballots];
  const voided = new Set(contents.voids.map((v) => v.ballot));
  return contents.ballots.filter((b) => !voided.has(b.id));
}

/**
 * The organisers' audit trail: who did what, when, to which event — append-only, one JSON line
 * per action, each line carrying the SHA-256 of the line before it, so an edited, removed or
 * reordered line is found when the trail is read. Ballots are never in it (nor voting codes,
 * passwords or anyone's registration): only ids, counts and the facts of the action.
 * The file store keeps it as DATA_DIR/audit.jsonl (docs/accounts.md).
 */
import { z } from 'zod';
import { canonicalJson, type Json } from './canonical-json.ts';
import { toCsv } from './export/csv.ts';
import { sha256Hex } from './hash.ts';
import { problemOf, type Problem } from './problem.ts';
import { err, ok, type Result } from './result.ts';

/** What an organiser can do that the trail records (worded as `organiser.audit.action.<code>`). */
export const AUDIT_ACTIONS = [
  'sign-in',
  'sign-in-failed',
  'event-create',
  'event-edit',
  'event-state',
  'event-pictures',
  'station-file-import',
  'tally-file-download',
  'ballot-void',
  'bid-withdraw',
  'codes-create',
  'codes-print',
  'codes-void',
  'codes-decision',
  'register-import',
  'register-export',
  'register-delete',
  'equalities-import',
  'results-publish',
  'results-unpublish',
  'station-revoke',
  'sign-out',
  'sign-out-everywhere',
  'account-invite',
  'account-invite-withdraw',
  'account-change',
  'account-reset',
  'account-invite-accept',
  /** A change through a route the trail has no name for yet: still recorded, with its path. */
  'other',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditDetails = Readonly<Record<string, string | number | boolean>>;

export interface AuditEntry {
  /** When, as the server's clock says (ISO 8601, UTC). */
  at: string;
  /** Who: the organiser's name as the server knows it. */
  by: string;
  action: AuditAction;
  /** The event acted on, when there is one. */
  event?: string;
  details: AuditDetails;
}

/** An entry as it stands in the trail: numbered from 1, chained to the line before. */
export interface AuditRecord extends AuditEntry {
  seq: number;
  /** SHA-256 (hex) of the previous line's text; 64 zeros on the first line. */
  prev: string;
}

export const AUDIT_GENESIS = '0'.repeat(64);

const recordSchema = z.strictObject({
  seq: z.number().int().min(1),
  at: z.string().min(1).max(40),
  by: z.string().max(200),
  action: z.enum(AUDIT_ACTIONS),
  event: z.string().max(200).optional(),
  details: z.record(z.string(), z.union([z.string().max(2000), z.number(), z.boolean()])),
  prev: z.string().regex(/^[0-9a-f]{64}$/),
});

export type AuditProblemCode = 'bad-line' | 'broken-chain';
/** bad-line {line}: not a record; broken-chain {line}: not the line that followed the one before. */
export type AuditProblem = Problem<AuditProblemCode>;

/** `GET /api/v1/audit[?event=…]`: the trail, oldest first, and where it is damaged if it is. */
export const auditResponseSchema = z.object({
  records: z.array(recordSchema),
  problem: z
    .object({
      code: z.enum(['bad-line', 'broken-chain']),
      params: z.object({ line: z.number() }),
    })
    .optional(),
});
export type AuditResponse = z.infer<typeof auditResponseSchema>;

export interface AuditTrailState {
  /** What the next line's `seq` and `prev` must be. */
  nextSeq: number;
  lastHash: string;
}

export const emptyAuditTrail = (): AuditTrailState => ({ nextSeq: 1, lastHash: AUDIT_GENESIS });

/** The next line of the trail (with its newline) and the trail's state after it. */
export function auditLine(
  state: AuditTrailState,
  entry: AuditEntry,
  sha256: (text: string) => string = sha256Hex,
): { text: string; record: AuditRecord; state: AuditTrailState } {
  const { event, ...rest } = entry;
  const record: AuditRecord = {
    ...rest,
    ...(event === undefined ? {} : { event }),
    seq: state.nextSeq,
    prev: state.lastHash,
  };
  const line = canonicalJson(record as unknown as Json);
  return {
    text: `${line}\n`,
    record,
    state: { nextSeq: state.nextSeq + 1, lastHash: sha256(line) },
  };
}

/**
 * Reads a whole trail and checks its chain. On a damaged line it still returns the records
 * before it, with the problem, so the organiser sees both what is sound and where it broke.
 */
export function readAuditTrail(
  text: string,
  sha256: (text: string) => string = sha256Hex,
): { records: AuditRecord[]; state: AuditTrailState; problem?: AuditProblem } {
  const records: AuditRecord[] = [];
  let state = emptyAuditTrail();
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const checked = checkLine(line, state, i + 1);
    if (!checked.ok) return { records, state, problem: checked.error };
    records.push(checked.value);
    state = { nextSeq: checked.value.seq + 1, lastHash: sha256(line) };
  }
  return { records, state };
}

function checkLine(
  line: string,
  state: AuditTrailState,
  lineNo: number,
): Result<AuditRecord, AuditProblem> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return err(problemOf('bad-line', { line: lineNo }));
  }
  const record = recordSchema.safeParse(parsed);
  if (!record.success) return err(problemOf('bad-line', { line: lineNo }));
  const value: AuditRecord = record.data;
  // Written canonically, so any edit that keeps valid JSON still changes the text it is read from.
  if (canonicalJson(value as unknown as Json) !== line) {
    return err(problemOf('bad-line', { line: lineNo }));
  }
  if (value.seq !== state.nextSeq || value.prev !== state.lastHash) {
    return err(problemOf('broken-chain', { line: lineNo }));
  }
  return ok(value);
}

/** The records as CSV for a spreadsheet: one row each, details as `key=value` pairs. */
export function auditCsv(records: readonly AuditRecord[]): string {
  return toCsv(
    ['seq', 'at', 'by', 'action', 'event', 'details'],
    records.map((r) => [
      r.seq,
      r.at,
      r.by,
      r.action,
      r.event ?? '',
      Object.entries(r.details)
        .map(([key, value]) => `${key}=${String(value)}`)
        .join('; '),
    ]),
  );
}

/**
 * The rows of the PostgreSQL tally store (migration 002-ledger.ts) as the ledger medium writes and
 * reads them: where an event stands (its `ledger_event` row), its logs' lines (a row per append),
 * its ballot ids, and what a failed write means.
 */
import { EventChangeRefused, StorageError } from '../../tally-store.ts';
import type { LOG_NAMES } from '../../ledger/ledger-medium.ts';
import type { Pool, PoolClient } from '../database.ts';

export type Log = keyof typeof LOG_NAMES;

/** Where the event stands: its logs' line counts, tally epoch and documents' version. */
export interface LedgerHead {
  epoch: bigint;
  tally: bigint;
  quarantine: bigint;
  rehearsal: bigint;
  activity: bigint;
  docVersion: bigint;
}

export interface EventRow {
  epoch: string;
  tally_lines: string;
  quarantine_lines: string;
  rehearsal_lines: string;
  activity_lines: string;
  doc_version: string;
}

export const HEAD_COLUMNS =
  'epoch, tally_lines, quarantine_lines, rehearsal_lines, activity_lines, doc_version';

export const headOf = (row: EventRow): LedgerHead => ({
  epoch: BigInt(row.epoch),
  tally: BigInt(row.tally_lines),
  quarantine: BigInt(row.quarantine_lines),
  rehearsal: BigInt(row.rehearsal_lines),
  activity: BigInt(row.activity_lines),
  docVersion: BigInt(row.doc_version),
});

export const sameHead = (a: LedgerHead, b: LedgerHead) =>
  a.epoch === b.epoch &&
  a.tally === b.tally &&
  a.quarantine === b.quarantine &&
  a.rehearsal === b.rehearsal &&
  a.activity === b.activity &&
  a.docVersion === b.docVersion;

/** The lines of a text of whole lines, without their line breaks. */
export function linesOf(text: string): string[] {
  if (text === '') return [];
  if (!text.endsWith('\n'))
    throw new Error('linesOf: a text of whole lines ends with a line break');
  return text.slice(0, -1).split('\n');
}

/** How many lines a text of whole lines holds (it ends with a line break, or is empty). */
export function lineCount(text: string): number {
  if (text === '') return 0;
  if (!text.endsWith('\n'))
    throw new Error('lineCount: a text of whole lines ends with a line break');
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

/**
 * Appends a text of whole lines to a log after line `after`, as one row (an append's lines
 * together: a row per line made PostgreSQL's inserts most of an ingest's time; the text is sent as
 * it is, not split and joined again); resolves to the new line count.
 */
export async function insertLines(
  client: PoolClient,
  eventId: string,
  log: Log,
  after: bigint,
  text: string,
): Promise<bigint> {
  const count = lineCount(text);
  if (count === 0) return after;
  await client.query(
    'INSERT INTO ledger_line (event_id, log, seq, lines, text) VALUES ($1, $2, $3, $4, $5)',
    [eventId, log, (after + 1n).toString(), count, text],
  );
  return after + BigInt(count);
}

/**
 * Records the ballot ids of a text of tally lines (its first line is line `after` + 1) under the
 * ballot table's key: `ids` are the ids of its ballot records, in order.
 */
export async function insertBallots(
  client: PoolClient,
  eventId: string,
  after: bigint,
  text: string,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  const seqs: string[] = [];
  // A ballot record's canonical JSON starts with its ballot ("ballot" < "hash" < "type").
  for (let at = 0, line = 1; at < text.length; line += 1) {
    if (text.startsWith('{"ballot":', at)) seqs.push((after + BigInt(line)).toString());
    const end = text.indexOf('\n', at);
    at = end === -1 ? text.length : end + 1;
  }
  if (seqs.length !== ids.length) throw new Error('insertBallots: ballot lines and ids differ');
  await client.query(
    `INSERT INTO ballot (event_id, ballot_id, tally_seq)
     SELECT $1, id, seq FROM unnest($2::text[], $3::bigint[]) AS u(id, seq)`,
    [eventId, ids, seqs],
  );
}

export async function readLog(
  client: Pool | PoolClient,
  eventId: string,
  log: Log,
): Promise<string> {
  const result = await client.query<{ text: string | null }>(
    `SELECT string_agg(text, '' ORDER BY seq) AS text FROM ledger_line
     WHERE event_id = $1 AND log = $2`,
    [eventId, log],
  );
  return result.rows[0]?.text ?? '';
}

/** The refusal a unique key's violation at creation means, if it is one. */
export function createRefusal(e: unknown, eventId: string): Error | null {
  const error = e as { code?: unknown; constraint?: unknown };
  if (error.code !== '23505') return null;
  if (error.constraint === 'ledger_event_join_code_key')
    return new Error('Join code already in use');
  return new EventChangeRefused('event-exists', { event: eventId });
}

export function storageFailed(where: string, e: unknown): StorageError {
  const message = e instanceof Error ? e.message : String(e);
  return new StorageError(`Writing to ${where} failed (${message}).`, { cause: e });
}

/**
 * The tally file's vocabulary: its name and version, the three kinds of record, the chain head and
 * the problems a reader can report. Shared by the writer (no zod, so a station can export without
 * the schema library) and the reader. The format itself is described in docs/tally-file.md.
 */
import { canonicalJson, canonicalObject, type Json } from '../canonical-json.ts';
import { sha256Hex } from '../hash.ts';
import type { Problem } from '../problem.ts';
import type { Ballot, EventDefinition } from '../schema.ts';

export const TALLY_FILE_FORMAT = 'decision-day-tally';
export const TALLY_FILE_VERSION = 1;

/** The chain's position after some records: enough to append more without re-reading the file. */
export interface ChainHead {
  /** The hash of the last record (its `hash` field). */
  hash: string;
  /** How many records (lines) the chain holds, header included. */
  records: number;
  /** How many ballot records it holds. */
  ballots: number;
}

// Type aliases, not interfaces: only these are assignable to `Json` for hashing.
export type HeaderRecord = {
  type: 'header';
  format: typeof TALLY_FILE_FORMAT;
  version: typeof TALLY_FILE_VERSION;
  eventHash: string;
  event: EventDefinition;
};

export type BallotRecord = {
  type: 'ballot';
  ballot: Ballot;
};

/** Ends every appended batch, so a file cut at a line boundary is still seen to be incomplete. */
export type SealRecord = {
  type: 'seal';
  /** Ballot records in the whole file up to here. */
  ballots: number;
};

export type TallyRecord = HeaderRecord | BallotRecord | SealRecord;

export type TallyFileProblemCode =
  | 'empty'
  | 'not-json'
  | 'not-tally-file'
  | 'unsupported-version'
  | 'bad-record'
  | 'bad-event'
  | 'event-hash-mismatch'
  | 'broken-chain'
  | 'invalid-ballot'
  | 'duplicate-ballot'
  | 'seal-mismatch'
  | 'truncated'
  | 'unsealed'
  | 'head-mismatch'
  | 'no-files'
  | 'other-event'
  | 'event-changed'
  | 'conflict'
  | 'bad-state'
  | 'bad-void'
  | 'bad-closing'
  | 'bad-withdrawal'
  | 'too-deep';

export const TALLY_FILE_PROBLEM_CODES: readonly TallyFileProblemCode[] = [
  'empty',
  'not-json',
  'not-tally-file',
  'unsupported-version',
  'bad-record',
  'bad-event',
  'event-hash-mismatch',
  'broken-chain',
  'invalid-ballot',
  'duplicate-ballot',
  'seal-mismatch',
  'truncated',
  'unsealed',
  'head-mismatch',
  'no-files',
  'other-event',
  'event-changed',
  'conflict',
  'bad-state',
  'bad-void',
  'bad-closing',
  'bad-withdrawal',
  'too-deep',
];

/**
 * What is wrong with a tally file, as a code and facts. Params by code (every one with a line has
 * {line}): not-json {blank: yes|no}; bad-record {record: any|header|seal|unknown};
 * unsupported-version {version, supported}; bad-event {kind: invalid|extra} (invalid: the
 * schema problem is the cause); invalid-ballot {kind: malformed|extra|invalid} (invalid:
 * the ballot problem is the cause); duplicate-ballot {ballot, first}; seal-mismatch {counted,
 * held}; head-mismatch {kind: later|other, expected, head, records, sealLine (later only)};
 * other-event {file, event, eventName, firstEvent, firstEventName}; event-changed {file, event,
 * eventName}; conflict {count, ids (the first few), more}; bad-state {kind: malformed|order|ballot,
 * state, from} (see state-record.ts); bad-void {kind: malformed|state|unknown|again,
 * ballot, first, state} (see void-record.ts); bad-closing {kind: malformed|state|duplicate, state,
 * station, first} (see closing-record.ts); bad-withdrawal {kind: malformed|state|unknown|again,
 * bid, first, state} (see withdrawal-record.ts); too-deep {max}: the line nests objects or arrays
 * more than {max} deep (core/json-depth.ts), refused before it is parsed. A problem inside one
 * file of a merge has {file} too.
 */
export interface TallyFileProblem extends Problem<TallyFileProblemCode> {
  /** 1-based line of the first bad record, when one line is to blame. */
  line?: number;
  /** 1-based position of the file in a merge, when several were given. */
  file?: number;
}

/** The header's previous hash: the chain starts from nothing. */
export const GENESIS = '';

/**
 * A record's hash covers the previous record's hash, so changing, removing, adding or moving any
 * line breaks every hash after it. Taken over canonical JSON so key order and spacing do not matter.
 */
export function chainHash(
  prevHash: string,
  recordWithoutHash: Json,
  sha256: Sha256 = sha256Hex,
): string {
  return chainHashOf(prevHash, canonicalJson(recordWithoutHash), sha256);
}

/** The same, from the record's canonical JSON when the caller already has it. */
export function chainHashOf(prevHash: string, canonicalRecord: string, sha256: Sha256): string {
  return sha256(`${prevHash}\n${canonicalRecord}`);
}

/**
 * The lines for some records that are not ballots (state changes, voids, closings), then a seal
 * with the unchanged ballot count, so the file stays complete after them.
 */
export function appendSealed(
  head: ChainHead,
  records: readonly { [key: string]: Json | undefined }[],
  sha256: Sha256 = sha256Hex,
): { text: string; head: ChainHead } {
  let text = '';
  let { hash, records: count } = head;
  for (const record of [...records, { type: 'seal', ballots: head.ballots }]) {
    const canonical = canonicalObject(record);
    hash = chainHashOf(hash, canonical.json, sha256);
    text += `${canonical.withKey('hash', hash)}\n`;
    count += 1;
  }
  return { text, head: { hash, records: count, ballots: head.ballots } };
}

/**
 * SHA-256 as lowercase hex. The default is the pure one every platform has; the server passes
 * Node's native one (same bytes, several times faster) because hashing dominates its ingest.
 */
export type Sha256 = (text: string) => string;

/** The hash that identifies an event definition: every file of that event carries it. */
export function eventHash(event: EventDefinition): string {
  return sha256Hex(canonicalJson(event));
}

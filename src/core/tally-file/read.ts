/**
 * Reading and verifying tally files. One pass over the lines checks, in order: JSON, record shape,
 * the hash chain (so tampering is named as tampering), then the content (event, ballots, seals).
 * The first problem stops the pass and is reported with its code and 1-based line.
 */
import { jsonTooDeep, MAX_JSON_DEPTH } from '../json-depth.ts';
import { z } from 'zod';
import { ballotValidator, type BallotProblem } from '../ballot.ts';
import {
  keyCount,
  plainBallot,
  plainBallotJson,
  plainBallotLine,
  type PlainBallotLine,
} from './ballot-shape.ts';
import { err, ok, type Result } from '../result.ts';
import type { Problem, ProblemParams } from '../problem.ts';
import {
  ballotSchema,
  eventSchema,
  type Choice,
  schemaProblem,
  type Ballot,
  type EventDefinition,
} from '../schema.ts';
import {
  chainHash,
  chainHashOf,
  eventHash as hashEvent,
  GENESIS,
  TALLY_FILE_FORMAT,
  TALLY_FILE_VERSION,
  type ChainHead,
  type Sha256,
  type TallyFileProblem,
  type TallyFileProblemCode,
} from './format.ts';
import { sameJson, type Json } from '../canonical-json.ts';
import { sha256Hex } from '../hash.ts';
import { checkBallotState, readStateRecord, type StateRecord } from './state-record.ts';
import { readVoidRecord, type VoidRecord } from './void-record.ts';
import { readClosingRecord, type ClosingRecord } from './closing-record.ts';
import { readWithdrawalRecord, type WithdrawalRecord } from './withdrawal-record.ts';

export interface TallyFileContents {
  event: EventDefinition;
  eventHash: string;
  /** In file order, each in canonical form. */
  ballots: Ballot[];
  head: ChainHead;
  /** The event's recorded changes of state, in order (none in a file written before them). */
  states: StateRecord[];
  /** Ballots the organiser voided, in file order: still in `ballots`, never counted. */
  voids: VoidRecord[];
  /** Stations' closing sheets, in file order (one per station). */
  closings: ClosingRecord[];
  /** Bids the organiser withdrew after voting, in file order: no pot funds them. */
  withdrawals: WithdrawalRecord[];
}

const hashField = z.string().regex(/^[0-9a-f]{64}$/);
const headerSchema = z.strictObject({
  type: z.literal('header'),
  format: z.literal(TALLY_FILE_FORMAT),
  version: z.literal(TALLY_FILE_VERSION),
  eventHash: hashField,
  event: z.unknown(),
  hash: hashField,
});
const ballotRecordSchema = z.strictObject({
  type: z.literal('ballot'),
  ballot: z.unknown(),
  hash: hashField,
});
const sealSchema = z.strictObject({
  type: z.literal('seal'),
  ballots: z.int().min(0),
  hash: hashField,
});

type Parsed = { [key: string]: Json | undefined };

interface Scan {
  header: { event: EventDefinition; eventHash: string } | null;
  ballots: Ballot[];
  head: ChainHead;
  /** The longest prefix that is a valid chain ending in a seal. */
  sealed: { lines: number; head: ChainHead } | null;
  /** Line of each seal's hash, to say where a published head lies in a longer file. */
  sealLines: Map<string, number>;
  states: StateRecord[];
  voids: VoidRecord[];
  closings: ClosingRecord[];
  withdrawals: WithdrawalRecord[];
  problem: TallyFileProblem | null;
}

type Step<T> = Result<T, TallyFileProblem>;
type BallotCheck = (ballot: Ballot) => Result<Ballot, BallotProblem>;

/** Whether zod's output is the input unchanged, i.e. no unknown field was silently dropped. */
const sameContent = (parsed: Json, raw: unknown) => sameJson(parsed, raw);

const fail = (
  code: TallyFileProblemCode,
  line: number,
  params: ProblemParams = {},
  cause?: Problem,
): TallyFileProblem =>
  cause === undefined
    ? { code, line, params: { line, ...params } }
    : { code, line, params: { line, ...params }, cause };
const problem = (
  code: TallyFileProblemCode,
  line: number,
  params: ProblemParams = {},
  cause?: Problem,
) => err(fail(code, line, params, cause));

/** A line without the `\r` of a CRLF file: a file that passed through Windows is the same records. */
const withoutCr = (raw: string) => (raw.endsWith('\r') ? raw.slice(0, -1) : raw);

function parseLine(text: string, line: number): Step<Parsed> {
  if (text.trim() === '') return problem('not-json', line, { blank: 'yes' });
  // Refused before parsing: hashing or checking a line nested thousands deep overflows the stack.
  if (jsonTooDeep(text)) return problem('too-deep', line, { max: MAX_JSON_DEPTH });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return problem('not-json', line, { blank: 'no' });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return problem('bad-record', line, { record: 'any' });
  }
  return ok(value as Parsed);
}

/**
 * The record's own hash, if it follows from the previous one and the record's content (its
 * canonical JSON without the hash: `canonical` when the caller already has it).
 */
function checkChain(
  record: Parsed,
  prev: string,
  line: number,
  sha256: Sha256 = sha256Hex,
  canonical?: string,
): Step<string> {
  const hash = record['hash'];
  if (typeof hash !== 'string') return problem('broken-chain', line);
  let expected: string;
  if (canonical !== undefined) {
    expected = chainHashOf(prev, canonical, sha256);
  } else {
    const rest = { ...record };
    delete rest['hash'];
    expected = chainHash(prev, rest, sha256);
  }
  return expected === hash ? ok(hash) : problem('broken-chain', line);
}

type Header = { event: EventDefinition; eventHash: string };

function readHeader(record: Parsed): Step<Header & { hash: string }> {
  if (record['type'] !== 'header' || record['format'] !== TALLY_FILE_FORMAT) {
    return problem('not-tally-file', 1);
  }
  if (record['version'] !== TALLY_FILE_VERSION) {
    return problem('unsupported-version', 1, {
      version: JSON.stringify(record['version']) ?? '',
      supported: TALLY_FILE_VERSION,
    });
  }
  const shape = headerSchema.safeParse(record);
  if (!shape.success) return problem('bad-record', 1, { record: 'header' });
  const hash = checkChain(record, GENESIS, 1);
  if (!hash.ok) return hash;
  const event = eventSchema.safeParse(shape.data.event);
  if (!event.success) {
    const cause = schemaProblem(event.error.issues[0]);
    return problem('bad-event', 1, { kind: 'invalid' }, cause);
  }
  if (!sameContent(event.data, shape.data.event)) {
    return problem('bad-event', 1, { kind: 'extra' });
  }
  if (hashEvent(event.data) !== shape.data.eventHash) {
    return problem('event-hash-mismatch', 1);
  }
  return ok({ event: event.data, eventHash: shape.data.eventHash, hash: hash.value });
}

/**
 * A ballot record's ballot, checked and in canonical form. The common shapes pass `plainBallot`;
 * anything it is unsure of goes through zod, which names the problem.
 */
function readBallot(record: Parsed, plain: Ballot | null, check: BallotCheck, line: number) {
  const ballot = plain !== null ? ok(plain) : zodBallot(record, line);
  return ballot.ok ? validBallot(check(ballot.value), line) : ballot;
}

const validBallot = (valid: Result<Ballot, BallotProblem>, line: number): Step<Ballot> =>
  valid.ok ? valid : problem('invalid-ballot', line, { kind: 'invalid' }, valid.error);

/** Choices remembered by `rememberingCheck`: enough for every choice a fun day's voters make. */
const REMEMBERED_CHOICES = 10_000;

/**
 * `check` for ballots read by their line's template (`plainBallotLine`), remembering each valid
 * choice by its JSON. The check depends only on the event, the ballot's event id and its choice
 * (such a ballot has no `area`), and equal JSON is an equal choice; so a choice seen before (most
 * of a fun day's ballots: its voters pick a few of a dozen bids) is not checked again, and its
 * ballots share the one checked, canonical choice — frozen, as nothing changes a ballot once read.
 */
function rememberingCheck(check: BallotCheck, eventId: string) {
  const checked = new Map<string, Choice>();
  return (ballot: Ballot, choiceJson: string): Result<Ballot, BallotProblem> => {
    const known = ballot.eventId === eventId ? checked.get(choiceJson) : undefined;
    if (known !== undefined) {
      ballot.choice = known;
      return ok(ballot);
    }
    const valid = check(ballot);
    if (valid.ok && checked.size < REMEMBERED_CHOICES) {
      checked.set(choiceJson, frozen(valid.value.choice));
    }
    return valid;
  };
}

/** The value, its arrays and their objects frozen (a method choice is no deeper). */
function frozen<T extends object>(value: T): T {
  for (const member of Object.values(value)) {
    if (Array.isArray(member)) {
      for (const item of member as unknown[]) {
        if (typeof item === 'object' && item !== null) Object.freeze(item);
      }
      Object.freeze(member);
    }
  }
  return Object.freeze(value);
}

/**
 * A ballot record `{ type, ballot, hash }` whose ballot `plainBallot` takes; null for zod to judge.
 * The hash is only checked to be a string here: it must then match the chain, so it is 64 hex digits.
 */
function plainBallotRecord(record: Parsed): Ballot | null {
  return keyCount(record) === 3 && typeof record['hash'] === 'string'
    ? plainBallot(record['ballot'])
    : null;
}

function zodBallot(record: Parsed, line: number): Step<Ballot> {
  const shape = ballotRecordSchema.safeParse(record);
  const ballot = shape.success ? ballotSchema.safeParse(shape.data.ballot) : null;
  if (!ballot?.success) {
    return problem('invalid-ballot', line, { kind: 'malformed' });
  }
  // zod drops unknown fields; a ballot carrying extra ones (a name, a time) must not pass unseen.
  if (!sameContent(ballot.data, shape.data?.ballot)) {
    return problem('invalid-ballot', line, { kind: 'extra' });
  }
  return ok(ballot.data);
}

function readSeal(record: Parsed, ballots: number, line: number): Step<null> {
  const seal = sealSchema.safeParse(record);
  if (!seal.success) return problem('bad-record', line, { record: 'seal' });
  if (seal.data.ballots !== ballots) {
    return problem('seal-mismatch', line, { counted: seal.data.ballots, held: ballots });
  }
  return ok(null);
}

/** Reads one complete line after the header (its `\r` already removed); the first problem stops the file. */
type LineStep = (text: string, line: number) => TallyFileProblem | null;

/** The reader of the lines after the header, one at a time, in order. */
function bodyReader(header: Header, s: Scan, sha256: Sha256, keepBallots: boolean): LineStep {
  const firstLine = new Map<string, number>();
  const voidLine = new Map<string, number>();
  const closingLine = new Map<string, number>();
  const withdrawalLine = new Map<string, number>();
  const check = ballotValidator(header.event);
  const checkPlain = rememberingCheck(check, header.event.id);
  /**
   * A ballot record whose chain hash is `hash`: checked against the event and the file so far.
   * `fast` when its line was read by its template, else its parsed record and `plainBallot`'s answer.
   */
  const takeBallot = (
    from: { fast: PlainBallotLine } | { record: Parsed; plain: Ballot | null },
    hash: string,
    line: number,
  ) => {
    const allowed = checkBallotState(s.states.at(-1)?.state ?? null, line);
    if (!allowed.ok) return allowed.error;
    const ballot =
      'fast' in from
        ? validBallot(checkPlain(from.fast.ballot, from.fast.choiceJson), line)
        : readBallot(from.record, from.plain, check, line);
    if (!ballot.ok) return ballot.error;
    const id = ballot.value.id;
    const seen = firstLine.get(id);
    if (seen !== undefined) {
      return fail('duplicate-ballot', line, { ballot: id, first: seen });
    }
    firstLine.set(id, line);
    if (keepBallots) s.ballots.push(ballot.value);
    s.head = { hash, records: line, ballots: s.head.ballots + 1 };
    return null;
  };
  return (text, line) => {
    // Nearly every line: a ballot record written canonically, read by its template (no JSON.parse).
    const fast = plainBallotLine(text);
    if (fast !== null) {
      const hash = chainHashOf(s.head.hash, fast.canonical, sha256);
      // A wrong hash takes the general path below, which names the problem.
      if (text.startsWith(hash, fast.hashAt)) return takeBallot({ fast }, hash, line);
    }
    const record = parseLine(text, line);
    if (!record.ok) return record.error;
    const type = record.value['type'];
    // A ballot record of the common shape: its ballot checked, and its canonical JSON written, fast.
    const plain = type === 'ballot' ? plainBallotRecord(record.value) : null;
    const canonical =
      plain === null ? undefined : `{"ballot":${plainBallotJson(plain)},"type":"ballot"}`;
    const hash = checkChain(record.value, s.head.hash, line, sha256, canonical);
    if (!hash.ok) return hash.error;
    if (type === 'ballot') {
      return takeBallot({ record: record.value, plain }, hash.value, line);
    } else if (type === 'seal') {
      const seal = readSeal(record.value, s.head.ballots, line);
      if (!seal.ok) return seal.error;
      s.head = { hash: hash.value, records: line, ballots: s.head.ballots };
      s.sealed = { lines: line, head: s.head };
      s.sealLines.set(hash.value, line);
    } else if (type === 'state') {
      const before = s.states.at(-1)?.state ?? null;
      const state = readStateRecord(record.value, line, before, s.head.ballots);
      if (!state.ok) return state.error;
      s.states.push(state.value);
      s.head = { hash: hash.value, records: line, ballots: s.head.ballots };
    } else if (type === 'void') {
      const state = s.states.at(-1)?.state ?? null;
      const voided = readVoidRecord(record.value, line, firstLine, voidLine, state);
      if (!voided.ok) return voided.error;
      voidLine.set(voided.value.ballot, line);
      s.voids.push(voided.value);
      s.head = { hash: hash.value, records: line, ballots: s.head.ballots };
    } else if (type === 'closing') {
      const state = s.states.at(-1)?.state ?? null;
      const closing = readClosingRecord(record.value, line, state, closingLine);
      if (!closing.ok) return closing.error;
      closingLine.set(closing.value.sheet.station, line);
      s.closings.push(closing.value);
      s.head = { hash: hash.value, records: line, ballots: s.head.ballots };
    } else if (type === 'withdrawal') {
      const state = s.states.at(-1)?.state ?? null;
      const withdrawal = readWithdrawalRecord(
        record.value,
        line,
        header.event,
        withdrawalLine,
        state,
      );
      if (!withdrawal.ok) return withdrawal.error;
      withdrawalLine.set(withdrawal.value.bid, line);
      s.withdrawals.push(withdrawal.value);
      s.head = { hash: hash.value, records: line, ballots: s.head.ballots };
    } else {
      return fail('bad-record', line, { record: 'unknown' });
    }
    return null;
  };
}

/**
 * Reads a file in pieces, as it arrives (`push`, then `end`): header, body, then whether it ends
 * cleanly (a line break, then a seal). Each complete line is read as soon as its line break comes,
 * in order, with the same checks and the same first problem as reading the whole text at once;
 * after a problem the rest is not read. Only a reader that returns the ballots keeps them
 * (`keepBallots`): holding 100,000 for nothing costs a verifier its garbage collector's time.
 */
function scanner(sha256: Sha256 = sha256Hex, keepBallots = false) {
  const s: Scan = {
    header: null,
    ballots: [],
    head: { hash: GENESIS, records: 0, ballots: 0 },
    sealed: null,
    sealLines: new Map(),
    states: [],
    voids: [],
    closings: [],
    withdrawals: [],
    problem: null,
  };
  /** Complete lines read so far. */
  let count = 0;
  /** What came after the last line break: the start of a line still to come. */
  let carry = '';
  let started = false;
  let body: LineStep | null = null;

  const take = (raw: string) => {
    count += 1;
    const text = withoutCr(raw);
    if (body !== null) {
      s.problem = body(text, count);
      return;
    }
    const first = parseLine(text, 1);
    const header = first.ok ? readHeader(first.value) : first;
    if (!header.ok) {
      s.problem = header.error;
      return;
    }
    const { hash, ...rest } = header.value;
    s.header = rest;
    s.head = { hash, records: 1, ballots: 0 };
    body = bodyReader(rest, s, sha256, keepBallots);
  };

  return {
    push: (piece: string): void => {
      if (s.problem !== null || piece === '') return;
      // A leading byte-order mark is an editor's habit, not content.
      let text = started || !piece.startsWith('\uFEFF') ? piece : piece.slice(1);
      started = true;
      let end = text.indexOf('\n');
      if (end === -1) {
        carry += text;
        return;
      }
      if (carry !== '') {
        text = carry + text;
        end += carry.length;
        carry = '';
      }
      let from = 0;
      while (end !== -1) {
        take(text.slice(from, end));
        if (s.problem !== null) return;
        from = end + 1;
        end = text.indexOf('\n', from);
      }
      carry = text.slice(from);
    },
    end: (): Scan => {
      if (s.problem !== null) return s;
      if (count === 0 && carry === '') {
        s.problem = { code: 'empty', params: {} };
      } else if (carry !== '') {
        // After the last line break comes either nothing or a record cut off part-way.
        s.problem = fail('truncated', count + 1);
      } else if (s.sealed?.lines !== count) {
        s.problem = fail('unsealed', count);
      }
      return s;
    },
  };
}

/** The whole file: its text, or its text in pieces, in order. */
function scan(
  input: string | Iterable<string>,
  sha256: Sha256 = sha256Hex,
  keepBallots = false,
): Scan {
  const reader = scanner(sha256, keepBallots);
  if (typeof input === 'string') reader.push(input);
  else for (const piece of input) reader.push(piece);
  return reader.end();
}

/** Readers check every record's hash; Node callers pass their native SHA-256 (same bytes, faster). */
export interface ReadOptions {
  sha256?: Sha256;
}

/** Parses and verifies a whole tally file: header, chain, every ballot and the final seal. */
export function readTallyFile(
  text: string,
  options: ReadOptions = {},
): Result<TallyFileContents, TallyFileProblem> {
  const reader = tallyFileReader(options);
  reader.push(text);
  return reader.end();
}

/** `readTallyFile` of a file in pieces as they arrive. */
export interface TallyFileReader {
  /** The next piece of the file's text: its complete lines are read now. */
  push(piece: string): void;
  /** The file has ended: the same answer `readTallyFile` gives for all the pieces joined. */
  end(): Result<TallyFileContents, TallyFileProblem>;
}

/**
 * `readTallyFile` for a file still arriving (a download): each line is read and checked as soon as
 * it is complete, so reading overlaps the transfer. Nothing is trusted early: the answer comes only
 * from `end`, after the last line, with every check `readTallyFile` makes.
 */
export function tallyFileReader(options: ReadOptions = {}): TallyFileReader {
  const reader = scanner(options.sha256, true);
  return {
    push: reader.push,
    end() {
      const s = reader.end();
      if (s.problem !== null) return err(s.problem);
      if (s.header === null) throw new Error('readTallyFile: a file without problems has a header');
      return ok({
        ...s.header,
        ballots: s.ballots,
        head: s.head,
        states: s.states,
        voids: s.voids,
        closings: s.closings,
        withdrawals: s.withdrawals,
      });
    },
  };
}

/**
 * `readTallyFile` plus, optionally, the head hash published when the file was handed over: the
 * only way to notice a file cut exactly at an earlier seal, or rewritten from the start. The file
 * is its whole text, or its text in pieces, in order (a large file then need never be one string:
 * the command line's `verify` decodes 30 MB in far less time a piece at a time).
 */
export function verifyTallyFile(
  file: string | Iterable<string>,
  options: ReadOptions & { expectHead?: string } = {},
): Result<
  { ballots: number; voided: number; withdrawn: number; head: ChainHead; eventId: string },
  TallyFileProblem
> {
  const s = scan(file, options.sha256);
  if (s.problem !== null) return err(s.problem);
  if (s.header === null) throw new Error('verifyTallyFile: a file without problems has a header');
  const expected = options.expectHead?.trim().toLowerCase();
  if (expected !== undefined && expected !== s.head.hash) {
    const at = s.sealLines.get(expected);
    const facts = { expected, head: s.head.hash, records: s.head.records };
    return err({
      code: 'head-mismatch',
      params:
        at !== undefined ? { kind: 'later', sealLine: at, ...facts } : { kind: 'other', ...facts },
    });
  }
  return ok({
    ballots: s.head.ballots,
    voided: s.voids.length,
    withdrawn: s.withdrawals.length,
    head: s.head,
    eventId: s.header.event.id,
  });
}

/**
 * For recovery after a crash mid-append: how many leading lines form a valid chain that ends in a
 * seal (keep those, drop the rest). `null` when not even the header and a first seal are valid.
 */
export function lastSealedPrefix(
  text: string,
  options: ReadOptions = {},
): { lines: number; head: ChainHead } | null {
  return scan(text, options.sha256).sealed;
}

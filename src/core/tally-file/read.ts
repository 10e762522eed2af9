/**
 * Reading and verifying tally files. One pass over the lines checks, in order: JSON, record shape,
 * the hash chain (so tampering is named as tampering), then the content (event, ballots, seals).
 * The first problem stops the pass and is reported with its 1-based line and a human sentence.
 */
import { z } from 'zod';
import { validateBallot } from '../ballot.ts';
import { err, ok, type Result } from '../result.ts';
import { ballotSchema, eventSchema, type Ballot, type EventDefinition } from '../schema.ts';
import {
  chainHash,
  eventHash as hashEvent,
  GENESIS,
  TALLY_FILE_FORMAT,
  TALLY_FILE_VERSION,
  type ChainHead,
  type Sha256,
  type TallyFileProblem,
  type TallyFileProblemCode,
} from './format.ts';
import { canonicalJson, type Json } from '../canonical-json.ts';
import { sha256Hex } from '../hash.ts';

export interface TallyFileContents {
  event: EventDefinition;
  eventHash: string;
  /** In file order, each in canonical form. */
  ballots: Ballot[];
  head: ChainHead;
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
  problem: TallyFileProblem | null;
}

type Step<T> = Result<T, TallyFileProblem>;

/** Whether zod's output is the input unchanged, i.e. no unknown field was silently dropped. */
const sameContent = (parsed: Json, raw: unknown) =>
  canonicalJson(parsed) === canonicalJson(raw as Json);

const fail = (code: TallyFileProblemCode, line: number, message: string): TallyFileProblem => ({
  code,
  line,
  message,
});
const problem = (code: TallyFileProblemCode, line: number, message: string) =>
  err(fail(code, line, message));

function parseLine(raw: string, line: number): Step<Parsed> {
  // Tolerate CRLF: a file that passed through a Windows machine is still the same records.
  const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (text.trim() === '') return problem('not-json', line, `Line ${line} is empty.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return problem('not-json', line, `Line ${line} is not valid JSON: it was damaged or edited.`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return problem('bad-record', line, `Line ${line} is not a tally-file record.`);
  }
  return ok(value as Parsed);
}

/** The record's own hash, if it follows from the previous one and the record's content. */
function checkChain(
  record: Parsed,
  prev: string,
  line: number,
  sha256: Sha256 = sha256Hex,
): Step<string> {
  const { hash, ...rest } = record;
  if (typeof hash !== 'string' || chainHash(prev, rest, sha256) !== hash) {
    return problem(
      'broken-chain',
      line,
      `Line ${line} does not fit the chain of hashes: it was changed, or a line before it was ` +
        `removed, added or moved.`,
    );
  }
  return ok(hash);
}

type Header = { event: EventDefinition; eventHash: string };

function readHeader(record: Parsed): Step<Header & { hash: string }> {
  if (record['type'] !== 'header' || record['format'] !== TALLY_FILE_FORMAT) {
    return problem(
      'not-tally-file',
      1,
      'This is not a Decision Day tally file (line 1 is no header).',
    );
  }
  if (record['version'] !== TALLY_FILE_VERSION) {
    return problem(
      'unsupported-version',
      1,
      `This tally file is format version ${JSON.stringify(record['version'])}; this program ` +
        `reads version ${TALLY_FILE_VERSION}. Use the Decision Day release that wrote it.`,
    );
  }
  const shape = headerSchema.safeParse(record);
  if (!shape.success) return problem('bad-record', 1, 'Line 1 is not a valid tally-file header.');
  const hash = checkChain(record, GENESIS, 1);
  if (!hash.ok) return hash;
  const event = eventSchema.safeParse(shape.data.event);
  if (!event.success) {
    const first = event.error.issues[0]?.message ?? 'it does not match the schema';
    return problem('bad-event', 1, `The event definition on line 1 is not valid: ${first}`);
  }
  if (!sameContent(event.data, shape.data.event)) {
    return problem(
      'bad-event',
      1,
      'The event definition on line 1 has fields this program does not know.',
    );
  }
  if (hashEvent(event.data) !== shape.data.eventHash) {
    return problem(
      'event-hash-mismatch',
      1,
      'The event definition on line 1 does not match its recorded hash: it was edited.',
    );
  }
  return ok({ event: event.data, eventHash: shape.data.eventHash, hash: hash.value });
}

function readBallot(record: Parsed, event: EventDefinition, line: number): Step<Ballot> {
  const shape = ballotRecordSchema.safeParse(record);
  const ballot = shape.success ? ballotSchema.safeParse(shape.data.ballot) : null;
  if (!ballot?.success) {
    return problem('invalid-ballot', line, `Line ${line} does not hold a well-formed ballot.`);
  }
  // zod drops unknown fields; a ballot carrying extra ones (a name, a time) must not pass unseen.
  if (!sameContent(ballot.data, shape.data?.ballot)) {
    return problem(
      'invalid-ballot',
      line,
      `The ballot on line ${line} has fields a ballot does not have.`,
    );
  }
  const valid = validateBallot(event, ballot.data);
  if (!valid.ok) {
    const why = valid.error.message;
    return problem('invalid-ballot', line, `The ballot on line ${line} is not valid: ${why}`);
  }
  return valid;
}

function readSeal(record: Parsed, ballots: number, line: number): Step<null> {
  const seal = sealSchema.safeParse(record);
  if (!seal.success) return problem('bad-record', line, `Line ${line} is not a valid seal.`);
  if (seal.data.ballots !== ballots) {
    return problem(
      'seal-mismatch',
      line,
      `The seal on line ${line} counts ${seal.data.ballots} ballots, but the file holds ` +
        `${ballots} up to there.`,
    );
  }
  return ok(null);
}

/** Walks the complete lines after the header; stops at the first problem. */
function scanBody(
  lines: readonly string[],
  header: Header,
  s: Scan,
  sha256: Sha256,
): TallyFileProblem | null {
  const firstLine = new Map<string, number>();
  for (let index = 1; index < lines.length; index++) {
    const line = index + 1;
    const record = parseLine(lines[index] ?? '', line);
    if (!record.ok) return record.error;
    const hash = checkChain(record.value, s.head.hash, line, sha256);
    if (!hash.ok) return hash.error;
    const type = record.value['type'];
    if (type === 'ballot') {
      const ballot = readBallot(record.value, header.event, line);
      if (!ballot.ok) return ballot.error;
      const id = ballot.value.id;
      const seen = firstLine.get(id);
      if (seen !== undefined) {
        return fail(
          'duplicate-ballot',
          line,
          `Line ${line} repeats ballot "${id}" from line ${seen}.`,
        );
      }
      firstLine.set(id, line);
      s.ballots.push(ballot.value);
      s.head = { hash: hash.value, records: line, ballots: s.head.ballots + 1 };
    } else if (type === 'seal') {
      const seal = readSeal(record.value, s.head.ballots, line);
      if (!seal.ok) return seal.error;
      s.head = { hash: hash.value, records: line, ballots: s.head.ballots };
      s.sealed = { lines: line, head: s.head };
      s.sealLines.set(hash.value, line);
    } else {
      return fail('bad-record', line, `Line ${line} is not a kind of record this program knows.`);
    }
  }
  return null;
}

/** The whole file: header, body, then whether it ends cleanly (a line break, then a seal). */
function scan(input: string, sha256: Sha256 = sha256Hex): Scan {
  const s: Scan = {
    header: null,
    ballots: [],
    head: { hash: GENESIS, records: 0, ballots: 0 },
    sealed: null,
    sealLines: new Map(),
    problem: null,
  };
  // A leading byte-order mark is an editor's habit, not content.
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  if (text === '') {
    s.problem = { code: 'empty', message: 'The file is empty: it holds no tally records.' };
    return s;
  }
  const lines = text.split('\n');
  // After the last line break comes either nothing or a record cut off part-way.
  const tail = lines.pop() ?? '';
  const count = lines.length;
  const first = count > 0 ? parseLine(lines[0] ?? '', 1) : null;
  const header = first?.ok ? readHeader(first.value) : first;
  if (header && !header.ok) {
    s.problem = header.error;
    return s;
  }
  if (header) {
    const { hash, ...rest } = header.value;
    s.header = rest;
    s.head = { hash, records: 1, ballots: 0 };
    s.problem = scanBody(lines, rest, s, sha256);
    if (s.problem !== null) return s;
  }
  if (tail !== '') {
    s.problem = {
      code: 'truncated',
      line: count + 1,
      message:
        `Line ${count + 1} is incomplete: the file ends part-way through a record. It was cut ` +
        'off while being written or copied.',
    };
  } else if (s.sealed?.lines !== count) {
    s.problem = {
      code: 'unsealed',
      line: count,
      message:
        `The file ends at line ${count} without a seal: it was cut short, or a write was ` +
        'interrupted. The complete part ends at the last seal.',
    };
  }
  return s;
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
  const s = scan(text, options.sha256);
  if (s.problem !== null) return err(s.problem);
  if (s.header === null) throw new Error('readTallyFile: a file without problems has a header');
  return ok({ ...s.header, ballots: s.ballots, head: s.head });
}

/**
 * `readTallyFile` plus, optionally, the head hash published when the file was handed over: the
 * only way to notice a file cut exactly at an earlier seal, or rewritten from the start.
 */
export function verifyTallyFile(
  text: string,
  options: ReadOptions & { expectHead?: string } = {},
): Result<{ ballots: number; head: ChainHead; eventId: string }, TallyFileProblem> {
  const s = scan(text, options.sha256);
  if (s.problem !== null) return err(s.problem);
  if (s.header === null) throw new Error('verifyTallyFile: a file without problems has a header');
  const expected = options.expectHead?.trim().toLowerCase();
  if (expected !== undefined && expected !== s.head.hash) {
    const at = s.sealLines.get(expected);
    return err({
      code: 'head-mismatch',
      message:
        at !== undefined
          ? `The published head is the seal on line ${at}; this file goes on to line ` +
            `${s.head.records}. It holds ballots added after the head was published.`
          : `The file ends with hash ${s.head.hash}, not the published ${expected}: it is not ` +
            'the published file (cut short at an earlier seal, or rewritten).',
    });
  }
  return ok({ ballots: s.head.ballots, head: s.head, eventId: s.header.event.id });
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

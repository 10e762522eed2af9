/**
 * A fast check of the ballot shapes a tally file nearly always holds, for the reader's hot loop:
 * zod takes a third of `decision-day verify`'s time on 100,000 ballots. It answers only "certainly
 * what `ballotSchema` accepts, with no unknown field" (then it builds the object zod would return)
 * or "ask zod" (`null`): every doubtful case — sections, `area` (zod trims it), an unknown field, a
 * wrong type — goes to `ballotSchema`, which stays the one definition of a ballot and names the
 * problem. tests/unit/tally-file-ballot-shape.test.ts holds it to zod's answers.
 */
import type { Ballot, MethodChoice } from '../schema.ts';

// The same patterns as idSchema, bidIdSchema, castHourSchema and the ballot's `code` in schema.ts.
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const BID_ID = /^[A-Za-z0-9][A-Za-z0-9._:/+#-]{0,63}$/;
const CAST_HOUR = /^\d{4}-\d{2}-\d{2}T\d{2}:00Z$/;
const CODE = /^[0-9a-f]{32}$/;
const MAX_BIDS = 5000;
const MAX_RANKS = 100;

type Raw = Record<string, unknown>;

const isObject = (value: unknown): value is Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isId = (value: unknown): value is string => typeof value === 'string' && ID.test(value);

export function keyCount(value: object): number {
  let n = 0;
  for (const key in value) if (Object.hasOwn(value, key)) n += 1;
  return n;
}

/** A copy of an array of bid ids, or null if any is not one (or there are too many). */
function bidIds(value: unknown, max: number): string[] | null {
  if (!Array.isArray(value) || value.length > max) return null;
  const out: string[] = [];
  for (const id of value) {
    if (typeof id !== 'string' || !BID_ID.test(id)) return null;
    out.push(id);
  }
  return out;
}

/** `[{ bid, <field> }]` with an integer (or, for scores, null) in the field; nothing else. */
function bidNumbers<F extends 'score' | 'points'>(
  value: unknown,
  field: F,
): ({ bid: string } & Record<F, number | null>)[] | null {
  if (!Array.isArray(value) || value.length > MAX_BIDS) return null;
  const out: ({ bid: string } & Record<F, number | null>)[] = [];
  for (const item of value) {
    if (!isObject(item) || keyCount(item) !== 2) return null;
    const bid = item['bid'];
    const n = item[field];
    if (typeof bid !== 'string' || !BID_ID.test(bid)) return null;
    const okNumber =
      field === 'score'
        ? n === null || Number.isSafeInteger(n)
        : Number.isSafeInteger(n) && (n as number) >= 1;
    if (!okNumber) return null;
    out.push({ bid, [field]: n } as { bid: string } & Record<F, number | null>);
  }
  return out;
}

function methodChoice(value: unknown): MethodChoice | null {
  if (!isObject(value) || keyCount(value) !== 2) return null;
  switch (value['kind']) {
    case 'approval':
    case 'knapsack': {
      const bids = bidIds(value['bids'], MAX_BIDS);
      return bids && { kind: value['kind'], bids };
    }
    case 'ranking': {
      const ranking = bidIds(value['ranking'], MAX_RANKS);
      return ranking && { kind: 'ranking', ranking };
    }
    case 'score': {
      const scores = bidNumbers(value['scores'], 'score');
      return scores && { kind: 'score', scores };
    }
    case 'cumulative': {
      const points = bidNumbers(value['points'], 'points') as { bid: string; points: number }[];
      return points && { kind: 'cumulative', points };
    }
    default:
      return null;
  }
}

/**
 * `ballotSchema.parse(value)` when that certainly succeeds and drops nothing; `null` otherwise
 * (then ask zod). The result has zod's key order and fresh objects, like zod's.
 */
export function plainBallot(value: unknown): Ballot | null {
  if (!isObject(value)) return null;
  const { id, eventId, stationId, castHour, paper, code } = value;
  let keys = 5;
  if (paper !== undefined) {
    if (paper !== true) return null;
    keys += 1;
  }
  if (code !== undefined) {
    if (typeof code !== 'string' || !CODE.test(code)) return null;
    keys += 1;
  }
  if (keyCount(value) !== keys) return null;
  if (!isId(id) || !isId(eventId) || !isId(stationId)) return null;
  if (typeof castHour !== 'string' || !CAST_HOUR.test(castHour)) return null;
  const choice = methodChoice(value['choice']);
  if (choice === null) return null;
  const ballot: Ballot = { id, eventId, stationId, castHour, choice };
  if (paper === true) ballot.paper = true;
  if (code !== undefined) ballot.code = code;
  return ballot;
}

const quoted = (s: string) => `"${s}"`;

function methodChoiceJson(choice: MethodChoice): string {
  switch (choice.kind) {
    case 'approval':
    case 'knapsack':
      return `{"bids":[${choice.bids.map(quoted).join(',')}],"kind":"${choice.kind}"}`;
    case 'ranking':
      return `{"kind":"ranking","ranking":[${choice.ranking.map(quoted).join(',')}]}`;
    case 'score':
      return `{"kind":"score","scores":[${choice.scores.map((s) => `{"bid":"${s.bid}","score":${String(s.score)}}`).join(',')}]}`;
    case 'cumulative':
      return `{"kind":"cumulative","points":[${choice.points.map((p) => `{"bid":"${p.bid}","points":${String(p.points)}}`).join(',')}]}`;
  }
}

/**
 * `canonicalJson(ballot)` for a ballot `plainBallot` returned, written directly: its strings all
 * match patterns without a character JSON escapes, and its numbers are safe integers, so each is
 * written as it is; keys in canonical order. The reader hashes ballot records with it.
 */
export function plainBallotJson(ballot: Ballot): string {
  const choice = ballot.choice;
  if (choice.kind === 'sections') throw new Error('plainBallotJson: plainBallot takes no sections');
  const code = ballot.code === undefined ? '' : `"code":"${ballot.code}",`;
  const paper = ballot.paper === true ? '"paper":true,' : '';
  return `{"castHour":"${ballot.castHour}","choice":${methodChoiceJson(choice)},${code}"eventId":"${ballot.eventId}","id":"${ballot.id}",${paper}"stationId":"${ballot.stationId}"}`;
}

/**
 * A ballot record's line read by one pattern, without JSON.parse: the reader's hot loop spent more
 * time parsing 100,000 ballot lines than anything else. Writers emit canonical lines, so a ballot
 * record nearly always reads exactly
 *
 *   {"ballot":<the ballot's canonical JSON>,"hash":"<64 characters>","type":"ballot"}
 *
 * with the ballot in a shape `plainBallot` takes, written as `plainBallotJson` writes it. The
 * pattern is that template, character for character, built from the same patterns as the fields:
 * none lets through a quote, a backslash or a control character, so each string ends at the next
 * quote and is written without escapes; a number must be a safe integer written as `String`
 * writes it. A line it matches is therefore, byte for byte, the canonical JSON of the record it
 * returns. Anything else — legal but written differently (spaces, another key order, an escape,
 * `area`, sections), or wrong — answers `null`, and the reader takes the general path, which names
 * any problem as before. tests/unit/tally-file-ballot-shape.test.ts holds it to JSON.parse, zod
 * and canonicalJson.
 */
export interface PlainBallotLine {
  /** What `plainBallot` returns for the record's ballot. */
  ballot: Ballot;
  /** The record's canonical JSON without its hash: what the chain hashes. */
  canonical: string;
  /** Where the record's `hash` string starts in the line (64 characters, still to be checked). */
  hashAt: number;
  /** The choice's JSON as written (canonical): equal text, equal choice. */
  choiceJson: string;
}

/** A pattern's source without its anchors, to be part of a longer one. */
const inner = (pattern: RegExp) => pattern.source.slice(1, -1);
/** `item,item,…` or nothing: captured whole, so an empty list still says which choice matched. */
const list = (item: string) => `((?:${item},)*${item}|)`;
const BID_STRING = `"${inner(BID_ID)}"`;
// A safe integer's digits as `String` writes them (the value is checked to be safe after).
const INTEGER = '0|-?[1-9][0-9]{0,15}';
const POSITIVE = '[1-9][0-9]{0,15}';
const SCORE_ITEM = `\\{"bid":${BID_STRING},"score":(?:null|${INTEGER})\\}`;
const POINTS_ITEM = `\\{"bid":${BID_STRING},"points":(?:${POSITIVE})\\}`;
const CHOICE =
  `(\\{"bids":\\[${list(BID_STRING)}\\],"kind":"(approval|knapsack)"\\}` +
  `|\\{"kind":"ranking","ranking":\\[${list(BID_STRING)}\\]\\}` +
  `|\\{"kind":"score","scores":\\[${list(SCORE_ITEM)}\\]\\}` +
  `|\\{"kind":"cumulative","points":\\[${list(POINTS_ITEM)}\\]\\})`;
/** Up to the hash's first character. Groups numbered as `LINE_GROUP` says. */
const PLAIN_LINE = new RegExp(
  `^\\{"ballot":\\{"castHour":"(${inner(CAST_HOUR)})","choice":${CHOICE}` +
    `(?:,"code":"(${inner(CODE)})")?,"eventId":"(${inner(ID)})","id":"(${inner(ID)})"` +
    `(,"paper":true)?,"stationId":"(${inner(ID)})"\\},"hash":"`,
);
const LINE_GROUP = {
  castHour: 1,
  choice: 2,
  bids: 3,
  kind: 4,
  ranking: 5,
  scores: 6,
  points: 7,
  code: 8,
  eventId: 9,
  id: 10,
  paper: 11,
  stationId: 12,
} as const;
/** One item of a score or points list that PLAIN_LINE has already checked. */
const BID_NUMBER = /\{"bid":"([^"]*)","(?:score|points)":([^}]*)\}/g;

const LINE_END = '","type":"ballot"}';
const HASH_LENGTH = 64;
const RECORD_END = ',"type":"ballot"}';
/** `,"hash":"` */
const HASH_MEMBER_LENGTH = 9;

/** `"a","b"` as ids (they hold no quote), or null if more than `max`. */
function bidList(text: string, max: number): string[] | null {
  const ids: string[] = [];
  for (let from = 1; from < text.length;) {
    if (ids.length === max) return null;
    const end = text.indexOf('"', from);
    ids.push(text.slice(from, end));
    from = end + 3; // past `","`
  }
  return ids;
}

/** A score or points list as `[{ bid, <field> }]`, or null if too long or a number is not safe. */
function bidNumberList<F extends 'score' | 'points'>(
  text: string,
  field: F,
): ({ bid: string } & Record<F, number | null>)[] | null {
  const out: ({ bid: string } & Record<F, number | null>)[] = [];
  for (const [, bid = '', written = ''] of text.matchAll(BID_NUMBER)) {
    const n = written === 'null' ? null : Number(written);
    if ((n !== null && !Number.isSafeInteger(n)) || out.length === MAX_BIDS) return null;
    out.push({ bid, [field]: n } as { bid: string } & Record<F, number | null>);
  }
  return out;
}

function lineChoice(m: RegExpExecArray): MethodChoice | null {
  const bids = m[LINE_GROUP.bids];
  if (bids !== undefined) {
    const ids = bidList(bids, MAX_BIDS);
    const kind = m[LINE_GROUP.kind] === 'knapsack' ? 'knapsack' : 'approval';
    return ids && { kind, bids: ids };
  }
  const ranking = m[LINE_GROUP.ranking];
  if (ranking !== undefined) {
    const ids = bidList(ranking, MAX_RANKS);
    return ids && { kind: 'ranking', ranking: ids };
  }
  const scores = m[LINE_GROUP.scores];
  if (scores !== undefined) {
    const items = bidNumberList(scores, 'score');
    return items && { kind: 'score', scores: items };
  }
  const points = bidNumberList(m[LINE_GROUP.points] ?? '', 'points');
  return points && { kind: 'cumulative', points: points as { bid: string; points: number }[] };
}

/** A ballot record's line of exactly the template above; `null` for the general path. */
export function plainBallotLine(line: string): PlainBallotLine | null {
  const hashAt = line.length - LINE_END.length - HASH_LENGTH;
  if (!line.endsWith(LINE_END)) return null;
  const m = PLAIN_LINE.exec(line);
  if (m === null || m[0].length !== hashAt) return null;
  const choice = lineChoice(m);
  if (choice === null) return null;
  // The key order of plainBallot's (and zod's) result.
  const ballot: Ballot = {
    id: m[LINE_GROUP.id] ?? '',
    eventId: m[LINE_GROUP.eventId] ?? '',
    stationId: m[LINE_GROUP.stationId] ?? '',
    castHour: m[LINE_GROUP.castHour] ?? '',
    choice,
  };
  if (m[LINE_GROUP.paper] !== undefined) ballot.paper = true;
  const code = m[LINE_GROUP.code];
  if (code !== undefined) ballot.code = code;
  return {
    ballot,
    canonical: line.slice(0, hashAt - HASH_MEMBER_LENGTH) + RECORD_END,
    hashAt,
    choiceJson: m[LINE_GROUP.choice] ?? '',
  };
}

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

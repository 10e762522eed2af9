/**
 * The VOTES section: each voter's list of project ids (and points), turned into our choices, and
 * the ballot method that fits both the META limits and what voters actually did. Real files break
 * their own META limits now and then; we widen the method to fit rather than drop voters, because
 * every dropped voter changes each remaining voter's share under equal shares.
 */
import { toMinor } from '../money.ts';
import { assertNever, err, ok, type Result } from '../result.ts';
import type { BallotMethod, BidId, Choice } from '../schema.ts';
import { parseAmount } from './numbers.ts';
import { cellReader, type Section } from './sections.ts';
import type { PabulibProblem, SkipCode, SkippedVoter } from './types.ts';
import type { ProblemParams } from '../problem.ts';

export type VoteType = 'approval' | 'choose-1' | 'cumulative' | 'scoring' | 'ordinal';

export interface Vote {
  voterId: string;
  /** Bid ids, duplicates merged (points added for cumulative, first kept otherwise). */
  bids: BidId[];
  /** Points or scores, matching `bids`; empty for approval and ordinal. */
  values: number[];
}

/** What the ballot method is fitted to: the votes' lengths, and their points or scores. */
export interface VoteStats {
  count: number;
  longest: number;
  shortest: number;
  /** The largest total of one vote's values; -Infinity when there are none. */
  maxTotal: number;
  /** The largest and smallest value on any vote; -Infinity and Infinity when there are none. */
  maxValue: number;
  minValue: number;
}

/**
 * The voters read, in file order: each one's ballot id and their vote, kept flat (a city has a
 * hundred thousand voters: one array and a few numbers each would be most of the reading's work
 * for the garbage collector). Voter k's vote is `ids[ranks[i]]` for i from `ends[k - 1]` (0 for
 * the first) to `ends[k]`, already in their choice's order (sorted by bid id, but for a ranking),
 * with `values[i]` the points or scores when the vote has them.
 */
export interface ReadVotes {
  /** `pb-` and the voter's id. */
  ballotIds: string[];
  /** Whether every voter id is one a ballot id may hold as it stands (see CLEAN_VOTER_ID). */
  plainIds: boolean;
  ids: readonly BidId[];
  ranks: Int32Array;
  values: Float64Array | undefined;
  ends: Int32Array;
  stats: VoteStats;
  skipped: SkippedVoter[];
}

/** A voter id that is a ballot id as it stands once prefixed with `pb-`: as plainId keeps it. */
export const CLEAN_VOTER_ID = /^[A-Za-z0-9._:-]{0,61}$/;

const needsPoints = (t: VoteType) => t === 'cumulative' || t === 'scoring';

/** Whether a character code is one `trim()` may remove (or DEL): cells are trimmed only then. */
const edgy = (c: number) => c <= 32 || c >= 127;

/**
 * The VOTES rows, read straight from the text: a city's file has a hundred thousand, so a row's
 * cells are found with indexOf and only the voter id and the project ids are ever made strings.
 * Rows holding quotes were read into cells already (sections.ts) and are read from those.
 */
export function readVotes(
  section: Section,
  voteType: VoteType,
  bidIdOf: Map<string, BidId>,
): Result<ReadVotes, PabulibProblem> {
  const col = cellReader(section);
  for (const name of ['voter_id', 'vote', ...(needsPoints(voteType) ? ['points'] : [])]) {
    if (!col.has(name)) {
      const line = section.headerLine;
      return err({
        code: 'missing-column',
        line,
        params: { line, section: 'VOTES', column: name },
      });
    }
  }
  // Voter ids are nearly always distinct: looking each one up in a set of those before it was
  // most of the time spent reading. They are read first as if distinct and checked once at the
  // end; only a file that does repeat a voter is read again, looking up every id as it goes.
  const optimistic = readRows(section, voteType, bidIdOf, false);
  return ok(optimistic ?? (readRows(section, voteType, bidIdOf, true) as ReadVotes));
}

/**
 * The rows read in file order. With `checkRepeats`, a voter id seen before skips its row as a
 * repeated voter; without, undefined when some voter id is repeated (the caller reads again).
 */
function readRows(
  section: Section,
  voteType: VoteType,
  bidIdOf: Map<string, BidId>,
  checkRepeats: boolean,
): ReadVotes | undefined {
  const withPoints = needsPoints(voteType);
  const sorted = voteType !== 'ordinal';
  // Each project as its place among the bid ids in sort() order: a vote is sorted as numbers.
  const ids = [...new Set(bidIdOf.values())].sort();
  const rankOfId = new Map(ids.map((id, i) => [id, i]));
  const rankOf = new Map<string, number>();
  // Project ids written as plain whole numbers (most cities') are also looked up as numbers, so
  // reading a vote makes no string for them.
  const rankOfNumber = new Map<number, number>();
  for (const [raw, id] of bidIdOf) {
    const rank = rankOfId.get(id) as number;
    rankOf.set(raw, rank);
    if (/^(0|[1-9]\d{0,8})$/.test(raw)) rankOfNumber.set(Number(raw), rank);
  }
  // Every project id by a hash of its characters: its index in rawIds, or -1 when two share it.
  const rawIds = [...rankOf.keys()];
  const rawRanks = [...rankOf.values()];
  const byHash = new Map<number, number>();
  rawIds.forEach((raw, k) => {
    const h = hashOf(raw, 0, raw.length);
    byHash.set(h, byHash.has(h) ? -1 : k);
  });
  // Numbers no larger than a few per project (as cities number them) are looked up in a table.
  let largestNumber = -1;
  for (const number of rankOfNumber.keys()) largestNumber = Math.max(largestNumber, number);
  const tableSize = largestNumber < 8 * ids.length + 4096 ? largestNumber + 1 : 0;
  const rankTable = new Int32Array(tableSize).fill(-1);
  for (const [number, rank] of rankOfNumber) if (number < tableSize) rankTable[number] = rank;
  const stamp = new Int32Array(ids.length);
  const slot = new Int32Array(ids.length);
  const ranks: number[] = [];
  const points: number[] = [];
  const sums: number[] = [];

  const ballotIds: string[] = [];
  let plainIds = true;
  // The votes, flat: the bids' ranks (and their values) one voter after another, and where each
  // voter's end. Grown by doubling.
  let flatRanks = new Int32Array(1024);
  let flatValues = withPoints ? new Float64Array(1024) : undefined;
  let used = 0;
  const voteEnds = new Int32Array(section.starts.length);
  /** Room for `n` more bids, and where they start. */
  const room = (n: number): number => {
    if (used + n > flatRanks.length) {
      const size = Math.max(2 * flatRanks.length, used + n);
      const grownRanks = new Int32Array(size);
      grownRanks.set(flatRanks.subarray(0, used));
      flatRanks = grownRanks;
      if (flatValues !== undefined) {
        const grownValues = new Float64Array(size);
        grownValues.set(flatValues.subarray(0, used));
        flatValues = grownValues;
      }
    }
    return used;
  };
  // The stats as plain numbers while reading (an object's field going from whole numbers to
  // Infinity would send the optimised loop back to be compiled again).
  let counted = 0;
  let longest = 0;
  let shortest = Infinity;
  let maxTotal = -Infinity;
  let maxValue = -Infinity;
  let minValue = Infinity;
  const skipped: SkippedVoter[] = [];
  const seen = new Set<string>();
  // Without checkRepeats, the voter ids for the check at the end: those written as whole numbers
  // as numbers (and whether they rise, as they nearly always do), the others as they are.
  const numbers = new Float64Array(section.starts.length);
  let numbered = 0;
  let rising = true;
  const others: string[] = [];
  const at = (name: string) => section.header.lastIndexOf(name);
  const voterAt = at('voter_id');
  const voteAt = at('vote');
  const pointsAt = withPoints ? at('points') : -1;
  const { text, starts, ends, quoted } = section;
  const commas = finder(text, ',');
  const semis = finder(text, ';');
  let unknown = '';
  // The voter id, the vote and the points of the row being read.
  const id: Cell = { text: '', from: 0, to: 0 };
  const vote: Cell = { text: '', from: 0, to: 0 };
  const pts: Cell = { text: '', from: 0, to: 0 };
  const commasIn = (cell: string) => (cell === text ? commas : finder(cell, ','));

  /** The project ids of the cell text[from, to) into `ranks`: how many, or -1 at an unknown. */
  function listRanks(cell: string, from: number, to: number): number {
    let count = 0;
    const find = commasIn(cell);
    let p = from;
    while (p <= to) {
      // Digits up to a `,` or the end, no leading zero, at most nine: a number as written.
      let d = p;
      let number = 0;
      for (let c = cell.charCodeAt(d); d < to && c >= 48 && c <= 57; c = cell.charCodeAt(++d)) {
        number = number * 10 + (c - 48);
      }
      const digits = d - p;
      if (
        digits > 0 &&
        digits <= 9 &&
        (d === to || cell.charCodeAt(d) === 44) &&
        (digits === 1 || cell.charCodeAt(p) !== 48)
      ) {
        const rank =
          tableSize > 0
            ? number < tableSize && rankTable[number] !== -1
              ? rankTable[number]
              : undefined
            : rankOfNumber.get(number);
        if (rank === undefined) {
          unknown = cell.slice(p, d);
          return -1;
        }
        ranks[count++] = rank;
        p = d + 1;
        continue;
      }
      const q = Math.min(find(p), to);
      const a = p;
      const b = q;
      p = q + 1;
      if (a === b) continue;
      let raw: string;
      if (edgy(cell.charCodeAt(a)) || edgy(cell.charCodeAt(b - 1))) {
        raw = cell.slice(a, b).trim();
        if (raw === '') continue;
      } else {
        // Found by a hash of its characters, so no string is made for a project id either.
        const k = byHash.get(hashOf(cell, a, b));
        if (k === undefined) {
          unknown = cell.slice(a, b);
          return -1;
        }
        if (k >= 0) {
          const known = rawIds[k] as string;
          if (known.length !== b - a || !cell.startsWith(known, a)) {
            unknown = cell.slice(a, b);
            return -1;
          }
          ranks[count++] = rawRanks[k] as number;
          continue;
        }
        raw = cell.slice(a, b);
      }
      const rank = rankOf.get(raw);
      if (rank === undefined) {
        unknown = raw;
        return -1;
      }
      ranks[count++] = rank;
    }
    return count;
  }

  /** The points of text[from, to) into `points`, as Number reads each: how many. */
  function listPoints(cell: string, from: number, to: number): number {
    let count = 0;
    const find = commasIn(cell);
    let p = from;
    while (p <= to) {
      const q = Math.min(find(p), to);
      // Up to 15 digits are read as they stand (what Number would make of them); else Number.
      let value = 0;
      let d = p;
      for (let c = cell.charCodeAt(d); d < q && c >= 48 && c <= 57; c = cell.charCodeAt(++d)) {
        value = value * 10 + (c - 48);
      }
      if (d === q && q > p && q - p <= 15) points[count++] = value;
      else {
        const s = cell.slice(p, q).trim();
        if (s !== '') points[count++] = Number(s);
      }
      p = q + 1;
    }
    return count;
  }

  for (let r = 0; r < starts.length; r++) {
    const line = section.lines[r] as number;
    const cells = quoted.get(r);
    let voterId: string;
    if (cells !== undefined) {
      voterId = cellAt(cells, voterAt);
      wholeCell(vote, cellAt(cells, voteAt));
      wholeCell(pts, withPoints ? cellAt(cells, pointsAt) : '');
    } else {
      const start = starts[r] as number;
      const end = ends[r] as number;
      field(text, semis, start, end, voterAt, id);
      voterId = id.text.slice(id.from, id.to);
      field(text, semis, start, end, voteAt, vote);
      if (withPoints) field(text, semis, start, end, pointsAt, pts);
    }
    if (voterId === '') {
      skipped.push(skipOf(voterId, line, { code: 'no-voter-id' }));
      continue;
    }
    const number = wholeNumber(voterId);
    if (checkRepeats) {
      if (seen.has(voterId)) {
        skipped.push(skipOf(voterId, line, { code: 'repeated-voter', voter: voterId }));
        continue;
      }
      seen.add(voterId);
    } else if (number < 0) {
      others.push(voterId);
    } else {
      if (numbered > 0 && !(number > (numbers[numbered - 1] as number))) rising = false;
      numbers[numbered++] = number;
    }
    const listed = listRanks(vote.text, vote.from, vote.to);
    if (listed < 0) {
      skipped.push(skipOf(voterId, line, { code: 'unknown-project', project: unknown }));
      continue;
    }
    const mark = r + 1;
    let n = 0;
    if (!withPoints) {
      // A project listed twice counts once, at its first place.
      for (let i = 0; i < listed; i++) {
        const rank = ranks[i] as number;
        if (stamp[rank] === mark) continue;
        stamp[rank] = mark;
        ranks[n++] = rank;
      }
      if (sorted) sortNumbers(ranks, n);
      const from = room(n);
      for (let i = 0; i < n; i++) flatRanks[from + i] = ranks[i] as number;
    } else {
      const given = listPoints(pts.text, pts.from, pts.to);
      if (given !== listed) {
        const counts = { projects: listed, points: given };
        skipped.push(skipOf(voterId, line, { code: 'points-count', ...counts }));
        continue;
      }
      if (!allCounts(points, given)) {
        skipped.push(skipOf(voterId, line, { code: 'bad-points' }));
        continue;
      }
      // A cumulative voter who lists a project twice gave it both lots of points; a score
      // keeps the first.
      for (let i = 0; i < listed; i++) {
        const rank = ranks[i] as number;
        const p = points[i] as number;
        if (stamp[rank] === mark) {
          const at = slot[rank] as number;
          if (voteType === 'cumulative') sums[at] = (sums[at] as number) + p;
          continue;
        }
        stamp[rank] = mark;
        slot[rank] = n;
        ranks[n] = rank;
        sums[n++] = p;
      }
      // Zero points on a cumulative ballot is the same as not listing the project.
      let kept = 0;
      for (let i = 0; i < n; i++) {
        if (voteType === 'cumulative' && !((sums[i] as number) > 0)) continue;
        ranks[kept] = ranks[i] as number;
        sums[kept++] = sums[i] as number;
      }
      n = kept;
      sortPairs(ranks, sums, n);
      const from = room(n);
      const vals = flatValues as Float64Array;
      let total = 0;
      for (let i = 0; i < n; i++) {
        flatRanks[from + i] = ranks[i] as number;
        const v = sums[i] as number;
        vals[from + i] = v;
        total += v;
        if (v > maxValue) maxValue = v;
        if (v < minValue) minValue = v;
      }
      if (total > maxTotal) maxTotal = total;
    }
    used += n;
    voteEnds[counted] = used;
    ballotIds.push(`pb-${voterId}`);
    if (plainIds && number < 0 && !CLEAN_VOTER_ID.test(voterId)) plainIds = false;
    counted += 1;
    if (n > longest) longest = n;
    if (n < shortest) shortest = n;
  }
  if (counted === 0) shortest = 0;
  const stats = { count: counted, longest, shortest, maxTotal, maxValue, minValue };
  // An id written as a whole number is never equal to one that is not.
  const distinct =
    checkRepeats ||
    ((rising || distinctNumbers(numbers.subarray(0, numbered))) &&
      new Set(others).size === others.length);
  if (!distinct) return undefined;
  return {
    ballotIds,
    plainIds,
    ids,
    ranks: flatRanks,
    values: flatValues,
    ends: voteEnds.subarray(0, counted),
    stats,
    skipped,
  };
}

/**
 * A voter id written as a whole number (digits, no leading zero, at most 15 so that distinct ids
 * are distinct numbers) as that number; -1 for any other id.
 */
function wholeNumber(id: string): number {
  const length = id.length;
  if (length > 15 || (length > 1 && id.charCodeAt(0) === 48)) return -1;
  let number = 0;
  for (let i = 0; i < length; i++) {
    const c = id.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    number = number * 10 + (c - 48);
  }
  return number;
}

/** Whether no number is repeated (sorts the list). */
function distinctNumbers(list: Float64Array): boolean {
  list.sort();
  for (let i = 1; i < list.length; i++) if (list[i] === list[i - 1]) return false;
  return true;
}

/** FNV-1a of the character codes of text[from, to). */
function hashOf(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/** Where `search` next occurs at or after a place in `text` (its length when nowhere). */
type Finder = (from: number) => number;

/**
 * A Finder that remembers its last answer: asked again from anywhere between that question and
 * its answer it answers at once, so a row with no `,` does not send indexOf through the file.
 */
function finder(text: string, search: string): Finder {
  let asked = 0;
  let found = -1;
  return (from) => {
    if (from < asked || from > found) {
      asked = from;
      found = text.indexOf(search, from);
      if (found === -1) found = text.length;
    }
    return found;
  };
}

/** Sorts a short list of small numbers in place (insertion sort: votes list a few projects). */
function sortNumbers(list: number[], n: number): void {
  for (let i = 1; i < n; i++) {
    const v = list[i] as number;
    let j = i - 1;
    while (j >= 0 && (list[j] as number) > v) {
      list[j + 1] = list[j] as number;
      j--;
    }
    list[j + 1] = v;
  }
}

/** Whether the first n numbers are all whole and not negative. */
function allCounts(list: readonly number[], n: number): boolean {
  for (let i = 0; i < n; i++) {
    const p = list[i] as number;
    if (!Number.isInteger(p) || p < 0) return false;
  }
  return true;
}

/** Sorts the first n `keys` (distinct) in place, moving `values` along with them. */
function sortPairs(keys: number[], values: number[], n: number): void {
  for (let i = 1; i < n; i++) {
    const k = keys[i] as number;
    const v = values[i] as number;
    let j = i - 1;
    while (j >= 0 && (keys[j] as number) > k) {
      keys[j + 1] = keys[j] as number;
      values[j + 1] = values[j] as number;
      j--;
    }
    keys[j + 1] = k;
    values[j + 1] = v;
  }
}

/** A cell's text as text[from, to), so a cell of the file is not copied out to be read. */
interface Cell {
  text: string;
  from: number;
  to: number;
}

function wholeCell(cell: Cell, text: string): void {
  cell.text = text;
  cell.from = 0;
  cell.to = text.length;
}

/**
 * Cell `k` of the row text[start, end) (no quotes in it) into `cell`: trimmed as `trim()` would,
 * and the literal `None` read as empty; a missing cell is empty.
 */
function field(text: string, semis: Finder, start: number, end: number, k: number, cell: Cell) {
  let a = start;
  for (let i = 0; i < k; i++) {
    const semi = semis(a);
    if (semi >= end) return wholeCell(cell, '');
    a = semi + 1;
  }
  const b = Math.min(semis(a), end);
  if (a < b && (edgy(text.charCodeAt(a)) || edgy(text.charCodeAt(b - 1)))) {
    const trimmed = text.slice(a, b).trim();
    return wholeCell(cell, trimmed === 'None' ? '' : trimmed);
  }
  if (b - a === 4 && text.startsWith('None', a)) return wholeCell(cell, '');
  cell.text = text;
  cell.from = a;
  cell.to = b;
}

/** A skipped voter: the code, and the line with the code's own params. */
function skipOf(
  voterId: string,
  line: number,
  { code, ...params }: { code: SkipCode } & ProblemParams,
): SkippedVoter {
  return { voterId, line, code, params: { line, ...params } };
}

/** As cellReader's `get`, by index: missing cells and the literal `None` read as ''. */
function cellAt(cells: readonly string[], i: number): string {
  const value = i < 0 ? '' : (cells[i] ?? '');
  return value === 'None' ? '' : value;
}

/** The largest of `start` and the list, without spreading a long list into arguments. */
const largest = (list: readonly number[], start: number) =>
  list.reduce((m, v) => (v > m ? v : m), start);

/** META integer or undefined when absent. */
const metaInt = (meta: Record<string, string>, key: string): number | undefined => {
  const raw = meta[key];
  if (raw === undefined || raw === '' || raw === 'None') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) ? n : undefined;
};

/** The stats `methodFor` fits a method to, of votes already made (a draft has none). */
export function statsOf(votes: readonly Vote[]): VoteStats {
  const stats: VoteStats = {
    count: votes.length,
    longest: 0,
    shortest: votes.length === 0 ? 0 : Infinity,
    maxTotal: -Infinity,
    maxValue: -Infinity,
    minValue: Infinity,
  };
  for (const vote of votes) {
    const n = vote.bids.length;
    if (n > stats.longest) stats.longest = n;
    if (n < stats.shortest) stats.shortest = n;
    let total = 0;
    for (const v of vote.values) {
      total += v;
      if (v > stats.maxValue) stats.maxValue = v;
      if (v < stats.minValue) stats.minValue = v;
    }
    if (total > stats.maxTotal) stats.maxTotal = total;
  }
  return stats;
}

export function methodFor(
  voteType: VoteType,
  meta: Record<string, string>,
  votes: readonly Vote[] | VoteStats,
  bidCount: number,
): Result<BallotMethod, PabulibProblem> {
  const stats = Array.isArray(votes) ? statsOf(votes) : (votes as VoteStats);
  const { longest, shortest } = stats;
  // Only points and scores have values worth reading (approval's are all 0).
  const withValues = voteType === 'cumulative' || voteType === 'scoring';
  const maxValue = withValues ? stats.maxValue : -Infinity;
  const minValue = withValues ? stats.minValue : Infinity;
  const unsupported = (kind: string, params: ProblemParams = {}) =>
    err({ code: 'unsupported' as const, params: { kind, ...params } });
  switch (voteType) {
    case 'approval':
    case 'choose-1': {
      const min = Math.min(metaInt(meta, 'min_length') ?? 0, shortest);
      const declared = voteType === 'choose-1' ? 1 : metaInt(meta, 'max_length');
      const max = declared === undefined || declared < 1 ? null : Math.max(declared, longest);
      const limit = meta['knapsack_limit'];
      if (limit !== undefined && voteType === 'approval') {
        const minor = limit === 'none' ? null : toMinor(parseAmount(limit));
        if (minor !== null && !(minor >= 1)) {
          return unsupported('knapsack-limit', { limit });
        }
        return ok({ kind: 'knapsack', limit: minor });
      }
      return ok({ kind: 'approval', min, max });
    }
    case 'cumulative': {
      const points = largest([stats.maxTotal], metaInt(meta, 'max_sum_points') ?? 1);
      const maxPerBid = largest([maxValue], metaInt(meta, 'max_points') ?? 1);
      if (points > 10_000 || maxPerBid > 10_000) {
        return unsupported('too-many-points');
      }
      return ok({ kind: 'cumulative', points, maxPerBid });
    }
    case 'scoring': {
      const min = -largest([-minValue], -(metaInt(meta, 'min_points') ?? 0));
      const max = largest([maxValue, min + 1], metaInt(meta, 'max_points') ?? 1);
      if (min < 0) return unsupported('negative-scores');
      if (max > 100) return unsupported('scores-over-100');
      return ok({ kind: 'score', min, max, allowNoOpinion: true });
    }
    case 'ordinal': {
      const maxRanks = largest([longest], metaInt(meta, 'max_length') ?? Math.min(bidCount, 100));
      if (maxRanks > 100) return unsupported('long-rankings');
      return ok({ kind: 'ranking', maxRanks });
    }
    default:
      return assertNever(voteType);
  }
}

/**
 * Each voter's choice in canonical form (as validateBallot would store it: sets sorted by bid
 * id), from the votes readVotes kept in that order already; keys in sorted order.
 */
export function choicesOf(method: BallotMethod, read: ReadVotes): Choice[] {
  const { ids, ranks, values, ends } = read;
  const choices: Choice[] = [];
  const bidsOf = (from: number, to: number): BidId[] => {
    const bids = new Array<BidId>(to - from);
    for (let i = from; i < to; i++) bids[i - from] = ids[ranks[i] as number] as BidId;
    return bids;
  };
  /** Each bid with its value, as `pair` makes them. */
  const pairsOf = <T>(from: number, to: number, pair: (bid: BidId, value: number) => T): T[] => {
    const pairs = new Array<T>(to - from);
    for (let i = from; i < to; i++) {
      pairs[i - from] = pair(ids[ranks[i] as number] as BidId, values?.[i] ?? 0);
    }
    return pairs;
  };
  let from = 0;
  for (let k = 0; k < ends.length; k++) {
    const to = ends[k] as number;
    let choice: Choice;
    switch (method.kind) {
      case 'approval':
      case 'knapsack':
        choice = { bids: bidsOf(from, to), kind: method.kind };
        break;
      case 'score':
        choice = { kind: 'score', scores: pairsOf(from, to, (bid, score) => ({ bid, score })) };
        break;
      case 'ranking':
        choice = { kind: 'ranking', ranking: bidsOf(from, to) };
        break;
      case 'cumulative':
        choice = {
          kind: 'cumulative',
          points: pairsOf(from, to, (bid, points) => ({ bid, points })),
        };
        break;
      default:
        return assertNever(method);
    }
    choices.push(choice);
    from = to;
  }
  return choices;
}

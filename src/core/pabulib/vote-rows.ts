/**
 * The VOTES rows read in file order, from the file's bytes (vote-cells.ts), into the flat votes
 * `ReadVotes` describes: the voter ids as numbers where they are numbers, the votes' ranks
 * written straight into one typed array, nothing made per voter that the count does not need.
 */
import type { ProblemParams } from '../problem.ts';
import type { BidId } from '../schema.ts';
import { textOf, type Section } from './sections.ts';
import type { SkipCode, SkippedVoter } from './types.ts';
import {
  commas,
  emptyCell,
  field,
  listPoints,
  most,
  ProjectRanks,
  semicolons,
  textCell,
  wholeNumber,
  type Cell,
  type Finder,
} from './vote-cells.ts';
import type { ReadVotes, VoteType } from './votes.ts';

/** A voter id that is a ballot id as it stands once prefixed with `pb-`: as plainId keeps it. */
export const CLEAN_VOTER_ID = /^[A-Za-z0-9._:-]{0,61}$/;

export const needsPoints = (t: VoteType): boolean => t === 'cumulative' || t === 'scoring';

/**
 * The votes, flat: the bids' ranks (and values) one voter after another. Made as large as the
 * section could need at the start (measured: faster cold than starting small and doubling), and
 * grown by doubling only for the odd cell that is not the file's own bytes.
 */
class FlatVotes {
  ranks: Int32Array;
  values: Float64Array | undefined;
  used = 0;

  constructor(size: number, withValues: boolean) {
    this.ranks = new Int32Array(size);
    this.values = withValues ? new Float64Array(size) : undefined;
  }

  /** Room for `n` more bids, and where they start. */
  room(n: number): number {
    const { used } = this;
    if (used + n > this.ranks.length) {
      const size = Math.max(2 * this.ranks.length, used + n);
      const ranks = new Int32Array(size);
      ranks.set(this.ranks.subarray(0, used));
      this.ranks = ranks;
      if (this.values !== undefined) {
        const values = new Float64Array(size);
        values.set(this.values.subarray(0, used));
        this.values = values;
      }
    }
    return used;
  }
}

/**
 * The rows read in file order. With `checkRepeats`, a voter id seen before skips its row as a
 * repeated voter; without, undefined when some voter id is repeated (the caller reads again).
 */
export function readRows(
  section: Section,
  voteType: VoteType,
  bidIdOf: Map<string, BidId>,
  checkRepeats: boolean,
): ReadVotes | undefined {
  const withPoints = needsPoints(voteType);
  const sorted = voteType !== 'ordinal';
  const projects = new ProjectRanks(bidIdOf);
  const ids = projects.ids;
  const stamp = new Int32Array(ids.length);
  const slot = new Int32Array(ids.length);
  const ranks: number[] = [];
  const points: number[] = [];
  const sums: number[] = [];
  const rowCount = section.size;
  const { bytes, places, quoted } = section;
  // Room for as many ids as the section's bytes can hold (one byte and a `,` each).
  const span = rowCount === 0 ? 0 : (places[3 * rowCount - 1] as number) - (places[1] as number);
  const flat = new FlatVotes((span >> 1) + 1024, withPoints);
  const voteEnds = new Int32Array(rowCount);
  // Each counted voter's id: as a number when written as a whole number (nearly always: no
  // string made), else -1 and the id as text.
  const voterNumbers = new Float64Array(rowCount);
  const voterTexts = new Map<number, string>();
  let plainIds = true;
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
  // Without checkRepeats, every voter id for the check at the end (a skipped row's too, as
  // checkRepeats sees it): those written as whole numbers as numbers, and whether they rise (they
  // nearly always do: then they are distinct with no more work), the others as they are.
  const numbers = new Float64Array(rowCount);
  let numbered = 0;
  let rising = true;
  const others: string[] = [];
  const at = (name: string) => section.header.lastIndexOf(name);
  const voterAt = at('voter_id');
  const voteAt = at('vote');
  const pointsAt = withPoints ? at('points') : -1;
  const semis = semicolons(bytes);
  const fileCommas = commas(bytes);
  const commasIn = (cell: Cell): Finder => (cell.bytes === bytes ? fileCommas : commas(cell.bytes));
  const id = emptyCell();
  const vote = emptyCell();
  const pts = emptyCell();

  for (let r = 0; r < rowCount; r++) {
    const cells = quoted.size > 0 ? quoted.get(r) : undefined;
    if (cells !== undefined) {
      textCell(id, cellAt(cells, voterAt));
      textCell(vote, cellAt(cells, voteAt));
      textCell(pts, withPoints ? cellAt(cells, pointsAt) : '');
    } else {
      const start = places[3 * r + 1] as number;
      const end = places[3 * r + 2] as number;
      field(bytes, semis, start, end, voterAt, id);
      field(bytes, semis, start, end, voteAt, vote);
      if (withPoints) field(bytes, semis, start, end, pointsAt, pts);
    }
    const line = places[3 * r] as number;
    if (id.from === id.to) {
      skipped.push(skipOf('', line, { code: 'no-voter-id' }));
      continue;
    }
    const number = wholeNumber(id);
    const text = number < 0 ? textOf(id.bytes, id.from, id.to) : undefined;
    if (checkRepeats) {
      const voterId = text ?? String(number);
      if (seen.has(voterId)) {
        skipped.push(skipOf(voterId, line, { code: 'repeated-voter', voter: voterId }));
        continue;
      }
      seen.add(voterId);
    } else if (text !== undefined) {
      others.push(text);
    } else {
      if (numbered > 0 && !(number > (numbers[numbered - 1] as number))) rising = false;
      numbers[numbered++] = number;
    }
    // The ranks go straight into the flat votes, and are made the voter's there.
    const from = flat.room(most(vote));
    const flatRanks = flat.ranks;
    const listed = projects.list(vote, commasIn(vote), flatRanks, from);
    if (listed < 0) {
      const voterId = text ?? String(number);
      skipped.push(skipOf(voterId, line, { code: 'unknown-project', project: projects.unknown }));
      continue;
    }
    const mark = r + 1;
    let n = 0;
    if (!withPoints) {
      // A project listed twice counts once, at its first place.
      for (let i = from; i < from + listed; i++) {
        const rank = flatRanks[i] as number;
        if (stamp[rank] === mark) continue;
        stamp[rank] = mark;
        flatRanks[from + n++] = rank;
      }
      if (sorted) sortNumbers(flatRanks, from, from + n);
    } else {
      const given = listPoints(pts, commasIn(pts), points);
      if (given !== listed) {
        const counts = { projects: listed, points: given };
        skipped.push(skipOf(text ?? String(number), line, { code: 'points-count', ...counts }));
        continue;
      }
      if (!allCounts(points, given)) {
        skipped.push(skipOf(text ?? String(number), line, { code: 'bad-points' }));
        continue;
      }
      // A cumulative voter who lists a project twice gave it both lots of points; a score
      // keeps the first.
      for (let i = 0; i < listed; i++) {
        const rank = flatRanks[from + i] as number;
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
      const vals = flat.values as Float64Array;
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
    flat.used += n;
    voteEnds[counted] = flat.used;
    voterNumbers[counted] = number;
    if (text !== undefined) {
      voterTexts.set(counted, text);
      if (plainIds && !CLEAN_VOTER_ID.test(text)) plainIds = false;
    }
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
    voterNumbers: voterNumbers.subarray(0, counted),
    voterTexts,
    plainIds,
    ids,
    ranks: flat.ranks,
    values: flat.values,
    ends: voteEnds.subarray(0, counted),
    stats,
    skipped,
  };
}

/** Whether no number is repeated (sorts the list). */
function distinctNumbers(list: Float64Array): boolean {
  list.sort();
  for (let i = 1; i < list.length; i++) if (list[i] === list[i - 1]) return false;
  return true;
}

/** Sorts list[from, to) in place (insertion sort: votes list a few projects). */
function sortNumbers(list: Int32Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const v = list[i] as number;
    let j = i - 1;
    while (j >= from && (list[j] as number) > v) {
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

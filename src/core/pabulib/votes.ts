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

export interface ReadVotes {
  votes: Vote[];
  skipped: SkippedVoter[];
}

const needsPoints = (t: VoteType) => t === 'cumulative' || t === 'scoring';

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
  const votes: Vote[] = [];
  const skipped: ReadVotes['skipped'] = [];
  const seen = new Set<string>();
  const withPoints = needsPoints(voteType);
  // A city's file has a hundred thousand voters: columns are found once, and each row is read
  // with as little made along the way as can be.
  const at = (name: string) => section.header.lastIndexOf(name);
  const voterAt = at('voter_id');
  const voteAt = at('vote');
  const pointsAt = withPoints ? at('points') : -1;
  for (const row of section.rows) {
    const voterId = cellAt(row.cells, voterAt);
    const skip = voterId === '' ? ({ code: 'no-voter-id' } as const) : undefined;
    if (skip !== undefined || seen.has(voterId)) {
      skipped.push(skipOf(voterId, row.line, skip ?? { code: 'repeated-voter', voter: voterId }));
      continue;
    }
    seen.add(voterId);
    const listed = splitList(cellAt(row.cells, voteAt));
    if (!withPoints) {
      const bids = unpointed(listed, bidIdOf);
      if (bids !== null) {
        votes.push({ voterId, bids, values: [] });
        continue;
      }
    }
    const unknown = listed.find((id) => !bidIdOf.has(id));
    if (unknown !== undefined) {
      skipped.push(skipOf(voterId, row.line, { code: 'unknown-project', project: unknown }));
      continue;
    }
    const points = splitList(cellAt(row.cells, pointsAt)).map(Number);
    if (points.length !== listed.length) {
      const counts = { projects: listed.length, points: points.length };
      skipped.push(skipOf(voterId, row.line, { code: 'points-count', ...counts }));
      continue;
    }
    if (points.some((p) => !Number.isInteger(p) || p < 0)) {
      skipped.push(skipOf(voterId, row.line, { code: 'bad-points' }));
      continue;
    }
    votes.push({ voterId, ...merge(voteType, listed, points, bidIdOf) });
  }
  return ok({ votes, skipped });
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

function splitList(text: string): string[] {
  if (text === '') return [];
  const parts = text.split(',');
  let kept = 0;
  for (const part of parts) {
    const s = part.trim();
    if (s !== '') parts[kept++] = s;
  }
  parts.length = kept;
  return parts;
}

/**
 * `merge` for votes without points (approval, choose-1, ordinal): a project listed twice counts
 * once, at its first place (and no values: nothing reads them). No map per voter; null
 * when a project is not in the file.
 */
function unpointed(listed: readonly string[], bidIdOf: Map<string, BidId>): BidId[] | null {
  const bids: BidId[] = [];
  for (const raw of listed) {
    const id = bidIdOf.get(raw);
    if (id === undefined) return null;
    if (!bids.includes(id)) bids.push(id);
  }
  return bids;
}

function merge(
  voteType: VoteType,
  listed: string[],
  points: number[],
  bidIdOf: Map<string, BidId>,
): { bids: BidId[]; values: number[] } {
  const values = new Map<BidId, number>();
  listed.forEach((raw, i) => {
    const id = bidIdOf.get(raw) ?? raw;
    const p = points[i] ?? 0;
    const before = values.get(id);
    if (before === undefined) values.set(id, p);
    // A cumulative voter who lists a project twice gave it both lots of points.
    else if (voteType === 'cumulative') values.set(id, before + p);
  });
  // Zero points on a cumulative ballot is the same as not listing the project.
  const kept = [...values].filter(([, p]) => voteType !== 'cumulative' || p > 0);
  return { bids: kept.map(([id]) => id), values: kept.map(([, p]) => p) };
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

export function methodFor(
  voteType: VoteType,
  meta: Record<string, string>,
  votes: readonly Vote[],
  bidCount: number,
): Result<BallotMethod, PabulibProblem> {
  const lengths = votes.map((v) => v.bids.length);
  const longest = largest(lengths, 0);
  const shortest =
    votes.length === 0
      ? 0
      : -largest(
          lengths.map((n) => -n),
          -Infinity,
        );
  // Only points and scores have values worth reading (approval's are all 0).
  const values =
    voteType === 'cumulative' || voteType === 'scoring' ? votes.flatMap((v) => v.values) : [];
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
      const totals = votes.map((v) => v.values.reduce((a, b) => a + b, 0));
      const points = largest(totals, metaInt(meta, 'max_sum_points') ?? 1);
      const maxPerBid = largest(values, metaInt(meta, 'max_points') ?? 1);
      if (points > 10_000 || maxPerBid > 10_000) {
        return unsupported('too-many-points');
      }
      return ok({ kind: 'cumulative', points, maxPerBid });
    }
    case 'scoring': {
      const min = -largest(
        values.map((v) => -v),
        -(metaInt(meta, 'min_points') ?? 0),
      );
      const max = largest([...values, min + 1], metaInt(meta, 'max_points') ?? 1);
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

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The vote in canonical form (as validateBallot would store it: sets sorted by bid id). */
export function choiceOf(method: BallotMethod, vote: Vote): Choice {
  // Sorted by each bid id's UTF-16 code units, as `byId` orders them: for strings that is what
  // sort() does with no comparator, without calling back into JavaScript for every pair.
  const sorted = () =>
    vote.bids
      .map((bid, i) => ({ bid, value: vote.values[i] ?? 0 }))
      .sort((a, b) => byId(a.bid, b.bid));
  switch (method.kind) {
    case 'approval':
    case 'knapsack':
      return { bids: [...vote.bids].sort(), kind: method.kind };
    case 'score':
      return { kind: 'score', scores: sorted().map((p) => ({ bid: p.bid, score: p.value })) };
    case 'ranking':
      return { kind: 'ranking', ranking: [...vote.bids] };
    case 'cumulative':
      return {
        kind: 'cumulative',
        points: sorted().map((p) => ({ bid: p.bid, points: p.value })),
      };
    default:
      return assertNever(method);
  }
}

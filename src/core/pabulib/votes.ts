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
  for (const row of section.rows) {
    const voterId = col.get(row, 'voter_id');
    const line = row.line;
    const skip = (code: SkipCode, params: ProblemParams = {}) =>
      skipped.push({ voterId, line, code, params: { line, ...params } });
    if (voterId === '') {
      skip('no-voter-id');
      continue;
    }
    if (seen.has(voterId)) {
      skip('repeated-voter', { voter: voterId });
      continue;
    }
    seen.add(voterId);
    const listed = splitList(col.get(row, 'vote'));
    const unknown = listed.find((id) => !bidIdOf.has(id));
    if (unknown !== undefined) {
      skip('unknown-project', { project: unknown });
      continue;
    }
    const points = needsPoints(voteType) ? splitList(col.get(row, 'points')).map(Number) : [];
    if (needsPoints(voteType)) {
      if (points.length !== listed.length) {
        skip('points-count', { projects: listed.length, points: points.length });
        continue;
      }
      if (points.some((p) => !Number.isInteger(p) || p < 0)) {
        skip('bad-points');
        continue;
      }
    }
    votes.push({ voterId, ...merge(voteType, listed, points, bidIdOf) });
  }
  return ok({ votes, skipped });
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
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
  const values = votes.flatMap((v) => v.values);
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
  const pairs = vote.bids.map((bid, i) => ({ bid, value: vote.values[i] ?? 0 }));
  const sorted = [...pairs].sort((a, b) => byId(a.bid, b.bid));
  switch (method.kind) {
    case 'approval':
    case 'knapsack':
      return { kind: method.kind, bids: [...vote.bids].sort(byId) };
    case 'score':
      return { kind: 'score', scores: sorted.map((p) => ({ bid: p.bid, score: p.value })) };
    case 'ranking':
      return { kind: 'ranking', ranking: [...vote.bids] };
    case 'cumulative':
      return { kind: 'cumulative', points: sorted.map((p) => ({ bid: p.bid, points: p.value })) };
    default:
      return assertNever(method);
  }
}

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
import type { ProblemParams } from '../problem.ts';
import type { PabulibProblem, SkippedVoter } from './types.ts';
import { needsPoints, readRows } from './vote-rows.ts';

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
  /**
   * Each counted voter's id when written as a whole number (no leading zero, at most 15 digits:
   * it is then `String(number)`), else -1 and the id is in `voterTexts`. `voterIds` gives them.
   */
  voterNumbers: Float64Array;
  voterTexts: Map<number, string>;
  /** Whether every voter id is one a ballot id may hold as it stands (see CLEAN_VOTER_ID). */
  plainIds: boolean;
  ids: readonly BidId[];
  ranks: Int32Array;
  values: Float64Array | undefined;
  ends: Int32Array;
  stats: VoteStats;
  skipped: SkippedVoter[];
}

/**
 * The VOTES rows, read straight from the file's bytes (vote-rows.ts): a city's file has a hundred
 * thousand, so a row's cells are found with indexOf and no string is made for a voter id written
 * as a number nor for a project id. Rows holding quotes were read into cells already (sections.ts)
 * and are read from those.
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

/** Each counted voter's id as written in the file, in file order. */
export function voterIds({ voterNumbers, voterTexts }: ReadVotes): string[] {
  const ids = new Array<string>(voterNumbers.length);
  for (let k = 0; k < voterNumbers.length; k++) {
    const number = voterNumbers[k] as number;
    ids[k] = number >= 0 ? String(number) : (voterTexts.get(k) as string);
  }
  return ids;
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

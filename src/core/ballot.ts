/**
 * Ballot rules: what a valid ballot is for an event's method, and the canonical form stored and
 * hashed. Hand-written rather than zod so the voter's screen can use it without the schema library;
 * untrusted input goes through `ballotSchema` first, then through `validateBallot`.
 */
import { problemOf, type Problem, type ProblemParams } from './problem.ts';
import { assertNever, err, ok, type Result } from './result.ts';
import type { Ballot, BallotMethod, BidId, Choice, EventDefinition } from './schema.ts';

/** Every code a ballot can fail with (the protocol's rejection codes include them all). */
export const BALLOT_PROBLEM_CODES = [
  'wrong-event',
  'wrong-method',
  'unknown-bid',
  'repeated-bid',
  'too-few',
  'too-many',
  'over-limit',
  'score-out-of-range',
  'missing-score',
  'points-over-total',
  'points-over-bid-limit',
] as const;
export type BallotProblemCode = (typeof BALLOT_PROBLEM_CODES)[number];

/**
 * Params by code: wrong-event {ballotEvent, event}; wrong-method {method, kind}; unknown-bid and
 * repeated-bid {bid}; too-few {min}; too-many {max, method} ("approval" or "ranking");
 * score-out-of-range {min, max}; points-over-total {points}; points-over-bid-limit {max}.
 */
export type BallotProblem = Problem<BallotProblemCode>;

const problem = (
  code: BallotProblemCode,
  params: ProblemParams = {},
): Result<never, BallotProblem> => err(problemOf(code, params));

/** The spending limit of a knapsack ballot: its own, or every pot together. */
export function knapsackLimit(event: EventDefinition): number {
  const m = event.method;
  if (m.kind === 'knapsack' && m.limit !== null) return m.limit;
  return event.pots.reduce((sum, pot) => sum + pot.budget, 0);
}

/** The ids a choice mentions, in the order it mentions them. */
export function bidsInChoice(choice: Choice): BidId[] {
  switch (choice.kind) {
    case 'approval':
    case 'knapsack':
      return choice.bids;
    case 'score':
      return choice.scores.map((s) => s.bid);
    case 'ranking':
      return choice.ranking;
    case 'cumulative':
      return choice.points.map((p) => p.bid);
    default:
      return assertNever(choice);
  }
}

/**
 * Checks a ballot against its event. Returns the ballot in canonical form (sets sorted by bid id,
 * rankings kept in order) so that equal ballots serialise to equal bytes.
 */
export function validateBallot(
  event: EventDefinition,
  ballot: Ballot,
): Result<Ballot, BallotProblem> {
  if (ballot.eventId !== event.id) {
    return problem('wrong-event', { ballotEvent: ballot.eventId, event: event.id });
  }
  const checked = validateChoice(event, ballot.choice);
  return checked.ok ? ok({ ...ballot, choice: checked.value }) : checked;
}

export function validateChoice(
  event: EventDefinition,
  choice: Choice,
): Result<Choice, BallotProblem> {
  const method = event.method;
  if (choice.kind !== method.kind) {
    return problem('wrong-method', { method: method.kind, kind: choice.kind });
  }
  const known = new Map(event.bids.map((b) => [b.id, b]));
  const ids = bidsInChoice(choice);
  const seen = new Set<BidId>();
  for (const id of ids) {
    if (!known.has(id)) return problem('unknown-bid', { bid: id });
    if (seen.has(id)) return problem('repeated-bid', { bid: id });
    seen.add(id);
  }
  return checkMethodRules(method, choice, ids, known);
}

function checkMethodRules(
  method: BallotMethod,
  choice: Choice,
  ids: BidId[],
  known: Map<BidId, { amount: number }>,
): Result<Choice, BallotProblem> {
  const byId = (a: BidId, b: BidId) => (a < b ? -1 : a > b ? 1 : 0);
  switch (method.kind) {
    case 'approval': {
      if (ids.length < method.min) return problem('too-few', { min: method.min });
      if (method.max !== null && ids.length > method.max) {
        return problem('too-many', { max: method.max, method: 'approval' });
      }
      return ok({ kind: 'approval', bids: [...ids].sort(byId) });
    }
    case 'knapsack': {
      const total = ids.reduce((sum, id) => sum + (known.get(id)?.amount ?? 0), 0);
      if (method.limit !== null && total > method.limit) {
        return problem('over-limit');
      }
      return ok({ kind: 'knapsack', bids: [...ids].sort(byId) });
    }
    case 'score': {
      if (choice.kind !== 'score') break;
      for (const { score } of choice.scores) {
        if (score === null && !method.allowNoOpinion) {
          return problem('missing-score');
        }
        if (score !== null && (score < method.min || score > method.max)) {
          return problem('score-out-of-range', { min: method.min, max: method.max });
        }
      }
      if (!method.allowNoOpinion && ids.length < known.size) {
        return problem('missing-score');
      }
      return ok({ kind: 'score', scores: [...choice.scores].sort((a, b) => byId(a.bid, b.bid)) });
    }
    case 'ranking': {
      if (ids.length > method.maxRanks) {
        return problem('too-many', { max: method.maxRanks, method: 'ranking' });
      }
      return ok({ kind: 'ranking', ranking: [...ids] });
    }
    case 'cumulative': {
      if (choice.kind !== 'cumulative') break;
      let total = 0;
      for (const { points } of choice.points) {
        if (points > method.maxPerBid) {
          return problem('points-over-bid-limit', { max: method.maxPerBid });
        }
        total += points;
      }
      if (total > method.points) {
        return problem('points-over-total', { points: method.points });
      }
      return ok({
        kind: 'cumulative',
        points: [...choice.points].sort((a, b) => byId(a.bid, b.bid)),
      });
    }
    default:
      return assertNever(method);
  }
  // Only reachable if `choice.kind !== method.kind`, which validateChoice rules out first.
  return problem('wrong-method', { method: method.kind, kind: choice.kind });
}

/** The hour a ballot was cast, in UTC: "2026-06-13T14:00Z". Finer time could link a voter. */
export function castHourOf(date: Date): string {
  return `${date.toISOString().slice(0, 13)}:00Z`;
}

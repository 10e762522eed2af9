/**
 * Ballot rules: what a valid ballot is for an event's method, and the canonical form stored and
 * hashed. Hand-written rather than zod so the voter's screen can use it without the schema library;
 * untrusted input goes through `ballotSchema` first, then through `validateBallot`.
 */
import { ballotSections, eventWards, sectionEvent } from './ballot-sections.ts';
import { type BallotProblem, type BallotProblemCode } from './ballot-problems.ts';
import { problemOf, type ProblemParams } from './problem.ts';
import { assertNever, err, ok, type Result } from './result.ts';
import type {
  Ballot,
  BallotMethod,
  BidId,
  Choice,
  EventDefinition,
  MethodChoice,
} from './schema.ts';

export type { BallotProblem, BallotProblemCode };

const problem = (
  code: BallotProblemCode,
  params: ProblemParams = {},
): Result<never, BallotProblem> => err(problemOf(code, params));

/** The ids a choice mentions, in the order it mentions them (a bid may recur across sections). */
export function bidsInChoice(choice: Choice): BidId[] {
  switch (choice.kind) {
    case 'sections':
      return choice.parts.flatMap((part) => bidsInChoice(part.choice));
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
  return checkBallot(event, ballot);
}

/**
 * `validateBallot` for many ballots of one event: the event's bids are looked up once, not per
 * ballot (a tally file's reader checks 100,000 of them).
 */
export function ballotValidator(
  event: EventDefinition,
): (ballot: Ballot) => Result<Ballot, BallotProblem> {
  const known = event.sections === undefined ? knownBids(event) : undefined;
  return (ballot) => checkBallot(event, ballot, known);
}

function checkBallot(
  event: EventDefinition,
  ballot: Ballot,
  known?: Map<BidId, { amount: number }>,
): Result<Ballot, BallotProblem> {
  if (ballot.eventId !== event.id) {
    return problem('wrong-event', { ballotEvent: ballot.eventId, event: event.id });
  }
  // The area answer (weights) must be one of the event's wards: anything else would count 1.
  if (ballot.area !== undefined && !eventWards(event).includes(ballot.area)) {
    return problem('unknown-ward', { ward: ballot.area });
  }
  const checked = validateChoice(event, ballot.choice, known);
  return checked.ok ? ok({ ...ballot, choice: checked.value }) : checked;
}

const knownBids = (event: EventDefinition) => new Map(event.bids.map((b) => [b.id, b]));

export function validateChoice(
  event: EventDefinition,
  choice: Choice,
  /** `event.bids` by id, when the caller already has it (only for an event without sections). */
  known?: Map<BidId, { amount: number }>,
): Result<Choice, BallotProblem> {
  if (event.sections === undefined) {
    if (choice.kind === 'sections' || event.method === undefined) {
      return problem('wrong-method', {
        method: event.method?.kind ?? 'sections',
        kind: choice.kind,
      });
    }
    return validatePart(event, choice, known);
  }
  const sections = ballotSections(event);
  const expected = sections.map((s) => s.id).join(',');
  if (choice.kind !== 'sections') {
    return problem('wrong-method', { method: 'sections', kind: choice.kind });
  }
  if (choice.parts.map((p) => p.section).join(',') !== expected) {
    return problem('wrong-sections', { expected });
  }
  const wards = eventWards(event);
  const parts: (typeof choice.parts)[number][] = [];
  for (const [i, part] of choice.parts.entries()) {
    const section = sections[i];
    if (section === undefined) return problem('wrong-sections', { expected });
    const inPart = (code: BallotProblemCode, params: ProblemParams = {}) =>
      problem(code, { ...params, section: section.id });
    const ownWard = section.scope.kind === 'own-ward';
    if (ownWard && part.ward === undefined) return inPart('missing-ward');
    if (part.ward !== undefined && (!ownWard || !wards.includes(part.ward))) {
      return inPart('unknown-ward', { ward: part.ward });
    }
    const checked = validatePart(sectionEvent(event, section, part.ward), part.choice);
    if (!checked.ok) return inPart(checked.error.code, checked.error.params);
    parts.push(
      part.ward === undefined
        ? { section: part.section, choice: checked.value }
        : { section: part.section, ward: part.ward, choice: checked.value },
    );
  }
  return ok({ kind: 'sections', parts });
}

/** One part of a ballot against its method and the bids it may name (`event.bids`). */
export function validatePart(
  event: EventDefinition,
  choice: MethodChoice,
  known: Map<BidId, { amount: number }> = knownBids(event),
): Result<MethodChoice, BallotProblem> {
  const method = event.method;
  if (method === undefined || choice.kind !== method.kind) {
    return problem('wrong-method', { method: method?.kind ?? 'sections', kind: choice.kind });
  }
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
  choice: MethodChoice,
  ids: BidId[],
  known: Map<BidId, { amount: number }>,
): Result<MethodChoice, BallotProblem> {
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

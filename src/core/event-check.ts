/**
 * Every check an event definition passes before a server stores it or a station trusts it: the
 * schema (eventSchema, whose problems are coded by `schemaProblem`), then cross-checks the schema
 * cannot express. Problems are codes with facts, never sentences (see problem.ts):
 *
 * - level "error": the definition cannot be saved at all (wrong shape, an unknown id, a roll-over
 *   that goes backwards or round in a cycle). The server refuses it and keeps what it had.
 * - level "warning": it can be saved as a draft, but the event cannot open until it is fixed
 *   (a bid no pot can fund, a bid costing more than any pot it is eligible for could ever hold,
 *   two bids with one title, a picture the server does not have).
 *
 * Params, beyond those of schemaProblem (every problem has {path}): roll-over-cycle {pots}
 * ("a → b → a"); bid-unfundable {bid}; bid-too-costly {bid, amount, most} (minor units);
 * duplicate-title {bid, other, title}; picture-missing {bid, image}.
 */
import { bidsInScope } from './ballot-sections.ts';
import { problemOf, type Problem } from './problem.ts';
import {
  eventSchema,
  schemaProblem,
  type EventDefinition,
  type EventProblemCode,
  type Pot,
} from './schema.ts';

export type EventCheckCode =
  | EventProblemCode
  | 'roll-over-cycle'
  | 'bid-unfundable'
  | 'bid-too-costly'
  | 'duplicate-title'
  | 'picture-missing';

export const EVENT_CHECK_CODES_BEYOND_SCHEMA = [
  'roll-over-cycle',
  'bid-unfundable',
  'bid-too-costly',
  'duplicate-title',
  'picture-missing',
] as const satisfies readonly EventCheckCode[];

export type EventCheckLevel = 'error' | 'warning';

export interface EventCheckProblem extends Problem<EventCheckCode> {
  readonly level: EventCheckLevel;
}

export interface EventCheck {
  /** The parsed definition, or null when an error-level problem stops it being saved. */
  definition: EventDefinition | null;
  problems: EventCheckProblem[];
}

export interface EventCheckOptions {
  /** Whether a bid's `image` is available (e.g. the server holds the picture). Unchecked if absent. */
  hasPicture?: (image: string) => boolean;
}

const at = (problem: Problem<EventCheckCode>, level: EventCheckLevel): EventCheckProblem => ({
  ...problem,
  level,
});

/** Checks an untrusted definition: schema problems are errors, funding problems warnings. */
export function checkEventDefinition(input: unknown, options: EventCheckOptions = {}): EventCheck {
  const parsed = eventSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    let problems = issues.map((issue) => at(schemaProblem(issue), 'error'));
    // Refinements run only on a well-shaped definition, so its pots can be followed for cycles.
    if (issues.every((issue) => issue.code === 'custom')) {
      problems = withCycles(problems, (input as { pots: Pot[] }).pots);
    }
    return { definition: null, problems };
  }
  return { definition: parsed.data, problems: fundingProblems(parsed.data, options) };
}

/** Pots whose roll-overs lead back to themselves, each cycle once: ["a", "b", "a"]. */
export function rollOverCycles(pots: readonly Pot[]): string[][] {
  const target = new Map(pots.map((p) => [p.id, p.rollOverTo]));
  const cycles: string[][] = [];
  const done = new Set<string>();
  for (const pot of pots) {
    const path: string[] = [];
    let current: string | undefined = pot.id;
    while (current !== undefined && !done.has(current) && !path.includes(current)) {
      path.push(current);
      current = target.get(current);
    }
    if (current !== undefined && path.includes(current)) {
      cycles.push([...path.slice(path.indexOf(current)), current]);
    }
    for (const id of path) done.add(id);
  }
  return cycles;
}

/** A backwards roll-over that is part of a cycle is reported as the cycle, once. */
function withCycles(problems: EventCheckProblem[], pots: readonly Pot[]): EventCheckProblem[] {
  const cycles = rollOverCycles(pots);
  if (cycles.length === 0) return problems;
  const inCycle = new Set(cycles.flat());
  const rest = problems.filter(
    (p) => !(p.code === 'roll-over-backwards' && inCycle.has(String(p.params['pot']))),
  );
  return [
    ...rest,
    ...cycles.map((cycle) =>
      at(problemOf('roll-over-cycle', { path: 'pots', pots: cycle.join(' → ') }), 'error'),
    ),
  ];
}

/**
 * The most a pot can ever hold: its budget plus everything that could roll into it (roll-overs
 * only go to later pots, so one pass in order is enough).
 */
function mostEachPotHolds(pots: readonly Pot[]): Map<string, number> {
  const most = new Map<string, number>();
  for (const pot of pots) most.set(pot.id, pot.budget);
  for (const pot of pots) {
    if (pot.rollOverTo === undefined) continue;
    const into = most.get(pot.rollOverTo);
    if (into !== undefined) most.set(pot.rollOverTo, into + (most.get(pot.id) ?? 0));
  }
  return most;
}

function fundingProblems(event: EventDefinition, options: EventCheckOptions): EventCheckProblem[] {
  const problems: EventCheckProblem[] = [];
  const warn = (code: EventCheckCode, params: Record<string, string | number>) =>
    problems.push(at(problemOf(code, params), 'warning'));
  const most = mostEachPotHolds(event.pots);
  const eligibleIds = new Map(
    event.pots.map((pot) => [pot.id, new Set(bidsInScope(event, pot.eligible).map((b) => b.id))]),
  );
  const titles = new Map<string, string>();
  event.bids.forEach((bid, index) => {
    const path = `bids.${index}`;
    const pots = event.pots.filter((pot) => eligibleIds.get(pot.id)?.has(bid.id) === true);
    if (pots.length === 0) warn('bid-unfundable', { path, bid: bid.id });
    else {
      const largest = Math.max(...pots.map((pot) => most.get(pot.id) ?? pot.budget));
      if (bid.amount > largest) {
        warn('bid-too-costly', { path, bid: bid.id, amount: bid.amount, most: largest });
      }
    }
    const title = bid.title.trim().normalize('NFC').toLowerCase();
    const other = titles.get(title);
    if (other !== undefined)
      warn('duplicate-title', { path, bid: bid.id, other, title: bid.title });
    else titles.set(title, bid.id);
    if (
      bid.image !== undefined &&
      options.hasPicture !== undefined &&
      !options.hasPicture(bid.image)
    ) {
      warn('picture-missing', { path: `${path}.image`, bid: bid.id, image: bid.image });
    }
  });
  return problems;
}

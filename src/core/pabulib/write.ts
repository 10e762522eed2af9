/**
 * Writes an event and its ballots as a Pabulib file that `parsePabulib` reads back to the same
 * bids, method, rule and choices. A .pb file has one budget, so an event's pots become one budget
 * (their total). Knapsack ballots have no Pabulib vote type: they are written as approval with a
 * `knapsack_limit` META key, which our reader understands and others ignore. Ballots carry no
 * voter identity; the ballot id is the voter id, and cast hours are not written.
 */
import Papa from 'papaparse';
import { bidsInChoice } from '../ballot.ts';
import { toMajor } from '../money.ts';
import { assertNever } from '../result.ts';
import type { Ballot, BallotMethod, Choice, EventDefinition } from '../schema.ts';

/** One row per line: the format (and our reader) has no multi-line fields, so newlines go. */
const oneLine = (cell: string | number) =>
  typeof cell === 'string' ? cell.replace(/[\r\n]+/g, ' ') : cell;

const csv = (fields: string[], rows: (string | number)[][]) =>
  Papa.unparse(
    { fields, data: rows.map((row) => row.map(oneLine)) },
    { delimiter: ';', newline: '\n' },
  );

function methodMeta(method: BallotMethod): [string, string][] {
  switch (method.kind) {
    case 'approval':
      return [
        ['vote_type', 'approval'],
        ['min_length', String(method.min)],
        ...(method.max === null ? [] : [['max_length', String(method.max)] as [string, string]]),
      ];
    case 'knapsack':
      return [
        ['vote_type', 'approval'],
        ['knapsack_limit', method.limit === null ? 'none' : String(toMajor(method.limit))],
      ];
    case 'score':
      return [
        ['vote_type', 'scoring'],
        ['min_points', String(method.min)],
        ['max_points', String(method.max)],
      ];
    case 'ranking':
      return [
        ['vote_type', 'ordinal'],
        ['max_length', String(method.maxRanks)],
      ];
    case 'cumulative':
      return [
        ['vote_type', 'cumulative'],
        ['max_sum_points', String(method.points)],
        ['max_points', String(method.maxPerBid)],
      ];
    default:
      return assertNever(method);
  }
}

/** Points (or scores) in the same order as `bidsInChoice`; undefined for approval and rankings. */
function pointsOf(choice: Choice): number[] | undefined {
  if (choice.kind === 'cumulative') return choice.points.map((p) => p.points);
  // Pabulib has no "no opinion": such bids are simply not listed.
  if (choice.kind === 'score')
    return choice.scores.flatMap((s) => (s.score === null ? [] : [s.score]));
  return undefined;
}

function listedBids(choice: Choice): string[] {
  if (choice.kind === 'score')
    return choice.scores.filter((s) => s.score !== null).map((s) => s.bid);
  return bidsInChoice(choice);
}

export function writePabulib(
  event: EventDefinition,
  ballots: readonly Ballot[],
  options: { selected?: string[] } = {},
): string {
  const budget = event.pots.reduce((sum, pot) => sum + pot.budget, 0);
  const date = event.date?.split('-').reverse().join('.');
  const meta: [string, string][] = [
    ['description', event.name],
    ['instance', event.id],
    ['num_projects', String(event.bids.length)],
    ['num_votes', String(ballots.length)],
    ['budget', String(toMajor(budget))],
    ...methodMeta(event.method),
    ['rule', event.rule === 'equal-shares' ? 'equalshares/add1' : 'greedy'],
    ['currency', event.currency],
    ...(date ? [['date_begin', date] as [string, string]] : []),
  ];

  const votes = new Map<string, number>();
  for (const b of ballots)
    for (const id of listedBids(b.choice)) votes.set(id, (votes.get(id) ?? 0) + 1);
  const selected = options.selected ? new Set(options.selected) : undefined;
  const projectFields = [
    'project_id',
    'cost',
    'votes',
    'name',
    ...(selected ? ['selected'] : []),
    'description',
  ];
  const projects = event.bids.map((bid) => [
    bid.id,
    toMajor(bid.amount),
    votes.get(bid.id) ?? 0,
    bid.title,
    ...(selected ? [selected.has(bid.id) ? 1 : 0] : []),
    bid.summary,
  ]);

  const withPoints = event.method.kind === 'cumulative' || event.method.kind === 'score';
  const voteRows = ballots.map((b) => [
    b.id.startsWith('pb-') ? b.id.slice(3) : b.id,
    listedBids(b.choice).join(','),
    ...(withPoints ? [(pointsOf(b.choice) ?? []).join(',')] : []),
  ]);

  return [
    'META',
    csv(['key', 'value'], meta),
    'PROJECTS',
    csv(projectFields, projects),
    'VOTES',
    csv(['voter_id', 'vote', ...(withPoints ? ['points'] : [])], voteRows),
    '',
  ].join('\n');
}

/**
 * Writes an event and its ballots as Pabulib files that `parsePabulib` reads back to the same
 * bids, method, rule and choices. Knapsack ballots have no Pabulib vote type: they are written as
 * approval with a `knapsack_limit` META key, which our reader understands and others ignore.
 * Ballots carry no voter identity; the ballot id is the voter id, and cast hours are not written.
 *
 * A ballot of one part is one file, and a .pb file has one budget, so the event's pots become one
 * budget (their total). A ballot with sections cannot be one file: Pabulib's VOTES has one vote
 * type per file. It is written as one file per pot and section that covers some of that pot's bids
 * (`writePabulibFiles`): the pot's budget and rule, the bids both eligible for the pot and in the
 * section, and every ballot's part for that section restricted to those bids (docs/ballot-sections.md).
 */
import Papa from 'papaparse';
import { ballotSections, bidsInScope } from '../ballot-sections.ts';
import { bidsInChoice } from '../ballot.ts';
import { toMajor } from '../money.ts';
import { assertNever } from '../result.ts';
import type {
  Ballot,
  BallotMethod,
  BallotSection,
  Bid,
  BidId,
  EventDefinition,
  MethodChoice,
  Pot,
  PotId,
} from '../schema.ts';

export interface PabulibWriteOptions {
  /** The funded bids, marked in a `selected` column of PROJECTS. */
  selected?: readonly BidId[];
  /**
   * Each pot's funded bids (a tally result's `pots`). For a ballot with sections a pot's files mark
   * only the bids that pot funded; without it, every bid in `selected`.
   */
  pots?: readonly { potId: PotId; selected: readonly BidId[] }[];
}

/** One .pb file of an export. */
export interface PabulibFile {
  /** The pot and section it holds, for a ballot with sections; absent for a ballot of one part. */
  potId?: PotId;
  sectionId?: string;
  /** What to add to the export's base name: '' for one part, else "-pot-<pot>-section-<section>". */
  suffix: string;
  text: string;
}

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

/** Points (or scores) in the same order as `listedBids`; undefined for approval and rankings. */
function pointsOf(choice: MethodChoice): number[] | undefined {
  if (choice.kind === 'cumulative') return choice.points.map((p) => p.points);
  // Pabulib has no "no opinion": such bids are simply not listed.
  if (choice.kind === 'score')
    return choice.scores.flatMap((s) => (s.score === null ? [] : [s.score]));
  return undefined;
}

function listedBids(choice: MethodChoice): string[] {
  if (choice.kind === 'score')
    return choice.scores.filter((s) => s.score !== null).map((s) => s.bid);
  return bidsInChoice(choice);
}

/** A part's choice with only the bids in `keep` (in its own order: a ranking stays a ranking). */
function restricted(choice: MethodChoice, keep: ReadonlySet<BidId>): MethodChoice {
  switch (choice.kind) {
    case 'approval':
    case 'knapsack':
      return { kind: choice.kind, bids: choice.bids.filter((id) => keep.has(id)) };
    case 'score':
      return { kind: 'score', scores: choice.scores.filter((s) => keep.has(s.bid)) };
    case 'ranking':
      return { kind: 'ranking', ranking: choice.ranking.filter((id) => keep.has(id)) };
    case 'cumulative':
      return { kind: 'cumulative', points: choice.points.filter((p) => keep.has(p.bid)) };
    default:
      return assertNever(choice);
  }
}

/** What one file holds: its META keys around the method's, its bids, and one choice per ballot. */
interface Instance {
  head: [string, string][];
  method: [string, string][];
  tail: [string, string][];
  kind: BallotMethod['kind'];
  bids: readonly Bid[];
  votes: readonly { ballot: Ballot; choice: MethodChoice }[];
  selected: ReadonlySet<BidId> | undefined;
}

function writeInstance({ head, method, tail, kind, bids, votes, selected }: Instance): string {
  const meta: [string, string][] = [
    ...head,
    ['num_projects', String(bids.length)],
    ['num_votes', String(votes.length)],
    ...method,
    ...tail,
  ];
  const counts = new Map<string, number>();
  for (const { choice } of votes)
    for (const id of listedBids(choice)) counts.set(id, (counts.get(id) ?? 0) + 1);
  const projectFields = [
    'project_id',
    'cost',
    'votes',
    'name',
    ...(selected ? ['selected'] : []),
    'description',
  ];
  const projects = bids.map((bid) => [
    bid.id,
    toMajor(bid.amount),
    counts.get(bid.id) ?? 0,
    bid.title,
    ...(selected ? [selected.has(bid.id) ? 1 : 0] : []),
    bid.summary,
  ]);

  const withPoints = kind === 'cumulative' || kind === 'score';
  // A weighted event's area answers go in Pabulib's optional `neighborhood` column (the format
  // has no per-voter weight: see `weightsMeta`).
  const withArea = votes.some(({ ballot }) => ballot.area !== undefined);
  const voteRows = votes.map(({ ballot, choice }) => [
    ballot.id.startsWith('pb-') ? ballot.id.slice(3) : ballot.id,
    listedBids(choice).join(','),
    ...(withPoints ? [(pointsOf(choice) ?? []).join(',')] : []),
    ...(withArea ? [ballot.area ?? ''] : []),
  ]);

  return [
    'META',
    csv(['key', 'value'], meta),
    'PROJECTS',
    csv(projectFields, projects),
    'VOTES',
    csv(
      [
        'voter_id',
        'vote',
        ...(withPoints ? ['points'] : []),
        ...(withArea ? ['neighborhood'] : []),
      ],
      voteRows,
    ),
    '',
  ].join('\n');
}

const dotted = (date: string | undefined) => date?.split('-').reverse().join('.');
const ruleMeta = (rule: EventDefinition['rule']) =>
  rule === 'equal-shares' ? 'equalshares/add1' : 'greedy';

/** The closing META keys every file has: rule, currency and dates. */
function tailMeta(event: EventDefinition, rule: EventDefinition['rule']): [string, string][] {
  const begin = dotted(event.date);
  const end = dotted(event.endDate);
  return [
    ['rule', ruleMeta(rule)],
    ['currency', event.currency],
    ...(begin ? [['date_begin', begin] as [string, string]] : []),
    ...(end ? [['date_end', end] as [string, string]] : []),
    ...weightsMeta(event),
  ];
}

/**
 * Pabulib has no per-voter weight, so a weighted event is written unweighted, with its weights in
 * a `comment` META key saying so: a tool that tallies the file counts every vote once, and the
 * note and the `neighborhood` column let a reader apply the weights (docs/check-in.md).
 */
function weightsMeta(event: EventDefinition): [string, string][] {
  const weights = Object.entries(event.checkIn?.questions?.area?.weights ?? {});
  if (weights.length === 0) return [];
  const list = weights.map(([area, w]) => `${area}=${w}`).join(', ');
  return [
    [
      'comment',
      `Votes are weighted by the voter's neighborhood (${list}; others 1); this file counts every vote once.`,
    ],
  ];
}

/**
 * The event as one Pabulib file. Only for a ballot of one part (see `writePabulibFiles` for a
 * ballot with sections, which needs several files): it throws on a ballot with sections.
 */
export function writePabulib(
  event: EventDefinition,
  ballots: readonly Ballot[],
  options: PabulibWriteOptions = {},
): string {
  const method = event.sections === undefined ? event.method : undefined;
  if (method === undefined) {
    throw new Error(
      `writePabulib: event "${event.id}" has ballot sections; use writePabulibFiles.`,
    );
  }
  const budget = event.pots.reduce((sum, pot) => sum + pot.budget, 0);
  const selected =
    options.selected ?? (options.pots ? options.pots.flatMap((p) => p.selected) : undefined);
  return writeInstance({
    head: [
      ['description', event.name],
      ['instance', event.id],
    ],
    method: [['budget', String(toMajor(budget))], ...methodMeta(method)],
    tail: tailMeta(event, event.rule),
    kind: method.kind,
    bids: event.bids,
    votes: ballots.map((ballot) => {
      if (ballot.choice.kind === 'sections') {
        throw new Error('writePabulib: a ballot with sections for an event of one part.');
      }
      return { ballot, choice: ballot.choice };
    }),
    selected: selected ? new Set(selected) : undefined,
  });
}

/** A part of a file name from an id: ids may hold ':' which some systems refuse in names. */
const namePart = (id: string) => id.replace(/[^A-Za-z0-9._-]+/g, '-');

/** Where a pot's file marks funded bids: that pot's own when known, else every funded bid. */
function selectedIn(pot: Pot, options: PabulibWriteOptions): ReadonlySet<BidId> | undefined {
  const own = options.pots?.find((p) => p.potId === pot.id);
  if (own) return new Set(own.selected);
  return options.selected ? new Set(options.selected) : undefined;
}

function sectionFile(
  event: EventDefinition,
  ballots: readonly Ballot[],
  pot: Pot,
  section: BallotSection,
  bids: readonly Bid[],
  options: PabulibWriteOptions,
): PabulibFile {
  const keep = new Set(bids.map((b) => b.id));
  const inScope = bidsInScope(event, section.scope).length;
  // A file with only some of the section's bids cannot promise the section's least count.
  const method: BallotMethod =
    section.method.kind === 'approval' && bids.length < inScope
      ? { ...section.method, min: 0 }
      : section.method;
  const votes = ballots.map((ballot) => {
    const choice = ballot.choice;
    const part =
      choice.kind === 'sections' ? choice.parts.find((p) => p.section === section.id) : undefined;
    if (part === undefined) {
      throw new Error(`writePabulibFiles: a ballot without its "${section.id}" part.`);
    }
    return { ballot, choice: restricted(part.choice, keep) };
  });
  const text = writeInstance({
    head: [
      ['description', `${event.name} — ${pot.name} — ${section.title}`],
      ['instance', event.id],
      ['subunit', pot.name],
      ['pot', pot.id],
      ['section', section.id],
      ['section_title', section.title],
    ],
    method: [['budget', String(toMajor(pot.budget))], ...methodMeta(method)],
    tail: tailMeta(event, pot.rule ?? event.rule),
    kind: method.kind,
    bids,
    votes,
    selected: selectedIn(pot, options),
  });
  return {
    potId: pot.id,
    sectionId: section.id,
    suffix: `-pot-${namePart(pot.id)}-section-${namePart(section.id)}`,
    text,
  };
}

/**
 * The event as Pabulib files: one for a ballot of one part (exactly `writePabulib`'s text), or
 * one per pot and section that covers some of that pot's bids, in pot order then section order.
 * Every ballot is a voter in every file (equal shares shares each pot among all ballots), with an
 * empty vote where its part chose none of the file's bids.
 */
export function writePabulibFiles(
  event: EventDefinition,
  ballots: readonly Ballot[],
  options: PabulibWriteOptions = {},
): PabulibFile[] {
  if (event.sections === undefined) {
    return [{ suffix: '', text: writePabulib(event, ballots, options) }];
  }
  const sections = ballotSections(event);
  return event.pots.flatMap((pot) => {
    const eligible = new Set(bidsInScope(event, pot.eligible).map((b) => b.id));
    return sections.flatMap((section) => {
      const bids = bidsInScope(event, section.scope).filter((b) => eligible.has(b.id));
      return bids.length === 0 ? [] : [sectionFile(event, ballots, pot, section, bids, options)];
    });
  });
}

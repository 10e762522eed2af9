/**
 * The inclusion report (docs/results.md, "Inclusion report"): who took part, as turnout per
 * station, per hour, per language used, paper or screen, and — where the event asked — per age
 * band and per area. Built on the tally server from the counted ballots, the stations' language
 * counts and the equalities answers, so only the published figures leave it. Every group of 1 to
 * 9 is hidden, and one more where a single hidden group could be worked out by subtraction
 * (core/small-groups.ts). Pure: codes and numbers, never words.
 */
import { EQUALITIES_ANSWERS, type EqualitiesAnswers } from './questions.ts';
import { hiddenGroups, SUPPRESS_BELOW } from './small-groups.ts';
import { z } from 'zod';
import { toCsv, type Cell } from './export/csv.ts';

export const INCLUSION_DIMENSIONS = [
  'station',
  'hour',
  'language',
  'medium',
  'age-band',
  'area',
] as const;
export type InclusionDimension = (typeof INCLUSION_DIMENSIONS)[number];

/** Paper or screen. */
export const MEDIA = ['screen', 'paper'] as const;
/** A language group for ballots whose language no station counted (paper, older stations). */
export const LANGUAGE_NOT_RECORDED = 'not-recorded';
/** An area group for ballots with no area answer; an age group for voters who skipped it. */
export const NOT_ANSWERED = 'not-answered';

/**
 * One group's figure, or `suppressed`: 1 to 9 people, or hidden so that another small group cannot
 * be worked out. `name` is what a person reads for a group that has no code of its own (a
 * station's name); other groups are codes the app words.
 */
export type InclusionCell = { group: string; name?: string } & (
  { count: number } | { suppressed: true }
);

export interface InclusionTable {
  dimension: InclusionDimension;
  /** The groups' sum, or `suppressed` when it is 1 to 9 (then every group is hidden). */
  total: number | 'suppressed';
  groups: InclusionCell[];
}

export interface InclusionReport {
  tables: InclusionTable[];
}

/** What a ballot tells the report: where, when, how, and (weighted events) the area answered. */
export interface InclusionBallot {
  stationId: string;
  castHour: string;
  paper?: true;
  area?: string;
}

export interface InclusionSources {
  /** The counted ballots (not voided, not kept apart). */
  ballots: readonly InclusionBallot[];
  /** Each station's latest ballots-per-language count (language tag → ballots cast in it). */
  languages: readonly Readonly<Record<string, number>>[];
  /** The event's languages, its own first: the order of the language groups. */
  eventLanguages: readonly string[];
  /** Station names by the id its ballots carry, where known. */
  stationNames: ReadonlyMap<string, string>;
  /** The equalities answers, when the event asks the age band among them. */
  equalities?: readonly EqualitiesAnswers[];
  /** The wards of the area question, when the event stores the area on ballots. */
  areas?: readonly string[];
}

/** The report's tables, in INCLUSION_DIMENSIONS order, each with its small groups hidden. */
export function inclusionReport(sources: InclusionSources): InclusionReport {
  const { ballots } = sources;
  const tables: InclusionTable[] = [
    table(
      'station',
      sorted(tally(ballots.map((b) => b.stationId))).map(([group, count]) => {
        const name = sources.stationNames.get(group);
        return { group, count, ...(name !== undefined && { name }) };
      }),
    ),
    table('hour', sorted(tally(ballots.map((b) => b.castHour))).map(toGroup)),
    table('language', languageGroups(sources)),
    table(
      'medium',
      MEDIA.map((group) => ({
        group,
        count: ballots.filter((b) => (b.paper === true) === (group === 'paper')).length,
      })),
    ),
  ];
  if (sources.equalities !== undefined) {
    const bands = tally(sources.equalities.map((a) => a['age-band'] ?? NOT_ANSWERED));
    tables.push(
      table(
        'age-band',
        [...EQUALITIES_ANSWERS['age-band'], NOT_ANSWERED].map((group) => ({
          group,
          count: bands.get(group) ?? 0,
        })),
      ),
    );
  }
  if (sources.areas !== undefined) {
    const areas = tally(ballots.map((b) => b.area ?? NOT_ANSWERED));
    const known = new Set(sources.areas);
    const others = sorted(areas).filter(([a]) => !known.has(a) && a !== NOT_ANSWERED);
    tables.push(
      table('area', [
        ...sources.areas.map((group) => ({ group, count: areas.get(group) ?? 0 })),
        ...others.map(toGroup),
        { group: NOT_ANSWERED, count: areas.get(NOT_ANSWERED) ?? 0 },
      ]),
    );
  }
  return { tables };
}

/**
 * Ballots per language: the stations' counts added up, in the event's order (then any other tag
 * a station counted), and the ballots no station counted a language for (paper ballots, stations
 * older than the count) as `not-recorded`, so the groups add up to the ballots where they can.
 */
function languageGroups(sources: InclusionSources): { group: string; count: number }[] {
  const sums = new Map<string, number>();
  for (const counts of sources.languages) {
    for (const [tag, n] of Object.entries(counts)) {
      if (Number.isSafeInteger(n) && n > 0) sums.set(tag, (sums.get(tag) ?? 0) + n);
    }
  }
  const known = new Set(sources.eventLanguages);
  const groups = [
    ...sources.eventLanguages.map((group) => ({ group, count: sums.get(group) ?? 0 })),
    ...sorted(sums)
      .filter(([tag]) => !known.has(tag))
      .map(toGroup),
  ];
  const counted = groups.reduce((sum, g) => sum + g.count, 0);
  groups.push({
    group: LANGUAGE_NOT_RECORDED,
    count: Math.max(0, sources.ballots.length - counted),
  });
  return groups;
}

function table(
  dimension: InclusionDimension,
  groups: readonly ({ group: string; count: number; name?: string } & object)[],
): InclusionTable {
  const total = groups.reduce((sum, g) => sum + g.count, 0);
  const hidden = hiddenGroups(groups.map((g) => g.count));
  return {
    dimension,
    total: total > 0 && total < SUPPRESS_BELOW ? 'suppressed' : total,
    groups: groups.map((g, i): InclusionCell => {
      const { count, ...rest } = g;
      return hidden.has(i) ? { ...rest, suppressed: true } : { ...rest, count };
    }),
  };
}

function tally(values: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of values) out.set(v, (out.get(v) ?? 0) + 1);
  return out;
}

function sorted(counts: ReadonlyMap<string, number>): [string, number][] {
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const toGroup = ([group, count]: [string, number]) => ({ group, count });

/** How a hidden group's figure reads in the CSV: never a number. */
export const SUPPRESSED_MARK = 'hidden';

/**
 * The report as CSV (core/export/csv.ts): a row per group (dimension, group code, name, ballots)
 * and a `total` row per dimension. Only published figures: a hidden group or total is `hidden` (not `<10`: the second group hidden so the first cannot be worked out may be 10 or more).
 */
export function inclusionCsv(report: InclusionReport): string {
  const rows: Cell[][] = [];
  for (const t of report.tables) {
    for (const g of t.groups) {
      rows.push([t.dimension, g.group, g.name ?? '', 'count' in g ? g.count : SUPPRESSED_MARK]);
    }
    rows.push([t.dimension, 'total', '', t.total === 'suppressed' ? SUPPRESSED_MARK : t.total]);
  }
  return toCsv(['dimension', 'group', 'name', 'ballots'], rows);
}

const cellSchema = z.union([
  z.object({ group: z.string(), name: z.string().optional(), count: z.int().min(0) }),
  z.object({ group: z.string(), name: z.string().optional(), suppressed: z.literal(true) }),
]);

/** GET /events/:eventId/inclusion (organiser): the report, small groups already hidden. */
export const inclusionReportSchema = z.object({
  tables: z.array(
    z.object({
      dimension: z.enum(INCLUSION_DIMENSIONS),
      total: z.union([z.int().min(0), z.literal('suppressed')]),
      groups: z.array(cellSchema),
    }),
  ),
});

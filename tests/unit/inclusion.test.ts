import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  inclusionCsv,
  inclusionReport,
  type InclusionBallot,
  type InclusionSources,
  type InclusionTable,
} from '../../src/core/inclusion.ts';
import { hiddenGroups } from '../../src/core/small-groups.ts';

const ballots = (n: number, ballot: Partial<InclusionBallot> = {}): InclusionBallot[] =>
  Array.from({ length: n }, () => ({
    stationId: 'hall',
    castHour: '2026-06-13T10:00Z',
    ...ballot,
  }));

const sources = (over: Partial<InclusionSources>): InclusionSources => ({
  ballots: [],
  languages: [],
  eventLanguages: ['en-GB', 'gd'],
  stationNames: new Map(),
  ...over,
});

const tableOf = (report: { tables: InclusionTable[] }, dimension: string): InclusionTable => {
  const found = report.tables.find((t) => t.dimension === dimension);
  if (found === undefined) throw new Error(`no ${dimension} table`);
  return found;
};
const figures = (t: InclusionTable) =>
  Object.fromEntries(t.groups.map((g) => [g.group, 'count' in g ? g.count : 'hidden']));

describe('inclusion report', () => {
  it('counts turnout per station (with its name), per hour and paper or screen', () => {
    const report = inclusionReport(
      sources({
        ballots: [
          ...ballots(30, { stationId: 'hall' }),
          ...ballots(12, { stationId: 'library', castHour: '2026-06-13T11:00Z', paper: true }),
          ...ballots(15, { stationId: 'library', castHour: '2026-06-13T11:00Z' }),
        ],
        stationNames: new Map([['hall', 'Community Hall']]),
      }),
    );
    const stations = tableOf(report, 'station');
    expect(stations.groups).toEqual([
      { group: 'hall', name: 'Community Hall', count: 30 },
      { group: 'library', count: 27 },
    ]);
    expect(stations.total).toBe(57);
    expect(figures(tableOf(report, 'hour'))).toEqual({
      '2026-06-13T10:00Z': 30,
      '2026-06-13T11:00Z': 27,
    });
    expect(figures(tableOf(report, 'medium'))).toEqual({ screen: 45, paper: 12 });
    // Asked nothing: no age band or area table.
    expect(report.tables.map((t) => t.dimension)).toEqual([
      'station',
      'hour',
      'language',
      'medium',
    ]);
  });

  it("adds up the stations' language counts; ballots no station counted are not-recorded", () => {
    const report = inclusionReport(
      sources({
        ballots: ballots(60),
        languages: [
          { 'en-GB': 20, gd: 12 },
          { 'en-GB': 10, pl: 11 },
        ],
      }),
    );
    // 60 ballots, 53 counted in a language: 7 not recorded, hidden, and the next smallest with it.
    expect(tableOf(report, 'language').groups).toEqual([
      { group: 'en-GB', count: 30 },
      { group: 'gd', count: 12 },
      { group: 'pl', suppressed: true },
      { group: 'not-recorded', suppressed: true },
    ]);
  });

  it('hides a lone Gaelic voter, and the next smallest group so nobody can subtract', () => {
    const report = inclusionReport(
      sources({ ballots: ballots(45), languages: [{ 'en-GB': 32, gd: 1, pl: 12 }] }),
    );
    const language = tableOf(report, 'language');
    expect(figures(language)).toEqual({
      'en-GB': 32,
      gd: 'hidden',
      pl: 'hidden',
      'not-recorded': 0,
    });
    expect(language.total).toBe(45);
  });

  it('hides every group and the total when fewer than 10 voted', () => {
    const report = inclusionReport(sources({ ballots: ballots(4, { paper: true }) }));
    const medium = tableOf(report, 'medium');
    expect(medium.total).toBe('suppressed');
    expect(medium.groups.every((g) => 'suppressed' in g)).toBe(true);
  });

  it('shows an empty group as 0, and a group of exactly 10', () => {
    expect(figures(tableOf(inclusionReport(sources({ ballots: ballots(10) })), 'medium'))).toEqual({
      screen: 10,
      paper: 0,
    });
  });

  it('counts age bands from the equalities answers, with those who skipped the question', () => {
    const report = inclusionReport(
      sources({
        ballots: ballots(40),
        equalities: [
          ...Array.from({ length: 15 }, () => ({ 'age-band': '25-44' })),
          ...Array.from({ length: 11 }, () => ({ 'age-band': '65-plus' })),
          ...Array.from({ length: 3 }, () => ({ 'age-band': '16-17' })),
          ...Array.from({ length: 12 }, () => ({ gender: 'woman' })),
        ],
      }),
    );
    const age = tableOf(report, 'age-band');
    expect(figures(age)).toEqual({
      '8-15': 0,
      '16-17': 'hidden',
      '18-24': 0,
      '25-44': 15,
      '45-64': 0,
      '65-plus': 'hidden',
      'prefer-not-to-say': 0,
      'not-answered': 12,
    });
    expect(age.total).toBe(41);
  });

  it("counts the area each ballot carries, in the area question's order", () => {
    const report = inclusionReport(
      sources({
        ballots: [
          ...ballots(20, { area: 'North' }),
          ...ballots(14, { area: 'South' }),
          ...ballots(11),
        ],
        areas: ['South', 'North'],
      }),
    );
    expect(tableOf(report, 'area').groups).toEqual([
      { group: 'South', count: 14 },
      { group: 'North', count: 20 },
      { group: 'not-answered', count: 11 },
    ]);
  });

  it('writes CSV with no figure from 1 to 9', () => {
    const csv = inclusionCsv(
      inclusionReport(
        sources({
          ballots: [
            ...ballots(25),
            ...ballots(12, { stationId: 'library' }),
            ...ballots(3, { stationId: 'van', paper: true }),
          ],
          languages: [{ 'en-GB': 35, gd: 2 }],
        }),
      ),
    );
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('dimension,group,name,ballots');
    expect(lines).toContain('station,hall,,25');
    expect(lines).toContain('station,library,,hidden');
    expect(lines).toContain('station,van,,hidden');
    expect(lines).toContain('medium,paper,,hidden');
    expect(lines).toContain('language,gd,,hidden');
    expect(lines).toContain('station,total,,40');
    for (const line of lines.slice(1)) expect(line).not.toMatch(/,[1-9]$/);
  });
});

describe('hiding small groups', () => {
  it('hides 1 to 9, never 0 or 10 and more', () => {
    expect([...hiddenGroups([0, 5, 10, 7, 30])].sort()).toEqual([1, 3]);
  });

  it('hides the next smallest non-empty group when one alone is hidden', () => {
    expect([...hiddenGroups([40, 0, 2, 25, 12])].sort()).toEqual([2, 4]);
  });

  it('never lets a hidden group of 1 to 9 be worked out from the total by subtraction', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 8 }), (counts) => {
        const total = counts.reduce((a, b) => a + b, 0);
        const report = inclusionReport(
          sources({
            ballots: counts.flatMap((n, i) => ballots(n, { stationId: `s${i}` })),
          }),
        );
        const station = tableOf(report, 'station');
        // What a reader sees: the total (if shown) and each shown figure.
        const shown = station.groups.flatMap((g) => ('count' in g ? [g.count] : []));
        const hidden = station.groups.filter((g) => 'suppressed' in g);
        // No published figure is 1 to 9.
        expect(shown.every((n) => n === 0 || n >= 10)).toBe(true);
        if (station.total === 'suppressed') {
          expect(total).toBeGreaterThan(0);
          expect(total).toBeLessThan(10);
          expect(shown).toEqual([]);
          return;
        }
        expect(station.total).toBe(total);
        // Total minus the shown figures is the hidden ones' sum: it names one group only if
        // exactly one group is hidden, which must never happen.
        expect(hidden.length).not.toBe(1);
        // And a small group is never hidden alone among non-empty groups.
        const truth = new Map(counts.map((n, i) => [`s${i}`, n]));
        const small = hidden.filter((g) => (truth.get(g.group) ?? 0) < 10);
        if (small.length > 0) expect(hidden.length).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 500 },
    );
  });
});

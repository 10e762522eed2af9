import { describe, expect, it } from 'vitest';
import { resultTable } from '../../src/cli/result-report.ts';
import { validateBallot } from '../../src/core/ballot.ts';
import { parsePabulib, writePabulib } from '../../src/core/pabulib/index.ts';
import { areaWeights, thousandths, unitsAsDecimal } from '../../src/core/questions.ts';
import { eventSchema, type Ballot, type EventDefinition } from '../../src/core/schema.ts';
import { createProfile, tally } from '../../src/core/tally/index.ts';
import { equalShares } from '../../src/core/tally/equal-shares.ts';
import { createTieBreak } from '../../src/core/tally/tie-break.ts';

const seed = 'feedface';

/** Bids as id → [pounds, ward]; one pot of £100; approval ballots; areas weighted as given. */
function event(
  bids: Record<string, [number, string]>,
  weights: Record<string, string> | undefined,
  rule: EventDefinition['rule'] = 'greedy',
): EventDefinition {
  return eventSchema.parse({
    id: 'weighted',
    name: 'Weighted',
    currency: 'GBP',
    locale: 'en-GB',
    method: { kind: 'approval', min: 0, max: null },
    rule,
    categories: [],
    pots: [{ id: 'main', name: 'Main', budget: 100_00, eligible: { kind: 'all' } }],
    bids: Object.entries(bids).map(([id, [pounds, ward]]) => ({
      id,
      title: id,
      group: '',
      amount: pounds * 100,
      summary: '',
      ward,
    })),
    ...(weights && { checkIn: { questions: { area: { weights } } } }),
  });
}

let counter = 0;
/** One approval ballot per [area, bids]. */
function ballots(e: EventDefinition, rows: [string | undefined, string[]][]): Ballot[] {
  return rows.map(([area, bids]) => {
    const checked = validateBallot(e, {
      id: `b${++counter}`,
      eventId: e.id,
      stationId: 's1',
      castHour: '2026-06-13T10:00Z',
      choice: { kind: 'approval', bids },
      ...(area !== undefined && { area }),
    });
    if (!checked.ok) throw new Error(checked.error.code);
    return checked.value;
  });
}

describe('area weights', () => {
  it('reads weights exactly as integers over one scale', () => {
    expect(thousandths('1.5')).toBe(1500);
    expect(thousandths('0.001')).toBe(1);
    expect(thousandths('100')).toBe(100_000);
    const w = areaWeights(event({ a: [1, 'A'], b: [1, 'B'] }, { A: '1.5', B: '0.25' }));
    expect(w.scale).toBe(4);
    expect([w.units('A'), w.units('B'), w.units(undefined), w.units('C')]).toEqual([6, 1, 4, 4]);
    expect(unitsAsDecimal(6 + 1 + 4, 4)).toBe('2.75');
    expect(unitsAsDecimal(8, 4)).toBe('2');
  });

  it('refuses a weight that is not a decimal of up to 3 places from 0.001 to 100', () => {
    for (const bad of ['0', '1.2345', '101', '-1', '1e2', '', '0.000', 'one']) {
      const parsed = eventSchema.safeParse({
        ...event({ a: [1, 'A'] }, undefined),
        checkIn: { questions: { area: { weights: { A: bad } } } },
      });
      expect(parsed.success, bad).toBe(false);
    }
  });

  it('refuses a weight for a ward no bid serves', () => {
    const parsed = eventSchema.safeParse({
      ...event({ a: [1, 'A'] }, undefined),
      checkIn: { questions: { area: { weights: { Elsewhere: '2' } } } },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      message: 'weight-unknown-ward',
      path: ['checkIn', 'questions', 'area', 'weights', 'Elsewhere'],
    });
  });

  it('decides by the exact sum where floating point would flip the result', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in floating point, above 0.3: a float tally would fund x.
    // Exactly, x and y tie at 0.3 and the tie-break (cheaper first) funds y.
    expect(0.1 + 0.2 > 0.3).toBe(true);
    const e = event(
      { x: [60, 'A'], y: [50, 'C'], z: [500, 'B'] },
      { A: '0.1', B: '0.2', C: '0.3' },
    );
    const result = tally(
      e,
      ballots(e, [
        ['A', ['x']],
        ['B', ['x']],
        ['C', ['y']],
      ]),
      { seed },
    );
    expect(result.selected).toEqual(['y']);
    expect(result.ties).toEqual([
      { potId: 'main', bids: ['y', 'x'], decidedBy: 'cost', situation: 'equal-support' },
    ]);
    // The command line's table shows what decided: the weighted support.
    expect(resultTable(e, result)).toMatch(
      /Funded bid\s+Amount\s+Weighted support\n\s+y\s+£50\s+0\.3\n/,
    );
    expect(result.support.map((s) => [s.bidId, s.support, s.weightedSupport])).toEqual([
      ['x', 2, '0.3'],
      ['y', 1, '0.3'],
      ['z', 0, '0'],
    ]);
  });

  it('a weight of 2 counts as two identical ballots, under both rules', () => {
    const bids: Record<string, [number, string]> = {
      a: [60, 'A'],
      b: [45, 'B'],
      c: [40, 'B'],
      d: [30, 'A'],
    };
    const rows: [string, string[]][] = [
      ['A', ['a', 'd']],
      ['B', ['b', 'c']],
      ['B', ['b']],
      ['B', ['c', 'd']],
      ['A', ['a']],
    ];
    for (const rule of ['greedy', 'equal-shares'] as const) {
      const weighted = event(bids, { A: '2' }, rule);
      const plain = event(bids, undefined, rule);
      const doubled = rows.flatMap((row) => (row[0] === 'A' ? [row, row] : [row]));
      const w = tally(weighted, ballots(weighted, rows), { seed });
      const p = tally(plain, ballots(plain, doubled), { seed });
      expect(w.selected, rule).toEqual(p.selected);
      expect(
        w.support.map((s) => s.weightedSupport),
        rule,
      ).toEqual(p.support.map((s) => String(s.support)));
    }
  });

  it('equal shares gives each voter money in proportion to their weight (exact and fast)', () => {
    // A weighs 1.5, B 1: of £100, the A voter gets £60 and the B voter £40. Only A can pay
    // for a (£60) alone; b (£60) is out of B's reach, and after a only £40 is left for it.
    // Unweighted, each has £50: neither can pay alone, and a lot would decide.
    const e = event({ a: [60, 'A'], b: [60, 'B'] }, { A: '1.5' }, 'equal-shares');
    const cast = ballots(e, [
      ['A', ['a']],
      ['B', ['b']],
    ]);
    const builder = createProfile(e);
    for (const b of cast) builder.add(b.choice, b.area);
    const profile = builder.build();
    expect(profile.weighted).toEqual({ scale: 2, support: [3, 2], total: 5 });
    const rank = createTieBreak(
      profile.bidIds,
      profile.costs,
      profile.voters,
      seed,
      'cheaper-first',
    ).rank;
    for (const exact of [true, false]) {
      expect(equalShares(profile, [0, 1], 100_00, rank, { exact }).selected).toEqual([0]);
    }
    expect(tally(e, cast, { seed }).selected).toEqual(['a']);
  });

  it('equal shares: supporters of one bid pay in proportion to weight', () => {
    // A (weight 3) and B (weight 1) both approve a (£80) and B also c (£20). Per unit £25: A
    // has £75, B £25. a: A pays 3/4 of £80 = £60, B £20. B has £5 left: c (£20) is out of reach
    // until "add one unit" has raised every unit by £15 (A by £45, B by £15, in proportion to
    // weight): then B has £40, pays £20 for a and £20 for c, and the £100 is spent exactly.
    // Unweighted (£50 each) A and B pay £40 each for a and B's £10 left buys c from step 10.
    const e = event({ a: [80, 'A'], c: [20, 'B'] }, { A: '3' }, 'equal-shares');
    const cast = ballots(e, [
      ['A', ['a']],
      ['B', ['a', 'c']],
    ]);
    const builder = createProfile(e);
    for (const b of cast) builder.add(b.choice, b.area);
    const profile = builder.build();
    const rank = createTieBreak(
      profile.bidIds,
      profile.costs,
      profile.voters,
      seed,
      'cheaper-first',
    ).rank;
    for (const exact of [true, false]) {
      expect(equalShares(profile, [0, 1], 100_00, rank, { exact }).selected).toEqual([0, 1]);
    }
    expect(tally(e, cast, { seed }).selected).toEqual(['a', 'c']);
  });

  it('an event without weights tallies exactly as before, area or not', () => {
    const plain = event({ a: [60, 'A'], b: [45, 'B'] }, undefined, 'equal-shares');
    const profile = createProfile(plain);
    profile.add({ kind: 'approval', bids: ['a'] }, 'A');
    expect(profile.build().weighted).toBeUndefined();
    const withArea = ballots(plain, [
      ['A', ['a']],
      ['B', ['b']],
    ]);
    const without = withArea.map(({ area: _, ...b }) => b);
    expect(tally(plain, withArea, { seed })).toEqual(tally(plain, without, { seed }));
  });

  it('refuses a ballot whose area is not one of the event wards', () => {
    const e = event({ a: [60, 'A'] }, { A: '2' });
    const checked = validateBallot(e, {
      id: 'x',
      eventId: e.id,
      stationId: 's1',
      castHour: '2026-06-13T10:00Z',
      choice: { kind: 'approval', bids: [] },
      area: 'Elsewhere',
    });
    expect(checked).toMatchObject({ ok: false, error: { code: 'unknown-ward' } });
  });

  it('a Pabulib export says the weights it cannot carry, and reads back', () => {
    const e = event({ a: [60, 'A'], b: [45, 'B'] }, { A: '1.5' });
    const text = writePabulib(
      e,
      ballots(e, [
        ['A', ['a']],
        [undefined, ['b']],
      ]),
    );
    expect(text).toContain(
      'comment;"Votes are weighted by the voter\'s neighborhood (A=1.5; others 1)',
    );
    expect(text).toMatch(/voter_id;vote;neighborhood\n[^;]+;a;A\n[^;]+;b;\n/);
    expect(parsePabulib(text).ok).toBe(true);
  });
});

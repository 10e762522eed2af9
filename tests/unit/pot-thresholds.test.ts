/**
 * A pot's own thresholds (`pot.thresholds`) replace the event's for that pot only. Worked by hand:
 * who each pot may fund, and the facts the result gives for every bid a pot's threshold left out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { englishExclusion } from '../../src/cli/english.ts';
import { resultJson, resultTable } from '../../src/cli/result-report.ts';
import { validateBallot } from '../../src/core/ballot.ts';
import type { Ballot, EventDefinition, Pot, Rule, Thresholds } from '../../src/core/schema.ts';
import { eventSchema } from '../../src/core/schema.ts';
import { resultsCsv } from '../../src/core/export/results-csv.ts';
import { tally } from '../../src/core/tally/index.ts';

const seed = 'c0ffee';

/** Bids given as id → cost in pounds; the pots as given. */
function event(
  costs: Record<string, number>,
  pots: Pot[],
  thresholds?: Thresholds,
): EventDefinition {
  return {
    id: 'pot-thresholds',
    name: 'Pot thresholds',
    currency: 'GBP',
    locale: 'en-GB',
    method: { kind: 'approval', min: 0, max: null },
    rule: 'greedy',
    categories: [],
    pots,
    bids: Object.entries(costs).map(([id, pounds]) => ({
      id,
      title: id.toUpperCase(),
      group: '',
      amount: pounds * 100,
      summary: '',
    })),
    ...(thresholds === undefined ? {} : { thresholds }),
  };
}

function pot(id: string, pounds: number, extra: Partial<Pot> = {}): Pot {
  return { id, name: id, budget: pounds * 100, eligible: { kind: 'all' }, ...extra };
}

/** Ballots approving the bids in each string ("a,b"), repeated `times`. */
function approvals(e: EventDefinition, ...groups: [times: number, bids: string][]): Ballot[] {
  let n = 0;
  return groups.flatMap(([times, bids]) =>
    Array.from({ length: times }, () => {
      const b: Ballot = {
        id: `b${++n}`,
        eventId: e.id,
        stationId: 's1',
        castHour: '2026-06-13T10:00Z',
        choice: { kind: 'approval', bids: bids === '' ? [] : bids.split(',') },
      };
      const v = validateBallot(e, b);
      if (!v.ok) throw new Error(v.error.code);
      return v.value;
    }),
  );
}

/**
 * 20 ballots: 19 approve a (£80), 1 approves b (£50). The youth pot (£60, first) may fund both;
 * a does not fit it, and b fits but is on 1 of 20 ballots.
 */
const youthFirst = (youth: Partial<Pot>) =>
  event({ a: 80, b: 50 }, [pot('youth', 60, youth), pot('main', 130)]);

describe('a pot with its own threshold', () => {
  it('without a threshold, the youth pot funds b (the control)', () => {
    const e = youthFirst({});
    const r = tally(e, approvals(e, [19, 'a'], [1, 'b']), { seed });
    expect(r.pots.map((p) => p.selected)).toEqual([['b'], ['a']]);
    expect(r.pots[0]).not.toHaveProperty('excluded');
  });

  for (const rule of ['greedy', 'equal-shares'] satisfies Rule[]) {
    it(`at 10% leaves b (1 of 20 voters) to the next pot, which funds it (${rule})`, () => {
      const e = youthFirst({ thresholds: { minSupportShare: 0.1 } });
      expect(eventSchema.safeParse(e).success).toBe(true);
      const r = tally(e, approvals(e, [19, 'a'], [1, 'b']), { seed, rule });
      // Youth: a (£80) does not fit £60; b is ruled out, 1 < 10% × 20 = 2. Nothing funded.
      expect(r.pots[0]).toMatchObject({ selected: [], spent: 0, left: 60_00 });
      expect(r.pots[0]?.excluded).toEqual([
        {
          bidId: 'b',
          problem: { code: 'below-min-support', params: { voters: 1, ballots: 20, share: 0.1 } },
        },
      ]);
      // Main (£130, no threshold of its own, none on the event): a £80 + b £50 = £130.
      expect(r.pots[1]).toMatchObject({ selected: ['a', 'b'], spent: 130_00, left: 0 });
      expect(r.pots[1]).not.toHaveProperty('excluded');
      // The event has no thresholds: no bid is ruled out event-wide.
      expect(r.support.every((s) => s.excludedBy === undefined)).toBe(true);
    });
  }

  it('puts a pot’s exclusion in the results spreadsheet’s note, and none on a funded bid', () => {
    const e = youthFirst({ thresholds: { minSupportShare: 0.1 } });
    const main = tally(e, approvals(e, [19, 'a'], [1, 'b']), { seed });
    // b is funded by main after youth left it out: funded, so no note.
    expect(
      resultsCsv(e, main)
        .split('\r\n')
        .find((line) => line.includes(',b,')),
    ).toMatch(/,Yes,$/);
    // With the main pot too small for b as well, b is unfunded and the note says which pot why.
    const small = {
      ...e,
      pots: [pot('youth', 60, { thresholds: { minSupportShare: 0.1 } }), pot('main', 90)],
    };
    const r = tally(small, approvals(small, [19, 'a'], [1, 'b']), { seed });
    const line =
      resultsCsv(small, r)
        .split('\r\n')
        .find((l) => l.includes(',b,')) ?? '';
    expect(line).toMatch(/,No,youth: below-min-support/);
  });

  it('lets through a bid exactly at the threshold: 2 of 20 at 10%', () => {
    const e = youthFirst({ thresholds: { minSupportShare: 0.1 } });
    const r = tally(e, approvals(e, [18, 'a'], [2, 'b']), { seed });
    expect(r.pots[0]).toMatchObject({ selected: ['b'], excluded: [] });
    expect(r.pots[1]?.selected).toEqual(['a']);
  });

  it('replaces the event’s thresholds for that pot only', () => {
    // The event needs 10%; the main pot says 0 (no threshold for it). b, on 1 of 20, is ruled out
    // event-wide and by the youth pot (which counts with the event's), but main funds it.
    const e = event(
      { a: 80, b: 50 },
      [pot('youth', 60), pot('main', 130, { thresholds: { minSupportShare: 0 } })],
      {
        minSupportShare: 0.1,
      },
    );
    const r = tally(e, approvals(e, [19, 'a'], [1, 'b']), { seed });
    expect(r.support.find((s) => s.bidId === 'b')?.excludedBy).toEqual({
      code: 'below-min-support',
      params: { voters: 1, ballots: 20, share: 0.1 },
    });
    expect(r.pots[0]).toMatchObject({ selected: [] });
    expect(r.pots[0]).not.toHaveProperty('excluded');
    expect(r.pots[1]).toMatchObject({ selected: ['a', 'b'], excluded: [] });
  });

  it('a stricter pot threshold rules out a bid the event’s would let through', () => {
    // Event 10%, youth 30%. c (£40) on 5 of 20 = 25%: through the event's, not youth's.
    const e = event(
      { a: 80, c: 40 },
      [pot('youth', 60, { thresholds: { minSupportShare: 0.3 } }), pot('main', 130)],
      {
        minSupportShare: 0.1,
      },
    );
    const r = tally(e, approvals(e, [15, 'a'], [5, 'a,c']), { seed });
    expect(r.pots[0]?.selected).toEqual([]);
    expect(r.pots[0]?.excluded?.map((x) => [x.bidId, x.problem.params])).toEqual([
      ['c', { voters: 5, ballots: 20, share: 0.3 }],
    ]);
    expect(r.pots[1]?.selected).toEqual(['a', 'c']);
  });

  it('lists only bids the pot could fund: eligible, supported, not funded by an earlier pot', () => {
    // First pot funds b (no threshold). Second (50%) may fund a, b, c: b is already funded, c is
    // on 1 of 4 (ruled out), a on 3 of 4 is funded. Third (50%) may fund d and e: d is ruled out;
    // e, on no ballot, could never be funded, so no threshold left it out.
    const e = event({ a: 10, b: 10, c: 10, d: 10, e: 10 }, [
      pot('first', 10, { eligible: { kind: 'bids', bids: ['b'] } }),
      pot('second', 100, {
        eligible: { kind: 'bids', bids: ['a', 'b', 'c'] },
        thresholds: { minSupportShare: 0.5 },
      }),
      pot('third', 100, {
        eligible: { kind: 'bids', bids: ['d', 'e'] },
        thresholds: { minSupportShare: 0.5 },
      }),
    ]);
    const r = tally(e, approvals(e, [1, 'a,b,c,d'], [2, 'a'], [1, 'b']), { seed });
    expect(r.pots.map((p) => p.selected)).toEqual([['b'], ['a'], []]);
    expect(r.pots[1]?.excluded?.map((x) => x.bidId)).toEqual(['c']);
    expect(r.pots[2]?.excluded?.map((x) => x.bidId)).toEqual(['d']);
  });

  it('a pot’s average-score threshold counts that pot’s bids only', () => {
    // Scores 0–4. a averages 3 (75%), b averages 1 (25%). The pot needs half the maximum.
    const e: EventDefinition = {
      ...event({ a: 10, b: 10 }, [
        pot('scored', 100, { thresholds: { minAverageScoreShare: 0.5 } }),
      ]),
      method: { kind: 'score', min: 0, max: 4, allowNoOpinion: true },
    };
    const ballots = [
      [4, 1],
      [2, 1],
    ].map(([a, b], n) => {
      const v = validateBallot(e, {
        id: `s${n}`,
        eventId: e.id,
        stationId: 's1',
        castHour: '2026-06-13T10:00Z',
        choice: {
          kind: 'score',
          scores: [
            { bid: 'a', score: a ?? null },
            { bid: 'b', score: b ?? null },
          ],
        },
      });
      if (!v.ok) throw new Error(v.error.code);
      return v.value;
    });
    const r = tally(e, ballots, { seed });
    expect(r.pots[0]?.selected).toEqual(['a']);
    expect(r.pots[0]?.excluded).toEqual([
      {
        bidId: 'b',
        problem: { code: 'below-min-average-score', params: { average: 1, max: 4, share: 0.5 } },
      },
    ]);
  });
});

describe('the explanation of a pot’s exclusion', () => {
  const e = youthFirst({ thresholds: { minSupportShare: 0.1 } });
  const r = tally(e, approvals(e, [19, 'a'], [1, 'b']), { seed });

  it('is worded with the same code as the event’s thresholds', () => {
    const x = r.pots[0]?.excluded?.[0];
    expect(x && englishExclusion(x.problem)).toBe(
      'Supported on 1 of 20 ballots, below the 10% threshold.',
    );
  });

  it('is in the command line’s JSON (code, facts and English) and table', () => {
    expect(resultJson(e, r).pots[0]).toMatchObject({
      id: 'youth',
      excluded: [
        {
          bidId: 'b',
          problem: { code: 'below-min-support', params: { voters: 1, ballots: 20, share: 0.1 } },
          reason: 'Supported on 1 of 20 ballots, below the 10% threshold.',
        },
      ],
    });
    expect(resultJson(e, r).pots[1]).not.toHaveProperty('excluded');
    expect(resultTable(e, r)).toContain(
      "  Left out by this pot's threshold:\n    B: Supported on 1 of 20 ballots, below the 10% threshold.",
    );
  });
});

describe('pot thresholds (property)', () => {
  const scenario = fc.record({
    costs: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 }),
    budgets: fc.array(fc.integer({ min: 0, max: 80 }), { minLength: 1, maxLength: 3 }),
    draws: fc.array(fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), { maxLength: 20 }),
    share: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    rule: fc.constantFrom<Rule>('greedy', 'equal-shares'),
  });
  type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;
  const build = (s: Scenario, potThresholds?: Thresholds) => {
    const costs = Object.fromEntries(s.costs.map((c, i) => [`x${i}`, c]));
    const pots = s.budgets.map((b, i) =>
      pot(`p${i}`, b, potThresholds === undefined ? {} : { thresholds: potThresholds }),
    );
    const e = event(costs, pots, s.share === undefined ? undefined : { minSupportShare: s.share });
    const ids = Object.keys(costs);
    const ballots = s.draws.map((d) => ids.filter((_, i) => d[i]).join(','));
    return { e, ballots: approvals(e, ...ballots.map((b): [number, string] => [1, b])) };
  };
  const selection = (e: EventDefinition, ballots: Ballot[], rule: Rule) =>
    tally(e, ballots, { seed, rule }).pots.map((p) => p.selected);

  it('every pot with the event’s thresholds as its own funds exactly what the event’s did', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const plain = build(s);
        const own = build(s, plain.e.thresholds ?? {});
        expect(selection(own.e, own.ballots, s.rule)).toEqual(
          selection(plain.e, plain.ballots, s.rule),
        );
      }),
      { numRuns: 120 },
    );
  });

  it('a funded bid passes its pot’s thresholds; a listed bid was never funded by that pot', () => {
    fc.assert(
      fc.property(scenario, fc.double({ min: 0, max: 1, noNaN: true }), (s, potShare) => {
        const { e, ballots } = build(s, { minSupportShare: potShare });
        const r = tally(e, ballots, { seed, rule: s.rule });
        const voters = new Map(r.support.map((x) => [x.bidId, x.voters]));
        for (const p of r.pots) {
          for (const id of p.selected) {
            expect(voters.get(id) ?? 0).toBeGreaterThanOrEqual(potShare * r.ballotsCounted);
          }
          for (const x of p.excluded ?? []) expect(p.selected).not.toContain(x.bidId);
        }
      }),
      { numRuns: 120 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { englishExclusion, englishTie } from '../../src/cli/english.ts';
import { validateBallot } from '../../src/core/ballot.ts';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { Ballot, BallotMethod, Choice, EventDefinition, Pot } from '../../src/core/schema.ts';
import { lazySeed, tally } from '../../src/core/tally/index.ts';

/** Bids given as id → cost in pounds; one pot for everything unless pots are given. */
function event(
  costs: Record<string, number>,
  method: BallotMethod = { kind: 'approval', min: 0, max: null },
  extra: Partial<EventDefinition> = {},
): EventDefinition {
  return {
    id: 'test-event',
    name: 'Test',
    currency: 'GBP',
    locale: 'en-GB',
    method,
    rule: 'greedy',
    categories: [],
    pots: [{ id: 'main', name: 'Main', budget: 100_00, eligible: { kind: 'all' } }],
    bids: Object.entries(costs).map(([id, pounds]) => ({
      id,
      title: id,
      group: '',
      amount: pounds * 100,
      summary: '',
    })),
    ...extra,
  };
}

let counter = 0;
function ballotsOf(e: EventDefinition, choices: Choice[]): Ballot[] {
  return choices.map((choice) => {
    const b: Ballot = {
      id: `b${++counter}`,
      eventId: e.id,
      stationId: 's1',
      castHour: '2026-06-13T10:00Z',
      choice,
    };
    const v = validateBallot(e, b);
    if (!v.ok) throw new Error(v.error.code);
    return v.value;
  });
}
const approvals = (e: EventDefinition, ...sets: string[]) =>
  ballotsOf(
    e,
    sets.map((s) => ({ kind: 'approval', bids: s === '' ? [] : s.split(',') })),
  );
const seed = 'feedface';
/** A score ballot over bids a and b. */
const scoresAB = (a: number | null, b: number | null): Choice => ({
  kind: 'score',
  scores: [
    { bid: 'a', score: a },
    { bid: 'b', score: b },
  ],
});

describe('greedy, approval ballots', () => {
  it('funds in order of approvals and skips a bid that no longer fits', () => {
    // Budget £100. a (£60, 3 votes) first; b (£50, 2 votes) no longer fits; c (£30, 1) does.
    const e = event({ a: 60, b: 50, c: 30 });
    const r = tally(e, approvals(e, 'a,b', 'a,b', 'a,c'), { seed });
    expect(r.selected).toEqual(['a', 'c']);
    expect(r.pots[0]).toMatchObject({ spent: 90_00, left: 10_00, budget: 100_00 });
    expect(r.support.map((s) => [s.bidId, s.support, s.voters])).toEqual([
      ['a', 3, 3],
      ['b', 2, 2],
      ['c', 1, 1],
    ]);
    expect(r.ballotsCounted).toBe(3);
    expect(r.ties).toEqual([]);
  });

  it('never funds a bid nobody supported, even with money left', () => {
    const e = event({ a: 10, b: 10 });
    expect(tally(e, approvals(e, 'a', ''), { seed }).selected).toEqual(['a']);
  });

  it('counts empty ballots and an event with no ballots funds nothing', () => {
    const e = event({ a: 10 });
    expect(tally(e, [], { seed })).toMatchObject({ ballotsCounted: 0, selected: [] });
    expect(tally(e, approvals(e, '', ''), { seed }).ballotsCounted).toBe(2);
  });
});

describe('support by ballot method', () => {
  it('sums scores for score ballots; "no opinion" gives nothing', () => {
    const e = event({ a: 60, b: 60 }, { kind: 'score', min: 0, max: 5, allowNoOpinion: true });
    const ballots = ballotsOf(e, [scoresAB(5, 1), scoresAB(0, 3), scoresAB(null, 2)]);
    const r = tally(e, ballots, { seed });
    expect(r.support.map((s) => [s.support, s.voters])).toEqual([
      [5, 1],
      [6, 3],
    ]);
    expect(r.selected).toEqual(['b']);
  });

  it('counts rankings as Borda points: first of K ranks gets K', () => {
    const e = event({ a: 40, b: 40, c: 40 }, { kind: 'ranking', maxRanks: 3 });
    const ballots = ballotsOf(e, [
      { kind: 'ranking', ranking: ['a', 'b', 'c'] }, // a 3, b 2, c 1
      { kind: 'ranking', ranking: ['c'] }, // c 3
      { kind: 'ranking', ranking: ['b', 'c'] }, // b 3, c 2
    ]);
    const r = tally(e, ballots, { seed });
    expect(r.support.map((s) => s.support)).toEqual([3, 5, 6]);
    expect(r.selected).toEqual(['c', 'b']);
  });

  it('sums cumulative points and knapsack choices count like approvals', () => {
    const cumulative = event(
      { a: 50, b: 50, c: 50 },
      { kind: 'cumulative', points: 5, maxPerBid: 5 },
    );
    const r1 = tally(
      cumulative,
      ballotsOf(cumulative, [
        {
          kind: 'cumulative',
          points: [
            { bid: 'a', points: 1 },
            { bid: 'c', points: 4 },
          ],
        },
        { kind: 'cumulative', points: [{ bid: 'b', points: 5 }] },
      ]),
      { seed },
    );
    expect(r1.support.map((s) => s.support)).toEqual([1, 5, 4]);
    expect(r1.selected).toEqual(['b', 'c']);

    const knapsack = event({ a: 50, b: 50 }, { kind: 'knapsack', limit: null });
    const r2 = tally(
      knapsack,
      ballotsOf(knapsack, [
        { kind: 'knapsack', bids: ['b'] },
        { kind: 'knapsack', bids: ['a', 'b'] },
      ]),
      { seed },
    );
    expect(r2.support.map((s) => s.support)).toEqual([1, 2]);
  });

  it('throws on a ballot that was never validated (a bug, not input)', () => {
    const e = event({ a: 10 });
    const bad = { ...approvals(e, 'a')[0]!, choice: { kind: 'approval' as const, bids: ['zz'] } };
    expect(() => tally(e, [bad], { seed })).toThrow(/unknown bid "zz"/);
  });
});

describe('thresholds', () => {
  it('rule a bid out below the minimum share of ballots, with the reason', () => {
    const e = event({ a: 10, b: 10 }, undefined, { thresholds: { minSupportShare: 0.5 } });
    const r = tally(e, approvals(e, 'a,b', 'a', 'a', ''), { seed });
    expect(r.selected).toEqual(['a']);
    expect(r.support[1]?.excludedBy).toEqual({
      code: 'below-min-support',
      params: { voters: 1, ballots: 4, share: 0.5 },
    });
    expect(englishExclusion(r.support[1]!.excludedBy!)).toBe(
      'Supported on 1 of 4 ballots, below the 50% threshold.',
    );
    expect(r.support[0]?.excludedBy).toBeUndefined();
  });

  it('rule a score bid out when its average score is below the share of the top score', () => {
    const method: BallotMethod = { kind: 'score', min: 0, max: 4, allowNoOpinion: true };
    const e = event({ a: 10, b: 10 }, method, { thresholds: { minAverageScoreShare: 0.5 } });
    const r = tally(
      e,
      ballotsOf(e, [
        // a averages exactly 2 of 4 (kept: not below 50%); b averages 1.5 (ruled out).
        scoresAB(4, 3),
        scoresAB(0, 0),
      ]),
      { seed },
    );
    expect(r.selected).toEqual(['a']);
    expect(r.support[1]?.excludedBy).toEqual({
      code: 'below-min-average-score',
      params: { average: 1.5, max: 4, share: 0.5 },
    });
    expect(englishExclusion(r.support[1]!.excludedBy!)).toBe(
      'Average score 1.5 out of 4, below the 50% threshold.',
    );
  });
});

describe('ties', () => {
  it('go to the cheaper bid first and are recorded when they decided something', () => {
    // £100: x (£70) and y (£60) both have 2 votes; only one fits. y is cheaper.
    const e = event({ x: 70, y: 60 });
    const r = tally(e, approvals(e, 'x,y', 'x,y'), { seed });
    expect(r.selected).toEqual(['y']);
    expect(r.ties).toEqual([
      {
        potId: 'main',
        bids: ['y', 'x'],
        decidedBy: 'cost',
        situation: 'equal-support',
      },
    ]);
    expect(englishTie(r.ties[0]!)).toBe('Bids y and x had equal support; y is cheaper.');
  });

  it('then to the bid with more voters (equal Borda points from different crowds)', () => {
    // w (£150) never fits £100. x: first twice = 4 points, 2 voters; y: second four times =
    // 4 points, 4 voters. Same cost, so y wins on voters.
    const e = event({ w: 150, x: 60, y: 60 }, { kind: 'ranking', maxRanks: 2 });
    const ranked = (...ranking: string[]): Choice => ({ kind: 'ranking', ranking });
    const ballots = ballotsOf(e, [
      ranked('x'),
      ranked('x'),
      ...Array.from({ length: 4 }, () => ranked('w', 'y')),
    ]);
    const r = tally(e, ballots, { seed });
    expect(r.support.map((s) => [s.support, s.voters])).toEqual([
      [8, 4],
      [4, 2],
      [4, 4],
    ]);
    expect(r.selected).toEqual(['y']);
    expect(r.ties).toEqual([
      expect.objectContaining({
        bids: ['y', 'x'],
        decidedBy: 'votes',
        situation: 'equal-support',
      }),
    ]);
    expect(englishTie(r.ties[0]!)).toBe('Bids y and x had equal support; y had more voters.');
  });

  it('are not recorded when every tied bid met the same fate', () => {
    const e = event({ x: 30, y: 30 });
    expect(tally(e, approvals(e, 'x,y'), { seed }).ties).toEqual([]);
  });

  it('drawn by lot give the same result for the same seed and can differ for another', () => {
    const e = event({ x: 60, y: 60 });
    const ballots = approvals(e, 'x,y');
    const winners = new Set<string>();
    for (const s of ['1', '2', '3', '4', '5', '6', '7', '8']) {
      const first = tally(e, ballots, { seed: s });
      expect(tally(e, [...ballots].reverse(), { seed: s })).toEqual(first);
      expect(first.ties[0]?.decidedBy).toBe('lot');
      winners.add(first.selected[0] ?? '');
    }
    expect(winners).toEqual(new Set(['x', 'y']));
  });

  it('work out a seed given as a function only when a lot is drawn, once, to the same result', () => {
    const calls: string[] = [];
    const lazily = (value: string) =>
      lazySeed(() => {
        calls.push(value);
        return value;
      });
    // Different costs: no lot can be needed, so the seed is never worked out.
    const plain = event({ x: 60, y: 50 });
    tally(plain, approvals(plain, 'x,y'), { seed: lazily('never') });
    expect(calls).toEqual([]);
    // A lot decides: the seed is worked out once for both counts, and the result is the same as
    // with the seed given up front (the tie record names it).
    const e = event({ x: 60, y: 60 });
    const ballots = approvals(e, 'x,y');
    const shared = lazily('5');
    const greedy = tally(e, ballots, { seed: shared, rule: 'greedy' });
    const shares = tally(e, ballots, { seed: shared, rule: 'equal-shares' });
    expect(calls).toEqual(['5']);
    expect(greedy).toEqual(tally(e, ballots, { seed: '5', rule: 'greedy' }));
    expect(shares).toEqual(tally(e, ballots, { seed: '5', rule: 'equal-shares' }));
    expect(greedy.ties[0]).toMatchObject({ decidedBy: 'lot', seed: '5' });
  });
});

describe('pots', () => {
  const pots: Pot[] = [
    {
      id: 'health',
      name: 'Health',
      budget: 50_00,
      eligible: { kind: 'categories', categories: ['h'] },
      rollOverTo: 'main',
    },
    { id: 'main', name: 'Main', budget: 60_00, eligible: { kind: 'all' } },
  ];
  const e: EventDefinition = {
    ...event({ gym: 40, clinic: 30, park: 70 }, undefined, { pots }),
    categories: [{ id: 'h', name: 'Health' }],
  };
  e.bids[0]!.category = 'h';
  e.bids[1]!.category = 'h';

  it('fill in order, fund a bid once, and roll unspent money into the named pot', () => {
    const r = tally(e, approvals(e, 'gym,clinic,park', 'gym,park', 'clinic,park'), { seed });
    // Health (£50): gym and clinic tie on 2 votes; clinic (£30) is cheaper, then gym (£40) no
    // longer fits. £20 rolls into main (£80): park (£70, 3 votes) first, then gym does not fit.
    expect(r.pots).toEqual([
      {
        potId: 'health',
        name: 'Health',
        budget: 50_00,
        rolledIn: 0,
        selected: ['clinic'],
        spent: 30_00,
        left: 20_00,
        rolledOverTo: 'main',
      },
      {
        potId: 'main',
        name: 'Main',
        budget: 80_00,
        rolledIn: 20_00,
        selected: ['park'],
        spent: 70_00,
        left: 10_00,
      },
    ]);
    expect(r.selected).toEqual(['clinic', 'park']);
  });

  it('the demo event tallies without going over any pot', () => {
    const ballots = ballotsOf(DEMO_EVENT, [
      { kind: 'approval', bids: DEMO_EVENT.bids.slice(0, 3).map((b) => b.id) },
      { kind: 'approval', bids: DEMO_EVENT.bids.slice(2, 5).map((b) => b.id) },
    ]);
    const r = tally(DEMO_EVENT, ballots, { seed });
    for (const pot of r.pots) expect(pot.spent).toBeLessThanOrEqual(pot.budget);
    expect(new Set(r.selected).size).toBe(r.selected.length);
  });
});

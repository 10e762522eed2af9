/**
 * Explanations of a count on hand-made cases where the reason is known: each test's comment says
 * why, in numbers, and the explanation must say the same.
 */
import { describe, expect, it } from 'vitest';
import { validateBallot } from '../../src/core/ballot.ts';
import type { Ballot, EventDefinition, Pot } from '../../src/core/schema.ts';
import { tally } from '../../src/core/tally/index.ts';
import type { BidExplanation, PotExplanation, TallyResult } from '../../src/core/tally/types.ts';

/** Bids given as id → cost in pounds; one pot of `budget` pounds unless pots are given. */
function event(
  costs: Record<string, number>,
  budget: number,
  extra: Partial<EventDefinition> = {},
): EventDefinition {
  return {
    id: 'explain-event',
    name: 'Explain',
    currency: 'GBP',
    locale: 'en-GB',
    method: { kind: 'approval', min: 0, max: null },
    rule: 'greedy',
    categories: [],
    pots: [{ id: 'main', name: 'Main', budget: budget * 100, eligible: { kind: 'all' } }],
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
/** One approval ballot per string: "a,b" approves a and b. */
function approvals(e: EventDefinition, ...sets: string[]): Ballot[] {
  return sets.map((s) => {
    const b: Ballot = {
      id: `b${++counter}`,
      eventId: e.id,
      stationId: 's1',
      castHour: '2026-06-13T10:00Z',
      choice: { kind: 'approval', bids: s === '' ? [] : s.split(',') },
    };
    const v = validateBallot(e, b);
    if (!v.ok) throw new Error(v.error.code);
    return v.value;
  });
}

const seed = 'c0ffee';

function pot(r: TallyResult, potId = 'main'): PotExplanation {
  const p = r.explanations?.find((x) => x.potId === potId);
  if (p === undefined) throw new Error(`no explanation for ${potId}`);
  return p;
}
function bid(p: PotExplanation, bidId: string): BidExplanation {
  const b = p.bids.find((x) => x.bidId === bidId);
  if (b === undefined) throw new Error(`no explanation for ${bidId}`);
  return b;
}

describe('explanations: greedy', () => {
  it('gives each bid its place and the money left when it was reached', () => {
    // £100. a (£60, 3 votes) first: £100 left, funded. b (£50, 2) reached with £40: too dear.
    // c (£30, 1) reached with £40: funded, £10 left.
    const e = event({ a: 60, b: 50, c: 30 }, 100);
    const r = tally(e, approvals(e, 'a,b', 'a,b', 'a,c'), { seed, explain: true });
    const p = pot(r);
    expect(p).toMatchObject({ rule: 'greedy', ballots: 3, votersWithFundedBid: 3, left: 10_00 });
    expect(p.shares).toBeUndefined();
    expect(bid(p, 'a')).toEqual({
      bidId: 'a',
      funded: true,
      reasons: [{ code: 'greedy-funded', place: 1, support: 3, moneyBefore: 100_00, cost: 60_00 }],
    });
    expect(bid(p, 'b')).toEqual({
      bidId: 'b',
      funded: false,
      reasons: [{ code: 'greedy-too-dear', place: 2, support: 2, moneyLeft: 40_00, cost: 50_00 }],
    });
    expect(bid(p, 'c').reasons).toEqual([
      { code: 'greedy-funded', place: 3, support: 1, moneyBefore: 40_00, cost: 30_00 },
    ]);
  });

  it('counts only the voters who supported a funded bid', () => {
    // b (£80, 2 votes) funded; a (£50, 1 vote) no longer fits; the third voter chose only a.
    const e = event({ a: 50, b: 80 }, 100);
    const r = tally(e, approvals(e, 'b', 'b', 'a', ''), { seed, explain: true });
    expect(pot(r)).toMatchObject({ ballots: 4, votersWithFundedBid: 2, left: 20_00 });
  });

  it('is not computed unless asked for', () => {
    const e = event({ a: 50 }, 100);
    expect(tally(e, approvals(e, 'a'), { seed }).explanations).toBeUndefined();
  });

  it('says which bids were withdrawn, excluded, funded by an earlier pot or unsupported', () => {
    // Pot "first" may fund only a; "second" anything. w is withdrawn, x is supported on 1 of 3
    // ballots (below the 50% threshold), n has no support, a is funded by "first".
    const pots: Pot[] = [
      { id: 'first', name: 'First', budget: 100_00, eligible: { kind: 'bids', bids: ['a'] } },
      { id: 'second', name: 'Second', budget: 100_00, eligible: { kind: 'all' } },
    ];
    const e = event({ a: 50, w: 10, x: 10, n: 10, y: 20 }, 0, {
      pots,
      thresholds: { minSupportShare: 0.5 },
    });
    const r = tally(e, approvals(e, 'a,w,y', 'a,w,y', 'a,x'), {
      seed,
      withdrawn: ['w'],
      explain: true,
    });
    expect(r.explanations?.map((p) => p.potId)).toEqual(['first', 'second']);
    expect(pot(r, 'first').bids.map((b) => b.bidId)).toEqual(['a']);
    const second = pot(r, 'second');
    // Every bid, in the event's order.
    expect(second.bids.map((b) => b.bidId)).toEqual(['a', 'w', 'x', 'n', 'y']);
    expect(bid(second, 'a')).toEqual({
      bidId: 'a',
      funded: false,
      reasons: [{ code: 'funded-elsewhere', potId: 'first' }],
    });
    expect(bid(second, 'w').reasons).toEqual([{ code: 'withdrawn' }]);
    expect(bid(second, 'x').reasons).toEqual([
      {
        code: 'excluded',
        problem: {
          code: 'below-min-support',
          params: expect.objectContaining({ voters: 1, ballots: 3, share: 0.5 }) as unknown,
        },
      },
    ]);
    expect(bid(second, 'n').reasons).toEqual([{ code: 'no-support' }]);
    expect(bid(second, 'y')).toMatchObject({ funded: true });
    // Only y is funded in "second": the two ballots that chose it.
    expect(second.votersWithFundedBid).toBe(2);
  });

  it('adds the tie that decided between equally supported bids', () => {
    // £50: a and b (£30 each, one vote each) tie; only one fits. The tie-break picks it.
    const e = event({ a: 30, b: 30 }, 50);
    const r = tally(e, approvals(e, 'a', 'b'), { seed, explain: true });
    expect(r.ties).toHaveLength(1);
    const [winner, loser] = r.ties[0]?.bids ?? [];
    const p = pot(r);
    expect(bid(p, winner ?? '').reasons).toEqual([
      { code: 'greedy-funded', place: 1, support: 1, moneyBefore: 50_00, cost: 30_00 },
      { code: 'tie', tie: 0 },
    ]);
    expect(bid(p, loser ?? '').reasons).toEqual([
      { code: 'greedy-too-dear', place: 2, support: 1, moneyLeft: 20_00, cost: 30_00 },
      { code: 'tie', tie: 0 },
    ]);
  });
});

describe('explanations: equal shares', () => {
  it('gives the round and the payments, and names where an unfunded bid’s money went', () => {
    // £120, 4 voters: £30 each. Round 1: b (£60; v1, v2, v3) at £20 each. Round 2: c (£20; v3,
    // v4) at £10 each (v3 had £10 left). d (£50; v1, v2) then has £10 + £10 = £20: short, its
    // supporters' money went to b (£40). Completion: £40 left, d costs £50.
    const e = event({ b: 60, c: 20, d: 50 }, 120, { rule: 'equal-shares' });
    const r = tally(e, approvals(e, 'b,d', 'b,d', 'b,c', 'c'), { seed, explain: true });
    expect(r.selected).toEqual(['b', 'c']);
    const p = pot(r);
    expect(p).toMatchObject({
      rule: 'equal-shares',
      ballots: 4,
      votersWithFundedBid: 4,
      left: 40_00,
      shares: { voterBudget: 30_00, unitsAdded: 0 },
    });
    const b = bid(p, 'b');
    expect(b.funded).toBe(true);
    expect(b.reasons).toHaveLength(1);
    expect(b.reasons[0]).toMatchObject({ code: 'shares-funded', round: 1, supporters: 3 });
    const bPaid = b.reasons[0]?.code === 'shares-funded' ? b.reasons[0].payments : [];
    expect(bPaid).toHaveLength(1);
    expect(bPaid[0]?.each).toBeCloseTo(20_00, 6);
    expect(bPaid[0]).toMatchObject({ voters: 3, allTheyHad: false });

    const c = bid(p, 'c').reasons[0];
    expect(c).toMatchObject({ code: 'shares-funded', round: 2, supporters: 2 });
    const cPaid = c?.code === 'shares-funded' ? c.payments : [];
    expect(cPaid).toHaveLength(1);
    expect(cPaid[0]?.each).toBeCloseTo(10_00, 6);
    expect(cPaid[0]).toMatchObject({ voters: 2, allTheyHad: false });

    const d = bid(p, 'd');
    expect(d.funded).toBe(false);
    const [short, completion] = d.reasons;
    expect(short?.code).toBe('shares-short');
    if (short?.code !== 'shares-short') return;
    expect(short.supporters).toBe(2);
    expect(short.supportersMoney).toBeCloseTo(20_00, 6);
    expect(short.cost).toBe(50_00);
    expect(short.usedBy.map((u) => u.bidId)).toEqual(['b']);
    expect(short.usedBy[0]?.amount).toBeCloseTo(40_00, 6);
    expect(completion).toEqual({
      code: 'completion-too-dear',
      place: 1,
      moneyLeft: 40_00,
      cost: 50_00,
    });
  });

  it('says who paid all they had', () => {
    // £120, 4 voters: £30 each. Round 1: a (£60; v1, v2, v3) at £20 each. Round 2: b (£40; v1,
    // v4): v1 has only £10 left and pays it all; v4 pays the full share, £30.
    const e = event({ a: 60, b: 40 }, 120, { rule: 'equal-shares' });
    const r = tally(e, approvals(e, 'a,b', 'a', 'a', 'b'), { seed, explain: true });
    const p = pot(r);
    // Everything equal shares could fund is funded: no unit added.
    expect(p.shares).toEqual({ voterBudget: 30_00, unitsAdded: 0 });
    const reason = bid(p, 'b').reasons[0];
    expect(reason).toMatchObject({ code: 'shares-funded', round: 2, supporters: 2 });
    if (reason?.code !== 'shares-funded') return;
    expect(reason.payments.map((x) => [x.voters, x.allTheyHad, Math.round(x.each)])).toEqual([
      [1, false, 30_00],
      [1, true, 10_00],
    ]);
  });

  it('reports the completion step and the units added when equal shares would overspend', () => {
    // £100, 2 voters. a (£60; both), b (£35; v1), c (£35; v2). With £50 + s each, after a each
    // has £20 + s: at s = 15 both b and c become affordable and all three cost £130, over the
    // pot, so the rule keeps s = 14 (each voter £64), funding only a. The completion step then
    // has £40: b and c tie (one vote, same cost); one is funded, the other finds £5 left.
    const e = event({ a: 60, b: 35, c: 35 }, 100, { rule: 'equal-shares' });
    const r = tally(e, approvals(e, 'a,b', 'a,c'), { seed, explain: true });
    const p = pot(r);
    expect(p.shares).toEqual({ voterBudget: 64_00, unitsAdded: 14 });
    const a = bid(p, 'a').reasons[0];
    expect(a).toMatchObject({ code: 'shares-funded', round: 1, supporters: 2 });
    expect(r.ties).toHaveLength(1);
    const [winner, loser] = r.ties[0]?.bids ?? [];
    expect(r.selected).toEqual(['a', winner]);
    const w = bid(p, winner ?? '');
    expect(w.funded).toBe(true);
    expect(w.reasons.map((x) => x.code)).toEqual(['shares-short', 'completion-funded', 'tie']);
    expect(w.reasons[1]).toEqual({
      code: 'completion-funded',
      place: 1,
      moneyBefore: 40_00,
      cost: 35_00,
    });
    const l = bid(p, loser ?? '');
    expect(l.reasons[1]).toEqual({
      code: 'completion-too-dear',
      place: 2,
      moneyLeft: 5_00,
      cost: 35_00,
    });
    // Each had £64 − £30 = £34 left when equal shares stopped, £1 short of £35.
    const short = l.reasons[0];
    if (short?.code !== 'shares-short') throw new Error('expected shares-short');
    expect(short.supportersMoney).toBeCloseTo(34_00, 6);
    expect(short.usedBy).toEqual([{ bidId: 'a', amount: expect.closeTo(30_00, 6) as unknown }]);
  });
});

describe('explanations: an event that weights areas', () => {
  it('counts voters as weights and payments per voter of weight 1', () => {
    // A weighs 1.5, B 1 (docs/check-in.md#weights): of £100, the A voter gets £60 and the B voter
    // £40 (£40 per voter of weight 1). a (£60; A) is funded: A pays all £60, which is £40 per
    // weight 1 for 1.5 of weight. b (£60; B) is short: B has £40. Completion: £40 left, too dear.
    const e = event({ a: 60, b: 60 }, 100, {
      rule: 'equal-shares',
      bids: [
        { id: 'a', title: 'a', group: '', amount: 60_00, summary: '', ward: 'A' },
        { id: 'b', title: 'b', group: '', amount: 60_00, summary: '', ward: 'B' },
      ],
      checkIn: { questions: { area: { weights: { A: '1.5' } } } },
    });
    const cast = approvals(e, 'a', 'b').map((b, i) => ({ ...b, area: i === 0 ? 'A' : 'B' }));
    const r = tally(e, cast, { seed, explain: true });
    expect(r.selected).toEqual(['a']);
    const p = pot(r);
    expect(p).toMatchObject({ ballots: 2.5, votersWithFundedBid: 1.5, left: 40_00 });
    expect(p.shares).toEqual({ voterBudget: 40_00, unitsAdded: 0 });
    const a = bid(p, 'a').reasons[0];
    if (a?.code !== 'shares-funded') throw new Error('expected shares-funded');
    expect(a.supporters).toBe(1);
    expect(a.payments).toHaveLength(1);
    expect(a.payments[0]?.voters).toBe(1.5);
    expect(a.payments[0]?.each).toBeCloseTo(40_00, 6);
    const [short, completion] = bid(p, 'b').reasons;
    if (short?.code !== 'shares-short') throw new Error('expected shares-short');
    expect(short.supportersMoney).toBeCloseTo(40_00, 6);
    expect(short.usedBy).toEqual([]);
    expect(completion).toEqual({
      code: 'completion-too-dear',
      place: 1,
      moneyLeft: 40_00,
      cost: 60_00,
    });
  });
});

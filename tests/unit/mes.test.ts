import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { englishTie } from '../../src/cli/english.ts';
import { parsePabulib } from '../../src/core/pabulib/index.ts';
import type { Ballot, BallotMethod, Choice, EventDefinition } from '../../src/core/schema.ts';
import { equalShares } from '../../src/core/tally/equal-shares.ts';
import { createProfile, tally, tallyProfile, type Profile } from '../../src/core/tally/index.ts';
import { runExact } from '../../src/core/tally/mes-exact.ts';
import { fastScratch, runFast } from '../../src/core/tally/mes-fast.ts';
import { buildMesInstance } from '../../src/core/tally/mes-instance.ts';
import { createTieBreak } from '../../src/core/tally/tie-break.ts';

/** The default tie-break order of a profile's bids, as the tally uses it. */
const tieRank = (profile: Profile) =>
  createTieBreak(profile.bidIds, profile.costs, profile.voters, seed, 'cheaper-first').rank;

const seed = 'c0ffee';

/** One pot holding `budget` minor units; bids as id → cost in minor units. */
function event(
  budget: number,
  costs: Record<string, number>,
  method: BallotMethod = { kind: 'approval', min: 0, max: null },
): EventDefinition {
  return {
    id: 'mes-test',
    name: 'MES test',
    currency: 'GBP',
    locale: 'en-GB',
    method,
    rule: 'equal-shares',
    categories: [],
    pots: [{ id: 'main', name: 'Main', budget, eligible: { kind: 'all' } }],
    bids: Object.entries(costs).map(([id, amount]) => ({
      id,
      title: id,
      group: '',
      amount,
      summary: '',
    })),
  };
}

const ballots = (e: EventDefinition, choices: Choice[]): Ballot[] =>
  choices.map((choice, i) => ({
    id: `v${i}`,
    eventId: e.id,
    stationId: 's',
    castHour: '2026-06-13T10:00Z',
    choice,
  }));

/** `n` voters approving the comma-separated bids. */
const approving = (n: number, bids: string): Choice[] =>
  Array.from({ length: n }, () => ({ kind: 'approval', bids: bids.split(',') }));

describe('equal shares on hand-made cases', () => {
  it('gives a 40% minority its share where greedy gives the majority everything', () => {
    // £1000 for 10 voters: £100 each. Six approve a1 (£200), a2 (£240), a3 (£300); four approve
    // b1 (£300), b2 (£320). Cost utilities: a bid all of whose W supporters can pay an even
    // share has rho/cost = 1/W, so the six's bids (1/6) come before the four's (1/4).
    // a1 (tie with a2, a3 at 1/6: cheapest) costs the six £33.33 each, a2 (tie with a3) £40
    // each; they have £26.67 each left, short of a3. b1 (tie with b2 at 1/4: cheaper) costs the
    // four £75 each; £25 each is short of b2. £260 is left, less than any remaining bid.
    const e = event(1000_00, { a1: 200_00, a2: 240_00, a3: 300_00, b1: 300_00, b2: 320_00 });
    const bs = ballots(e, [...approving(6, 'a1,a2,a3'), ...approving(4, 'b1,b2')]);
    const mes = tally(e, bs, { seed });
    expect(mes.selected).toEqual(['a1', 'a2', 'b1']);
    expect(mes.pots[0]).toMatchObject({ spent: 740_00, left: 260_00 });
    expect(mes.ties.map((t) => [t.bids, t.decidedBy])).toEqual([
      [['a1', 'a2', 'a3'], 'cost'],
      [['a2', 'a3'], 'cost'],
      [['b1', 'b2'], 'cost'],
    ]);
    expect(tally(e, bs, { seed, rule: 'greedy' }).selected).toEqual(['a1', 'a2', 'a3']);
  });

  it('uses given scores as utilities; a voter short of money pays all they have', () => {
    // £120, 2 voters, £60 each. y (£50): v2 scores 5, rho = 50/5 = 10, v2 pays £50.
    // x (£60): v1 scores 3, v2 scores 1, rho = 15 (v1 pays 45, v2 15) before y, 60/4.
    // Round 1: y (10) beats x (15). Round 2: v2 has £10 < 15, so pays it all; v1 covers
    // the other £50 at rho = 50/3 ≈ 16.67, paying £50 of £60.
    const e = event(
      120_00,
      { x: 60_00, y: 50_00 },
      {
        kind: 'score',
        min: 0,
        max: 5,
        allowNoOpinion: true,
      },
    );
    const r = tally(
      e,
      ballots(e, [
        { kind: 'score', scores: [{ bid: 'x', score: 3 }] },
        {
          kind: 'score',
          scores: [
            { bid: 'x', score: 1 },
            { bid: 'y', score: 5 },
          ],
        },
      ]),
      { seed },
    );
    expect(r.selected).toEqual(['y', 'x']);
  });

  it('adds one unit per voter until a bid it could not fund fits, as "add1" does', () => {
    // £100, 2 voters at £50. v1 wants a (£60), v2 wants b (£30) and c (£45).
    // Steps 0–9 fund only b: v1 has under £60, and v2 has under £45 left after b, while £70
    // stays unspent. At step 10 (£60 each) a, b and c all cost their supporters an even
    // share (rho/cost = 1): cheapest b first, then a; v2's £30 left is short of c.
    // Without "add one unit", filling the £70 greedily would have chosen c instead of a.
    const e = event(100_00, { a: 60_00, b: 30_00, c: 45_00 });
    const r = tally(e, ballots(e, [...approving(1, 'a'), ...approving(1, 'b,c')]), { seed });
    expect(r.selected).toEqual(['b', 'a']);
    expect(r.ties).toEqual([
      {
        potId: 'main',
        bids: ['b', 'c', 'a'],
        decidedBy: 'cost',
        situation: 'equal-value',
      },
    ]);
    expect(r.ties.map(englishTie)).toEqual([
      'Bids b, c and a gave equal value for money under equal shares; b is cheaper.',
    ]);
  });

  it('keeps the last outcome within budget when one more unit would overspend', () => {
    // £100, 2 voters. a (£60) and b (£60) each have one supporter. Until step 10 neither is
    // affordable; at step 10 both are, costing £120: over budget, so equal shares returns the
    // step-9 outcome (nothing) and greedy fills the £100: one of a or b, by lot.
    const e = event(100_00, { a: 60_00, b: 60_00 });
    const r = tally(e, ballots(e, [...approving(1, 'a'), ...approving(1, 'b')]), { seed });
    expect(r.selected).toHaveLength(1);
    expect(r.ties).toHaveLength(1);
    expect(r.ties[0]?.decidedBy).toBe('lot');
    expect(r.ties[0]?.bids[0]).toBe(r.selected[0]);
  });

  it('funds nothing when there are no ballots, and never a bid with no support', () => {
    const e = event(100_00, { a: 10_00, b: 10_00 });
    expect(tally(e, [], { seed }).selected).toEqual([]);
    expect(tally(e, ballots(e, approving(3, 'a')), { seed }).selected).toEqual(['a']);
  });
});

describe('exactness', () => {
  // Budget 10p shared by 3 voters: 10/3p each, which no double holds exactly.
  // a (5p): all three score 1, everyone pays an even share: rho = 5/3 exactly.
  // b (5p): v1 scores 3, v2 scores 1. An even share (rho 5/4) would ask v1 for 3.75p > 10/3p,
  // so v1 pays all 10/3p and v2 the rest: rho = 5 − 10/3 = 5/3. An exact tie with a,
  // which the tie-break gives to a (same cost, more voters).
  // c (£1) is for v3 alone; it becomes affordable one unit later and overspends the pot, so
  // the first step's outcome is the one that counts.
  const e = event(
    10,
    { a: 5, b: 5, c: 100 },
    { kind: 'score', min: 0, max: 3, allowNoOpinion: true },
  );
  const s = (a: number, b: number | null, c: number | null): Choice => ({
    kind: 'score',
    scores: [
      { bid: 'a', score: a },
      { bid: 'b', score: b },
      { bid: 'c', score: c },
    ],
  });
  const bs = ballots(e, [s(1, 3, null), s(1, 1, null), s(1, null, 1)]);

  it('floats alone would break the tie the wrong way', () => {
    const budget = 10 / 3;
    // Computed the way a float implementation would: b's rho comes out one ulp below a's.
    expect(5 - budget).toBeLessThan(5 / 3);
  });

  it('the float solver knows it cannot decide and the exact one records the tie', () => {
    const builder = createProfile(e);
    for (const b of bs) builder.add(b.choice);
    const profile = builder.build();
    const rank = tieRank(profile);
    const inst = buildMesInstance(profile, [0, 1, 2], 10, 100, rank);
    expect(runFast(inst, 0, fastScratch(inst))).toBe('ambiguous');
    expect(runExact(inst, 0)).toEqual({ selected: [0], ties: [[0, 1]] });
  });

  it('so the tally funds a first, on the documented tie-break', () => {
    const r = tally(e, bs, { seed });
    expect(r.selected).toEqual(['a', 'b']);
    expect(r.ties).toEqual([
      {
        potId: 'main',
        bids: ['a', 'b'],
        decidedBy: 'votes',
        situation: 'equal-value',
      },
    ]);
    expect(r.ties.map(englishTie)).toEqual([
      'Bids a and b gave equal value for money under equal shares; a had more voters.',
    ]);
  });
});

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/pabulib/${name}`, import.meta.url), 'utf8');

function readPb(text: string) {
  const r = parsePabulib(text);
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

describe('peer check: official Pabulib results', () => {
  it.each(['Netherlands_Assen_2024.pb', 'Poland_Swiecie_2023.pb'])(
    '%s: equal shares with add1 funds the official winners',
    (name) => {
      const { event: e, ballots: bs, selected } = readPb(fixture(name));
      const builder = createProfile(e);
      for (const b of bs) builder.add(b.choice);
      const profile = builder.build();
      const rank = tieRank(profile);
      const all = profile.bidIds.map((_, i) => i);
      const mes = equalShares(profile, all, e.pots[0]?.budget ?? 0, rank);
      expect(mes.selected.map((i) => profile.bidIds[i]).sort()).toEqual(
        [...(selected ?? [])].sort(),
      );
      // The full rule then fills what is left greedily; the official winners come first.
      const full = tallyProfile(e, profile, { seed });
      expect(full.selected.slice(0, mes.selected.length).sort()).toEqual(
        [...(selected ?? [])].sort(),
      );
    },
  );

  const shared = (name: string) => new URL(`../../../shared/pabulib/${name}`, import.meta.url);
  for (const name of [
    'Poland_Czestochowa_2024.pb',
    'Poland_Katowice_2023.pb',
    'Poland_Lodz_2022.pb',
    'Poland_Wroclaw_2015_150_-_500.pb',
  ]) {
    const path = shared(name);
    it.skipIf(!existsSync(path))(`${name}: greedy funds the official winners (large file)`, () => {
      const { event: e, ballots: bs, selected } = readPb(readFileSync(path, 'utf8'));
      const r = tally(e, bs, { seed, rule: 'greedy' });
      expect([...r.selected].sort()).toEqual([...(selected ?? [])].sort());
    });
  }
});

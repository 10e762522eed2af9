import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BallotMethod, Choice, EventDefinition, Pot } from '../../src/core/schema.ts';
import { eventSchema } from '../../src/core/schema.ts';
import { validateChoice } from '../../src/core/ballot.ts';
import { equalShares } from '../../src/core/tally/equal-shares.ts';
import { createProfile, tally, type TallyResult } from '../../src/core/tally/index.ts';
import { runExact } from '../../src/core/tally/mes-exact.ts';
import { fastScratch, runFast } from '../../src/core/tally/mes-fast.ts';
import { buildMesInstance } from '../../src/core/tally/mes-instance.ts';
import { createTieBreak } from '../../src/core/tally/tie-break.ts';

const methods: BallotMethod[] = [
  { kind: 'approval', min: 0, max: null },
  { kind: 'knapsack', limit: null },
  { kind: 'score', min: 0, max: 4, allowNoOpinion: true },
  { kind: 'ranking', maxRanks: 3 },
  { kind: 'cumulative', points: 6, maxPerBid: 4 },
];

/** A random valid choice over `ids`, from a list of small numbers to draw on. */
function choiceFor(method: BallotMethod, ids: string[], draw: number[]): Choice {
  const picked = ids.filter((_, i) => (draw[i] ?? 0) % 2 === 1);
  const n = (i: number) => draw[i] ?? 0;
  switch (method.kind) {
    case 'approval':
    case 'knapsack':
      return { kind: method.kind, bids: picked };
    case 'score':
      return { kind: 'score', scores: picked.map((bid, i) => ({ bid, score: n(i) % 5 })) };
    case 'ranking':
      return { kind: 'ranking', ranking: picked.slice(0, 3) };
    case 'cumulative': {
      let left = 6;
      const points = picked.flatMap((bid, i) => {
        const p = Math.min(left, 1 + (n(i) % 4));
        left -= p;
        return p > 0 ? [{ bid, points: p }] : [];
      });
      return { kind: 'cumulative', points };
    }
  }
}

const scenario = fc
  .record({
    method: fc.constantFrom(...methods),
    costs: fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 6 }),
    pots: fc.array(
      fc.record({
        budget: fc.integer({ min: 0, max: 120 }),
        some: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        all: fc.boolean(),
        roll: fc.boolean(),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    draws: fc.array(fc.array(fc.nat(9), { minLength: 6, maxLength: 6 }), { maxLength: 12 }),
    seed: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 1, maxLength: 8 }),
  })
  .map(({ method, costs, pots, draws, seed }) => {
    const ids = costs.map((_, i) => `bid${i}`);
    const potList: Pot[] = pots.map((p, i) => {
      const chosen = ids.filter((_, j) => p.some[j]);
      return {
        id: `pot${i}`,
        name: `Pot ${i}`,
        budget: p.budget * 100,
        eligible: p.all || chosen.length === 0 ? { kind: 'all' } : { kind: 'bids', bids: chosen },
        ...(p.roll && i + 1 < pots.length ? { rollOverTo: `pot${i + 1}` } : {}),
      };
    });
    const event: EventDefinition = {
      id: 'prop',
      name: 'Property',
      currency: 'GBP',
      locale: 'en-GB',
      method,
      rule: 'greedy',
      categories: [],
      pots: potList,
      bids: ids.map((id, i) => ({
        id,
        title: id,
        group: '',
        amount: (costs[i] ?? 1) * 100,
        summary: '',
      })),
    };
    const ballots = draws.map((draw, i) => ({
      id: `v${i}`,
      eventId: event.id,
      stationId: 's',
      castHour: '2026-06-13T10:00Z',
      choice: choiceFor(method, ids, draw),
    }));
    return { event, ballots, seed };
  });

function checkInvariants(event: EventDefinition, r: TallyResult) {
  const cost = new Map(event.bids.map((b) => [b.id, b.amount]));
  for (const [i, pot] of r.pots.entries()) {
    const def = event.pots[i];
    expect(pot.spent).toBe(pot.selected.reduce((s, id) => s + (cost.get(id) ?? 0), 0));
    expect(pot.spent).toBeLessThanOrEqual(pot.budget);
    expect(pot.left).toBe(pot.budget - pot.spent);
    if (def?.eligible.kind === 'bids') {
      for (const id of pot.selected) expect(def.eligible.bids).toContain(id);
    }
  }
  expect(new Set(r.selected).size).toBe(r.selected.length);
  const excluded = new Set(r.support.filter((s) => s.excludedBy).map((s) => s.bidId));
  for (const id of r.selected) expect(excluded.has(id)).toBe(false);
}

describe('tally invariants (property)', () => {
  it('never spends over a pot, funds a bid once, ignores ballot order', () => {
    fc.assert(
      fc.property(scenario, fc.boolean(), ({ event, ballots, seed }, mes) => {
        const rule = mes ? 'equal-shares' : 'greedy';
        const r = tally(event, ballots, { seed, rule });
        expect(eventSchema.safeParse(event).success).toBe(true);
        checkInvariants(event, r);
        expect(tally(event, [...ballots].reverse(), { seed, rule })).toEqual(r);
      }),
      { numRuns: 150 },
    );
  });

  it('a ballot of one section over every bid tallies exactly like that method alone', () => {
    fc.assert(
      fc.property(scenario, fc.boolean(), ({ event, ballots, seed }, mes) => {
        const rule = mes ? 'equal-shares' : 'greedy';
        const { method, ...rest } = event;
        if (method === undefined) throw new Error('the scenario gives a method');
        const sectioned: EventDefinition = {
          ...rest,
          sections: [{ id: 'only', title: 'Only', scope: { kind: 'all' }, method }],
        };
        expect(eventSchema.safeParse(sectioned).success).toBe(true);
        const mapped = ballots.map((b) => {
          if (b.choice.kind === 'sections') throw new Error('the scenario gives one part');
          const choice: Choice = {
            kind: 'sections',
            parts: [{ section: 'only', choice: b.choice }],
          };
          // The one part follows exactly the rules the method alone does.
          expect(validateChoice(sectioned, choice).ok).toBe(validateChoice(event, b.choice).ok);
          return { ...b, choice };
        });
        expect(tally(sectioned, mapped, { seed, rule })).toEqual(
          tally(event, ballots, { seed, rule }),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('greedy funds in support order, skipping only bids that no longer fit', () => {
    fc.assert(
      fc.property(scenario, ({ event, ballots, seed }) => {
        const r = tally(event, ballots, { seed, rule: 'greedy' });
        const index = new Map(event.bids.map((b, i) => [b.id, i]));
        const support = r.support.map((s) => s.support);
        const builder = createProfile(event);
        for (const b of ballots) builder.add(b.choice);
        const p = builder.build();
        const tb = createTieBreak(p.bidIds, p.costs, p.voters, seed, 'cheaper-first');
        const ahead = (a: number, b: number) =>
          (support[a] ?? 0) > (support[b] ?? 0) ||
          ((support[a] ?? 0) === (support[b] ?? 0) && tb.compare(a, b) < 0);
        const fundedBefore = new Set<string>();
        for (const pot of r.pots) {
          const picked = pot.selected.map((id) => index.get(id) ?? -1);
          for (let k = 1; k < picked.length; k++) {
            expect(ahead(picked[k - 1] ?? 0, picked[k] ?? 0)).toBe(true);
          }
          // A supported, eligible bid left out must not have fitted when its turn came.
          const def = event.pots.find((d) => d.id === pot.potId);
          for (const [i, bid] of event.bids.entries()) {
            const eligible = def?.eligible.kind !== 'bids' || def.eligible.bids.includes(bid.id);
            if (!eligible || fundedBefore.has(bid.id) || pot.selected.includes(bid.id)) continue;
            if ((support[i] ?? 0) === 0 || r.support[i]?.excludedBy) continue;
            const spentAhead = picked
              .filter((j) => ahead(j, i))
              .reduce((s, j) => s + (p.costs[j] ?? 0), 0);
            expect(spentAhead + bid.amount).toBeGreaterThan(pot.budget);
          }
          for (const id of pot.selected) fundedBefore.add(id);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the float equal-shares solver agrees with the exact one', () => {
    fc.assert(
      fc.property(scenario, ({ event, ballots, seed }) => {
        const builder = createProfile(event);
        for (const b of ballots) builder.add(b.choice);
        const p = builder.build();
        const rank = createTieBreak(p.bidIds, p.costs, p.voters, seed, 'cheaper-first').rank;
        const all = p.bidIds.map((_, i) => i).filter((i) => (p.support[i] ?? 0) > 0);
        const budget = event.pots[0]?.budget ?? 0;
        expect(equalShares(p, all, budget, rank)).toEqual(
          equalShares(p, all, budget, rank, { exact: true }),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('the float solver decides most rounds itself, and then exactly as the exact one', () => {
    let decided = 0;
    const runs = 150;
    fc.assert(
      fc.property(scenario, fc.nat(3), ({ event, ballots, seed }, step) => {
        const builder = createProfile(event);
        for (const b of ballots) builder.add(b.choice);
        const p = builder.build();
        if (p.ballots === 0) return;
        const rank = createTieBreak(p.bidIds, p.costs, p.voters, seed, 'cheaper-first').rank;
        const all = p.bidIds.map((_, i) => i);
        const inst = buildMesInstance(p, all, event.pots[0]?.budget ?? 0, 100, rank);
        const fast = runFast(inst, step, fastScratch(inst));
        if (fast === 'ambiguous') return;
        decided += 1;
        expect(fast).toEqual(runExact(inst, step));
      }),
      { numRuns: runs },
    );
    // Ambiguity must stay the exception, or the fast path would be a slow path in disguise.
    expect(decided).toBeGreaterThan(runs / 2);
  });
});

/**
 * Explanations hold up on any count: every funded bid's explanation adds up to its cost, every
 * unfunded bid's shows a shortfall, and they agree with what the pots funded. On random events
 * (fast-check) and on real Pabulib files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePabulib } from '../../src/core/pabulib/index.ts';
import type { Ballot, BallotMethod, Choice, EventDefinition, Rule } from '../../src/core/schema.ts';
import { createProfile, tally, tallyProfile } from '../../src/core/tally/index.ts';
import type { ExplanationReason, TallyResult } from '../../src/core/tally/types.ts';

/** Checks every explanation of `r` against the count itself. */
function checkExplanations(event: EventDefinition, r: TallyResult) {
  const cost = new Map(event.bids.map((b) => [b.id, b.amount]));
  const explanations = r.explanations ?? [];
  expect(explanations.map((p) => p.potId)).toEqual(r.pots.map((p) => p.potId));
  r.pots.forEach((pot, k) => {
    const p = explanations[k];
    if (p === undefined) throw new Error('missing pot explanation');
    expect(p.left).toBe(pot.left);
    expect(p.votersWithFundedBid).toBeLessThanOrEqual(p.ballots);
    if (pot.selected.length === 0) expect(p.votersWithFundedBid).toBe(0);
    // Funded in the explanation exactly when the pot funded it.
    expect(
      p.bids
        .filter((b) => b.funded)
        .map((b) => b.bidId)
        .sort(),
    ).toEqual([...pot.selected].sort());
    const reasons = p.bids.flatMap((b) => b.reasons.map((reason) => ({ bid: b, reason })));
    const all = (code: ExplanationReason['code']) => reasons.filter((x) => x.reason.code === code);

    for (const { bid, reason } of reasons) {
      switch (reason.code) {
        case 'greedy-funded':
        case 'completion-funded':
          expect(bid.funded).toBe(true);
          expect(reason.cost).toBe(cost.get(bid.bidId));
          expect(reason.moneyBefore).toBeGreaterThanOrEqual(reason.cost);
          break;
        case 'greedy-too-dear':
        case 'completion-too-dear':
          expect(bid.funded).toBe(false);
          expect(reason.moneyLeft).toBeLessThan(reason.cost);
          break;
        case 'shares-funded': {
          expect(bid.funded).toBe(true);
          const c = cost.get(bid.bidId) ?? 0;
          const paid = reason.payments.reduce((s, x) => s + x.each * x.voters, 0);
          expect(Math.abs(paid - c)).toBeLessThanOrEqual(1e-6 * c);
          for (const x of reason.payments) expect(x.each).toBeGreaterThanOrEqual(0);
          break;
        }
        case 'shares-short':
          expect(reason.supportersMoney).toBeLessThan(reason.cost);
          expect(reason.usedBy.length).toBeLessThanOrEqual(3);
          for (const u of reason.usedBy) expect(pot.selected).toContain(u.bidId);
          break;
        case 'funded-elsewhere':
          expect(r.pots.slice(0, k).find((q) => q.potId === reason.potId)?.selected).toContain(
            bid.bidId,
          );
          break;
        case 'tie':
          expect(r.ties[reason.tie]?.bids).toContain(bid.bidId);
          break;
        case 'excluded':
        case 'no-support':
        case 'withdrawn':
          expect(bid.funded).toBe(false);
          break;
      }
    }
    // Every funded bid says why it was funded.
    for (const id of pot.selected) {
      const codes = p.bids.find((b) => b.bidId === id)?.reasons.map((x) => x.code) ?? [];
      expect(codes.some((c) => c.endsWith('-funded'))).toBe(true);
    }
    // Greedy (and the completion step) take each funded bid's cost from the money, in order.
    const chain = (funded: ExplanationReason[], start: number) => {
      let money = start;
      for (const x of [...funded].sort((a, b) => place(a) - place(b))) {
        if (x.code !== 'greedy-funded' && x.code !== 'completion-funded') continue;
        expect(x.moneyBefore).toBe(money);
        money -= x.cost;
      }
      expect(money).toBe(pot.left);
    };
    if (p.rule === 'greedy') {
      chain(
        all('greedy-funded').map((x) => x.reason),
        pot.budget,
      );
    } else {
      const byShares = all('shares-funded').reduce((s, x) => s + (cost.get(x.bid.bidId) ?? 0), 0);
      chain(
        all('completion-funded').map((x) => x.reason),
        pot.budget - byShares,
      );
      const rounds = all('shares-funded').map((x) =>
        x.reason.code === 'shares-funded' ? x.reason.round : 0,
      );
      expect([...rounds].sort((a, b) => a - b)).toEqual(rounds.map((_, i) => i + 1));
    }
  });
}

const place = (x: ExplanationReason) =>
  x.code === 'greedy-funded' || x.code === 'completion-funded' ? x.place : 0;

const methods: BallotMethod[] = [
  { kind: 'approval', min: 0, max: null },
  { kind: 'score', min: 0, max: 4, allowNoOpinion: true },
  { kind: 'cumulative', points: 6, maxPerBid: 4 },
];

function choice(method: BallotMethod, ids: string[], draw: number[]): Choice {
  const picked = ids.filter((_, i) => (draw[i] ?? 0) % 2 === 1);
  if (method.kind === 'score') {
    return { kind: 'score', scores: picked.map((bid, i) => ({ bid, score: (draw[i] ?? 0) % 5 })) };
  }
  if (method.kind === 'cumulative') {
    let left = 6;
    const points = picked.flatMap((bid, i) => {
      const p = Math.min(left, 1 + ((draw[i] ?? 0) % 4));
      left -= p;
      return p > 0 ? [{ bid, points: p }] : [];
    });
    return { kind: 'cumulative', points };
  }
  return { kind: 'approval', bids: picked };
}

const scenario = fc
  .record({
    method: fc.constantFrom(...methods),
    costs: fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 7 }),
    budgets: fc.array(fc.integer({ min: 0, max: 150 }), { minLength: 1, maxLength: 2 }),
    firstOnly: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
    threshold: fc.constantFrom(0, 0, 0.2, 0.5),
    withdraw: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
    draws: fc.array(fc.array(fc.nat(9), { minLength: 7, maxLength: 7 }), { maxLength: 14 }),
    seed: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 1, maxLength: 8 }),
  })
  .map(({ method, costs, budgets, firstOnly, threshold, withdraw, draws, seed }) => {
    const ids = costs.map((_, i) => `bid${i}`);
    const some = ids.filter((_, i) => firstOnly[i]);
    const event: EventDefinition = {
      id: 'prop',
      name: 'Property',
      currency: 'GBP',
      locale: 'en-GB',
      method,
      rule: 'greedy',
      categories: [],
      ...(threshold > 0 && { thresholds: { minSupportShare: threshold } }),
      pots: budgets.map((b, i) => ({
        id: `pot${i}`,
        name: `Pot ${i}`,
        budget: b * 100,
        eligible: i === 0 && some.length > 0 ? { kind: 'bids', bids: some } : { kind: 'all' },
      })),
      bids: ids.map((id, i) => ({
        id,
        title: id,
        group: '',
        amount: (costs[i] ?? 1) * 100,
        summary: '',
      })),
    };
    const ballots: Ballot[] = draws.map((draw, i) => ({
      id: `v${i}`,
      eventId: event.id,
      stationId: 's',
      castHour: '2026-06-13T10:00Z',
      choice: choice(method, ids, draw),
    }));
    return { event, ballots, seed, withdrawn: ids.filter((_, i) => withdraw[i] && i % 3 === 0) };
  });

describe('explanations (property)', () => {
  it('add up, show the shortfall, and agree with the count, under either rule', () => {
    fc.assert(
      fc.property(scenario, fc.boolean(), ({ event, ballots, seed, withdrawn }, mes) => {
        const rule: Rule = mes ? 'equal-shares' : 'greedy';
        const r = tally(event, ballots, { seed, rule, withdrawn, explain: true });
        checkExplanations(event, r);
        // Asking for explanations changes nothing else.
        const { explanations, ...rest } = r;
        expect(explanations).toBeDefined();
        expect(tally(event, ballots, { seed, rule, withdrawn })).toEqual(rest);
      }),
      { numRuns: 200 },
    );
  });
});

const fixtures = new URL('../fixtures/pabulib/', import.meta.url);
const shared = new URL('../../../shared/pabulib/', import.meta.url);
const files = [
  ...readdirSync(fixtures).map((f) => new URL(f, fixtures)),
  ...(existsSync(shared) ? readdirSync(shared).map((f) => new URL(f, shared)) : []),
].filter((u) => u.pathname.endsWith('.pb'));

describe('explanations on real Pabulib files', () => {
  it.each(files.map((u) => [decodeURIComponent(u.pathname.split('/').slice(-3).join('/')), u]))(
    '%s',
    (_, url) => {
      const read = parsePabulib(readFileSync(url, 'utf8'));
      if (!read.ok) throw new Error(read.error.code);
      const { event, ballots } = read.value;
      const builder = createProfile(event);
      for (const b of ballots) builder.add(b.choice, b.area);
      const profile = builder.build();
      for (const rule of ['greedy', 'equal-shares'] as const) {
        checkExplanations(event, tallyProfile(event, profile, { seed: 'ab', rule, explain: true }));
      }
    },
    300_000,
  );
});

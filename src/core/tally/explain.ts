/**
 * Why a pot funded what it did, as codes and numbers (`PotExplanation`, see types.ts): built only
 * when `TallyOptions.explain` asks, after the pot is decided, so an ordinary tally pays nothing.
 *
 * The solvers decide; this only explains. Greedy and the completion step are replayed exactly
 * (the same order, integer money). Equal shares is traced by re-running the step of "add one unit"
 * the rule kept, once, in floating point, funding the bids in the order the solver chose them:
 * each funded bid's rho is found from its supporters' budgets as the exact solver finds it (those
 * short of rho × utility pay all they have, the rest share the remainder, repeated until nobody
 * else falls short), each pays min(budget, rho × utility), and budgets fall. That is a few passes
 * over the supporters of every funded bid. Rounding: a funded bid's payments add up to its cost within
 * about 1e-12 of it (the documented bound is 1e-6 × cost); money left is as exact.
 *
 * Weighted events (docs/check-in.md#weights): the solvers' budgets are per weight unit (an
 * ordinary ballot is `scale` units). Here every amount a person reads is per voter of weight 1
 * (a unit's money × scale) and every count of voters is a count of weight (units ÷ scale: a voter
 * weighing 1.5 counts 1.5), so a payment group's `each × voters` is still the money it paid.
 */
import type { Exclusion } from './types.ts';
import type { BidId, PotId, Rule } from '../schema.ts';
import type { EqualSharesRun } from './equal-shares.ts';
import { supportOrder } from './greedy.ts';
import { buildMesInstance, type MesInstance } from './mes-instance.ts';
import { MINOR_PER_MAJOR } from '../money.ts';
import type { Profile } from './profile.ts';
import type { TieBreak } from './tie-break.ts';
import type {
  BidExplanation,
  ExplanationReason,
  PotExplanation,
  SharePayment,
  TieRecord,
} from './types.ts';

/** What a pot's tally knew, handed over after the pot is decided. */
export interface PotFacts {
  potId: PotId;
  rule: Rule;
  profile: Profile;
  /** What the rules rank by: support, or exact weighted support in units. */
  ranking: readonly number[];
  tieBreak: TieBreak;
  budget: number;
  /** Bids in the pot's scope (before withdrawals, earlier pots and thresholds). */
  eligible: (bid: number) => boolean;
  withdrawn: ReadonlySet<BidId>;
  /** Bids earlier pots funded, and which pot. */
  fundedBy: ReadonlyMap<number, PotId>;
  /** Why a threshold ruled a bid out (the pot's own, or the event's), if it did. */
  exclusion: (bid: number) => Exclusion | undefined;
  /** The bids the rule could fund, and what it funded in order. */
  candidates: readonly number[];
  selected: readonly number[];
  /** Equal shares only: what it funded before the completion step, and the step kept. */
  mes?: EqualSharesRun;
  left: number;
  /** The whole count's ties so far, and where this pot's start among them. */
  ties: readonly TieRecord[];
  firstTie: number;
}

export function explainPot(facts: PotFacts): PotExplanation {
  const { profile, potId } = facts;
  const scale = profile.weighted?.scale ?? 1;
  const funded = new Set(facts.selected);
  const candidate = new Set(facts.candidates);
  const ruleReasons =
    facts.rule === 'greedy'
      ? greedyReasons(facts, facts.candidates, facts.budget, 'greedy')
      : sharesReasons(facts);
  const tieOf = tiesByBid(facts);

  const bids: BidExplanation[] = [];
  profile.bidIds.forEach((bidId, i) => {
    if (!facts.eligible(i)) return;
    const reasons: ExplanationReason[] = [];
    const elsewhere = facts.fundedBy.get(i);
    const problem = facts.exclusion(i);
    if (facts.withdrawn.has(bidId)) reasons.push({ code: 'withdrawn' });
    else if (elsewhere !== undefined) reasons.push({ code: 'funded-elsewhere', potId: elsewhere });
    else if ((profile.support[i] ?? 0) <= 0) reasons.push({ code: 'no-support' });
    else if (!candidate.has(i) && problem !== undefined)
      reasons.push({ code: 'excluded', problem });
    else reasons.push(...(ruleReasons.get(i) ?? []));
    for (const tie of tieOf.get(i) ?? []) reasons.push({ code: 'tie', tie });
    bids.push({ bidId, funded: funded.has(i), reasons });
  });

  const explanation: PotExplanation = {
    potId,
    rule: facts.rule,
    // On a weighted event, both counts are of weight (see the file's comment); otherwise ballots.
    ballots: profile.weighted === undefined ? profile.ballots : profile.weighted.total / scale,
    votersWithFundedBid: votersWithFundedBid(profile, funded) / scale,
    left: facts.left,
    bids,
  };
  if (facts.rule === 'equal-shares') {
    const step = facts.mes?.step ?? 0;
    explanation.shares = {
      voterBudget: voterBudget(profile, facts.budget, step),
      unitsAdded: step,
    };
  }
  return explanation;
}

/**
 * Counted ballots (weight units on a weighted event) whose group supports at least one bid the
 * pot funded: one pass over the profile's groups of identical ballots.
 */
function votersWithFundedBid(profile: Profile, funded: ReadonlySet<number>): number {
  const { count, weights, offsets, bids } = profile.groups;
  let total = 0;
  for (let g = 0; g < count; g++) {
    for (let e = offsets[g] ?? 0; e < (offsets[g + 1] ?? 0); e++) {
      if (funded.has(bids[e] ?? -1)) {
        total += weights[g] ?? 0;
        break;
      }
    }
  }
  return total;
}

/** Each voter's (of weight 1) starting money in the step kept: pot ÷ ballots + step units. */
function voterBudget(profile: Profile, budget: number, step: number): number {
  const ballots = profile.weighted?.total ?? profile.ballots;
  if (ballots === 0) return 0;
  const scale = profile.weighted?.scale ?? 1;
  return (budget * scale) / ballots + step * MINOR_PER_MAJOR;
}

/** Every tie this pot recorded, by the bids in it: the tie decided their fate. */
function tiesByBid(facts: PotFacts): Map<number, number[]> {
  const index = new Map(facts.profile.bidIds.map((id, i) => [id, i]));
  const out = new Map<number, number[]>();
  for (let t = facts.firstTie; t < facts.ties.length; t++) {
    const tie = facts.ties[t];
    if (tie === undefined || tie.potId !== facts.potId) continue;
    for (const id of tie.bids) {
      const i = index.get(id);
      if (i !== undefined) out.set(i, [...(out.get(i) ?? []), t]);
    }
  }
  return out;
}

/**
 * Greedy (or the completion step) replayed: the same order `greedyFill` uses, the same money, so
 * each bid's place and the money left when it was reached are exactly what decided it.
 */
function greedyReasons(
  facts: PotFacts,
  candidates: readonly number[],
  money: number,
  kind: 'greedy' | 'completion',
): Map<number, ExplanationReason[]> {
  const { profile, ranking } = facts;
  const scale = profile.weighted?.scale ?? 1;
  const out = new Map<number, ExplanationReason[]>();
  let left = money;
  supportOrder(candidates, ranking, facts.tieBreak).forEach((bid, k) => {
    const cost = profile.costs[bid] ?? 0;
    const place = k + 1;
    const support = (ranking[bid] ?? 0) / scale;
    let reason: ExplanationReason;
    if (cost <= left) {
      reason =
        kind === 'greedy'
          ? { code: 'greedy-funded', place, support, moneyBefore: left, cost }
          : { code: 'completion-funded', place, moneyBefore: left, cost };
      left -= cost;
    } else {
      reason =
        kind === 'greedy'
          ? { code: 'greedy-too-dear', place, support, moneyLeft: left, cost }
          : { code: 'completion-too-dear', place, moneyLeft: left, cost };
    }
    out.set(bid, [reason]);
  });
  return out;
}

/** Equal shares: the traced rounds, then the completion step for what it left. */
function sharesReasons(facts: PotFacts): Map<number, ExplanationReason[]> {
  const { profile } = facts;
  const mes = facts.mes ?? { selected: [], ties: [], step: 0 };
  const out = new Map<number, ExplanationReason[]>();
  const chosen = new Set(mes.selected);
  const rest = facts.candidates.filter((i) => !chosen.has(i));
  const spent = mes.selected.reduce((sum, i) => sum + (profile.costs[i] ?? 0), 0);
  if (facts.candidates.length > 0 && profile.ballots > 0) {
    const inst = buildMesInstance(
      profile,
      facts.candidates,
      facts.budget,
      MINOR_PER_MAJOR,
      facts.tieBreak.rank,
    );
    const trace = traceShares(inst, mes);
    const scale = inst.unitsPerVoter ?? 1;
    mes.selected.forEach((bid, round) => {
      out.set(bid, [
        {
          code: 'shares-funded',
          round: round + 1,
          supporters: profile.voters[bid] ?? 0,
          payments: trace.groupsOf(bid, scale),
        },
      ]);
    });
    for (const bid of rest) out.set(bid, [trace.shortfall(bid, profile)]);
  }
  const completion = greedyReasons(facts, rest, facts.budget - spent, 'completion');
  for (const [bid, reasons] of completion) out.set(bid, [...(out.get(bid) ?? []), ...reasons]);
  return out;
}

/** What one funded bid took from each of its supporting groups (per weight unit). */
interface Paid {
  each: Float64Array;
  all: Uint8Array;
}

/**
 * The step kept, replayed in floating point in the solver's order. Returns, per funded bid, who
 * paid what, and per unfunded bid what its supporters had left and who took the rest.
 */
function traceShares(inst: MesInstance, mes: EqualSharesRun) {
  const perVoter = inst.unitsPerVoter ?? 1;
  const start =
    (inst.budget * perVoter + mes.step * inst.increment * inst.ballots) / (inst.ballots * perVoter);
  const budgets = new Float64Array(inst.weights.length).fill(start);
  const projectOf = new Map(inst.projects.map((p) => [p.bid, p]));
  const paid = new Map<number, Paid>();

  mes.selected.forEach((bid) => {
    const project = projectOf.get(bid);
    if (project === undefined) return;
    const m = project.groups.length;
    // As the exact solver: those who cannot pay rho × utility pay all they have and the rest
    // share what remains; repeat until nobody else falls short (a few passes).
    const poor = new Uint8Array(m);
    let richUtility = project.totalUtility;
    let paidByPoor = 0;
    let rho = project.cost / richUtility;
    for (let changed = true; changed;) {
      changed = false;
      for (let j = 0; j < m; j++) {
        const b = budgets[project.groups[j] ?? 0] ?? 0;
        const u = project.utilities[j] ?? 1;
        const w = project.weights[j] ?? 0;
        if (poor[j] === 0 && b < rho * u && richUtility - w * u > 0) {
          poor[j] = 1;
          changed = true;
          paidByPoor += w * b;
          richUtility -= w * u;
        }
      }
      if (changed) rho = (project.cost - paidByPoor) / richUtility;
    }
    const record: Paid = { each: new Float64Array(m), all: new Uint8Array(m) };
    for (let j = 0; j < m; j++) {
      const g = project.groups[j] ?? 0;
      const b = budgets[g] ?? 0;
      const share = rho * (project.utilities[j] ?? 1);
      const pay = Math.min(b, share);
      record.each[j] = pay;
      // Paying exactly the full share is not "all they had", even if nothing is left after.
      record.all[j] = b < share * (1 - 1e-9) ? 1 : 0;
      budgets[g] = b - pay;
    }
    paid.set(bid, record);
  });
  const paidFor = paymentsByGroup(inst, mes, paid);

  return {
    /**
     * A funded bid's payment groups: the supporters who paid the full share, one group per
     * amount (one amount under approval, one per utility otherwise), then those who paid all
     * they had, as one group paying their average.
     */
    groupsOf(bid: number, scale: number): SharePayment[] {
      const record = paid.get(bid);
      const project = projectOf.get(bid);
      if (record === undefined || project === undefined) return [];
      // Full shares are rho × utility: one group per utility (exactly equal doubles).
      const full = new Map<number, { each: number; weight: number }>();
      let allWeight = 0;
      let allMoney = 0;
      record.each.forEach((pay, j) => {
        const w = project.weights[j] ?? 0;
        if (record.all[j] === 1) {
          allWeight += w;
          allMoney += w * pay;
          return;
        }
        const key = project.utilities[j] ?? 1;
        const group = full.get(key) ?? { each: pay, weight: 0 };
        group.weight += w;
        full.set(key, group);
      });
      const groups: SharePayment[] = [...full.values()]
        .sort((a, b) => b.each - a.each)
        .map((g) => ({ each: g.each * scale, voters: g.weight / scale, allTheyHad: false }));
      if (allWeight > 0) {
        groups.push({
          each: (allMoney / allWeight) * scale,
          voters: allWeight / scale,
          allTheyHad: true,
        });
      }
      return groups;
    },
    /** An unfunded bid: its supporters' money left, against its cost, and who took theirs. */
    shortfall(bid: number, profile: Profile): ExplanationReason {
      const project = projectOf.get(bid);
      const cost = profile.costs[bid] ?? 0;
      // By round: what these supporters paid for each funded bid.
      const used = new Float64Array(mes.selected.length);
      let money = 0;
      project?.groups.forEach((g, j) => {
        const w = project.weights[j] ?? 0;
        money += w * (budgets[g] ?? 0);
        for (let k = paidFor.offsets[g] ?? 0; k < (paidFor.offsets[g + 1] ?? 0); k++) {
          const round = paidFor.rounds[k] ?? 0;
          used[round] = (used[round] ?? 0) + w * (paidFor.pays[k] ?? 0);
        }
      });
      const usedBy = [...used.keys()]
        .filter((round) => (used[round] ?? 0) > 0)
        .sort((a, b) => (used[b] ?? 0) - (used[a] ?? 0) || a - b)
        .slice(0, 3)
        .map((round) => ({
          bidId: profile.bidIds[mes.selected[round] ?? -1] ?? '',
          amount: used[round] ?? 0,
        }));
      return {
        code: 'shares-short',
        supporters: profile.voters[bid] ?? 0,
        supportersMoney: money,
        cost,
        usedBy,
      };
    },
  };
}

/**
 * Per group, the funded bids it paid for (by round) and what, in compressed rows: built once after
 * the trace so an unfunded bid's supporters' payments are read without searching.
 */
function paymentsByGroup(inst: MesInstance, mes: EqualSharesRun, paid: ReadonlyMap<number, Paid>) {
  const projectOf = new Map(inst.projects.map((p) => [p.bid, p]));
  const offsets = new Int32Array(inst.weights.length + 1);
  for (const bid of mes.selected) {
    for (const g of projectOf.get(bid)?.groups ?? []) offsets[g + 1] = (offsets[g + 1] ?? 0) + 1;
  }
  for (let g = 0; g < inst.weights.length; g++) {
    offsets[g + 1] = (offsets[g + 1] ?? 0) + (offsets[g] ?? 0);
  }
  const size = offsets[inst.weights.length] ?? 0;
  const rounds = new Int32Array(size);
  const pays = new Float64Array(size);
  const next = offsets.slice(0, inst.weights.length);
  mes.selected.forEach((bid, round) => {
    const project = projectOf.get(bid);
    const record = paid.get(bid);
    if (project === undefined || record === undefined) return;
    project.groups.forEach((g, j) => {
      const k = next[g] ?? 0;
      rounds[k] = round;
      pays[k] = record.each[j] ?? 0;
      next[g] = k + 1;
    });
  });
  return { offsets, rounds, pays };
}

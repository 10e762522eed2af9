/**
 * The Method of Equal Shares for one pot, completed by "add one unit" exactly as pabutools'
 * `method_of_equal_shares(..., voter_budget_increment=1)` does (see equalshares.net):
 *
 * 1. Every counted ballot gets budget ÷ ballots (an exact fraction), whether or not it supports a
 *    bid in this pot.
 * 2. Repeatedly fund the bid with the lowest rho, the price per unit of utility at which its
 *    supporters can cover its cost, each paying min(own budget, rho × utility). Utilities are the
 *    cost for approval and knapsack ballots, and the given score, points or Borda points otherwise.
 * 3. If what was funded costs more than the pot, return the previous step's outcome. If no other
 *    bid equal shares could fund would still fit, stop. Otherwise give every voter one more unit of
 *    currency (MINOR_PER_MAJOR minor units) and start again from 1.
 *
 * The caller then fills what is left greedily (index.ts). Each step runs on the float solver
 * first; if it cannot prove a round's winner, the whole pot is redone exactly (see mes-fast.ts),
 * which is slow on a city-sized pot but only happens when rounding really could matter.
 *
 * Peer check: steps 1–3 alone give exactly the official winners of Pabulib's equalshares/add1
 * files (Assen 2024, Świecie 2023). Assen's officials did not then fill the rest greedily: our full
 * rule funds one more bid there that fits the money left (tests/unit/mes.test.ts).
 */
import { MINOR_PER_MAJOR } from '../money.ts';
import { runExact } from './mes-exact.ts';
import { fastScratch, runFast } from './mes-fast.ts';
import {
  buildMesInstance,
  type FastStepsFactory,
  type MesInstance,
  type MesRun,
} from './mes-instance.ts';
import type { Profile } from './profile.ts';

export interface EqualSharesOptions {
  /** Skip the float solver: tests use it to compare the two, and it is the reference. */
  exact?: boolean;
  /** Also return the instance solved, for an explanation to replay (explain.ts). */
  withInstance?: boolean;
  /** Who runs the float solver's steps (see `FastSteps`); by default each in turn, here. */
  fastSteps?: FastStepsFactory;
}

/** What equal shares funded, and which step of "add one unit" it kept (0: none added). */
export interface EqualSharesRun extends MesRun {
  step: number;
  instance?: MesInstance;
}

export function equalShares(
  profile: Profile,
  candidates: readonly number[],
  budget: number,
  rank: Int32Array,
  options: EqualSharesOptions = {},
): EqualSharesRun {
  if (candidates.length === 0 || profile.ballots === 0) return { selected: [], ties: [], step: 0 };
  const inst = buildMesInstance(profile, candidates, budget, MINOR_PER_MAJOR, rank);
  const kept = (run: EqualSharesRun) => (options.withInstance ? { ...run, instance: inst } : run);
  if (!options.exact) {
    const steps = options.fastSteps?.(inst);
    let fast: EqualSharesRun | 'ambiguous';
    try {
      if (steps !== undefined) {
        fast = addOneUnit(inst, (step) => steps.run(step));
      } else {
        const scratch = fastScratch(inst);
        fast = addOneUnit(inst, (step) => runFast(inst, step, scratch));
      }
    } finally {
      steps?.close();
    }
    if (fast !== 'ambiguous') return kept(fast);
  }
  const exact = addOneUnit(inst, (step) => runExact(inst, step));
  if (exact === 'ambiguous') throw new Error('The exact solver cannot be ambiguous.');
  return kept(exact);
}

function addOneUnit(
  inst: MesInstance,
  run: (step: number) => MesRun | 'ambiguous',
): EqualSharesRun | 'ambiguous' {
  const cost = new Map(inst.projects.map((p) => [p.bid, p.cost]));
  // The step kept is reported so an explanation can replay it (explain.ts).
  let previous: EqualSharesRun = { selected: [], ties: [], step: 0 };
  for (let step = 0; ; step++) {
    const outcome = run(step);
    if (outcome === 'ambiguous') return outcome;
    const chosen = new Set(outcome.selected);
    const spent = outcome.selected.reduce((sum, bid) => sum + (cost.get(bid) ?? 0), 0);
    if (spent > inst.budget) return previous;
    const left = inst.budget - spent;
    // Exhaustive: nothing equal shares could fund fits in what is left. Costs are integers.
    if (inst.projects.every((p) => chosen.has(p.bid) || p.cost > left)) return { ...outcome, step };
    previous = { ...outcome, step };
  }
}

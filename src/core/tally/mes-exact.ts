/**
 * Equal shares in exact rational arithmetic: the reference the fast solver falls back on whenever
 * floating point cannot prove which bid wins a round. Slow on big events, but exact, and it is
 * also what the tests compare the fast solver against.
 */
import type { MesInstance, MesProject, MesRun } from './mes-instance.ts';
import { add, cmp, div, min, mul, q, sub, ZERO, type Q } from './rational.ts';

/** One round of equal shares at a fixed starting budget per voter (`step` units above the base). */
export function runExact(inst: MesInstance, step: number): MesRun {
  const n = BigInt(inst.ballots);
  // Each weight unit starts with budget ÷ units, plus `step` units of currency per unweighted
  // voter (÷ unitsPerVoter per unit). Without weights unitsPerVoter is 1: budget ÷ ballots + step.
  const d = BigInt(inst.unitsPerVoter ?? 1);
  const start = q(BigInt(inst.budget) * d + BigInt(step) * BigInt(inst.increment) * n, n * d);
  const budgets: Q[] = Array.from(inst.weights, () => start);
  const weight = (g: number) => q(inst.weights[g] ?? 0);
  const alive = new Set(inst.projects.keys());
  // Keys only grow as budgets shrink, so an old key is a lower bound: evaluate lazily.
  const stale: Q[] = inst.projects.map((p) => q(p.cost, p.totalUtility * p.scale));
  const rank = (p: number) => inst.rank[inst.projects[p]?.bid ?? -1] ?? 0;
  const run: MesRun = { selected: [], ties: [] };

  for (;;) {
    const order = [...alive].sort((a, b) => cmp(stale[a] ?? ZERO, stale[b] ?? ZERO));
    let best: Q | undefined;
    // Tied bids share a key but not a rho (cost utilities scale rho by cost): keep each one's.
    const rhoOf = new Map<number, Q>();
    let tied: number[] = [];
    for (const p of order) {
      const project = inst.projects[p];
      if (project === undefined) continue;
      if (best !== undefined && cmp(stale[p] ?? ZERO, best) > 0) break;
      const rho = exactRho(project, budgets, weight);
      if (rho === undefined) {
        alive.delete(p);
        continue;
      }
      const key = div(rho, q(project.scale));
      stale[p] = key;
      rhoOf.set(p, rho);
      const c = best === undefined ? -1 : cmp(key, best);
      if (c < 0) {
        best = key;
        tied = [p];
      } else if (c === 0) {
        tied.push(p);
      }
    }
    const winner = tied.sort((a, b) => rank(a) - rank(b))[0];
    const project = winner === undefined ? undefined : inst.projects[winner];
    if (winner === undefined || project === undefined) return run;
    if (tied.length > 1) run.ties.push(tied.map((p) => inst.projects[p]?.bid ?? -1));
    const rho = rhoOf.get(winner) ?? ZERO;
    project.groups.forEach((g, j) => {
      const b = budgets[g] ?? ZERO;
      budgets[g] = sub(b, min(b, mul(rho, q(project.utilities[j] ?? 0))));
    });
    run.selected.push(project.bid);
    alive.delete(winner);
  }
}

/**
 * The smallest rho at which the supporters, each paying min(budget, rho × utility), cover the
 * cost; undefined when their budgets together fall short. Voters who cannot pay their full share
 * pay everything they have; the rest split what remains in proportion to utility.
 */
function exactRho(project: MesProject, budgets: Q[], weight: (g: number) => Q): Q | undefined {
  const cost = q(project.cost);
  let total = ZERO;
  for (const g of project.groups) total = add(total, mul(weight(g), budgets[g] ?? ZERO));
  if (cmp(total, cost) < 0) return undefined;
  const poor = new Uint8Array(project.groups.length);
  let paidByPoor = ZERO;
  let richUtility = q(project.totalUtility);
  let rho = div(cost, richUtility);
  for (let changed = true; changed;) {
    changed = false;
    project.groups.forEach((g, j) => {
      const b = budgets[g] ?? ZERO;
      const u = q(project.utilities[j] ?? 0);
      if (poor[j] === 0 && cmp(b, mul(rho, u)) < 0) {
        poor[j] = 1;
        changed = true;
        paidByPoor = add(paidByPoor, mul(weight(g), b));
        richUtility = sub(richUtility, mul(weight(g), u));
      }
    });
    // total >= cost guarantees someone stays rich: the poor alone pay less than the cost.
    if (changed) rho = div(sub(cost, paidByPoor), richUtility);
  }
  return rho;
}

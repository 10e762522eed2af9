/**
 * Equal shares in floating point, with proof that rounding did not pick the winner.
 *
 * The guarantee: every voter group's budget is carried as an interval [lo, hi] that contains the
 * exact rational budget. A bid's rho is monotone in the budgets (more money, lower rho), so the
 * root computed from the `hi` budgets bounds the exact rho from below and the root from the `lo`
 * budgets bounds it from above; each is then widened by a margin that covers double rounding of
 * the sums involved (at most (m + 4)·4ε of the amounts, for m summed terms and ε = 2⁻⁵², which is
 * far above the classical (m − 1)·ε/2 bound for sums of non-negative terms). Payments are
 * monotone too, so new budgets get intervals the same way.
 *
 * A round's winner is accepted only when its interval lies strictly below every other bid's, or
 * when every bid whose interval overlaps it has an exact key: a bid none of whose supporters is
 * short of money even at their `lo` bound has rho = cost ÷ total utility exactly, so such keys are
 * compared as integer fractions in BigInt and an exact tie goes to the tie-break (the common case:
 * equally supported bids early in the count). A bid is called affordable or not only when its
 * supporters' money interval lies wholly on one side of the cost. Otherwise the run answers
 * 'ambiguous' and the caller redoes the whole pot in exact rationals (mes-exact.ts). So a near or
 * exact tie is always decided exactly and then by the documented tie-break: floating-point noise
 * can make the tally slower, never different. Tested by a case built to fool plain doubles
 * (tests/unit/mes.test.ts) and by a property test against the exact solver.
 */
import type { MesInstance, MesProject, MesRun } from './mes-instance.ts';

const EPS = 2 ** -52;

/**
 * Scratch space, allocated once per pot and reused for every step of "add one unit". `poor` holds,
 * per bid and supporter, 1 when that supporter is known to be short of money for the bid at the
 * `hi` budgets (and so at any lower budget), 2 when short only at the `lo` budgets. Within one
 * step budgets only fall and rho only rises, so a supporter once short stays short: keeping the
 * 1s between rounds saves most of the work of finding them again. For the same reason each bid's
 * last roots (slightly lowered) are lower bounds on its roots now: `lastRho` holds them, at
 * [2p] from the hi budgets and [2p + 1] from the lo budgets, to flag short supporters early.
 */
export interface FastScratch {
  /** Group g's bounds at [2g] (lo) and [2g + 1] (hi): read together, so kept side by side. */
  bounds: Float64Array;
  poor: Uint8Array[];
  lastRho: Float64Array;
  /**
   * 1 for a bid every supporter of which has utility 1 (every approval and knapsack bid: their
   * cost utilities are solved as 1, see `MesProject.scale`). `evaluate` and `pay` then read no
   * utility: x × 1 and x ÷ 1 are x exactly in floating point, so the outcome is the same to the
   * bit, with one load and a few multiplications less per supporter in the hot loops.
   */
  unitUtility: Uint8Array;
}

export function fastScratch(inst: MesInstance): FastScratch {
  return {
    bounds: new Float64Array(2 * inst.weights.length),
    poor: inst.projects.map((p) => new Uint8Array(p.groups.length)),
    lastRho: new Float64Array(2 * inst.projects.length),
    unitUtility: Uint8Array.from(inst.projects, (p) => (p.utilities.every((u) => u === 1) ? 1 : 0)),
  };
}

interface Evaluation {
  project: number;
  /** Bounds on the exact key (rho, divided by cost for cost utilities). */
  keyLo: number;
  keyHi: number;
  rhoLo: number;
  rhoHi: number;
  /**
   * Set when no supporter can be short of money, so the key is exactly cost ÷ (total utility ×
   * scale): two such keys compare exactly in integers, and an exact tie goes to the tie-break.
   */
  exact?: { num: bigint; den: bigint };
}

export function runFast(
  inst: MesInstance,
  step: number,
  scratch: FastScratch,
): MesRun | 'ambiguous' {
  const { bounds, poor, lastRho, unitUtility } = scratch;
  for (const flags of poor) flags.fill(0);
  // No bid's rho is below its even share, cost ÷ total utility (supporters never pay more than
  // rho × utility in all), so that, lowered for rounding, is a first floor for both roots.
  inst.projects.forEach((p, i) => {
    const floor = (p.cost / p.totalUtility) * (1 - (p.groups.length + 4) * 4 * EPS);
    lastRho[2 * i] = floor;
    lastRho[2 * i + 1] = floor;
  });
  // As mes-exact.ts: with weights, per unit (unitsPerVoter is 1 without them).
  const perVoter = inst.unitsPerVoter ?? 1;
  const denominator = inst.ballots * perVoter;
  const numerator = inst.budget * perVoter + step * inst.increment * inst.ballots;
  const start = numerator / denominator;
  const exactStart =
    Number.isSafeInteger(numerator) &&
    Number.isSafeInteger(denominator) &&
    numerator % denominator === 0;
  const slack = exactStart ? 0 : 2 * EPS * start;
  const startLo = Math.max(0, start - slack);
  for (let i = 0; i < bounds.length; i += 2) {
    bounds[i] = startLo;
    bounds[i + 1] = start + slack;
  }
  const margin = 4 * EPS * (start + slack);

  const projects = inst.projects;
  const alive = new Set(projects.keys());
  const stale = Float64Array.from(
    projects,
    (p) => (p.cost / p.totalUtility / p.scale) * (1 - 4 * EPS),
  );
  const run: MesRun = { selected: [], ties: [] };
  const rankOf = (e: Evaluation) => inst.rank[projects[e.project]?.bid ?? -1] ?? 0;

  for (;;) {
    const order = [...alive].sort((a, b) => (stale[a] ?? 0) - (stale[b] ?? 0));
    let lowest: Evaluation | undefined;
    const seen: Evaluation[] = [];
    for (const p of order) {
      const project = projects[p];
      if (project === undefined) continue;
      if (lowest !== undefined && (stale[p] ?? 0) > lowest.keyHi) break;
      const flags = poor[p] ?? new Uint8Array(0);
      const e = evaluate(p, project, bounds, flags, lastRho, unitUtility[p] === 1);
      if (e === 'ambiguous') return e;
      if (e === 'unaffordable') {
        alive.delete(p);
        continue;
      }
      stale[p] = e.keyLo;
      seen.push(e);
      if (lowest === undefined || e.keyHi < lowest.keyHi) lowest = e;
    }
    if (lowest === undefined) return run;
    const top = lowest.keyHi;
    const contenders = seen.filter((e) => e.keyLo <= top);
    const tied = contenders.length === 1 ? contenders : exactlyLowest(contenders);
    if (tied === undefined) return 'ambiguous';
    tied.sort((a, b) => rankOf(a) - rankOf(b));
    const winner = tied[0];
    const project = winner === undefined ? undefined : projects[winner.project];
    if (winner === undefined || project === undefined) return run;
    if (tied.length > 1) run.ties.push(tied.map((e) => projects[e.project]?.bid ?? -1));

    pay(project, winner, bounds, margin, unitUtility[winner.project] === 1);
    run.selected.push(project.bid);
    alive.delete(winner.project);
  }
}

/**
 * When intervals overlap, only exact keys can still be ordered: returns the contenders sharing
 * the exactly lowest key, or undefined when some contender's key is known only approximately.
 */
function exactlyLowest(contenders: Evaluation[]): Evaluation[] | undefined {
  if (contenders.some((e) => e.exact === undefined)) return undefined;
  const compare = (a: Evaluation, b: Evaluation) => {
    const x = a.exact ?? { num: 0n, den: 1n };
    const y = b.exact ?? { num: 0n, den: 1n };
    const l = x.num * y.den;
    const r = y.num * x.den;
    return l < r ? -1 : l > r ? 1 : 0;
  };
  const sorted = [...contenders].sort(compare);
  const first = sorted[0];
  return first === undefined ? undefined : sorted.filter((e) => compare(e, first) === 0);
}

/* Hot loops below index typed arrays with `!`: every index is in range by construction (group
 * ids come from the profile, j < m), and a fallback per element would cost a branch. */

/** The winner's supporters pay rho × utility, or all they have; the bounds stay around that. */
function pay(
  project: MesProject,
  winner: Evaluation,
  bounds: Float64Array,
  margin: number,
  unitUtility: boolean,
): void {
  const { groups, utilities } = project;
  const { rhoLo, rhoHi } = winner;
  for (let j = 0; j < groups.length; j++) {
    const g2 = 2 * groups[j]!;
    const u = unitUtility ? 1 : utilities[j]!;
    bounds[g2] = Math.max(0, bounds[g2]! - rhoHi * u - margin);
    bounds[g2 + 1] = Math.max(0, bounds[g2 + 1]! - rhoLo * u) + margin;
  }
}

function evaluate(
  index: number,
  project: MesProject,
  bounds: Float64Array,
  poor: Uint8Array,
  lastRho: Float64Array,
  unitUtility: boolean,
): Evaluation | 'unaffordable' | 'ambiguous' {
  const { cost, groups, utilities, weights, totalUtility, scale } = project;
  const m = groups.length;
  const even = cost / totalUtility;
  const evenWithMargin = even * (1 + 8 * EPS);
  const floorHi = lastRho[2 * index]!;
  const floorLo = lastRho[2 * index + 1]!;
  let totalLo = 0;
  let totalHi = 0;
  let paidHi = 0;
  let paidLo = 0;
  let shortHi = 0;
  let shortLo = 0;
  let anyShort = false;
  // Least budget per unit of utility among those not yet known short at hi (minHi) or at all
  // (minLo): while rho stays clearly below these, a pass looking for newly short supporters
  // would find none, so it can be skipped. Found by multiplying and dividing only for a new
  // least (rare): off by a rounding or two at most, well inside the room the test leaves.
  let minHi = Infinity;
  let minLo = Infinity;
  for (let j = 0; j < m; j++) {
    const g2 = 2 * groups[j]!;
    const w = weights[j]!;
    const l = bounds[g2]!;
    const h = bounds[g2 + 1]!;
    const u = unitUtility ? 1 : utilities[j]!;
    totalLo += w * l;
    totalHi += w * h;
    if (poor[j] === 1 || h < floorHi * u) {
      poor[j] = 1;
      paidHi += w * h;
      paidLo += w * l;
      shortHi += w * u;
      shortLo += w * u;
    } else if (l < floorLo * u) {
      poor[j] = 2;
      paidLo += w * l;
      shortLo += w * u;
      if (h < minHi * u) minHi = h / u;
    } else {
      poor[j] = 0;
      if (l < evenWithMargin * u) anyShort = true;
      if (h < minHi * u) minHi = h / u;
      if (l < minLo * u) minLo = l / u;
    }
  }
  const sumSlack = (m + 4) * 4 * EPS;
  if (totalHi * (1 + sumSlack) < cost) return 'unaffordable';
  if (totalLo * (1 - sumSlack) < cost) return 'ambiguous';
  if (!anyShort && shortLo === 0) {
    // Even at their lowest bound every supporter can pay an even share: nobody is short, so
    // rho is exactly cost ÷ total utility.
    return {
      project: index,
      rhoLo: even * (1 - 4 * EPS),
      rhoHi: even * (1 + 4 * EPS),
      keyLo: (even / scale) * (1 - 8 * EPS),
      keyHi: (even / scale) * (1 + 8 * EPS),
      exact: { num: BigInt(cost), den: BigInt(totalUtility) * BigInt(scale) },
    };
  }
  // Two roots at once: from the hi budgets (a lower bound on the exact rho, since more money
  // lowers rho) and from the lo budgets (an upper bound). Each pass finds more supporters who
  // cannot pay rho × utility; they pay all they have and the rest share what remains.
  let richHi = totalUtility - shortHi;
  let richLo = totalUtility - shortLo;
  let rhoFromHi = 0;
  let rhoFromLo = 0;
  for (let changed = true; changed;) {
    if (richHi <= 0 || richLo <= 0) return 'ambiguous';
    rhoFromHi = (cost - paidHi) / richHi;
    rhoFromLo = (cost - paidLo) / richLo;
    // The pass below tests h < rho × u; with ε-sized room either side of each rounding, rho
    // below the least h ÷ u (and l ÷ u) means every test fails: the pass would change nothing.
    const up = 1 + 4 * EPS;
    const down = 1 - 4 * EPS;
    if (rhoFromHi * up < minHi * down && rhoFromLo * up < minLo * down) break;
    changed = false;
    minHi = Infinity;
    minLo = Infinity;
    for (let j = 0; j < m; j++) {
      const flag = poor[j]!;
      if (flag === 1) continue;
      const g2 = 2 * groups[j]!;
      const u = unitUtility ? 1 : utilities[j]!;
      const w = weights[j]!;
      const h = bounds[g2 + 1]!;
      if (h < rhoFromHi * u) {
        if (flag === 0) {
          paidLo += w * bounds[g2]!;
          richLo -= w * u;
        }
        poor[j] = 1;
        paidHi += w * h;
        richHi -= w * u;
        changed = true;
      } else if (flag === 0 && bounds[g2]! < rhoFromLo * u) {
        poor[j] = 2;
        paidLo += w * bounds[g2]!;
        richLo -= w * u;
        changed = true;
        if (h < minHi * u) minHi = h / u;
      } else {
        if (h < minHi * u) minHi = h / u;
        if (flag === 0 && bounds[g2]! < minLo * u) minLo = bounds[g2]! / u;
      }
    }
  }
  lastRho[2 * index] = rhoFromHi * (1 - sumSlack);
  lastRho[2 * index + 1] = rhoFromLo * (1 - sumSlack);
  const pad = (rho: number, rich: number) => sumSlack * (cost / rich + rho);
  const rhoLo = Math.max(0, rhoFromHi - pad(rhoFromHi, richHi));
  const rhoHi = rhoFromLo + pad(rhoFromLo, richLo);
  return {
    project: index,
    rhoLo,
    rhoHi,
    keyLo: (rhoLo / scale) * (1 - 4 * EPS),
    keyHi: (rhoHi / scale) * (1 + 4 * EPS),
  };
}

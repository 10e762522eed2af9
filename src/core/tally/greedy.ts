/**
 * Greedy funding: bids in order of support (ties by the documented tie-break), each funded if it
 * still fits the money left, otherwise skipped for the next. Support values are integer sums, so
 * every comparison here is exact.
 */
import type { TieBreak } from './tie-break.ts';

export interface GreedyOutcome {
  /** Bid indices in the order they were funded. */
  selected: number[];
  spent: number;
  /**
   * Runs of equal support whose order changed who was funded (some funded, some not), each in
   * tie-break order. Runs where every bid met the same fate decided nothing and are left out.
   */
  ties: number[][];
}

export function supportOrder(
  candidates: readonly number[],
  support: readonly number[],
  tieBreak: TieBreak,
): number[] {
  return [...candidates].sort(
    (a, b) => (support[b] ?? 0) - (support[a] ?? 0) || tieBreak.compare(a, b),
  );
}

export function greedyFill(
  candidates: readonly number[],
  money: number,
  support: readonly number[],
  costs: readonly number[],
  tieBreak: TieBreak,
): GreedyOutcome {
  const order = supportOrder(candidates, support, tieBreak);
  const funded = new Set<number>();
  let spent = 0;
  for (const bid of order) {
    const cost = costs[bid] ?? Infinity;
    if (spent + cost <= money) {
      funded.add(bid);
      spent += cost;
    }
  }
  const ties: number[][] = [];
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && support[order[end] ?? -1] === support[order[start] ?? -1]) end++;
    const run = order.slice(start, end);
    const fates = new Set(run.map((b) => funded.has(b)));
    if (run.length > 1 && fates.size > 1) ties.push(run);
    start = end;
  }
  return { selected: order.filter((b) => funded.has(b)), spent, ties };
}

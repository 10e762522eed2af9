/**
 * The ballots as an anonymised spreadsheet for independent analysis: one row per ballot, one
 * column per bid, no ballot id, no station and no time, rows shuffled with the injected random
 * source so file order cannot be matched to the order people voted in.
 */
import { assertNever } from '../result.ts';
import type { Ballot, Choice, EventDefinition } from '../schema.ts';
import { toCsv, type Cell } from './csv.ts';

/**
 * What a ballot says about each bid: approval and knapsack 1 or 0, score the score (empty for no
 * opinion), ranking the place (1 = first, empty if unranked), cumulative the points.
 */
function cellsOf(choice: Choice, bidIds: readonly string[]): Cell[] {
  switch (choice.kind) {
    case 'approval':
    case 'knapsack': {
      const chosen = new Set(choice.bids);
      return bidIds.map((id) => (chosen.has(id) ? 1 : 0));
    }
    case 'score': {
      const scores = new Map(choice.scores.map((s) => [s.bid, s.score]));
      return bidIds.map((id) => scores.get(id) ?? '');
    }
    case 'ranking':
      return bidIds.map((id) => {
        const place = choice.ranking.indexOf(id);
        return place < 0 ? '' : place + 1;
      });
    case 'cumulative': {
      const points = new Map(choice.points.map((p) => [p.bid, p.points]));
      return bidIds.map((id) => points.get(id) ?? 0);
    }
    default:
      return assertNever(choice);
  }
}

/** Fisher–Yates with an injected source, so tests (and audits) can fix the shuffle. */
function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

export function ballotsCsv(
  event: EventDefinition,
  ballots: readonly Ballot[],
  random: () => number,
): string {
  const bidIds = event.bids.map((b) => b.id);
  const rows = shuffle(
    ballots.map((b) => cellsOf(b.choice, bidIds)),
    random,
  );
  return toCsv(bidIds, rows);
}

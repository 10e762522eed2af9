/**
 * The results as a spreadsheet: one row per bid, funded bids first, pot by pot in the order each
 * pot chose them, then the rest by support. Amounts in major units (pounds), as people read them.
 */
import { toMajor } from '../money.ts';
import type { EventDefinition } from '../schema.ts';
import { problemSummary } from '../problem.ts';
import { thousandths } from '../questions.ts';
import type { Exclusion, TallyResult } from '../tally/types.ts';
import { toCsv, type Cell } from './csv.ts';

const HEADER = ['Pot', 'Bid id', 'Bid', 'Group', 'Amount', 'Support', 'Voters', 'Funded', 'Note'];
/**
 * A weighted event's (docs/check-in.md#weights) adds "Weighted support" after "Support": the exact
 * Σ weight × support the rules ranked by, as a decimal of up to 3 places ("7.5").
 */
const WEIGHTED_HEADER = [...HEADER.slice(0, 6), 'Weighted support', ...HEADER.slice(6)];

/**
 * `note` words why a threshold ruled a bid out, in the reader's language (the command line passes
 * its English, the organiser's screen the catalogue's); without it the note is the bare code. An
 * unfunded bid's note gives the event's threshold and each pot's own that left it out ("Youth
 * pot: …"); a funded bid has none, since the pot that funded it let it through.
 */
export function resultsCsv(
  event: EventDefinition,
  result: TallyResult,
  note: (exclusion: Exclusion) => string = problemSummary,
): string {
  const bids = new Map(event.bids.map((b) => [b.id, b]));
  const support = new Map(result.support.map((s) => [s.bidId, s]));
  const weighted = result.support.some((s) => s.weightedSupport !== undefined);
  // What the rules ranked by: on a weighted event the weighted support, compared exactly.
  const rank = (bidId: string): number => {
    const s = support.get(bidId);
    if (s === undefined) return 0;
    return s.weightedSupport === undefined ? s.support : thousandths(s.weightedSupport);
  };
  const byPots = new Map<string, string[]>();
  for (const pot of result.pots) {
    for (const { bidId, problem } of pot.excluded ?? []) {
      byPots.set(bidId, [...(byPots.get(bidId) ?? []), `${pot.name}: ${note(problem)}`]);
    }
  }
  const notes = (bidId: string): string => {
    const s = support.get(bidId);
    const all = [
      ...(s?.excludedBy === undefined ? [] : [note(s.excludedBy)]),
      ...(byPots.get(bidId) ?? []),
    ];
    return all.join('; ');
  };
  const row = (bidId: string, pot: string, funded: boolean): Cell[] => {
    const bid = bids.get(bidId);
    if (bid === undefined) throw new Error(`resultsCsv: the result names unknown bid "${bidId}"`);
    const s = support.get(bidId);
    return [
      pot,
      bid.id,
      bid.title,
      bid.group,
      toMajor(bid.amount),
      s?.support ?? 0,
      ...(weighted ? [s?.weightedSupport ?? '0'] : []),
      s?.voters ?? 0,
      funded ? 'Yes' : 'No',
      funded ? '' : notes(bidId),
    ];
  };
  const funded = result.pots.flatMap((pot) => pot.selected.map((id) => row(id, pot.name, true)));
  const chosen = new Set(result.selected);
  const rest = event.bids
    .filter((b) => !chosen.has(b.id))
    .map((b) => ({ id: b.id, support: rank(b.id) }))
    .sort((a, b) => b.support - a.support || (a.id < b.id ? -1 : 1))
    .map((b) => row(b.id, '', false));
  return toCsv(weighted ? WEIGHTED_HEADER : HEADER, [...funded, ...rest]);
}

/**
 * A tally result for people (a plain-text table) and for programs (one JSON object). Both show
 * amounts in major units, as the event's people and Pabulib files write them.
 */
import { formatMoney, toMajor } from '../core/money.ts';
import type { EventDefinition } from '../core/schema.ts';
import type { TallyResult } from '../core/tally/types.ts';
import { englishExclusion, englishTie } from './english.ts';
import { explanationLines, explanationsJson } from './explain-english.ts';

/** A bid withdrawn after voting and why (a tally file's withdrawal records). */
export type WithdrawnBid = { bid: string; reason: string; at: string };

/**
 * `voided`: ballots in the file the organiser voided (not counted); `withdrawals`: bids withdrawn
 * after voting (funded by no pot). Each shown only when there are any.
 */
export function resultJson(
  event: EventDefinition,
  result: TallyResult,
  voided = 0,
  withdrawals: readonly WithdrawnBid[] = [],
) {
  return {
    eventId: event.id,
    rule: result.rule,
    currency: event.currency,
    ballots: result.ballotsCounted,
    ...(voided > 0 ? { voided } : {}),
    ...(withdrawals.length > 0 && {
      withdrawn: withdrawals.map(({ bid, reason, at }) => ({ bid, reason, at })),
    }),
    pots: result.pots.map((pot) => ({
      id: pot.potId,
      name: pot.name,
      budget: toMajor(pot.budget),
      rolledIn: toMajor(pot.rolledIn),
      selected: pot.selected,
      spent: toMajor(pot.spent),
      left: toMajor(pot.left),
      ...(pot.rolledOverTo === undefined ? {} : { rolledOverTo: pot.rolledOverTo }),
      // Only on a pot with its own thresholds: whom they left out, as codes, facts and English.
      ...(pot.excluded === undefined
        ? {}
        : {
            excluded: pot.excluded.map((x) => ({ ...x, reason: englishExclusion(x.problem) })),
          }),
    })),
    selected: result.selected,
    // Codes and facts for programs, with the English beside them for people reading the JSON.
    support: result.support.map((s) =>
      s.excludedBy === undefined ? s : { ...s, excludedReason: englishExclusion(s.excludedBy) },
    ),
    ties: result.ties.map((tie) => ({ ...tie, explanation: englishTie(tie) })),
    // Only with --explain: why each bid was or was not funded (codes, numbers and English).
    ...(result.explanations !== undefined && {
      explanations: explanationsJson({ event, result }),
    }),
  };
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - text.length));
const padStart = (text: string, width: number) =>
  ' '.repeat(Math.max(0, width - text.length)) + text;

/** Rows of cells as aligned columns; the last column is not padded. */
function columns(rows: readonly string[][], rightAligned: ReadonlySet<number>): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, i) =>
        rightAligned.has(i) ? padStart(cell, widths[i] ?? 0) : pad(cell, widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd(),
  );
}

export function resultTable(
  event: EventDefinition,
  result: TallyResult,
  voided = 0,
  withdrawals: readonly WithdrawnBid[] = [],
): string {
  const money = (minor: number) => formatMoney(minor, event.currency, event.locale);
  const bids = new Map(event.bids.map((b) => [b.id, b]));
  // A weighted event's bids are ranked by weighted support (docs/check-in.md#weights): show that.
  const support = new Map(
    result.support.map((s) => [s.bidId, s.weightedSupport ?? String(s.support)]),
  );
  const weighted = result.support.some((s) => s.weightedSupport !== undefined);
  const lines = [
    `${event.name} (${event.id})`,
    voided > 0
      ? `${result.ballotsCounted} ballot(s) counted (${voided} more voided, not counted), rule: ${result.rule}`
      : `${result.ballotsCounted} ballot(s) counted, rule: ${result.rule}`,
  ];
  for (const pot of result.pots) {
    const rolled = pot.rolledIn > 0 ? ` including ${money(pot.rolledIn)} rolled in` : '';
    const onward = pot.rolledOverTo === undefined ? '' : `, rolled over to ${pot.rolledOverTo}`;
    lines.push(
      '',
      `Pot: ${pot.name}`,
      `  Budget ${money(pot.budget)}${rolled}; spent ${money(pot.spent)}, ` +
        `left ${money(pot.left)}${onward}`,
    );
    if (pot.selected.length === 0) {
      lines.push('  No bids funded.');
    } else {
      const rows = pot.selected.map((id) => [
        `  ${bids.get(id)?.title ?? id}`,
        money(bids.get(id)?.amount ?? 0),
        support.get(id) ?? '0',
      ]);
      const header = weighted ? 'Weighted support' : 'Support';
      lines.push(...columns([['  Funded bid', 'Amount', header], ...rows], new Set([1, 2])));
    }
    if (pot.excluded !== undefined && pot.excluded.length > 0) {
      lines.push("  Left out by this pot's threshold:");
      for (const x of pot.excluded) {
        lines.push(`    ${bids.get(x.bidId)?.title ?? x.bidId}: ${englishExclusion(x.problem)}`);
      }
    }
    lines.push(...explanationLines({ event, result }, pot.potId));
  }
  if (withdrawals.length > 0) {
    lines.push('', 'Withdrawn after voting (funded by no pot; every ballot still counted):');
    for (const w of withdrawals) lines.push(`  ${bids.get(w.bid)?.title ?? w.bid}: ${w.reason}`);
  }
  lines.push('', result.ties.length === 0 ? 'No ties needed breaking.' : 'Ties:');
  for (const tie of result.ties) lines.push(`  ${tie.potId}: ${englishTie(tie)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Support per bid as a bar chart made of plain HTML: every bar has its number written beside it and
 * "funded" in words, so it reads the same to a screen reader, in print and in greyscale.
 */
import { formatMoney } from '../../../core/money.ts';
import type { EventDefinition, MethodKind } from '../../../core/schema.ts';
import type { TallyResult } from '../../../core/tally/types.ts';

const SUPPORT_UNIT: Record<MethodKind, [one: string, many: string]> = {
  approval: ['vote', 'votes'],
  knapsack: ['vote', 'votes'],
  score: ['point of score', 'points of score'],
  ranking: ['ranking point', 'ranking points'],
  cumulative: ['point', 'points'],
};

export function supportText(kind: MethodKind, support: number): string {
  const [one, many] = SUPPORT_UNIT[kind];
  return `${support.toLocaleString('en-GB')} ${support === 1 ? one : many}`;
}

export function SupportChart({ event, result }: { event: EventDefinition; result: TallyResult }) {
  const bids = new Map(event.bids.map((b) => [b.id, b]));
  const funded = new Set(result.selected);
  const rows = [...result.support].sort(
    (a, b) => b.support - a.support || a.bidId.localeCompare(b.bidId),
  );
  const top = Math.max(1, ...rows.map((r) => r.support));

  return (
    <figure className="org-chart" aria-labelledby="org-chart-title">
      <figcaption>
        <h3 id="org-chart-title">Support for each bid</h3>
      </figcaption>
      <ol className="org-bars">
        {rows.map((row) => {
          const bid = bids.get(row.bidId);
          const isFunded = funded.has(row.bidId);
          return (
            <li key={row.bidId} className={isFunded ? 'org-bar-funded' : undefined}>
              <span className="org-bar-label">
                {bid?.title ?? row.bidId}
                {bid !== undefined && (
                  <span className="org-hint">
                    {' '}
                    {formatMoney(bid.amount, event.currency, event.locale)}
                  </span>
                )}
              </span>
              <span className="org-bar-track" aria-hidden="true">
                <span className="org-bar" style={{ width: `${(row.support / top) * 100}%` }} />
              </span>
              <span className="org-bar-value">
                {supportText(event.method.kind, row.support)}
                {isFunded && <strong> — funded</strong>}
                {row.excludedBy !== undefined && <span> — not eligible: {row.excludedBy}</span>}
              </span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}

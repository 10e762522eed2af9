/**
 * Support per bid as a bar chart made of plain HTML: every bar has its number written beside it and
 * "funded" in words, so it reads the same to a screen reader, in print and in greyscale.
 */
import type { EventDefinition, MethodKind } from '../../../core/schema.ts';
import type { TallyResult } from '../../../core/tally/types.ts';
import { exclusionText } from '../../i18n/problems.ts';
import { useFormat, useT, type Translate } from '../../i18n/react.tsx';
import { BidTitle, useBidTitle } from './bid-title.tsx';
import styles from './results.module.css';

const SUPPORT_KEYS: Record<MethodKind, string> = {
  approval: 'organiser.results.support.approval',
  knapsack: 'organiser.results.support.knapsack',
  score: 'organiser.results.support.score',
  ranking: 'organiser.results.support.ranking',
  cumulative: 'organiser.results.support.cumulative',
};

/** What a bid's support counts, by ballot method: "12 votes", "40 points of score"… */
export function supportText(t: Translate, kind: MethodKind, support: number): string {
  return t(SUPPORT_KEYS[kind], { count: support });
}

export function SupportChart({ event, result }: { event: EventDefinition; result: TallyResult }) {
  const t = useT();
  const f = useFormat();
  const title = useBidTitle(event);
  const bids = new Map(event.bids.map((b) => [b.id, b]));
  const funded = new Set(result.selected);
  const rows = [...result.support].sort(
    (a, b) => b.support - a.support || a.bidId.localeCompare(b.bidId),
  );
  const top = Math.max(1, ...rows.map((r) => r.support));

  return (
    <figure className={styles['chart']} aria-labelledby="org-chart-title">
      <figcaption>
        <h3 id="org-chart-title">{t('organiser.results.chart.title')}</h3>
      </figcaption>
      <ol className={styles['bars']}>
        {rows.map((row) => {
          const bid = bids.get(row.bidId);
          const isFunded = funded.has(row.bidId);
          return (
            <li key={row.bidId} className={isFunded ? styles['funded'] : undefined}>
              <span className={styles['barLabel']}>
                <BidTitle title={title(row.bidId)} />
                {bid !== undefined && (
                  <span className={styles['hint']}> {f.money(bid.amount, event.currency)}</span>
                )}
              </span>
              <span className={styles['track']} aria-hidden="true">
                <span
                  className={styles['bar']}
                  style={{ inlineSize: `${(row.support / top) * 100}%` }}
                />
              </span>
              <span>
                {supportText(t, event.method.kind, row.support)}
                {isFunded && <strong> {t('organiser.results.chart.funded')}</strong>}
                {row.excludedBy !== undefined && (
                  <span>
                    {' '}
                    {t('organiser.results.chart.excluded', {
                      why: exclusionText(t, row.excludedBy),
                    })}
                  </span>
                )}
              </span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}

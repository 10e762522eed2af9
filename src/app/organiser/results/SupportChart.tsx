/**
 * Support per bid as a bar chart made of plain HTML: every bar has its number written beside it and
 * "funded" in words, so it reads the same to a screen reader, in print and in greyscale.
 */
import type { EventDefinition, MethodKind } from '../../../core/schema.ts';
import type { BidSupport, ExclusionCode, TallyResult } from '../../../core/tally/types.ts';
import { useFormat, useT, type Formatters, type Translate } from '../../i18n/react.tsx';
import { BidTitle, useBidTitle } from './bid-title.tsx';
import styles from './results.module.css';

const SUPPORT_KEYS: Record<MethodKind, string> = {
  approval: 'organiser.results.support.approval',
  knapsack: 'organiser.results.support.knapsack',
  score: 'organiser.results.support.score',
  ranking: 'organiser.results.support.ranking',
  cumulative: 'organiser.results.support.cumulative',
};

const EXCLUSION_KEYS: Record<ExclusionCode, string> = {
  'below-min-support': 'organiser.results.excluded.below-min-support',
  'below-min-average-score': 'organiser.results.excluded.below-min-average-score',
};

/** What a bid's support counts, by ballot method: "12 votes", "40 points of score"… */
export function supportText(t: Translate, kind: MethodKind, support: number): string {
  return t(SUPPORT_KEYS[kind], { count: support });
}

/** Why a threshold ruled a bid out, from the core's facts. */
function exclusionText(t: Translate, f: Formatters, excluded: BidSupport['excludedBy']): string {
  if (excluded === undefined) return '';
  // Counts and scores in the reader's digits; the threshold as a percentage.
  const values = Object.fromEntries(
    Object.entries(excluded.params).map(([key, value]) => [
      key,
      typeof value !== 'number' ? value : key === 'share' ? f.percent(value) : f.number(value),
    ]),
  );
  return t(EXCLUSION_KEYS[excluded.code], values);
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
                  <span> {exclusionText(t, f, row.excludedBy)}</span>
                )}
              </span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}

/**
 * Support per bid (shared by the organiser's results and the public results page, whose words are
 * in the `results` part of the catalogue) as a bar chart made of plain HTML: every bar has its number written beside it and
 * "funded" in words, so it reads the same to a screen reader, in print and in greyscale. On a
 * ballot of several parts a bid's support is what every part gave it, added up (votes, scores,
 * ranking points or shared points together), so it is called "support" and the chart says so.
 * A bid the event's threshold ruled out says so, unless that threshold never applied to it: it was
 * funded, or every pot that may fund it has its own threshold (said beside that pot instead).
 */
import { useId } from 'react';
import { bidsInScope, singleMethod } from '../../../core/ballot-sections.ts';
import type { EventDefinition, MethodKind } from '../../../core/schema.ts';
import { thousandths } from '../../../core/questions.ts';
import type { BidSupport, TallyResult } from '../../../core/tally/types.ts';
import { exclusionText } from '../../i18n/problems.ts';
import { useFormat, useT, type Translate } from '../../i18n/react.tsx';
import { BidTitle, useBidTitle } from '../../organiser/results/bid-title.tsx';
import styles from './SupportChart.module.css';

const SUPPORT_KEYS: Record<MethodKind, string> = {
  approval: 'results.support.approval',
  knapsack: 'results.support.knapsack',
  score: 'results.support.score',
  ranking: 'results.support.ranking',
  cumulative: 'results.support.cumulative',
};

/**
 * What a bid's support counts, by ballot method: "12 votes", "40 points of score"…; on a ballot
 * of several parts (no one method), "12 points of support" summed over the parts.
 */
export function supportText(t: Translate, kind: MethodKind | undefined, support: number): string {
  return t(kind === undefined ? 'results.support.sections' : SUPPORT_KEYS[kind], {
    count: support,
  });
}

export function SupportChart({
  event,
  result,
  level = 3,
}: {
  event: EventDefinition;
  result: TallyResult;
  /** The chart title's heading level where it stands (the public page has no h2 above it). */
  level?: 2 | 3;
}) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const t = useT();
  const f = useFormat();
  const titleId = useId();
  const title = useBidTitle(event);
  const bids = new Map(event.bids.map((b) => [b.id, b]));
  const funded = new Set(result.selected);
  // A weighted event's bids stand by weighted support, the tally's own exact figure (compared in
  // thousandths, integers); the people behind it are said beside it.
  const weighted = result.support.some((s) => s.weightedSupport !== undefined);
  const value = (row: BidSupport) =>
    row.weightedSupport === undefined ? row.support : thousandths(row.weightedSupport);
  const rows = [...result.support].sort(
    (a, b) => value(b) - value(a) || a.bidId.localeCompare(b.bidId),
  );
  const top = Math.max(1, ...rows.map(value));
  const kind = singleMethod(event)?.kind;
  // Bids some pot counts with the event's threshold (the others replace it with their own).
  const underEvent = new Set(
    event.pots
      .filter((p) => p.thresholds === undefined)
      .flatMap((p) => bidsInScope(event, p.eligible).map((b) => b.id)),
  );

  return (
    <figure className={styles['chart']} aria-labelledby={titleId}>
      <figcaption>
        <Heading id={titleId}>
          {weighted ? t('results.chart.title-weighted') : t('results.chart.title')}
        </Heading>
        {kind === undefined && <p>{t('results.chart.sections')}</p>}
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
                  style={{ inlineSize: `${(value(row) / top) * 100}%` }}
                />
              </span>
              <span>
                {weighted
                  ? t('results.chart.weighted', {
                      weighted: f.number(Number(row.weightedSupport ?? '0')),
                      people: supportText(t, kind, row.support),
                    })
                  : supportText(t, kind, row.support)}
                {isFunded && <strong> {t('results.chart.funded')}</strong>}
                {row.excludedBy !== undefined && !isFunded && underEvent.has(row.bidId) && (
                  <span>
                    {' '}
                    {t('results.chart.excluded', {
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

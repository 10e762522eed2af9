/**
 * What is chosen, always in view above the cards: "£X of £Y chosen" and "3 of 5 projects chosen",
 * announced politely after each tap, and a tray of the chosen projects' pictures. With a limit on
 * the number of projects the tray has that many places, so the limit itself is seen (five places,
 * three filled); with a money limit a bar shows how much of it is used.
 */
import { knapsackLimit } from '../../../core/knapsack-limit.ts';
import type { Bid, BidId } from '../../../core/schema.ts';
import { useFormat, useT } from '../../i18n/react.tsx';
import { BidPicture } from '../BidPicture.tsx';
import { Local, useEventWords } from '../event-words.tsx';
import styles from './ChoiceTray.module.css';
import type { PartEvent } from './rules.ts';

interface ChoiceTrayProps {
  event: PartEvent;
  chosen: readonly BidId[];
  bids: readonly Bid[];
}

export function chosenTotal(chosen: readonly BidId[], bids: readonly Bid[]): number {
  const ids = new Set(chosen);
  return bids.reduce((sum, bid) => (ids.has(bid.id) ? sum + bid.amount : sum), 0);
}

/** Beyond this many places the tray lists what is chosen without drawing every free place. */
const MAX_DRAWN_PLACES = 12;

export function ChoiceTray({ event, chosen, bids }: ChoiceTrayProps) {
  const t = useT();
  const f = useFormat();
  const words = useEventWords(event);
  const money = (minor: number) => f.money(minor, event.currency);
  const total = chosenTotal(chosen, bids);
  const limit = knapsackLimit(event);
  const m = event.method;
  const places = m.kind === 'approval' && m.max !== null ? m.max : undefined;
  const count =
    places !== undefined
      ? t('voter.meter.count-of', { count: f.number(chosen.length), max: places })
      : t('voter.meter.count', { count: chosen.length });
  const byId = new Map(bids.map((b) => [b.id, b]));
  const chosenBids = chosen.flatMap((id) => byId.get(id) ?? []);
  const free =
    places !== undefined && places <= MAX_DRAWN_PLACES
      ? Math.max(0, places - chosenBids.length)
      : 0;
  const share = limit > 0 ? Math.min(1, total / limit) : 0;

  return (
    <section className={`${styles['tray']} sticky-top`} aria-label={t('voter.tray.title')}>
      <p role="status" className={styles['text']}>
        <span className={styles['money']}>
          {t('voter.meter.money', { total: money(total), limit: money(limit) })}
        </span>
        <span className={styles['count']}> {count}</span>
      </p>
      {m.kind === 'knapsack' && (
        <div className={styles['bar']} aria-hidden="true">
          <div className={styles['fill']} style={{ inlineSize: `${share * 100}%` }} />
        </div>
      )}
      {(chosenBids.length > 0 || free > 0) && (
        // eslint-disable-next-line jsx-a11y/no-redundant-roles -- Safari drops list semantics once bullets are styled away
        <ol className={styles['places']} role="list">
          {chosenBids.map((bid) => (
            <li key={bid.id} className={`${styles['place']} ${styles['filled']}`}>
              <BidPicture
                event={event}
                bid={bid}
                size="small"
                decorative
                className={styles['thumb']}
              />
              <Local className="visually-hidden" text={words.title(bid)} />
            </li>
          ))}
          {Array.from({ length: free }, (_, i) => (
            <li key={`free-${i}`} className={`${styles['place']} ${styles['free']}`}>
              <span className="visually-hidden">{t('voter.tray.empty')}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

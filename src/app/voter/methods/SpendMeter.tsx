/**
 * "£X of £Y chosen", where Y is every pot together: it helps voters see the scale of what they
 * pick, even when the ballot itself is not limited by money. Announced politely, so a
 * screen-reader user hears the new total after each tick without being interrupted.
 */
import { knapsackLimit } from '../../../core/ballot.ts';
import type { Bid, BidId, EventDefinition } from '../../../core/schema.ts';
import { useFormat, useT } from '../../i18n/react.tsx';

interface SpendMeterProps {
  event: EventDefinition;
  chosen: readonly BidId[];
  bids: readonly Bid[];
}

export function chosenTotal(chosen: readonly BidId[], bids: readonly Bid[]): number {
  const ids = new Set(chosen);
  return bids.reduce((sum, bid) => (ids.has(bid.id) ? sum + bid.amount : sum), 0);
}

export function SpendMeter({ event, chosen, bids }: SpendMeterProps) {
  const t = useT();
  const f = useFormat();
  const money = (minor: number) => f.money(minor, event.currency);
  const total = chosenTotal(chosen, bids);
  const limit = knapsackLimit(event);
  const share = limit > 0 ? Math.min(1, total / limit) : 0;
  const m = event.method;
  const count =
    m.kind === 'approval' && m.max !== null
      ? t('voter.meter.count-of', { count: f.number(chosen.length), max: m.max })
      : t('voter.meter.count', { count: chosen.length });
  return (
    <div className="meter">
      <p role="status" className="meter-text">
        <span className="meter-money">
          {t('voter.meter.money', { total: money(total), limit: money(limit) })}
        </span>
        <span className="meter-count"> {count}</span>
      </p>
      <div className="meter-bar" aria-hidden="true">
        <div className="meter-fill" style={{ inlineSize: `${share * 100}%` }} />
      </div>
    </div>
  );
}

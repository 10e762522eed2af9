/**
 * The volunteer area's way in to paper ballots: how many this station has cast, whether a pile is
 * waiting to be finished, and "Enter paper ballots" (PaperArea.tsx).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useStore } from 'zustand';
import type { EventDefinition } from '../../../core/schema.ts';
import { countPaperBallots, openPiles } from '../../../db/paper-repo.ts';
import { isStationClosed } from '../../../db/station-closed.ts';
import { useFormat, useT } from '../../i18n/react.tsx';
import { useServices } from '../../shared/services.tsx';
import { paperStore } from './paper-store.ts';

export { PaperArea } from './PaperArea.tsx';

export function usePaperOpen(): boolean {
  return useStore(paperStore, (s) => s.open);
}

export function PaperSection({ event }: { event: EventDefinition }) {
  const t = useT();
  const f = useFormat();
  const { db } = useServices();
  const count = useLiveQuery(() => countPaperBallots(db, event.id), [db, event.id]);
  const piles = useLiveQuery(() => openPiles(db, event.id), [db, event.id]);
  const closed = useLiveQuery(() => isStationClosed(db, event.id), [db, event.id]);
  return (
    <section aria-labelledby="paper-heading">
      <h2 id="paper-heading">{t('station.paper.heading')}</h2>
      <p data-testid="paper-count">
        {t('station.paper.count', { count: count === undefined ? '…' : f.number(count) })}
      </p>
      {piles !== undefined && piles.length > 0 && (
        <p className="notice">
          {t('station.paper.piles.waiting', { count: f.number(piles.length) })}
        </p>
      )}
      {closed === true ? (
        <p className="notice">{t('station.paper.closed')}</p>
      ) : (
        <button
          type="button"
          className="button primary"
          onClick={() => paperStore.getState().setOpen(true)}
        >
          {t('station.paper.open')}
        </button>
      )}
    </section>
  );
}

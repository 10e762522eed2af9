/**
 * The volunteer area's part for a lead station that carries other stations' ballots (a courier,
 * docs/camera-transfer.md "Carrying"): how many it carries and what happens to them next, and
 * "Receive ballots from another station", which opens the camera screen (a lazy chunk of its
 * own: the camera and the transfer code load only when a volunteer asks for them).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense } from 'react';
import { useStore } from 'zustand';
import type { EventDefinition } from '../../../core/schema.ts';
import { listCarried, summariseCarried } from '../../../db/carried-repo.ts';
import { withCameraWords } from '../../i18n/camera-part.ts';
import { useFormat, useT } from '../../i18n/react.tsx';
import { useServices } from '../../shared/services.tsx';
import { ChunkBoundary } from '../ChunkBoundary.tsx';
import { CarriedByCamera } from './CarriedByCamera.tsx';
import { courierStore } from './courier-store.ts';

const CourierScreen = lazy(() => withCameraWords(import('./CourierScreen.tsx')));

export function useCourierOpen(): boolean {
  return useStore(courierStore, (s) => s.open);
}

export function CourierSection({ event }: { event: EventDefinition }) {
  const t = useT();
  const f = useFormat();
  const { db } = useServices();
  const rows = useLiveQuery(() => listCarried(db, event.id), [db, event.id]);
  const summary = rows === undefined ? undefined : summariseCarried(rows);
  return (
    <section aria-labelledby="courier-heading">
      <h2 id="courier-heading">{t('station.courier.heading')}</h2>
      <p>{t('station.courier.explain')}</p>
      {summary !== undefined && summary.transfers > 0 && (
        <>
          <p data-testid="carried-summary">
            {t('station.courier.carrying', {
              ballots: f.number(summary.ballots),
              transfers: f.number(summary.transfers),
            })}
          </p>
          <p>{t('station.courier.next')}</p>
          {rows
            ?.filter((row) => row.state === 'waiting')
            .map((row) => (
              <CarriedByCamera key={row.transferId} row={row} />
            ))}
        </>
      )}
      {summary !== undefined && summary.refused > 0 && (
        <p className="notice">
          {t('station.courier.refused', { count: f.number(summary.refused) })}
        </p>
      )}
      <button
        type="button"
        className="button primary"
        onClick={() => courierStore.getState().setOpen(true)}
      >
        {t('station.courier.open')}
      </button>
    </section>
  );
}

export function CourierArea({ event }: { event: EventDefinition }) {
  const t = useT();
  return (
    <ChunkBoundary>
      <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
        <CourierScreen event={event} />
      </Suspense>
    </ChunkBoundary>
  );
}

/**
 * The registration desk's place in the volunteer area: a section with "Open the registration
 * desk" for an event that has a desk (`checkIn.desk`), and the desk screen itself once opened.
 * The desk screen is a lazy chunk of its own: stations that are not desks never load it.
 */
import { lazy, Suspense } from 'react';
import { useStore } from 'zustand';
import type { EventDefinition } from '../../../core/schema.ts';
import { useT } from '../../i18n/react.tsx';
import { ChunkBoundary } from '../ChunkBoundary.tsx';
import { deskStore } from './desk-store.ts';

const DeskScreen = lazy(() => import('./DeskScreen.tsx'));

/** True while the desk is open on this tablet and the event has one. */
export function useDeskOpen(event: EventDefinition): boolean {
  const open = useStore(deskStore, (s) => s.open);
  return open && event.checkIn?.desk !== undefined;
}

export function DeskSection({ event }: { event: EventDefinition }) {
  const t = useT();
  if (event.checkIn?.desk === undefined) return null;
  return (
    <section aria-labelledby="desk-heading">
      <h2 id="desk-heading">{t('station.desk.heading')}</h2>
      <p>{t('station.desk.explain')}</p>
      <button
        type="button"
        className="button primary"
        onClick={() => deskStore.getState().setOpen(true)}
      >
        {t('station.desk.open')}
      </button>
    </section>
  );
}

export function DeskArea({ event }: { event: EventDefinition }) {
  const t = useT();
  return (
    <ChunkBoundary>
      <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
        <DeskScreen event={event} />
      </Suspense>
    </ChunkBoundary>
  );
}

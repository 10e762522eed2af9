/**
 * The volunteer's sync section: join an event, see what is waiting, sync now, export a file.
 * Its content is a lazy chunk: the join and sync code (and zod, which checks the server's
 * answers) load only when a volunteer opens this area, never on the voter's first screen.
 */
import { lazy, Suspense } from 'react';
import type { EventDefinition } from '../../core/schema.ts';
import type { Station } from '../../db/station-repo.ts';
import { useT } from '../i18n/react.tsx';

const SyncPanelContent = lazy(() => import('./SyncPanelContent.tsx'));

interface SyncPanelProps {
  station: Station;
  event: EventDefinition;
}

export function SyncPanel({ station, event }: SyncPanelProps) {
  const t = useT();
  return (
    <section aria-labelledby="sync-heading">
      <h2 id="sync-heading">{t('station.sync.heading')}</h2>
      <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
        <SyncPanelContent station={station} event={event} />
      </Suspense>
    </section>
  );
}

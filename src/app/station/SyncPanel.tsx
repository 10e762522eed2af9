/**
 * The volunteer's sync section: join an event, see what is waiting, sync now, export a file. Part
 * of the volunteer area's lazy chunk (volunteer-screens.ts), so the join and sync code (and zod,
 * which checks the server's answers) load only when a volunteer opens the area, never on the
 * voter's first screen. Not a lazy chunk of its own: a second level of lazy loading makes the
 * bundler split the code it shares with the first screen into an extra chunk the voter would load.
 */
import type { EventDefinition } from '../../core/schema.ts';
import type { Station } from '../../db/station-repo.ts';
import { useT } from '../i18n/react.tsx';
import SyncPanelContent from './SyncPanelContent.tsx';

interface SyncPanelProps {
  station: Station;
  event: EventDefinition;
}

export function SyncPanel({ station, event }: SyncPanelProps) {
  const t = useT();
  return (
    <section aria-labelledby="sync-heading">
      <h2 id="sync-heading">{t('station.sync.heading')}</h2>
      <SyncPanelContent station={station} event={event} />
    </section>
  );
}

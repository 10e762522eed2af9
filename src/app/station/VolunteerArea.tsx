/**
 * The volunteer area, reached only through the PIN. Unlocked state lives in memory only (the
 * session store): a reload, the lock button, or two minutes untouched all return to the voters.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useStore } from 'zustand';
import type { EventDefinition } from '../../core/schema.ts';
import { countBallots } from '../../db/ballot-repo.ts';
import type { Station } from '../../db/station-repo.ts';
import { IdleTimeout } from '../shared/IdleTimeout.tsx';
import { useServices } from '../shared/services.tsx';
import { Screen } from '../shared/Screen.tsx';
import { useSession } from '../shared/session-context.ts';
import { updateStore } from '../shared/update-store.ts';
import { DemoReset } from './DemoReset.tsx';
import { StorageStatus, usePersistence } from './StorageStatus.tsx';
import { SyncPanel } from './SyncPanel.tsx';

interface VolunteerAreaProps {
  station: Station;
  event: EventDefinition;
}

export function VolunteerArea({ station, event }: VolunteerAreaProps) {
  const { db, storage, timings } = useServices();
  const lock = useSession((s) => s.lockVolunteer);
  const ballots = useLiveQuery(() => countBallots(db, event.id), [db, event.id]);
  const persistence = usePersistence(storage, false);
  const update = useStore(updateStore);

  return (
    <Screen title="Volunteer area" className="volunteer">
      <div className="actions">
        <button type="button" className="button primary" onClick={lock}>
          Lock and go back to voting
        </button>
      </div>

      <section aria-labelledby="station-heading">
        <h2 id="station-heading">This station</h2>
        <dl className="facts">
          <dt>Station name</dt>
          <dd>{station.name}</dd>
          <dt>Event</dt>
          <dd>{event.name}</dd>
          <dt>Ballots cast here</dt>
          <dd data-testid="ballot-count">{ballots ?? '…'}</dd>
        </dl>
      </section>

      <section aria-labelledby="storage-heading">
        <h2 id="storage-heading">Storage</h2>
        <StorageStatus state={persistence.state} onAskAgain={persistence.askAgain} />
      </section>

      <SyncPanel station={station} event={event} />

      <section aria-labelledby="update-heading">
        <h2 id="update-heading">App update</h2>
        {update.ready ? (
          <>
            <p>An update is ready. Install it between voters: the screen reloads.</p>
            <button type="button" className="button primary" onClick={() => void update.install()}>
              Install the update
            </button>
          </>
        ) : (
          <p>No update is waiting.</p>
        )}
      </section>

      <section aria-labelledby="demo-heading">
        <h2 id="demo-heading">Demo</h2>
        <DemoReset eventId={event.id} ballots={ballots} />
      </section>

      <IdleTimeout
        active
        idleMs={timings.volunteerIdleMs}
        onTimeout={lock}
        consequence="the volunteer area will lock"
      />
    </Screen>
  );
}

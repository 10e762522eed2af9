/**
 * The sync section's content (loaded lazily by SyncPanel): the status line and "Sync now" once the
 * station has joined an event, the join form before that (or when the server asks for a new join),
 * ballots the server refused, and the file export for days without a network.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState, useSyncExternalStore } from 'react';
import type { EventDefinition } from '../../core/schema.ts';
import type { StationDatabase, SyncRow } from '../../db/database.ts';
import type { Station } from '../../db/station-repo.ts';
import { countWaiting, getSyncSettings, listRejected } from '../../db/sync-repo.ts';
import { browserJoinDeps, stationSyncEngine } from '../../sync/browser.ts';
import type { SyncSnapshot } from '../../sync/engine.ts';
import { NEEDS_REJOIN } from '../../sync/problems.ts';
import { joinEvent, type Joined } from '../../sync/join.ts';
import { activityLine, statusLine } from '../../sync/status.ts';
import { useServices } from '../shared/services.tsx';
import { JoinEventForm } from './JoinEventForm.tsx';
import { SyncExport } from './SyncExport.tsx';
import { downloadFile, fileSharer } from './SyncFiles.ts';
import { useProvidedSyncServices, type SyncServices } from './SyncServices.ts';

function browserSyncServices(db: StationDatabase): SyncServices {
  return {
    engine: stationSyncEngine(db),
    join: (form) => joinEvent(browserJoinDeps(db), { ...form, pageOrigin: window.location.origin }),
    saveFile: downloadFile,
    shareFile: fileSharer(),
  };
}

interface Props {
  station: Station;
  event: EventDefinition;
}

export default function SyncPanelContent({ event }: Props) {
  const { db } = useServices();
  const provided = useProvidedSyncServices();
  const services = useMemo(() => provided ?? browserSyncServices(db), [provided, db]);
  const snapshot = useSyncExternalStore(services.engine.subscribe, services.engine.getSnapshot);
  // Wrapped so "not joined" (undefined row) differs from "still loading".
  const loaded = useLiveQuery(async () => ({ row: await getSyncSettings(db) }), [db]);
  const [joinAnother, setJoinAnother] = useState(false);
  const [joinedNotice, setJoinedNotice] = useState<string>();

  if (!loaded) return <p className="loading">Loading…</p>;
  const row = loaded.row;
  const showForm = !row || row.needsRejoin || joinAnother;

  const onJoined = (joined: Joined, previousName: string) => {
    setJoinAnother(false);
    setJoinedNotice(
      joined.switchedEvent
        ? `Joined ${joined.event.name}. This station now shows its bids. Ballots cast for ${previousName} stay on this tablet: export them below.`
        : `Joined ${joined.event.name}.`,
    );
    void services.engine.syncNow();
  };

  return (
    <>
      {joinedNotice && <p role="status">{joinedNotice}</p>}
      {row && !row.needsRejoin && (
        <SyncStatus
          row={row}
          snapshot={snapshot}
          eventName={row.eventId === event.id ? event.name : row.eventId}
          onSyncNow={() => void services.engine.syncNow()}
          timeZone={services.timeZone}
        />
      )}
      {showForm ? (
        <JoinEventForm
          join={services.join}
          rejoinReason={row?.needsRejoin ? NEEDS_REJOIN.message : undefined}
          initialJoinCode={new URLSearchParams(window.location.search).get('join') ?? ''}
          initialServer={row?.serverUrl === window.location.origin ? '' : (row?.serverUrl ?? '')}
          onJoined={(joined) => onJoined(joined, event.name)}
          onCancel={row && !row.needsRejoin ? () => setJoinAnother(false) : undefined}
        />
      ) : (
        <div className="actions">
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setJoinedNotice(undefined);
              setJoinAnother(true);
            }}
          >
            Join another event…
          </button>
        </div>
      )}
      {row && <RejectedBallots eventId={row.eventId} />}
      <SyncExport services={services} />
    </>
  );
}

interface SyncStatusProps {
  row: SyncRow;
  snapshot: SyncSnapshot;
  eventName: string;
  onSyncNow: () => void;
  timeZone: string | undefined;
}

function SyncStatus({ row, snapshot, eventName, onSyncNow, timeZone }: SyncStatusProps) {
  const { db } = useServices();
  const counts = useLiveQuery(
    async () => ({
      waiting: await countWaiting(db, row.eventId),
      rejected: (await listRejected(db, row.eventId)).length,
    }),
    [db, row.eventId],
  );
  const { activity, problem, nextAttemptAt } = snapshot;
  const progress = activityLine(activity);
  const clock = (ms: number) =>
    new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone }).format(ms);
  return (
    <>
      <p>
        Joined <strong>{eventName}</strong> on {new URL(row.serverUrl).host}.
      </p>
      <div role="status" aria-label="Sync status">
        <p>
          {counts
            ? statusLine({ ...counts, lastSyncedAt: row.lastSyncedAt, timeZone })
            : 'Counting…'}
        </p>
        {progress && <p>{progress}</p>}
      </div>
      {activity.kind === 'sending' && activity.total > 0 && (
        <progress aria-label="Sync progress" max={activity.total} value={activity.done} />
      )}
      {problem && problem.code !== 'needs-rejoin' && (
        <div role="alert" className="notice">
          <p>{problem.message}</p>
          {nextAttemptAt !== null && activity.kind === 'idle' && (
            <p>Next try at {clock(nextAttemptAt)}.</p>
          )}
        </div>
      )}
      <div className="actions">
        <button
          type="button"
          className="button primary"
          onClick={onSyncNow}
          disabled={activity.kind !== 'idle'}
        >
          Sync now
        </button>
      </div>
    </>
  );
}

function RejectedBallots({ eventId }: { eventId: string }) {
  const { db } = useServices();
  const rejected = useLiveQuery(() => listRejected(db, eventId), [db, eventId]);
  if (!rejected || rejected.length === 0) return null;
  return (
    <section aria-labelledby="rejected-heading">
      <h3 id="rejected-heading">Ballots the tally server refused</h3>
      <p>
        These stay on this tablet and are not sent again. Tell the organiser: they can see the same
        reasons on their screen.
      </p>
      <ul>
        {rejected.map((row) => (
          <li key={row.ballotId}>{row.rejection?.message ?? 'No reason given.'}</li>
        ))}
      </ul>
    </section>
  );
}

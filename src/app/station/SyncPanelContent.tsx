/**
 * The sync section's content (in the volunteer area's lazy chunk): the status line and "Sync now"
 * once the station has joined an event, the join form before that (or when the server asks for a
 * new join), ballots the server refused, and the file export for days without a network.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { EventDefinition } from '../../core/schema.ts';
import type { StationDatabase, SyncRow } from '../../db/database.ts';
import type { Station } from '../../db/station-repo.ts';
import { countWaiting, getSyncSettings, listRejected } from '../../db/sync-repo.ts';
import { browserJoinDeps, stationSyncEngine } from '../../sync/browser.ts';
import type { SyncActivity, SyncSnapshot } from '../../sync/engine.ts';
import { NEEDS_REJOIN, STATION_REVOKED } from '../../sync/problems.ts';
import { joinEvent, type Joined } from '../../sync/join.ts';
import { useServices } from '../shared/services.tsx';
import { useFormat, useT, type Formatters, type Translate } from '../i18n/react.tsx';
import { BusyButton } from './BusyButton.tsx';
import { useEventName } from './event-name.tsx';
import { JoinEventForm } from './JoinEventForm.tsx';
import { useProblemText } from '../i18n/problems.ts';
import { SyncExport } from './SyncExport.tsx';
import { downloadFile, fileSharer } from './SyncFiles.ts';
import { useProvidedSyncServices, type SyncServices } from './SyncServices.ts';

function browserSyncServices(db: StationDatabase): SyncServices {
  return {
    engine: stationSyncEngine(db),
    join: (form, confirmSwitch) =>
      joinEvent(
        browserJoinDeps(db),
        { ...form, pageOrigin: window.location.origin },
        confirmSwitch,
      ),
    saveFile: downloadFile,
    shareFile: fileSharer(),
  };
}

interface Props {
  station: Station;
  event: EventDefinition;
}

/** Where the focus goes after the part of the panel that had it is replaced. */
type FocusTarget = 'notice' | 'join-another' | null;

export default function SyncPanelContent({ event }: Props) {
  const t = useT();
  const say = useProblemText();
  const { db } = useServices();
  const provided = useProvidedSyncServices();
  const services = useMemo(() => provided ?? browserSyncServices(db), [provided, db]);
  const snapshot = useSyncExternalStore(services.engine.subscribe, services.engine.getSnapshot);
  // Wrapped so "not joined" (undefined row) differs from "still loading".
  const loaded = useLiveQuery(async () => ({ row: await getSyncSettings(db) }), [db]);
  const [joinAnother, setJoinAnother] = useState(false);
  const [joinedNotice, setJoinedNotice] = useState<string>();
  const eventName = useEventName(event);
  const notice = useRef<HTMLParagraphElement>(null);
  const another = useRef<HTMLButtonElement>(null);
  const [focusTarget, setFocusTarget] = useState<FocusTarget>(null);
  useEffect(() => {
    if (focusTarget === 'notice') notice.current?.focus();
    if (focusTarget === 'join-another') another.current?.focus();
  }, [focusTarget, loaded]);

  if (!loaded) return <p className="loading">{t('app.loading')}</p>;
  const row = loaded.row;
  const showForm = !row || row.needsRejoin || joinAnother;

  const onJoined = (joined: Joined) => {
    setJoinAnother(false);
    setJoinedNotice(
      joined.switchedEvent
        ? t('station.sync.joined-switched', {
            event: joined.event.name,
            previous: eventName.text,
          })
        : t('station.sync.joined', { event: joined.event.name }),
    );
    // The form that had the focus is gone: the news of the join takes it.
    setFocusTarget('notice');
    void services.engine.syncNow();
  };

  return (
    <>
      {joinedNotice && (
        <p role="status" ref={notice} tabIndex={-1}>
          {joinedNotice}
        </p>
      )}
      {row && !row.needsRejoin && (
        <SyncStatus
          row={row}
          snapshot={snapshot}
          eventName={row.eventId === event.id ? eventName.text : row.eventId}
          onSyncNow={() => void services.engine.syncNow()}
          timeZone={services.timeZone}
        />
      )}
      {showForm ? (
        <JoinEventForm
          join={services.join}
          rejoinReason={
            row?.needsRejoin
              ? say('sync', row.revoked === true ? STATION_REVOKED : NEEDS_REJOIN)
              : undefined
          }
          rejoinTitle={row?.revoked === true ? t('station.join.removed-title') : undefined}
          initialJoinCode={new URLSearchParams(window.location.search).get('join') ?? ''}
          initialServer={row?.serverUrl === window.location.origin ? '' : (row?.serverUrl ?? '')}
          onJoined={onJoined}
          focusOnOpen={joinAnother}
          onCancel={
            row && !row.needsRejoin
              ? () => {
                  setJoinAnother(false);
                  setFocusTarget('join-another');
                }
              : undefined
          }
        />
      ) : (
        <div className="actions">
          <button
            ref={another}
            type="button"
            className="button secondary"
            onClick={() => {
              setJoinedNotice(undefined);
              setFocusTarget(null);
              setJoinAnother(true);
            }}
          >
            {t('station.sync.join-another')}
          </button>
        </div>
      )}
      {row && <RejectedBallots eventId={row.eventId} />}
      <SyncExport services={services} />
    </>
  );
}

/** "12 waiting to sync · 1 ballot refused · last synced 14:02", from the facts. */
function statusLine(
  t: Translate,
  clock: (ms: number) => string,
  facts: { waiting: number; rejected: number; lastSyncedAt: string | null },
): string {
  const parts = [
    facts.waiting === 0
      ? t('station.sync.nothing-waiting')
      : t('station.sync.waiting', { count: facts.waiting }),
  ];
  if (facts.rejected > 0) parts.push(t('station.sync.refused-count', { count: facts.rejected }));
  parts.push(
    facts.lastSyncedAt === null
      ? t('station.sync.not-synced')
      : t('station.sync.last-synced', { time: clock(Date.parse(facts.lastSyncedAt)) }),
  );
  return parts.join(' · ');
}

function activityLine(t: Translate, f: Formatters, activity: SyncActivity): string | null {
  switch (activity.kind) {
    case 'idle':
      return null;
    case 'checking':
      return t('station.sync.checking');
    case 'sending':
      return activity.sending === 0
        ? t('station.sync.announcing')
        : t('station.sync.sending', {
            done: f.number(activity.done + activity.sending),
            total: f.number(activity.total),
          });
  }
}

interface SyncStatusProps {
  row: SyncRow;
  snapshot: SyncSnapshot;
  eventName: string;
  onSyncNow: () => void;
  timeZone: string | undefined;
}

function SyncStatus({ row, snapshot, eventName, onSyncNow, timeZone }: SyncStatusProps) {
  const t = useT();
  const say = useProblemText();
  const f = useFormat();
  const { db } = useServices();
  const counts = useLiveQuery(
    async () => ({
      waiting: await countWaiting(db, row.eventId),
      rejected: (await listRejected(db, row.eventId)).length,
    }),
    [db, row.eventId],
  );
  const clock = useMemo(() => {
    const format = new Intl.DateTimeFormat(f.locale, { timeStyle: 'short', timeZone });
    return (ms: number) => format.format(ms);
  }, [f.locale, timeZone]);
  const { activity, problem, nextAttemptAt } = snapshot;
  const progress = activityLine(t, f, activity);
  return (
    <>
      <p>
        {t('station.sync.joined-on', { event: eventName, server: new URL(row.serverUrl).host })}
      </p>
      <div role="status" aria-label={t('station.sync.status-label')}>
        <p>
          {counts
            ? statusLine(t, clock, { ...counts, lastSyncedAt: row.lastSyncedAt })
            : t('station.sync.counting')}
        </p>
        {progress && <p>{progress}</p>}
      </div>
      {activity.kind === 'sending' && activity.total > 0 && (
        <progress
          aria-label={t('station.sync.progress-label')}
          max={activity.total}
          value={activity.done}
        />
      )}
      {problem && problem.code !== 'needs-rejoin' && problem.code !== 'station-revoked' && (
        <div role="alert" className="notice">
          <p>{say('sync', problem)}</p>
          {nextAttemptAt !== null && activity.kind === 'idle' && (
            <p>{t('station.sync.next-try', { time: clock(nextAttemptAt) })}</p>
          )}
        </div>
      )}
      <div className="actions">
        <BusyButton
          type="button"
          className="button primary"
          onClick={onSyncNow}
          busy={activity.kind !== 'idle'}
        >
          {t('station.sync.now')}
        </BusyButton>
      </div>
    </>
  );
}

function RejectedBallots({ eventId }: { eventId: string }) {
  const t = useT();
  const say = useProblemText();
  const { db } = useServices();
  const rejected = useLiveQuery(() => listRejected(db, eventId), [db, eventId]);
  if (!rejected || rejected.length === 0) return null;
  return (
    <section aria-labelledby="rejected-heading">
      <h3 id="rejected-heading">{t('station.sync.rejected.heading')}</h3>
      <p>{t('station.sync.rejected.explain')}</p>
      <ul>
        {rejected.map((row) => (
          <li key={row.ballotId}>
            {row.rejection ? say('rejection', row.rejection) : t('station.sync.rejected.no-reason')}
          </li>
        ))}
      </ul>
    </section>
  );
}

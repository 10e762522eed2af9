/**
 * The voting station: set-up on first start, then the kiosk (voter flow, or the volunteer area
 * behind the PIN). The station ignores the URL's path and hash on purpose, so no address a voter
 * types can open the volunteer area; only the session store decides, and it starts locked.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isStationClosed } from '../../db/station-closed.ts';
import { ensureEventLoaded, getEvent } from '../../db/event-repo.ts';
import { getStation } from '../../db/station-repo.ts';
import { SessionProvider, useSession } from '../shared/session-context.ts';
import { createSessionStore } from '../shared/session-store.ts';
import { ServicesProvider, useServices, type StationServices } from '../shared/services.tsx';
import { VoterFlow } from '../voter/VoterFlow.tsx';
import { ChunkBoundary } from './ChunkBoundary.tsx';
import { SyncRunner } from './SyncRunner.tsx';
import { useKioskHistory } from './use-kiosk-history.ts';
import { voterTimings } from './voter-time.ts';
import { CatalogueProvider, useDocumentTitle, useT } from '../i18n/react.tsx';
import { VolunteerEntry } from './VolunteerEntry.tsx';
import styles from './station.module.css';

// Voters never open these: set-up runs once per tablet, the volunteer area is behind the PIN. As
// lazy chunks their code (and the sync panel's) stays out of the voter's first screen; the service
// worker precaches them, so they still open offline.
const loadScreens = () => import('./volunteer-screens.ts');
const SetUpScreen = lazy(() => loadScreens().then((m) => ({ default: m.SetUpScreen })));
const VolunteerArea = lazy(() => loadScreens().then((m) => ({ default: m.VolunteerArea })));

/** Starts fetching the volunteer area while the PIN is typed, so unlocking shows it at once. */
function preloadVolunteerArea(): void {
  loadScreens().catch((cause: unknown) =>
    console.error('The volunteer area could not be loaded', cause),
  );
}

export function StationApp({ services }: { services: StationServices }) {
  // One store per start of the app: nothing about a session survives a reload.
  const [session] = useState(createSessionStore);
  return (
    <CatalogueProvider>
      <ServicesProvider value={services}>
        <SessionProvider value={session}>
          <Station />
          <SyncRunner />
        </SessionProvider>
      </ServicesProvider>
    </CatalogueProvider>
  );
}

function Station() {
  const t = useT();
  const services = useServices();
  const { db } = services;
  const mode = useSession((s) => s.mode);
  const [firstEventId, setFirstEventId] = useState<string>();
  const [failed, setFailed] = useState(false);
  const [settingUp, setSettingUp] = useState(false);
  useKioskHistory();

  useEffect(() => {
    ensureEventLoaded(db).then(setFirstEventId, (cause: unknown) => {
      console.error('Could not open the station database', cause);
      setFailed(true);
    });
    // Pictures of an event loaded from a file, back in the service worker's cache if it was lost.
    import('./picture-cache.ts')
      .then((m) => m.fillPictureCache(db))
      .catch((cause: unknown) => console.error('Pictures not put in the picture cache', cause));
  }, [db]);

  // Wrapped in an object so "not set up" (station undefined) differs from "still loading".
  const loaded = useLiveQuery(async () => ({ station: await getStation(db) }), [db]);
  const station = loaded?.station;
  const eventId = station?.eventId ?? firstEventId;
  const event = useLiveQuery(
    async () => (eventId ? ((await getEvent(db, eventId)) ?? null) : undefined),
    [db, eventId],
  );
  // Where the event stands, as the station last heard (undefined: not heard, or still loading).
  const state = useLiveQuery(
    async () => (eventId ? (await db.eventStatus.get(eventId))?.state : undefined),
    [db, eventId],
  );
  // This station's closing sheet for the event: once closed, it offers no new ballots.
  const closed = useLiveQuery(
    async () => (eventId ? isStationClosed(db, eventId) : false),
    [db, eventId],
  );
  // The volunteer's time per voter, in the timings the voter's screens read.
  const voterTime = station?.voterTime ?? 'normal';
  const voterServices = useMemo(
    () => ({ ...services, timings: voterTimings(services.timings, voterTime) }),
    [services, voterTime],
  );

  if (failed) return <StorageFailed />;
  const loading = <p className="loading">{t('app.loading')}</p>;
  if (!loaded || !firstEventId || event === undefined) return loading;
  if (!station || settingUp) {
    return (
      <ChunkBoundary>
        <Suspense fallback={loading}>
          <SetUpScreen
            eventId={firstEventId}
            onSaved={() => setSettingUp(true)}
            onFinished={() => setSettingUp(false)}
          />
        </Suspense>
      </ChunkBoundary>
    );
  }
  if (event === null) throw new Error(`The station's event ${station.eventId} is missing.`);
  return mode === 'volunteer' ? (
    <ChunkBoundary>
      <Suspense fallback={loading}>
        <VolunteerArea station={station} event={event} />
      </Suspense>
    </ChunkBoundary>
  ) : state === 'closed' || state === 'final' || closed === true ? (
    // Voting has closed, or this station has: no new ballot is offered (those cast still sync).
    <VotingClosed
      eventName={event.name}
      station={closed === true && state !== 'closed' && state !== 'final'}
      volunteerEntry={<VolunteerEntry onOpen={preloadVolunteerArea} />}
    />
  ) : (
    <ServicesProvider value={voterServices}>
      {state === 'draft' && (
        <aside className={styles['rehearsal']} aria-label={t('station.rehearsal.label')}>
          <p>{t('station.rehearsal.banner')}</p>
        </aside>
      )}
      <VoterFlow event={event} volunteerEntry={<VolunteerEntry onOpen={preloadVolunteerArea} />} />
    </ServicesProvider>
  );
}

function VotingClosed({
  eventName,
  station,
  volunteerEntry,
}: {
  eventName: string;
  /** Only this station closed (its closing sheet), not the whole event. */
  station: boolean;
  volunteerEntry: ReactNode;
}) {
  const t = useT();
  const title = t(station ? 'station.closing.closed.title' : 'station.closed.title');
  useDocumentTitle(title);
  return (
    <main className="screen">
      <h1>{title}</h1>
      <p className="lead">
        {t(station ? 'station.closing.closed.body' : 'station.closed.body', { event: eventName })}
      </p>
      <footer className={styles['closedFooter']}>{volunteerEntry}</footer>
    </main>
  );
}

function StorageFailed() {
  const t = useT();
  const title = t('station.failed.title');
  useDocumentTitle(title);
  return (
    <main className="screen">
      <h1>{title}</h1>
      <p role="alert">{t('station.failed.body')}</p>
    </main>
  );
}

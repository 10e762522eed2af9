/**
 * The volunteer area, reached only through the PIN. Unlocked state lives in memory only (the
 * session store): a reload, the lock button, or two minutes untouched all return to the voters.
 * A lazy chunk: voters never open it, so its code is not part of their first screen.
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
import { useFormat, useT } from '../i18n/react.tsx';
import { CloseStation } from './CloseStation.tsx';
import { DemoReset } from './DemoReset.tsx';
import { useEventFacts } from './event-facts.ts';
import { withCodes } from './isolate.tsx';
import { LoadEventFile } from './LoadEventFile.tsx';
import { OfflineStatus } from './OfflineStatus.tsx';
import { StorageStatus, usePersistence } from './StorageStatus.tsx';
import { useEventName } from './event-name.tsx';
import { SyncPanel } from './SyncPanel.tsx';
import { VoterTimeSetting } from './VoterTimeSetting.tsx';
import { DeskArea, DeskSection, useDeskOpen } from './desk/DeskSection.tsx';
import { PaperArea, PaperSection, usePaperOpen } from './paper/PaperSection.tsx';
import { CourierArea, CourierSection, useCourierOpen } from './courier/CourierSection.tsx';
import styles from './station.module.css';

interface VolunteerAreaProps {
  station: Station;
  event: EventDefinition;
}

export default function VolunteerArea({ station, event }: VolunteerAreaProps) {
  const t = useT();
  const f = useFormat();
  const { db, storage, timings } = useServices();
  const lock = useSession((s) => s.lockVolunteer);
  const ballots = useLiveQuery(() => countBallots(db, event.id), [db, event.id]);
  const persistence = usePersistence(storage, false);
  const update = useStore(updateStore);
  const eventName = useEventName(event);
  const facts = useEventFacts(db, event);
  const state = facts?.status?.state ?? null;
  const cleared = facts?.status?.rehearsalsCleared ?? 0;
  const title = t('station.area.title');
  // A registration desk, once opened, is what this tablet shows behind the PIN (docs/check-in.md).
  const paperOpen = usePaperOpen();
  const deskOpen = useDeskOpen(event);
  const courierOpen = useCourierOpen();
  if (deskOpen) return <DeskArea event={event} />;
  // Paper-ballot entry, once opened, is the volunteer's screen until they go back (paper/).
  if (paperOpen) return <PaperArea event={event} />;
  // Receiving another station's ballots by camera (a courier), until the volunteer goes back.
  if (courierOpen) return <CourierArea event={event} />;

  return (
    <Screen title={title} className={styles['area']}>
      <div className="actions">
        <button type="button" className="button primary" onClick={lock}>
          {t('station.area.lock')}
        </button>
      </div>

      <section aria-labelledby="station-heading">
        <h2 id="station-heading">{t('station.area.station.heading')}</h2>
        <dl className={styles['facts']}>
          <dt>{t('station.area.station.name')}</dt>
          <dd>{station.name}</dd>
          <dt>{t('station.area.station.event')}</dt>
          <dd lang={eventName.lang}>{eventName.text}</dd>
          <dt>{t('station.area.station.ballots')}</dt>
          <dd data-testid="ballot-count">{ballots === undefined ? '…' : f.number(ballots)}</dd>
          <dt>{t('station.event.fingerprint')}</dt>
          <dd>
            <bdi dir="ltr" data-testid="fingerprint" className={styles['fingerprint']}>
              {facts?.fingerprint ?? '…'}
            </bdi>
          </dd>
          <dt>{t('station.event.state')}</dt>
          <dd>{t(`station.event.state.${state ?? 'unknown'}`)}</dd>
        </dl>
        <p>
          {withCodes(
            t,
            'station.event.fingerprint-explain',
            {},
            { fingerprint: facts?.fingerprint ?? '…' },
            styles['fingerprint'],
          )}
        </p>
        {cleared > 0 && (
          <p className="notice">{t('station.event.rehearsals-cleared', { count: cleared })}</p>
        )}
      </section>

      <DeskSection event={event} />

      <PaperSection event={event} />

      <VoterTimeSetting current={station.voterTime} />

      <section aria-labelledby="offline-heading">
        <h2 id="offline-heading">{t('station.area.offline.heading')}</h2>
        <OfflineStatus />
      </section>

      <section aria-labelledby="storage-heading">
        <h2 id="storage-heading">{t('station.area.storage.heading')}</h2>
        <StorageStatus state={persistence.state} onAskAgain={persistence.askAgain} />
      </section>

      <SyncPanel station={station} event={event} />

      <CourierSection event={event} />

      <CloseStation station={station} event={event} />

      <LoadEventFile />

      <section aria-labelledby="update-heading">
        <h2 id="update-heading">{t('station.area.update.heading')}</h2>
        {update.ready ? (
          <>
            <p>{t('station.area.update.ready')}</p>
            <button type="button" className="button primary" onClick={() => void update.install()}>
              {t('station.area.update.install')}
            </button>
          </>
        ) : (
          <p>{t('station.area.update.none')}</p>
        )}
      </section>

      <section aria-labelledby="demo-heading">
        <h2 id="demo-heading">{t('station.area.demo.heading')}</h2>
        <DemoReset eventId={event.id} ballots={ballots} />
      </section>

      <IdleTimeout
        active
        idleMs={timings.volunteerIdleMs}
        onTimeout={lock}
        consequence={t('station.area.idle-consequence')}
      />
    </Screen>
  );
}

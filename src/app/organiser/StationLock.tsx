/**
 * On a tablet set up as a voting station, /organiser says so (issue 11) instead of showing the
 * organiser's sign-in, so a voter who finds the address reaches nothing there. A volunteer may
 * open it with the volunteer PIN: the station's own check, with its lockout after wrong PINs
 * (db/station-repo.ts checkPin). Opened until this page is left or reloaded. A device that is no
 * station (the organiser's laptop) sees the organiser's area straight away.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { StationDatabase } from '../../db/database.ts';
import { getStation } from '../../db/station-repo.ts';
import { useT } from '../i18n/react.tsx';
import { Screen } from '../shared/Screen.tsx';
import { DEFAULT_TIMINGS, ServicesProvider, type StationServices } from '../shared/services.tsx';
import { PinDialog } from '../station/PinDialog.tsx';
import styles from './StationLock.module.css';

interface StationLockProps {
  /** This device's station database; the browser's own by default. */
  db?: StationDatabase | undefined;
  children: ReactNode;
}

export function StationLock({ db: given, children }: StationLockProps) {
  const [db] = useState(() => given ?? new StationDatabase());
  const [state, setState] = useState<'checking' | 'station' | 'open'>('checking');
  useEffect(() => {
    let live = true;
    getStation(db).then(
      (station) => live && setState(station ? 'station' : 'open'),
      // No station database to read (storage refused): this device cannot be a voting station.
      () => live && setState('open'),
    );
    return () => {
      live = false;
    };
  }, [db]);
  if (state === 'open') return children;
  if (state === 'checking') return null;
  return <StationNotice db={db} onUnlocked={() => setState('open')} />;
}

function StationNotice({ db, onUnlocked }: { db: StationDatabase; onUnlocked: () => void }) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const services = useMemo<StationServices>(
    () => ({ db, now: () => new Date(), storage: undefined, timings: DEFAULT_TIMINGS }),
    [db],
  );
  return (
    <ServicesProvider value={services}>
      <Screen title={t('station.organiser-lock.title')} className={styles['lock']}>
        <p className="lead">{t('station.organiser-lock.lead')}</p>
        <p>{t('station.organiser-lock.volunteer')}</p>
        <div className="actions">
          <a className="button primary" href={import.meta.env.BASE_URL}>
            {t('station.organiser-lock.back')}
          </a>
          <button type="button" className="button secondary" onClick={() => setAsking(true)}>
            {t('station.organiser-lock.unlock')}
          </button>
        </div>
        {asking && (
          <PinDialog
            title={t('station.organiser-lock.pin-title')}
            confirm={t('station.organiser-lock.pin-confirm')}
            onRight={() => {
              onUnlocked();
              return undefined;
            }}
            failed={t('station.organiser-lock.failed')}
            logAs="Opening the organiser's area on a station failed"
            onClose={() => setAsking(false)}
          />
        )}
      </Screen>
    </ServicesProvider>
  );
}

/**
 * "Receive ballots by camera", on the import screen beside the file: for a station with no network
 * and no way to save a file. The camera part (the code reader, the transfer decoder) is a lazy
 * chunk, loaded when the organiser opens the camera; closing the section turns the camera off.
 */
import { lazy, Suspense, useId, useState } from 'react';
import { Button, ui } from '../components/ui.tsx';
import { withCameraWords } from '../../i18n/camera-part.ts';
import { useT } from '../../i18n/react.tsx';
import styles from './ReceiveByCamera.module.css';

const ReceiveByCamera = lazy(() =>
  withCameraWords(import('./ReceiveByCamera.tsx')).then((m) => ({
    default: m.ReceiveByCamera,
  })),
);

export function ReceiveSection() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const headingId = useId();
  return (
    <section className={styles['section']} aria-labelledby={headingId}>
      <h2 id={headingId}>{t('organiser.receive.title')}</h2>
      <p>{t('organiser.receive.intro')}</p>
      <div className={ui.actions}>
        <Button primary={!open} onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? t('organiser.receive.close') : t('organiser.receive.open')}
        </Button>
      </div>
      {open && (
        <Suspense fallback={<p role="status">{t('organiser.receive.starting')}</p>}>
          <ReceiveByCamera />
        </Suspense>
      )}
    </section>
  );
}

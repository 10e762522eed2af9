/**
 * Export for days without a network: one file per event with ballots on this tablet (the demo's
 * included, so joining a real event never strands them). The organiser imports the file; doing so
 * twice, or after the same ballots synced, adds nothing twice.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useState } from 'react';
import { markExported } from '../../db/event-status.ts';
import { eventsOnStation, type EventOnStation } from '../../db/sync-repo.ts';
import { exportStationBallots, type StationExport } from '../../sync/export.ts';
import { SaveOutcome } from '../shared/SaveOutcome.tsx';
import { useServices } from '../shared/services.tsx';
import { useFileSave } from '../shared/use-file-save.ts';
import { withCameraWords } from '../i18n/camera-part.ts';
import { useT } from '../i18n/react.tsx';
import { BusyButton } from './BusyButton.tsx';
import { EqualitiesExport } from './EqualitiesExport.tsx';
import { CarriedExport } from './courier/CarriedExport.tsx';
import { useProblemText } from '../i18n/problems.ts';
import type { SyncServices } from './SyncServices.ts';

/** The camera route beside the file (issue 13): its own chunk, with bc-ur, qrcode and its words. */
const SendByCamera = lazy(() => withCameraWords(import('./camera/SendByCamera.tsx')));

export function SyncExport({ services }: { services: SyncServices }) {
  const t = useT();
  const { db } = useServices();
  const events = useLiveQuery(() => eventsOnStation(db), [db]);
  const withBallots = (events ?? []).filter((e) => e.ballots > 0);
  return (
    <section aria-labelledby="export-heading">
      <h3 id="export-heading">{t('station.export.heading')}</h3>
      {withBallots.length === 0 ? (
        <p>{t('station.export.none')}</p>
      ) : (
        <>
          <p>{t('station.export.explain')}</p>
          {withBallots.map((event) => (
            <ExportOne key={event.id} event={event} services={services} />
          ))}
        </>
      )}
      {/* Equalities answers: a file of their own, never inside the ballots' file. */}
      <EqualitiesExport services={services} />
      {/* Other stations' ballots this tablet carries: each transfer its own file, as received. */}
      <CarriedExport services={services} />
    </section>
  );
}

type Done = 'station.export.saved' | 'station.export.shared';

function ExportOne({ event, services }: { event: EventOnStation; services: SyncServices }) {
  const t = useT();
  const say = useProblemText();
  const { db, now } = useServices();
  const { said, busy, save } = useFileSave();

  const run = (how: (file: StationExport) => Promise<void>, done: Done) =>
    save(
      async () => {
        const file = await exportStationBallots(db, event.id, now());
        if (!file.ok) return { text: say('export', file.error), failed: true };
        await how(file.value);
        // Saved (or handed over): these ballots no longer hold back switching to another event.
        await markExported(db, file.value.ballotIds ?? [], now());
        return {
          text: t(done, { file: file.value.filename, count: file.value.ballots }),
          failed: false,
        };
      },
      {
        working: t('station.export.working'),
        failed: t('station.export.failed'),
        log: 'Export failed',
      },
    );

  const share = services.shareFile;
  const [camera, setCamera] = useState(false);
  return (
    <div>
      <p>{t('station.export.event', { event: event.name, count: event.ballots })}</p>
      <div className="actions">
        <BusyButton
          type="button"
          className="button secondary"
          busy={busy}
          onClick={() => void run(services.saveFile, 'station.export.saved')}
        >
          {t('station.export.save', { event: event.name, count: event.ballots })}
        </BusyButton>
        {share && (
          <BusyButton
            type="button"
            className="button secondary"
            busy={busy}
            onClick={() => void run(share, 'station.export.shared')}
          >
            {t('station.export.share', { event: event.name })}
          </BusyButton>
        )}
        <button
          type="button"
          className="button secondary"
          aria-expanded={camera}
          onClick={() => setCamera((open) => !open)}
        >
          {t('station.camera.open', { event: event.name })}
        </button>
      </div>
      {camera && (
        <Suspense fallback={<p role="status">{t('station.camera.preparing')}</p>}>
          <SendByCamera event={event} />
        </Suspense>
      )}
      <SaveOutcome said={said} busy={busy} />
    </div>
  );
}

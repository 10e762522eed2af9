/**
 * With no network: each event's unsent equalities answers saved as a file of their own
 * (sync/equalities-export.ts), never inside the ballots' tally file. The organiser imports it on
 * the Equalities screen; the answers stay on the tablet until the tally server holds them, and a
 * file saved twice, or answers synced later, are stored once.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { countEqualities } from '../../db/equalities-repo.ts';
import { exportEqualities } from '../../sync/equalities-export.ts';
import type { StationExport } from '../../sync/export.ts';
import { SaveOutcome } from '../shared/SaveOutcome.tsx';
import { useServices } from '../shared/services.tsx';
import { useFileSave } from '../shared/use-file-save.ts';
import { useT } from '../i18n/react.tsx';
import { BusyButton } from './BusyButton.tsx';
import type { SyncServices } from './SyncServices.ts';

interface Waiting {
  id: string;
  name: string;
  answers: number;
}

export function EqualitiesExport({ services }: { services: SyncServices }) {
  const { db } = useServices();
  const waiting = useLiveQuery(async () => {
    const events = await db.events.toArray();
    const counted = await Promise.all(
      events.map(async (e) => ({
        id: e.id,
        name: e.name,
        answers: await countEqualities(db, e.id),
      })),
    );
    return counted.filter((e) => e.answers > 0);
  }, [db]);
  if (!waiting || waiting.length === 0) return null;
  return (
    <>
      {waiting.map((event) => (
        <ExportOne key={event.id} event={event} services={services} />
      ))}
    </>
  );
}

type Done = 'station.equalities-file.saved' | 'station.equalities-file.shared';

function ExportOne({ event, services }: { event: Waiting; services: SyncServices }) {
  const t = useT();
  const { db, now } = useServices();
  const { said, busy, save } = useFileSave();

  const run = (how: (file: StationExport) => Promise<void>, done: Done) =>
    save(
      async () => {
        const file = await exportEqualities(db, event.id, now());
        if (!file.ok) return { text: t('station.equalities-file.none'), failed: true };
        // The ballots' saving and sharing, with a file that holds no ballot.
        await how({ filename: file.value.filename, text: file.value.text, ballots: 0 });
        return {
          text: t(done, { file: file.value.filename, count: file.value.answers }),
          failed: false,
        };
      },
      {
        failed: t('station.equalities-file.failed'),
        log: 'Equalities answers not saved to a file',
      },
    );

  const share = services.shareFile;
  return (
    <div>
      <p>{t('station.equalities-file.event', { event: event.name, count: event.answers })}</p>
      <div className="actions">
        <BusyButton
          type="button"
          className="button secondary"
          busy={busy}
          onClick={() => void run(services.saveFile, 'station.equalities-file.saved')}
        >
          {t('station.equalities-file.save', { event: event.name })}
        </BusyButton>
        {share && (
          <BusyButton
            type="button"
            className="button secondary"
            busy={busy}
            onClick={() => void run(share, 'station.equalities-file.shared')}
          >
            {t('station.equalities-file.share', { event: event.name })}
          </BusyButton>
        )}
      </div>
      <SaveOutcome said={said} busy={busy} />
    </div>
  );
}

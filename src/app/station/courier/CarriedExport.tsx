/**
 * With no network: the other stations' ballots this tablet carries, each transfer saved as its
 * own file, exactly as received (sync/carried-export.ts), beside this station's own file. They
 * stay on the tablet until the tally server has them.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { listCarried, markCarriedSaved, summariseCarried } from '../../../db/carried-repo.ts';
import { carriedFile } from '../../../sync/carried-export.ts';
import { useFormat, useT } from '../../i18n/react.tsx';
import { SaveOutcome } from '../../shared/SaveOutcome.tsx';
import { useServices } from '../../shared/services.tsx';
import { useFileSave } from '../../shared/use-file-save.ts';
import { BusyButton } from '../BusyButton.tsx';
import type { SyncServices } from '../SyncServices.ts';

export function CarriedExport({ services }: { services: SyncServices }) {
  const t = useT();
  const f = useFormat();
  const { db, now } = useServices();
  const rows = useLiveQuery(async () => {
    const events = await db.events.toArray();
    return (await Promise.all(events.map((e) => listCarried(db, e.id)))).flat();
  }, [db]);
  const { said, busy, save: run } = useFileSave();
  if (rows === undefined || rows.length === 0) return null;
  const summary = summariseCarried(rows);

  const save = () =>
    run(
      async () => {
        const at = now();
        for (const row of rows) await services.saveFile(carriedFile(row, at));
        await markCarriedSaved(
          db,
          rows.map((r) => r.transferId),
          at,
        );
        return {
          text: t('station.courier.export.saved', { files: f.number(rows.length) }),
          failed: false,
        };
      },
      { failed: t('station.export.failed'), log: 'Carried ballots not saved to files' },
    );

  return (
    <div>
      <p>
        {t('station.courier.export.explain', {
          ballots: f.number(summary.ballots),
          files: f.number(summary.transfers),
        })}
      </p>
      <div className="actions">
        <BusyButton
          type="button"
          className="button secondary"
          busy={busy}
          onClick={() => void save()}
        >
          {t('station.courier.export.save')}
        </BusyButton>
      </div>
      <SaveOutcome said={said} busy={busy} />
    </div>
  );
}

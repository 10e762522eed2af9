/**
 * With no network: the other stations' ballots this tablet carries, each transfer saved as its
 * own file, exactly as received (sync/carried-export.ts), beside this station's own file. They
 * stay on the tablet until the tally server has them.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { listCarried, markCarriedSaved, summariseCarried } from '../../../db/carried-repo.ts';
import { carriedFile } from '../../../sync/carried-export.ts';
import { useFormat, useT } from '../../i18n/react.tsx';
import { useServices } from '../../shared/services.tsx';
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
  const [said, setSaid] = useState<{ text: string; failed: boolean }>();
  const [busy, setBusy] = useState(false);
  if (rows === undefined || rows.length === 0) return null;
  const summary = summariseCarried(rows);

  const save = async () => {
    if (busy) return;
    setBusy(true);
    setSaid(undefined);
    try {
      const at = now();
      for (const row of rows) await services.saveFile(carriedFile(row, at));
      await markCarriedSaved(
        db,
        rows.map((r) => r.transferId),
        at,
      );
      setSaid({
        text: t('station.courier.export.saved', { files: f.number(rows.length) }),
        failed: false,
      });
    } catch (cause) {
      console.error('Carried ballots not saved to files', cause);
      setSaid({ text: t('station.export.failed'), failed: true });
    } finally {
      setBusy(false);
    }
  };

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
      <p role="status">{said && !said.failed ? said.text : ''}</p>
      {said?.failed && (
        <p role="alert" className="notice">
          {said.text}
        </p>
      )}
    </div>
  );
}

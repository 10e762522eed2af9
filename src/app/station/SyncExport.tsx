/**
 * Export for days without a network: one file per event with ballots on this tablet (the demo's
 * included, so joining a real event never strands them). The organiser imports the file; doing so
 * twice, or after the same ballots synced, adds nothing twice.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { eventsOnStation, type EventOnStation } from '../../db/sync-repo.ts';
import { exportStationBallots, type StationExport } from '../../sync/export.ts';
import { useServices } from '../shared/services.tsx';
import type { SyncServices } from './SyncServices.ts';

const count = new Intl.NumberFormat('en-GB');
const ballotsText = (n: number) => `${count.format(n)} ${n === 1 ? 'ballot' : 'ballots'}`;

export function SyncExport({ services }: { services: SyncServices }) {
  const { db } = useServices();
  const events = useLiveQuery(() => eventsOnStation(db), [db]);
  const withBallots = (events ?? []).filter((e) => e.ballots > 0);
  return (
    <section aria-labelledby="export-heading">
      <h3 id="export-heading">No network? Export a file</h3>
      {withBallots.length === 0 ? (
        <p>No ballots on this tablet yet.</p>
      ) : (
        <>
          <p>
            Save the ballots as a file and give it to the organiser (USB stick, e-mail), who imports
            it. Importing it more than once adds nothing twice.
          </p>
          {withBallots.map((event) => (
            <ExportOne key={event.id} event={event} services={services} />
          ))}
        </>
      )}
    </section>
  );
}

function ExportOne({ event, services }: { event: EventOnStation; services: SyncServices }) {
  const { db, now } = useServices();
  const [said, setSaid] = useState<{ text: string; failed: boolean }>();
  const [busy, setBusy] = useState(false);

  const run = async (how: (file: StationExport) => Promise<void>, done: string) => {
    setBusy(true);
    try {
      const file = await exportStationBallots(db, event.id, now());
      if (!file.ok) {
        setSaid({ text: file.error.message, failed: true });
        return;
      }
      await how(file.value);
      setSaid({
        text: `${done} ${file.value.filename} (${ballotsText(file.value.ballots)}).`,
        failed: false,
      });
    } catch (cause) {
      console.error('Export failed', cause);
      setSaid({
        text: 'The file could not be saved. Check the tablet has free space, then try again.',
        failed: true,
      });
    } finally {
      setBusy(false);
    }
  };

  const share = services.shareFile;
  return (
    <div>
      <p>
        {event.name}: {ballotsText(event.ballots)}
      </p>
      <div className="actions">
        <button
          type="button"
          className="button secondary"
          disabled={busy}
          onClick={() => void run(services.saveFile, 'Saved')}
        >
          Export {ballotsText(event.ballots)} for {event.name}
        </button>
        {share && (
          <button
            type="button"
            className="button secondary"
            disabled={busy}
            onClick={() => void run(share, 'Shared')}
          >
            Share the file for {event.name}…
          </button>
        )}
      </div>
      {said && (
        <p role={said.failed ? 'alert' : 'status'} className={said.failed ? 'notice' : undefined}>
          {said.text}
        </p>
      )}
    </div>
  );
}

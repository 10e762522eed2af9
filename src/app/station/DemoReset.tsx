/**
 * Volunteer's "reset the demo". Offered only while the station runs the demo event: for a real
 * event it would delete ballots that may not have reached the tally yet.
 */
import { useState } from 'react';
import { DEMO_EVENT } from '../../core/demo-event.ts';
import { resetDemo } from '../../db/event-repo.ts';
import { ConfirmDialog } from '../shared/ConfirmDialog.tsx';
import { useServices } from '../shared/services.tsx';

export function DemoReset({ eventId, ballots }: { eventId: string; ballots: number | undefined }) {
  const { db } = useServices();
  const [asking, setAsking] = useState(false);
  const [outcome, setOutcome] = useState('');
  if (eventId !== DEMO_EVENT.id) {
    return <p>This station is running a real event, so the demo cannot be reset here.</p>;
  }
  const reset = async () => {
    setAsking(false);
    try {
      await resetDemo(db);
      setOutcome('The demo has been reset. No ballots are stored.');
    } catch (cause) {
      console.error('Demo reset failed', cause);
      setOutcome(
        'The demo could not be reset. Nothing was deleted. Reload the page and try again.',
      );
    }
  };
  return (
    <>
      <p>Deletes every ballot on this tablet and loads the demo event again.</p>
      <button
        type="button"
        className="button danger"
        onClick={() => {
          setOutcome('');
          setAsking(true);
        }}
      >
        Reset the demo…
      </button>
      <p role="status">{outcome}</p>
      {asking && (
        <ConfirmDialog
          title="Reset the demo?"
          keepLabel="No, keep the ballots"
          confirmLabel="Yes, delete the ballots"
          onKeep={() => setAsking(false)}
          onConfirm={() => void reset()}
        >
          <p>
            This deletes {ballots === 1 ? 'the 1 ballot' : `the ${ballots ?? ''} ballots`} stored on
            this tablet. It cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

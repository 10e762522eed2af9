/** "Cancel my vote", on every step of a ballot; asks first, since a slip would lose the choices. */
import { useState } from 'react';
import { ConfirmDialog } from '../shared/ConfirmDialog.tsx';
import { useSession } from '../shared/session-context.ts';

export function CancelBallot() {
  const [asking, setAsking] = useState(false);
  const backToWelcome = useSession((s) => s.backToWelcome);
  return (
    <>
      <button type="button" className="button quiet" onClick={() => setAsking(true)}>
        Cancel my vote
      </button>
      {asking && (
        <ConfirmDialog
          title="Cancel your vote?"
          keepLabel="No, keep voting"
          confirmLabel="Yes, cancel my vote"
          onKeep={() => setAsking(false)}
          onConfirm={backToWelcome}
        >
          <p>Your choices will be cleared. Nothing will be counted.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

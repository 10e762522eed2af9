/**
 * The volunteer's way in from the welcome screen: a small labelled button that asks for the PIN.
 * Checking (and the lockout after repeated wrong PINs) is done by the database layer, so a reload
 * does not reset the count.
 */
import { useId, useState, type FormEvent } from 'react';
import { err } from '../../core/result.ts';
import { checkPin } from '../../db/station-repo.ts';
import { Modal } from '../shared/Modal.tsx';
import { useServices } from '../shared/services.tsx';
import { useSession } from '../shared/session-context.ts';

export function VolunteerEntry() {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button type="button" className="button small" onClick={() => setAsking(true)}>
        Volunteer
      </button>
      {asking && <PinDialog onClose={() => setAsking(false)} />}
    </>
  );
}

function PinDialog({ onClose }: { onClose: () => void }) {
  const { db, now } = useServices();
  const unlock = useSession((s) => s.unlockVolunteer);
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<string>();
  const [checking, setChecking] = useState(false);
  const inputId = useId();
  const problemId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecking(true);
    const result = await checkPin(db, pin, now()).catch((cause: unknown) => {
      console.error('PIN check failed', cause);
      return err({ message: 'The PIN could not be checked. Reload the page and try again.' });
    });
    setChecking(false);
    if (result.ok) {
      unlock();
      return;
    }
    setPin('');
    setProblem(result.error.message);
  };

  return (
    <Modal title="Volunteer PIN" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor={inputId}>Enter the volunteer PIN</label>
        <input
          id={inputId}
          data-autofocus
          className="pin-input"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={pin}
          onChange={(e) => setPin(e.currentTarget.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? problemId : undefined}
        />
        {problem && (
          <p id={problemId} role="alert" className="notice">
            {problem}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button primary" disabled={checking}>
            Unlock
          </button>
          <button type="button" className="button secondary" onClick={onClose}>
            Back to voting
          </button>
        </div>
      </form>
    </Modal>
  );
}

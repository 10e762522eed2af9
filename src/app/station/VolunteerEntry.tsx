/**
 * The volunteer's way in from the welcome screen: a small labelled button that asks for the PIN.
 * Checking (and the lockout after repeated wrong PINs) is done by the database layer, so a reload
 * does not reset the count.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { checkPin } from '../../db/station-repo.ts';
import { Modal } from '../shared/Modal.tsx';
import { useServices } from '../shared/services.tsx';
import { useSession } from '../shared/session-context.ts';
import { useT } from '../i18n/react.tsx';
import { BusyButton } from './BusyButton.tsx';
import { useProblemText } from '../i18n/problems.ts';

interface VolunteerEntryProps {
  /** Starts fetching the volunteer area's code while the PIN is typed. */
  onOpen?: () => void;
}

export function VolunteerEntry({ onOpen }: VolunteerEntryProps) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button small"
        onClick={() => {
          onOpen?.();
          setAsking(true);
        }}
      >
        {t('station.entry.open')}
      </button>
      {asking && <PinDialog onClose={() => setAsking(false)} />}
    </>
  );
}

function PinDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const say = useProblemText();
  const { db, now } = useServices();
  const unlock = useSession((s) => s.unlockVolunteer);
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<string>();
  const [checking, setChecking] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const problemId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (checking) return;
    setChecking(true);
    let answer: string | undefined;
    try {
      const result = await checkPin(db, pin, now());
      if (result.ok) {
        unlock();
        return;
      }
      answer = say('pin', result.error);
    } catch (cause) {
      console.error('PIN check failed', cause);
      answer = t('station.pin.failed');
    } finally {
      setChecking(false);
    }
    setPin('');
    setProblem(answer);
    // Back to the emptied field, whatever was pressed: the answer is read out from there.
    input.current?.focus();
  };

  return (
    <Modal title={t('station.pin.title')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor={inputId}>{t('station.pin.label')}</label>
        <input
          ref={input}
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
          <BusyButton type="submit" className="button primary" busy={checking}>
            {t('station.pin.unlock')}
          </BusyButton>
          <button type="button" className="button secondary" onClick={onClose}>
            {t('station.pin.back')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

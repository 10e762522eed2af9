/**
 * The volunteer PIN dialog, for every way a volunteer acts from the voter's side of the tablet:
 * opening the volunteer area (VolunteerEntry) and releasing one ballot (NextVoter). Checking, and
 * the lockout after repeated wrong PINs, is done by the database layer, so a reload does not reset
 * the count.
 */
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { checkPin } from '../../db/station-repo.ts';
import { useProblemText } from '../i18n/problems.ts';
import { useT } from '../i18n/react.tsx';
import { Modal } from '../shared/Modal.tsx';
import { useServices } from '../shared/services.tsx';
import { BusyButton } from './BusyButton.tsx';

interface PinDialogProps {
  title: string;
  description?: ReactNode;
  /** The submit button's words. */
  confirm: string;
  /**
   * What a right PIN does. Resolves to nothing when it is done (the dialog is closed or replaced),
   * or to the words to show when it could not be done; a throw shows `failed`.
   */
  onRight: () => Promise<string | undefined> | string | undefined;
  /** Shown when checking or `onRight` throws (the cause goes to the console with `logAs`). */
  failed: string;
  logAs: string;
  onClose: () => void;
}

export function PinDialog({
  title,
  description,
  confirm,
  onRight,
  failed,
  logAs,
  onClose,
}: PinDialogProps) {
  const t = useT();
  const say = useProblemText();
  const { db, now } = useServices();
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
      const right = await checkPin(db, pin, now());
      if (right.ok) {
        answer = await onRight();
        if (answer === undefined) return;
      } else {
        answer = say('pin', right.error);
      }
    } catch (cause) {
      console.error(logAs, cause);
      answer = failed;
    } finally {
      setChecking(false);
    }
    setPin('');
    setProblem(answer);
    // Back to the emptied field, whatever was pressed: the answer is read out from there.
    input.current?.focus();
  };

  return (
    <Modal title={title} description={description} onClose={onClose}>
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
            {confirm}
          </BusyButton>
          <button type="button" className="button secondary" onClick={onClose}>
            {t('station.pin.back')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/**
 * Attended start (docs/check-in.md): the welcome screen offers no "Start" until a volunteer
 * releases a ballot. "Next voter" asks for the volunteer PIN (the same check and lockout as the
 * volunteer area) and one right PIN releases exactly one ballot; the voter then sees "Start".
 * A lazy chunk: only attended events load it, so the voter's first screen stays small.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { releaseBallot } from '../../db/closing-repo.ts';
import { checkPin } from '../../db/station-repo.ts';
import { useProblemText } from '../i18n/problems.ts';
import { useT } from '../i18n/react.tsx';
import { Modal } from '../shared/Modal.tsx';
import { useServices } from '../shared/services.tsx';
import { BusyButton } from './BusyButton.tsx';

export default function NextVoter({ eventId }: { eventId: string }) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  return (
    <>
      <p className="lead">{t('voter.release.wait')}</p>
      <button type="button" className="button secondary" onClick={() => setAsking(true)}>
        {t('station.release.next')}
      </button>
      {asking && <ReleaseDialog eventId={eventId} onClose={() => setAsking(false)} />}
    </>
  );
}

function ReleaseDialog({ eventId, onClose }: { eventId: string; onClose: () => void }) {
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
        const released = await releaseBallot(db, eventId);
        // Already released (a second tap, or the desk released one): the voter has Start anyway.
        if (released.ok || released.error.code === 'already-released') {
          onClose();
          return;
        }
        answer = t('station.release.closed');
      } else {
        answer = say('pin', right.error);
      }
    } catch (cause) {
      console.error('Ballot not released', cause);
      answer = t('station.release.failed');
    } finally {
      setChecking(false);
    }
    setPin('');
    setProblem(answer);
    input.current?.focus();
  };

  return (
    <Modal
      title={t('station.release.title')}
      description={t('station.release.explain')}
      onClose={onClose}
    >
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
            {t('station.release.confirm')}
          </BusyButton>
          <button type="button" className="button secondary" onClick={onClose}>
            {t('station.pin.back')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

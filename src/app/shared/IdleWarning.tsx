/**
 * "Are you still there?", with the time left counting down on screen. The dialog's description
 * (what will happen) is read as it opens; after that a polite live region says the time left every
 * five seconds, so a screen-reader user hears it running out without a word every second.
 */
import { useEffect, useState } from 'react';
import { useT } from '../i18n/react.tsx';
import { Modal } from './Modal.tsx';

interface IdleWarningProps {
  /** The whole time the warning shows before the end. */
  secondsLeft: number;
  onStillHere: () => void;
  /** What happens if nobody answers, as a whole sentence from the caller's catalogue. */
  consequence: string;
  /** Offers "More time", which gives longer before the next warning (WCAG 2.2.1). */
  onMoreTime?: (() => void) | undefined;
}

/** How often the time left is announced (the screen shows every second). */
const ANNOUNCE_EVERY = 5;

export function IdleWarning({
  secondsLeft,
  onStillHere,
  consequence,
  onMoreTime,
}: IdleWarningProps) {
  const t = useT();
  const [left, setLeft] = useState(secondsLeft);
  useEffect(() => {
    if (left <= 0) return;
    // One timer a second (not an interval), so it stops with the dialog and with fake timers.
    const timer = setTimeout(() => setLeft((n) => n - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  const leftText = t('shared.idle.left', { count: Math.max(0, left) });
  // The description carries the time at the start (read with the question); the count below it is
  // for the eyes, and the live region says the time left every few seconds.
  const announced =
    left < secondsLeft && left % ANNOUNCE_EVERY === 0 && left > 0 ? leftText : undefined;
  return (
    <Modal
      title={t('shared.idle.title')}
      role="alertdialog"
      onClose={onStillHere}
      description={
        <p>
          {consequence}{' '}
          <span className="visually-hidden">{t('shared.idle.left', { count: secondsLeft })}</span>
        </p>
      }
    >
      <p className="idle-countdown" aria-hidden="true">
        {leftText}
      </p>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announced}
      </p>
      {/* Presses here are the buttons' own, not "activity" that would close the warning. */}
      <div className="actions" data-idle-warning>
        <button type="button" className="button primary" data-autofocus onClick={onStillHere}>
          {t('shared.idle.still-here')}
        </button>
        {onMoreTime && (
          <button type="button" className="button secondary" onClick={onMoreTime}>
            {t('shared.idle.more-time')}
          </button>
        )}
      </div>
    </Modal>
  );
}

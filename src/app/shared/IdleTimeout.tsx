/**
 * Ends what is on screen when nobody has touched it for `idleMs`, after asking "Are you still
 * there?" for the app's warning time. The voter's ballot and the volunteer area both use it, so
 * the warning comes the same way and as long before the end wherever it appears.
 */
import { useState } from 'react';
import { IdleWarning } from './IdleWarning.tsx';
import { useServices } from './services.tsx';
import { useIdleTimer } from './use-idle-timer.ts';

interface IdleTimeoutProps {
  /** Only counts while true (e.g. not on the welcome screen). */
  active: boolean;
  idleMs: number;
  onTimeout: () => void;
  /**
   * What happens if nobody answers, as a whole sentence worded by the caller's catalogue, e.g.
   * "If nobody touches the screen, your choices will be cleared." The warning adds the time left.
   */
  consequence: string;
  /**
   * Also offers "More time": each press adds another `idleMs` before the next warning, until what
   * is on screen ends (`active` false), so a slow reader or a voter with a helper is never rushed
   * (WCAG 2.2.1 Timing Adjustable).
   */
  offerMoreTime?: boolean;
}

export function IdleTimeout({
  active,
  idleMs,
  onTimeout,
  consequence,
  offerMoreTime = false,
}: IdleTimeoutProps) {
  const { warnMs } = useServices().timings;
  // How many spells of idleMs the current ballot has; back to one when it ends.
  const [spells, setSpells] = useState(1);
  const [wasActive, setWasActive] = useState(active);
  if (wasActive !== active) {
    setWasActive(active);
    if (!active) setSpells(1);
  }
  const idle = useIdleTimer({ active, idleMs: idleMs * spells, warnMs, onTimeout });
  return idle.warning ? (
    <IdleWarning
      secondsLeft={Math.round(warnMs / 1000)}
      onStillHere={idle.stillHere}
      consequence={consequence}
      onMoreTime={
        offerMoreTime
          ? () => {
              setSpells((n) => n + 1);
              idle.stillHere();
            }
          : undefined
      }
    />
  ) : null;
}

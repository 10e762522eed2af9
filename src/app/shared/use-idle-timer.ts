/**
 * Notices when nobody has touched the screen for a while. Timers rather than clock readings, so
 * a changed tablet clock cannot end someone's ballot early.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

interface IdleOptions {
  /** Only counts while true (e.g. not on the welcome screen). */
  active: boolean;
  idleMs: number;
  /** How long before the end the warning shows. */
  warnMs: number;
  onTimeout: () => void;
}

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export function useIdleTimer({ active, idleMs, warnMs, onTimeout }: IdleOptions) {
  const [warning, setWarning] = useState(false);
  const [restarts, setRestarts] = useState(0);
  const timeout = useRef(onTimeout);
  useEffect(() => {
    timeout.current = onTimeout;
  }, [onTimeout]);

  const stillHere = useCallback(() => {
    setWarning(false);
    setRestarts((n) => n + 1);
  }, []);

  useEffect(() => {
    if (!active) return;
    const warnTimer = setTimeout(() => setWarning(true), Math.max(0, idleMs - warnMs));
    const endTimer = setTimeout(() => {
      setWarning(false);
      timeout.current();
    }, idleMs);
    // A press inside the warning is its buttons' to answer: "More time" must still be there
    // when its click arrives, so the press does not close the warning first.
    const onActivity = (event: Event) => {
      if (event.target instanceof Element && event.target.closest('[data-idle-warning]')) return;
      stillHere();
    };
    for (const name of ACTIVITY) document.addEventListener(name, onActivity, true);
    return () => {
      clearTimeout(warnTimer);
      clearTimeout(endTimer);
      for (const name of ACTIVITY) document.removeEventListener(name, onActivity, true);
      setWarning(false);
    };
  }, [active, idleMs, warnMs, restarts, stillHere]);

  return { warning, stillHere };
}

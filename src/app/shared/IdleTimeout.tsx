/**
 * Ends what is on screen when nobody has touched it for `idleMs`, after asking "Are you still
 * there?" for the app's warning time. The voter's ballot and the volunteer area both use it, so
 * the warning comes the same way and as long before the end wherever it appears.
 */
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
}

export function IdleTimeout({ active, idleMs, onTimeout, consequence }: IdleTimeoutProps) {
  const { warnMs } = useServices().timings;
  const idle = useIdleTimer({ active, idleMs, warnMs, onTimeout });
  return idle.warning ? (
    <IdleWarning
      secondsLeft={Math.round(warnMs / 1000)}
      onStillHere={idle.stillHere}
      consequence={consequence}
    />
  ) : null;
}

/**
 * Saving or sharing a file from a button: one save at a time (a second press while busy does
 * nothing), what came of it kept for SaveOutcome to show, and a save that throws (a full tablet,
 * a refused share) logged and worded as the caller's failure, never a raw error.
 */
import { useState } from 'react';

/** The words shown after a save: `failed` makes them an alert. */
export interface Said {
  text: string;
  failed: boolean;
}

export interface SaveWords {
  /** The failure when the work throws. */
  failed: string;
  /** For the console beside the error. */
  log: string;
  /** Shown while the work runs (read out); nothing if left out. */
  working?: string;
}

export function useFileSave() {
  const [said, setSaid] = useState<Said>();
  const [busy, setBusy] = useState(false);

  /** Runs `work` (which says how it ended) unless a save is already running. */
  const save = async (work: () => Promise<Said>, words: SaveWords): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setSaid(words.working === undefined ? undefined : { text: words.working, failed: false });
    try {
      setSaid(await work());
    } catch (cause) {
      console.error(words.log, cause);
      setSaid({ text: words.failed, failed: true });
    } finally {
      setBusy(false);
    }
  };
  return { said, busy, save };
}

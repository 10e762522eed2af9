/**
 * Text size, high contrast, less movement and easy read, for this voter only: the choices live in
 * the session store and reset when the ballot ends. The options are applied to the document root
 * (data attributes the styles read), so every text on screen really grows, dialogs included.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useT } from '../i18n/react.tsx';
import { useSession } from '../shared/session-context.ts';
import type { DisplayOptions } from '../shared/session-store.ts';
import { ChunkBoundary } from '../station/ChunkBoundary.tsx';
import styles from './VoterBar.module.css';

// The dialog is a chunk of its own (precached for offline use): the welcome screen shows only
// the button, and the first download has a budget (tests/bench/bundle.bench.ts).
const DisplayDialog = lazy(() => import('./DisplayDialog.tsx'));

/** Puts the voter's display options on <html> while the voter's screens are shown. */
export function useDisplayOptions(): DisplayOptions {
  const display = useSession((s) => s.display);
  useEffect(() => {
    const root = document.documentElement;
    root.dataset['textSize'] = String(display.textSize);
    root.dataset['contrast'] = display.highContrast ? 'high' : 'normal';
    root.dataset['motion'] = display.reducedMotion ? 'reduced' : 'normal';
    return () => {
      delete root.dataset['textSize'];
      delete root.dataset['contrast'];
      delete root.dataset['motion'];
    };
  }, [display]);
  return display;
}

export function DisplayButton({ offerEasyRead }: { offerEasyRead: boolean }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={`button secondary ${styles['barButton']}`}
        onClick={() => setOpen(true)}
      >
        <TextSizeIcon />
        <span>{t('voter.display.button')}</span>
      </button>
      {open && (
        <ChunkBoundary>
          <Suspense fallback={null}>
            <DisplayDialog offerEasyRead={offerEasyRead} onClose={() => setOpen(false)} />
          </Suspense>
        </ChunkBoundary>
      )}
    </>
  );
}

/** Two letter shapes, small and large: the usual sign for text size. */
function TextSizeIcon() {
  return (
    <svg
      className={styles['icon']}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinejoin="round"
    >
      <path d="M2 20l4.5-11L11 20M3.8 16h5.4" />
      <path d="M11 20l5.5-16L22 20M13 14.5h7" />
    </svg>
  );
}

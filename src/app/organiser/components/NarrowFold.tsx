/**
 * What folds away behind one button on a narrow screen (a phone, or a tablet with large text). On
 * a phone the organiser's header and the event's nineteen links filled the first 1,300 px before
 * a screen's own heading. Where the screen is wide enough the button is not shown and what it
 * holds always is, as before. The fold shuts again when one of its links is followed (the address
 * changes) and on Escape, which gives focus back to the button.
 *
 * The wrapper draws no box (`display: contents`), so the button and the panel sit in the parent's
 * own layout (the header's row of tools, the event's navigation).
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useLocation } from 'wouter';
import styles from './NarrowFold.module.css';

interface Props {
  /** The button's words: what is folded, and where the organiser is. */
  label: ReactNode;
  /** Laid out by the caller when it is shown (e.g. a row of links). */
  panelClassName?: string;
  /** `on-brand`: on the header's brand colour. */
  tone?: 'plain' | 'on-brand';
  children: ReactNode;
}

export function NarrowFold({ label, panelClassName, tone = 'plain', children }: Props) {
  const panelId = useId();
  const [location] = useLocation();
  // Open only at the address it was opened at: following a link in it folds it again, with no
  // effect to reset it.
  const [openAt, setOpenAt] = useState<string | null>(null);
  const open = openAt === location;
  const button = useRef<HTMLButtonElement>(null);
  const fold = useRef<HTMLDivElement>(null);
  // Escape from anywhere in the open fold (its button or a link in it). Listened to on the
  // wrapper, which is not itself a control, so not as a React handler on a plain element.
  useEffect(() => {
    const wrapper = fold.current;
    if (!open || wrapper === null) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpenAt(null);
      button.current?.focus();
    };
    wrapper.addEventListener('keydown', onKey);
    return () => wrapper.removeEventListener('keydown', onKey);
  }, [open]);
  return (
    <div ref={fold} className={styles['fold']} data-open={open ? '' : undefined}>
      <button
        ref={button}
        type="button"
        className={`${styles['toggle']} ${styles[tone]}`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpenAt(open ? null : location)}
      >
        {label}
        <span className={styles['chevron']} aria-hidden="true" />
      </button>
      <div id={panelId} className={`${styles['panel']} ${panelClassName ?? ''}`}>
        {children}
      </div>
    </div>
  );
}

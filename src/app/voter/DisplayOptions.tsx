/**
 * Text size, high contrast, less movement and easy read, for this voter only: the choices live in
 * the session store and reset when the ballot ends. The options are applied to the document root
 * (data attributes the styles read), so every text on screen really grows, dialogs included.
 */
import { useEffect, useId, useState } from 'react';
import { useT } from '../i18n/react.tsx';
import { Modal } from '../shared/Modal.tsx';
import { useSession } from '../shared/session-context.ts';
import { TEXT_SIZES, type DisplayOptions } from '../shared/session-store.ts';
import styles from './VoterBar.module.css';

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
      {open && <DisplayDialog offerEasyRead={offerEasyRead} onClose={() => setOpen(false)} />}
    </>
  );
}

function DisplayDialog({
  offerEasyRead,
  onClose,
}: {
  offerEasyRead: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const display = useSession((s) => s.display);
  const setDisplay = useSession((s) => s.setDisplay);
  const sizeName = useId();
  return (
    <Modal
      title={t('voter.display.title')}
      onClose={onClose}
      description={<p>{t('voter.display.reset-note')}</p>}
    >
      <fieldset className={styles['options']}>
        <legend>{t('voter.display.size')}</legend>
        <div className={styles['sizes']}>
          {TEXT_SIZES.map((size) => (
            <label key={size} className={styles['option']}>
              <input
                type="radio"
                name={sizeName}
                checked={display.textSize === size}
                onChange={() => setDisplay({ textSize: size })}
              />
              <span style={{ fontSize: `${size}%` }}>{t(`voter.display.size.${size}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className={styles['switches']}>
        <label className={styles['option']}>
          <input
            type="checkbox"
            checked={display.highContrast}
            onChange={(e) => setDisplay({ highContrast: e.currentTarget.checked })}
          />
          {t('voter.display.contrast')}
        </label>
        <label className={styles['option']}>
          <input
            type="checkbox"
            checked={display.reducedMotion}
            onChange={(e) => setDisplay({ reducedMotion: e.currentTarget.checked })}
          />
          {t('voter.display.motion')}
        </label>
        {offerEasyRead && (
          <label className={styles['option']}>
            <input
              type="checkbox"
              checked={display.easyRead}
              onChange={(e) => setDisplay({ easyRead: e.currentTarget.checked })}
            />
            <span>
              {t('voter.display.easy-read')}
              <span className={styles['hint']}>{t('voter.display.easy-read.hint')}</span>
            </span>
          </label>
        )}
      </div>
      <div className="actions">
        <button type="button" className="button primary" data-autofocus onClick={onClose}>
          {t('voter.display.done')}
        </button>
      </div>
    </Modal>
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

/**
 * The voter's display options dialog (text size, high contrast, less movement, easy read), opened
 * from DisplayButton (DisplayOptions.tsx), which applies the choices to the page.
 */
import { useId } from 'react';
import { useT } from '../i18n/react.tsx';
import { Modal } from '../shared/Modal.tsx';
import { useSession } from '../shared/session-context.ts';
import { TEXT_SIZES } from '../shared/session-store.ts';
import styles from './VoterBar.module.css';

export default function DisplayDialog({
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

/** What to do on this step, with a button to hear it read aloud where the device can. */
import { useFormat, useT } from '../i18n/react.tsx';
import { ReadAloud } from './ReadAloud.tsx';
import styles from './VoterBar.module.css';

export function Instructions({ text }: { text: string }) {
  const t = useT();
  const { locale } = useFormat();
  return (
    <div className={styles['instructions']}>
      <p className="lead">{text}</p>
      <ReadAloud text={text} lang={locale} what={t('voter.read-aloud.instructions')} />
    </div>
  );
}

/** The band across the top of every organiser screen: where you are, the language, signing out. */
import { Link } from 'wouter';
import { Button } from '../components/ui.tsx';
import { ACTIVITY_PATH, EVENTS_PATH } from '../routes.ts';
import { LanguagePicker } from './language.tsx';
import { useT } from '../../i18n/react.tsx';
import styles from './OrganiserHeader.module.css';

interface Props {
  /** Absent before sign-in. */
  onSignOut?: () => void;
}

export function OrganiserHeader({ onSignOut }: Props) {
  const t = useT();
  return (
    <header className={styles['header']}>
      {onSignOut === undefined ? (
        <p className={styles['brand']}>{t('organiser.header.brand')}</p>
      ) : (
        <p className={styles['brand']}>
          <Link href={EVENTS_PATH}>{t('organiser.header.brand')}</Link>
        </p>
      )}
      <div className={styles['tools']}>
        <LanguagePicker className={styles['language']} />
        {onSignOut !== undefined && (
          <Link href={ACTIVITY_PATH} className={styles['link']}>
            {t('organiser.header.activity')}
          </Link>
        )}
        {onSignOut !== undefined && (
          <Button className={styles['signOut']} onClick={onSignOut}>
            {t('organiser.header.sign-out')}
          </Button>
        )}
      </div>
    </header>
  );
}

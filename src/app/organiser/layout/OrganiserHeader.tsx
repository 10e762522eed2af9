/**
 * The band across the top of every organiser screen: where you are, the language, who is signed
 * in and with which role, the organisers' own links (activity, accounts), and signing out — here
 * or on every device. On a narrow screen all but the language fold behind one button.
 */
import { Link } from 'wouter';
import { NarrowFold } from '../components/NarrowFold.tsx';
import { Button } from '../components/ui.tsx';
import { ACCOUNTS_PATH, ACTIVITY_PATH, EVENTS_PATH, HALL_PATH } from '../routes.ts';
import { ROLE_NAME_KEYS } from '../session/access.tsx';
import { LanguagePicker } from './language.tsx';
import type { Account } from '../../../core/accounts-api.ts';
import { permission } from '../../../core/roles.ts';
import { useT } from '../../i18n/react.tsx';
import styles from './OrganiserHeader.module.css';

interface Props {
  /** Absent before sign-in. */
  account?: Account;
  onSignOut?: (everywhere: boolean) => void;
}

export function OrganiserHeader({ account, onSignOut }: Props) {
  const t = useT();
  const organises =
    account !== undefined && permission(account.role, 'accounts', false) === 'allowed';
  return (
    <header className={styles['header']}>
      {account === undefined ? (
        <p className={styles['brand']}>{t('organiser.header.brand')}</p>
      ) : (
        <p className={styles['brand']}>
          <Link href={EVENTS_PATH}>{t('organiser.header.brand')}</Link>
        </p>
      )}
      <div className={styles['tools']}>
        <LanguagePicker className={styles['language']} />
        {account !== undefined && (
          <NarrowFold
            label={t('organiser.header.menu')}
            panelClassName={styles['account']}
            tone="on-brand"
          >
            <p className={styles['who']}>
              {t('organiser.header.signed-in-as', {
                // First-strong isolates: a Latin name in an Arabic sentence (or the reverse) keeps
                // its own direction and does not drag the role's brackets with it.
                name: `\u2068${account.name}\u2069`,
                role: t(ROLE_NAME_KEYS[account.role]),
              })}
            </p>
            <nav aria-label={t('organiser.header.nav')} className={styles['links']}>
              <Link href={HALL_PATH} className={styles['link']}>
                {t('organiser.header.hall')}
              </Link>
              {organises && (
                <>
                  <Link href={ACTIVITY_PATH} className={styles['link']}>
                    {t('organiser.header.activity')}
                  </Link>
                  <Link href={ACCOUNTS_PATH} className={styles['link']}>
                    {t('organiser.header.accounts')}
                  </Link>
                </>
              )}
            </nav>
            {onSignOut !== undefined && (
              <>
                <Button className={styles['signOut']} onClick={() => onSignOut(false)}>
                  {t('organiser.header.sign-out')}
                </Button>
                <Button className={styles['signOut']} onClick={() => onSignOut(true)}>
                  {t('organiser.header.sign-out-everywhere')}
                </Button>
              </>
            )}
          </NarrowFold>
        )}
      </div>
    </header>
  );
}

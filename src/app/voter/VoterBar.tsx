/**
 * The voter's own bar at the top of every voter screen: the language (on every step but the
 * welcome screen, which lists the languages in full) and the text and display options.
 */
import type { Language } from '../i18n/languages.ts';
import { useT } from '../i18n/react.tsx';
import { DisplayButton } from './DisplayOptions.tsx';
import { LanguageButton } from './LanguageChoice.tsx';
import styles from './VoterBar.module.css';

interface VoterBarProps {
  languages: readonly Language[];
  active: Language;
  showLanguage: boolean;
  offerEasyRead: boolean;
}

export function VoterBar({ languages, active, showLanguage, offerEasyRead }: VoterBarProps) {
  const t = useT();
  return (
    <header className={styles['bar']} aria-label={t('voter.toolbar.label')}>
      {showLanguage && <LanguageButton languages={languages} active={active} />}
      <DisplayButton offerEasyRead={offerEasyRead} />
    </header>
  );
}

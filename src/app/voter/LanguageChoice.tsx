/**
 * The event's languages, each named in itself (never a flag), the event's own first. On the
 * welcome screen as a row of large buttons; on every other step behind a compact button in the
 * voter's bar, opening the same list in a dialog.
 */
import { useState } from 'react';
import { directionOf, LANGUAGES, type Language } from '../i18n/languages.ts';
import { useT } from '../i18n/react.tsx';
import { Modal } from '../shared/Modal.tsx';
import { useSession } from '../shared/session-context.ts';
import styles from './VoterBar.module.css';

interface LanguageListProps {
  languages: readonly Language[];
  active: Language;
  onChosen?: () => void;
  /** Id of the heading that names the list. */
  labelledBy?: string | undefined;
}

export function LanguageList({ languages, active, onChosen, labelledBy }: LanguageListProps) {
  const chooseLanguage = useSession((s) => s.chooseLanguage);
  return (
    // eslint-disable-next-line jsx-a11y/no-redundant-roles -- Safari drops list semantics once bullets are styled away
    <ul className={styles['languages']} role="list" aria-labelledby={labelledBy}>
      {languages.map((language) => (
        <li key={language}>
          <button
            type="button"
            className={`button ${language === active ? 'primary' : 'secondary'} ${styles['language']}`}
            lang={language}
            dir={directionOf(language)}
            aria-pressed={language === active}
            onClick={() => {
              chooseLanguage(language);
              onChosen?.();
            }}
          >
            {LANGUAGES[language].name}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The compact control: the active language's name; opens the list. */
export function LanguageButton({
  languages,
  active,
}: {
  languages: readonly Language[];
  active: Language;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const name = LANGUAGES[active].name;
  if (languages.length < 2) return null;
  return (
    <>
      <button
        type="button"
        className={`button secondary ${styles['barButton']}`}
        aria-label={t('voter.language.change', { name })}
        onClick={() => setOpen(true)}
      >
        <GlobeIcon />
        <span>{name}</span>
      </button>
      {open && (
        <Modal title={t('voter.language.title')} onClose={() => setOpen(false)}>
          <LanguageList languages={languages} active={active} onChosen={() => setOpen(false)} />
        </Modal>
      )}
    </>
  );
}

function GlobeIcon() {
  return (
    <svg
      className={styles['icon']}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c2.5 2.8 3.8 5.8 3.8 9s-1.3 6.2-3.8 9c-2.5-2.8-3.8-5.8-3.8-9S9.5 5.8 12 3z" />
    </svg>
  );
}

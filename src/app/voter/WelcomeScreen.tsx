import { useId, type ReactNode } from 'react';
import { knapsackLimit } from '../../core/knapsack-limit.ts';
import type { EventDefinition, MethodKind } from '../../core/schema.ts';
import type { Language } from '../i18n/languages.ts';
import { useFormat, useT } from '../i18n/react.tsx';
import { Screen } from '../shared/Screen.tsx';
import { Local, useEventWords } from './event-words.tsx';
import { LanguageList } from './LanguageChoice.tsx';
import { ReadAloud } from './ReadAloud.tsx';
import styles from './WelcomeScreen.module.css';

interface WelcomeScreenProps {
  event: EventDefinition;
  /** What to do on the ballot, worded by its method (or its number of parts). */
  instructions: string;
  /** A method this station cannot show: the ballot cannot start. */
  unsupported: MethodKind | undefined;
  onStart: () => void;
  /** The event's languages this station shows, the event's own first. */
  languages: readonly Language[];
  active: Language;
  /** The volunteer's way in; small, at the bottom, out of the voter's path. */
  volunteerEntry: ReactNode;
  /** Shown instead of "Start" until a volunteer releases a ballot (attended start). */
  waiting?: ReactNode;
}

export function WelcomeScreen({
  event,
  instructions: what,
  unsupported,
  onStart,
  languages,
  active,
  volunteerEntry,
  waiting,
}: WelcomeScreenProps) {
  const t = useT();
  const f = useFormat();
  const words = useEventWords(event);
  const languagesId = useId();
  const name = words.name();
  const welcome = words.event('welcome');
  const total = f.money(knapsackLimit(event), event.currency);
  const instructions = `${what} ${t('voter.welcome.secret')}`;
  return (
    <Screen
      title={name.text}
      titleLang={name.lang === f.locale ? undefined : name.lang}
      className={styles['welcome']}
    >
      {languages.length > 1 && (
        <section className={styles['languages']} aria-labelledby={languagesId}>
          <h2 id={languagesId} className={styles['languagesTitle']}>
            {t('voter.language.title')}
          </h2>
          <LanguageList languages={languages} active={active} labelledBy={languagesId} />
        </section>
      )}
      <p className="lead">{t('voter.welcome.lead', { total })}</p>
      {welcome && <Local as="p" text={welcome} />}
      {unsupported === undefined ? (
        <>
          <p>{instructions}</p>
          <div className={`actions ${styles['start']}`}>
            {waiting ?? (
              <button type="button" className="button primary big" onClick={onStart}>
                {t('voter.welcome.start')}
              </button>
            )}
            <ReadAloud
              text={[welcome?.text ?? '', instructions].join(' ')}
              lang={f.locale}
              what={t('voter.read-aloud.instructions')}
            />
          </div>
        </>
      ) : (
        <p role="alert" className="notice">
          {t('voter.welcome.unsupported', { kind: unsupported })}
        </p>
      )}
      <footer className={styles['footer']}>{volunteerEntry}</footer>
    </Screen>
  );
}

/**
 * The organiser's language: the organiser's own catalogue (a lazy chunk per language) is loaded
 * with the shared ones before anything is shown, and the organiser can switch in the header. The
 * choice is remembered on this device: it says nothing about the person.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useLingui } from '@lingui/react';
import { activateLanguage, ORGANISER_PARTS } from '../../i18n/catalogue.ts';
import {
  ALL_LANGUAGES,
  isLanguage,
  LANGUAGES,
  shippedLanguage,
  type Language,
} from '../../i18n/languages.ts';
import { useDocumentLanguage, useT } from '../../i18n/react.tsx';

const STORAGE_KEY = 'decision-day.organiser.language';
const RETRY_MS = 3_000;

function storedLanguage(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value !== null && isLanguage(value) ? value : null;
  } catch {
    return null; // storage refused (private mode, policy): the default is fine
  }
}

function storeLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered; the choice still applies to this visit.
  }
}

interface LanguageChoice {
  language: Language;
  choose: (language: Language) => void;
}

const LanguageContext = createContext<LanguageChoice | null>(null);

/** Renders `children` once the organiser catalogue of the chosen language is in memory. */
export function OrganiserLanguage({ children }: { children: ReactNode }) {
  const { i18n } = useLingui();
  const [language, setLanguage] = useState<Language>(
    () => storedLanguage() ?? shippedLanguage(i18n.locale),
  );
  const [loaded, setLoaded] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const t = useT();
  useDocumentLanguage();

  useEffect(() => {
    let live = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    activateLanguage(language, ORGANISER_PARTS).then(
      () => {
        if (live) setLoaded(true);
      },
      () => {
        // The catalogue's chunk could not be fetched (the server is out of reach): try again
        // shortly rather than show keys instead of words.
        if (live) retry = setTimeout(() => setAttempt((n) => n + 1), RETRY_MS);
      },
    );
    return () => {
      live = false;
      clearTimeout(retry);
    };
  }, [language, attempt]);

  if (!loaded) {
    return (
      <p role="status" className="loading">
        {t('app.loading')}
      </p>
    );
  }
  const choose = (next: Language) => {
    storeLanguage(next);
    setLanguage(next);
  };
  return (
    <LanguageContext.Provider value={{ language, choose }}>{children}</LanguageContext.Provider>
  );
}

/** The languages, each named in itself (never a flag), for the header. */
export function LanguagePicker({ className }: { className?: string }) {
  const choice = useContext(LanguageContext);
  const t = useT();
  if (choice === null) return null;
  return (
    <label className={className}>
      <span>{t('organiser.header.language')}</span>{' '}
      <select
        value={choice.language}
        onChange={(e) => {
          if (isLanguage(e.target.value)) choice.choose(e.target.value);
        }}
      >
        {ALL_LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGES[code].name}
          </option>
        ))}
      </select>
    </label>
  );
}

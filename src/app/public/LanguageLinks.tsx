/**
 * The public pages' language switch (the published results, the hall's trust page): one link per
 * language, named in itself, the current one marked. Choosing one keeps `?lang=` in the address
 * (a reload or a shared link stays in it) without reloading the page.
 */
import type { MouseEvent } from 'react';
import { LANGUAGES, type Language } from '../i18n/languages.ts';
import styles from './LanguageLinks.module.css';

interface Props {
  languages: readonly Language[];
  current: Language;
  /** The navigation's name, from the catalogue. */
  label: string;
  onChoose: (language: Language) => void;
}

export function LanguageLinks({ languages, current, label, onChoose }: Props) {
  function choose(event: MouseEvent<HTMLAnchorElement>, next: Language) {
    event.preventDefault();
    const url = new URL(window.location.href);
    url.searchParams.set('lang', next);
    window.history.replaceState(null, '', url);
    onChoose(next);
  }
  return (
    <nav className={styles['languages']} aria-label={label}>
      <ul>
        {languages.map((l) => (
          <li key={l}>
            <a
              href={`?lang=${l}`}
              lang={l}
              hrefLang={l}
              aria-current={l === current ? 'page' : undefined}
              onClick={(e) => choose(e, l)}
            >
              {LANGUAGES[l].name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The public results page, /results/<eventId>: no login, loaded as its own lazy chunk (a voting
 * station never downloads it). Shows what the organiser published (src/core/publication.ts) in
 * the event's languages, with a language switch, a print button and a "Download this page" button
 * that saves the same page as one self-contained HTML file. An unpublished or unknown event gets
 * one and the same "not published" page.
 */
import { useEffect, useState } from 'react';
import { eventText } from '../../core/event-text.ts';
import type { Publication } from '../../core/publication.ts';
import { activateLanguage, PUBLIC_PARTS } from '../i18n/catalogue.ts';
import { shippedLanguage, type Language } from '../i18n/languages.ts';
import { useDocumentTitle, useFormat, useT } from '../i18n/react.tsx';
import { fileSlug } from '../organiser/download.ts';
import { downloadTextFile } from '../shared/download.ts';
import { LanguageLinks } from './LanguageLinks.tsx';
import { ResultsArticle } from './ResultsArticle.tsx';
import {
  fetchPublication,
  firstLanguage,
  pageLanguages,
  publicEventId,
  type Fetched,
} from './public-results.ts';
import styles from './PublicResults.module.css';

export default function PublicApp() {
  const eventId = publicEventId(window.location.pathname, import.meta.env.BASE_URL);
  const [fetched, setFetched] = useState<Fetched | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    // The page's words before the results arrive: in the reader's browser language.
    void activateLanguage(shippedLanguage(navigator.language), PUBLIC_PARTS).catch(() => {});
    const answer: Promise<Fetched> =
      eventId === null ? Promise.resolve({ kind: 'missing' }) : fetchPublication(eventId);
    void answer.then((answer) => {
      if (live) setFetched(answer);
    });
    return () => {
      live = false;
    };
  }, [eventId, attempt]);

  if (fetched === null) return <Loading />;
  if (fetched.kind === 'missing') return <NotPublished />;
  if (fetched.kind === 'failed') return <Failed onRetry={() => setAttempt((n) => n + 1)} />;
  return <Published publication={fetched.publication} />;
}

function Loading() {
  const t = useT();
  return (
    <main className={styles['notice']}>
      <p role="status">{t('results.public.loading')}</p>
    </main>
  );
}

function NotPublished() {
  const t = useT();
  useDocumentTitle(t('results.public.missing.title'));
  return (
    <main className={styles['notice']}>
      <h1>{t('results.public.missing.title')}</h1>
      <p>{t('results.public.missing.body')}</p>
    </main>
  );
}

function Failed({ onRetry }: { onRetry: () => void }) {
  const t = useT();
  return (
    <main className={styles['notice']}>
      <h1>{t('results.public.failed.title')}</h1>
      <p role="alert">{t('results.public.failed.body')}</p>
      <button type="button" className="button" onClick={onRetry}>
        {t('results.public.failed.retry')}
      </button>
    </main>
  );
}

/** Every <details> open while printing, so the explanations are on paper too. */
function useOpenDetailsForPrint(): void {
  useEffect(() => {
    const opened: HTMLDetailsElement[] = [];
    const before = () => {
      for (const d of document.querySelectorAll('details:not([open])')) {
        if (d instanceof HTMLDetailsElement) {
          d.open = true;
          opened.push(d);
        }
      }
    };
    const after = () => {
      for (const d of opened.splice(0)) d.open = false;
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
}

function Published({ publication }: { publication: Publication }) {
  const t = useT();
  const f = useFormat();
  const languages = pageLanguages(publication);
  const [language, setLanguage] = useState<Language>(() =>
    firstLanguage(
      languages,
      new URLSearchParams(window.location.search).get('lang'),
      navigator.languages,
    ),
  );
  const [ready, setReady] = useState<Language | null>(null);
  const [saving, setSaving] = useState<'idle' | 'busy' | 'saved' | 'failed'>('idle');
  useOpenDetailsForPrint();

  useEffect(() => {
    let live = true;
    void activateLanguage(language, PUBLIC_PARTS).then(
      () => live && setReady(language),
      () => live && setReady(language),
    );
    return () => {
      live = false;
    };
  }, [language]);

  const name = eventText(publication.event, 'name', f.locale)?.text ?? publication.event.name;
  useDocumentTitle(t('results.public.document-title', { event: name }));

  async function download() {
    setSaving('busy');
    try {
      const { selfContainedHtml } = await import('./static-page.tsx');
      const url = new URL(window.location.href);
      url.search = '';
      const ordered = [language, ...languages.filter((l) => l !== language)];
      const html = await selfContainedHtml(publication, ordered, { url: url.toString() });
      downloadTextFile(
        `${fileSlug(publication.event.name)}-results.html`,
        html,
        'text/html;charset=utf-8',
      );
      setSaving('saved');
    } catch {
      setSaving('failed');
    }
  }

  if (ready === null) return <Loading />;
  return (
    <main className={styles['page']}>
      <div className={styles['tools']}>
        {languages.length > 1 && (
          <LanguageLinks
            languages={languages}
            current={language}
            label={t('results.public.languages')}
            onChoose={setLanguage}
          />
        )}
        <div className={styles['buttons']}>
          <button
            type="button"
            className="button"
            onClick={() => void download()}
            disabled={saving === 'busy'}
          >
            {t('results.public.download')}
          </button>
          <button type="button" className="button quiet" onClick={() => window.print()}>
            {t('results.public.print')}
          </button>
        </div>
      </div>
      <p className={styles['status']} role="status">
        {saving === 'saved' && t('results.public.download.saved')}
        {saving === 'failed' && t('results.public.download.failed')}
      </p>
      <ResultsArticle publication={publication} />
    </main>
  );
}

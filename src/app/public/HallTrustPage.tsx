/**
 * The trust page, /hall (docs/deploying.md, "A laptop in the hall"): public, no login, and served
 * also on the laptop's plain-HTTP port, because a tablet that does not trust the laptop yet cannot
 * open its HTTPS address. Steps per kind of tablet to install the hall's certificate authority,
 * its fingerprint to compare, and the way on to the app once trusted. In the reader's language,
 * with a switch; its own lazy chunk (a voting station never downloads it).
 */
import { useEffect, useState } from 'react';
import {
  HALL_ABOUT_PATH,
  HALL_CA_PATH,
  hallAboutSchema,
  type HallAbout,
} from '../../core/hall-api.ts';
import { activateHallLanguage } from '../i18n/hall-part.ts';
import { LANGUAGES, shippedLanguage, type Language } from '../i18n/languages.ts';
import { useDocumentTitle, useT } from '../i18n/react.tsx';
import { Fingerprint } from '../shared/Fingerprint.tsx';
import { LanguageLinks } from './LanguageLinks.tsx';
import styles from './HallTrustPage.module.css';

type Fetched = { kind: 'loading' } | { kind: 'ok'; about: HallAbout } | { kind: 'failed' };

/** Steps per kind of device: catalogue keys, in order (docs/deploying.md cites each source). */
const DEVICES: { title: string; steps: string[]; note?: string }[] = [
  {
    title: 'station.hall.ipad.title',
    steps: ['station.hall.ipad.1', 'station.hall.ipad.2', 'station.hall.ipad.3'],
  },
  {
    title: 'station.hall.android.title',
    steps: ['station.hall.step.download', 'station.hall.android.2', 'station.hall.android.3'],
    note: 'station.hall.android.note',
  },
  {
    title: 'station.hall.samsung.title',
    steps: ['station.hall.step.download', 'station.hall.samsung.2', 'station.hall.android.3'],
    note: 'station.hall.android.note',
  },
  {
    title: 'station.hall.chromebook.title',
    steps: ['station.hall.step.download', 'station.hall.chromebook.2', 'station.hall.chromebook.3'],
  },
  {
    title: 'station.hall.windows.title',
    steps: [
      'station.hall.step.download',
      'station.hall.windows.2',
      'station.hall.windows.3',
      'station.hall.windows.4',
    ],
  },
  { title: 'station.hall.fire.title', steps: [], note: 'station.hall.fire.body' },
];

function firstLanguage(): Language {
  const asked = new URLSearchParams(window.location.search).get('lang');
  if (asked !== null && asked in LANGUAGES) return asked as Language;
  return shippedLanguage(navigator.language);
}

export default function HallTrustPage() {
  const [language, setLanguage] = useState<Language>(firstLanguage);
  const [ready, setReady] = useState<Language | null>(null);
  const [fetched, setFetched] = useState<Fetched>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    const done = () => live && setReady(language);
    void activateHallLanguage(language).then(done, done);
    return () => {
      live = false;
    };
  }, [language]);

  useEffect(() => {
    let live = true;
    void fetch(HALL_ABOUT_PATH, { cache: 'no-store' })
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        return hallAboutSchema.parse(await response.json());
      })
      .then(
        (about) => live && setFetched({ kind: 'ok', about }),
        () => live && setFetched({ kind: 'failed' }),
      );
    return () => {
      live = false;
    };
  }, []);

  if (ready === null) return null;
  return <TrustPage fetched={fetched} language={language} onLanguage={setLanguage} />;
}

function TrustPage({
  fetched,
  language,
  onLanguage,
}: {
  fetched: Fetched;
  language: Language;
  onLanguage: (next: Language) => void;
}) {
  const t = useT();
  useDocumentTitle(t('station.hall.title'));
  return (
    <main className={styles['page']}>
      <LanguageLinks
        languages={Object.keys(LANGUAGES) as Language[]}
        current={language}
        label={t('station.hall.languages')}
        onChoose={onLanguage}
      />
      <h1>{t('station.hall.title')}</h1>
      <p className={styles['lead']}>{t('station.hall.intro')}</p>
      {fetched.kind === 'loading' && <p role="status">{t('station.hall.loading')}</p>}
      {fetched.kind === 'failed' && (
        <p role="alert" className={styles['problem']}>
          {t('station.hall.failed')}
        </p>
      )}
      {fetched.kind === 'ok' && <Steps about={fetched.about} />}
      <section className={styles['other']} aria-labelledby="hall-other">
        <h2 id="hall-other">{t('station.hall.other.title')}</h2>
        <p>{t('station.hall.other.body')}</p>
      </section>
    </main>
  );
}

function Steps({ about }: { about: HallAbout }) {
  const t = useT();
  const name = `\u2068${about.caName}\u2069`;
  const app = `https://${window.location.hostname}:${about.httpsPort}/`;
  return (
    <>
      <p>
        <a className={styles['download']} href={HALL_CA_PATH}>
          {t('station.hall.download')}
        </a>
      </p>
      <p>{t('station.hall.check', { name })}</p>
      <Fingerprint value={about.caFingerprint} />
      <h2>{t('station.hall.choose')}</h2>
      <div className={styles['devices']}>
        {DEVICES.map((device) => (
          <details key={device.title} className={styles['device']}>
            <summary>{t(device.title)}</summary>
            {device.steps.length > 0 && (
              <ol>
                {device.steps.map((step) => (
                  <li key={step}>{t(step, { name })}</li>
                ))}
              </ol>
            )}
            {device.note !== undefined && <p>{t(device.note)}</p>}
          </details>
        ))}
      </div>
      <p>
        <a className={styles['open']} href={app}>
          {t('station.hall.done')}
        </a>
      </p>
    </>
  );
}

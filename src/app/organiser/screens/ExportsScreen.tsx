/**
 * Downloads: results and anonymised ballots as CSV (formula-injection safe, from core/export), a
 * Pabulib file for researchers, and the central tally file itself so anyone can re-count it.
 * The writers (with papaparse) are imported on the first click: most visits never export.
 */
import { useState } from 'react';
import type { Rule } from '../../../core/schema.ts';
import type * as ExportWriters from '../../../core/export/index.ts';
import type * as PabulibWriters from '../../../core/pabulib/index.ts';
import { Button, Callout, LoadProblem, ScreenHeading } from '../components/ui.tsx';
import { fileSlug } from '../download.ts';
import { useOpenEvent } from '../layout/EventArea.tsx';
import type { EventResults } from '../results/compute-results.ts';
import { ResultsFailed } from '../results/ResultsFailed.tsx';
import { RuleChoice } from '../results/RuleChoice.tsx';
import { useResults } from '../session/queries.ts';
import { useSession } from '../session/session.tsx';
import { useT } from '../../i18n/react.tsx';
import styles from './ExportsScreen.module.css';

/** Uniform in [0, 1) from the browser's CSPRNG: the ballot shuffle must not be predictable. */
export function secureRandom(): number {
  const [n = 0] = crypto.getRandomValues(new Uint32Array(1));
  return n / 2 ** 32;
}

type Writers = typeof ExportWriters & typeof PabulibWriters;

interface Export {
  id: 'results' | 'ballots' | 'pabulib' | 'central';
  /** Usually one file; a ballot with sections has one Pabulib file per pot and part. */
  make: (writers: Writers) => { fileName: string; text: string }[];
  type: string;
}

const CSV = 'text/csv;charset=utf-8';

/** null when the code could not be fetched: the only expected failure of an export. */
async function loadWriters(): Promise<Writers | null> {
  try {
    const [csv, pabulib] = await Promise.all([
      import('../../../core/export/index.ts'),
      import('../../../core/pabulib/index.ts'),
    ]);
    return { ...csv, ...pabulib };
  } catch {
    return null;
  }
}

function exportsFor({ event, ballots, byRule, fileText }: EventResults, rule: Rule): Export[] {
  const base = fileSlug(event.name);
  return [
    {
      id: 'results',
      make: (w) => [
        { fileName: `${base}-results-${rule}.csv`, text: w.resultsCsv(event, byRule[rule]) },
      ],
      type: CSV,
    },
    {
      id: 'ballots',
      make: (w) => [
        { fileName: `${base}-ballots.csv`, text: w.ballotsCsv(event, ballots, secureRandom) },
      ],
      type: CSV,
    },
    {
      id: 'pabulib',
      make: (w) =>
        w
          .writePabulibFiles(event, ballots, {
            selected: byRule[rule].selected,
            pots: byRule[rule].pots,
          })
          .map((file) => ({ fileName: `${base}${file.suffix}.pb`, text: file.text })),
      type: 'text/plain;charset=utf-8',
    },
    {
      id: 'central',
      // The stations' extension: the same format, and the CLI's verify and merge read both.
      make: () => [{ fileName: `${base}-central.ddtally`, text: fileText }],
      type: 'application/x-ndjson',
    },
  ];
}

/** Every key appears whole, so a check for unused catalogue keys can find it. */
const EXPORT_NAME_KEYS: Record<Export['id'], string> = {
  results: 'organiser.exports.name.results',
  ballots: 'organiser.exports.name.ballots',
  pabulib: 'organiser.exports.name.pabulib',
  central: 'organiser.exports.name.central',
};

type Status = { saved: string } | { failed: Export['id'] } | null;

export function ExportsScreen() {
  const t = useT();
  const { summary, rule, setRule } = useOpenEvent();
  const { saveFile } = useSession();
  const results = useResults(summary.id);
  const [busy, setBusy] = useState<Export['id'] | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const ready = !results.isError && results.data?.ok === true ? results.data.value : null;
  const shownRule = rule ?? ready?.event.rule ?? 'greedy';

  async function save(x: Export) {
    if (busy !== null) return;
    setBusy(x.id);
    const writers = await loadWriters();
    setBusy(null);
    if (writers === null) {
      setStatus({ failed: x.id });
      return;
    }
    const files = x.make(writers);
    for (const file of files) saveFile(file.fileName, file.text, x.type);
    setStatus({ saved: files.map((file) => file.fileName).join(', ') });
  }

  return (
    <>
      <ScreenHeading
        title={t('organiser.title.event', {
          screen: t('organiser.nav.exports'),
          event: summary.name,
        })}
      >
        {t('organiser.exports.title')}
      </ScreenHeading>
      {results.isPending && <p role="status">{t('organiser.results.loading')}</p>}
      {results.isError && <LoadProblem error={results.error} />}
      {!results.isError && results.data?.ok === false && (
        <ResultsFailed problem={results.data.error} />
      )}
      {ready !== null && (
        <>
          <p>{t('organiser.exports.intro')}</p>
          {ready.voided > 0 && (
            <p>
              {t('organiser.exports.voided', {
                total: ready.ballots.length + ready.voided,
                voided: ready.voided,
              })}
            </p>
          )}
          <RuleChoice eventRule={ready.event.rule} rule={shownRule} onChange={setRule} />
          <ul className={styles['list']}>
            {exportsFor(ready, shownRule).map((x) => (
              <li key={x.id}>
                <Button
                  onClick={() => void save(x)}
                  busy={busy === x.id}
                  busyLabel={t('organiser.exports.busy')}
                >
                  {t('organiser.exports.download', { what: t(EXPORT_NAME_KEYS[x.id]) })}
                </Button>
              </li>
            ))}
          </ul>
          {/* Always in the page, so each new status is announced. */}
          <div role="status">
            {status !== null && 'saved' in status && (
              <p>{t('organiser.exports.saved', { file: status.saved })}</p>
            )}
            {status !== null && 'failed' in status && (
              <Callout kind="error">
                {t('organiser.exports.failed', {
                  what: t(EXPORT_NAME_KEYS[status.failed]),
                })}
              </Callout>
            )}
          </div>
        </>
      )}
    </>
  );
}

/**
 * For a station that could never reach the server: its exported tally file is uploaded here. The
 * server merges by ballot id, so importing the same file twice, or after the ballots arrived over
 * the network, adds nothing twice; it refuses another event's file or a tampered one.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { MAX_IMPORT_BYTES } from '../../../core/protocol.ts';
import type { ApiProblem, ImportResponse } from '../api.ts';
import { ProblemText } from '../components/problem-text.tsx';
import { Button, Callout, ScreenHeading, ui } from '../components/ui.tsx';
import { useOpenEvent } from '../layout/EventArea.tsx';
import { problemOf, useImportFile } from '../session/queries.ts';
import { useT, type Translate } from '../../i18n/react.tsx';
import { FilePicker } from '../../shared/FilePicker.tsx';
import styles from './ImportScreen.module.css';
import { ReceiveSection } from './ReceiveSection.tsx';

type Outcome =
  | { kind: 'ok'; fileName: string; value: ImportResponse }
  | { kind: 'refused'; fileName: string; problem: ApiProblem | 'no-file' | 'too-big' };

/**
 * Stations save ".ddtally" (src/sync/export.ts; not imported here, it would pull the station's
 * database code into this chunk). Renamed copies from e-mail or a USB stick are accepted too.
 */
const TALLY_FILE_TYPES = '.ddtally,.jsonl,.ndjson,.txt,application/x-ndjson,text/plain';

export function importSummary(t: Translate, { added, duplicates, rejected }: ImportResponse) {
  return t('organiser.import.summary', {
    added: t('organiser.import.added', { count: added }),
    duplicates: t('organiser.import.duplicates', { count: duplicates }),
    refused: t('organiser.import.refused', { count: rejected.length }),
  });
}

export function ImportScreen() {
  const t = useT();
  const { summary } = useOpenEvent();
  const upload = useImportFile(summary.id);
  const inputRef = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const hintId = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (upload.isPending) return;
    const file = inputRef.current?.files?.[0];
    if (file === undefined) {
      setOutcome({ kind: 'refused', fileName: '', problem: 'no-file' });
      return;
    }
    // Checked here too so a wrong file is not uploaded just to be refused by the server.
    if (file.size > MAX_IMPORT_BYTES) {
      setOutcome({ kind: 'refused', fileName: file.name, problem: 'too-big' });
      return;
    }
    const text = await file.text();
    upload.mutate(
      { text, fileName: file.name },
      {
        onSuccess: (value) => setOutcome({ kind: 'ok', fileName: file.name, value }),
        onError: (error) =>
          setOutcome({ kind: 'refused', fileName: file.name, problem: problemOf(error) }),
      },
    );
  }

  return (
    <>
      <ScreenHeading
        title={t('organiser.title.event', {
          screen: t('organiser.nav.import'),
          event: summary.name,
        })}
      >
        {t('organiser.import.title')}
      </ScreenHeading>
      <p>{t('organiser.import.intro')}</p>
      <form className={styles['form']} onSubmit={(e) => void submit(e)}>
        <label htmlFor="org-import-file">{t('organiser.import.file')}</label>
        <p id={hintId} className={ui.hint}>
          {t('organiser.import.hint')}
        </p>
        <FilePicker
          id="org-import-file"
          ref={inputRef}
          chooseLabel={t('organiser.file.choose')}
          noneLabel={t('organiser.file.none')}
          accept={TALLY_FILE_TYPES}
          aria-describedby={hintId}
        />
        <Button
          type="submit"
          primary
          busy={upload.isPending}
          busyLabel={t('organiser.import.busy')}
        >
          {t('organiser.import.submit')}
        </Button>
      </form>
      <div role="status">
        {outcome?.kind === 'ok' && (
          <Callout kind="success">
            <p>
              {t('organiser.import.done', {
                file: outcome.fileName,
                summary: importSummary(t, outcome.value),
              })}
            </p>
            {outcome.value.rejected.length > 0 && (
              <ul>
                {outcome.value.rejected.map((r) => (
                  <li key={r.id}>
                    {t('organiser.import.rejected-ballot', { id: r.id })}{' '}
                    <ProblemText area="rejection" problem={{ code: r.code, params: r.params }} />
                  </li>
                ))}
              </ul>
            )}
          </Callout>
        )}
      </div>
      {outcome?.kind === 'refused' && (
        <Callout kind="error" role="alert">
          {outcome.fileName !== '' &&
            `${t('organiser.import.not-imported', { file: outcome.fileName })} `}
          {outcome.problem === 'no-file' ? (
            t('organiser.import.no-file')
          ) : outcome.problem === 'too-big' ? (
            t('organiser.import.too-big')
          ) : (
            <ProblemText problem={outcome.problem} />
          )}
        </Callout>
      )}
      <ReceiveSection />
    </>
  );
}

/**
 * A new event from a file of bids: a spreadsheet (CSV or .xlsx) or a Pabulib .pb file. The file is
 * read in this browser (src/core/bids-import); its recognised columns are shown, or a step to say
 * which column holds what when the header is not recognised; then every row with its problems.
 * Nothing is sent to the server until the organiser confirms.
 */
import { useId, useMemo, useState } from 'react';
import {
  BID_FIELDS,
  REQUIRED_FIELDS,
  detectColumns,
  previewImport,
  readBidsFile,
  type BidField,
  type ColumnMapping,
  type ImportPreview,
  type ImportProblem,
  type Sheet,
} from '../../../core/bids-import/index.ts';
import { useFormat, useT, type Translate } from '../../i18n/react.tsx';
import { FilePicker } from '../../shared/FilePicker.tsx';
import { Button, Callout } from '../components/ui.tsx';
import { ProblemText } from '../components/problem-text.tsx';
import type { EditorProblem } from '../editor-api.ts';
import { SelectField, TextField } from './fields.tsx';
import { importProblemText } from './problems.ts';
import styles from './editor.module.css';

export interface ImportFlowProps {
  /** "spreadsheet" or "pabulib": which files the picker suggests. */
  kind: 'spreadsheet' | 'pabulib';
  /** Creates the event; resolves with the problem when the server refuses it. */
  onCreate: (preview: ImportPreview, name: string) => Promise<EditorProblem | null>;
  creating: boolean;
  /** Settings a new event starts with. */
  currency: string;
  locale: string;
  potName: string;
}

type Step =
  | { kind: 'choose'; problem?: ImportProblem }
  | { kind: 'read'; sheet: Sheet; mapping: ColumnMapping; mapped: boolean };

const ACCEPT = {
  spreadsheet:
    '.csv,.xlsx,.tsv,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pabulib: '.pb,text/plain',
};

export function ImportFlow(props: ImportFlowProps) {
  const t = useT();
  const f = useFormat();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [reading, setReading] = useState(false);
  const inputId = `import-${props.kind}-file`;

  async function read(file: File | undefined) {
    if (file === undefined) return;
    setReading(true);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const sheet = await readBidsFile({ bytes, fileName: file.name });
    setReading(false);
    if (!sheet.ok) {
      setStep({ kind: 'choose', problem: sheet.error });
      return;
    }
    const detection = detectColumns(sheet.value);
    setStep({
      kind: 'read',
      sheet: sheet.value,
      mapping: detection.mapping,
      mapped: detection.missing.length === 0,
    });
  }

  return (
    <div>
      <div className={styles['field']}>
        <label htmlFor={inputId} className={styles['label']}>
          {t(`editor.new.${props.kind}.file`)}
        </label>
        <p id={`${inputId}-hint`} className={styles['hint']}>
          {t(`editor.new.${props.kind}.hint`)}
        </p>
        <FilePicker
          id={inputId}
          chooseLabel={t('editor.file.choose')}
          noneLabel={t('editor.file.none')}
          accept={ACCEPT[props.kind]}
          aria-describedby={`${inputId}-hint`}
          onChange={(e) => void read(e.currentTarget.files?.[0])}
        />
      </div>
      {reading && <p role="status">{t('editor.import.reading')}</p>}
      {step.kind === 'choose' && step.problem !== undefined && (
        <Callout kind="error" role="alert">
          <p>{importProblemText(t, shown(step.problem, t, f.money, props.currency))}</p>
        </Callout>
      )}
      {step.kind === 'read' && !step.mapped && (
        <MappingStep
          sheet={step.sheet}
          mapping={step.mapping}
          onDone={(mapping) => setStep({ ...step, mapping, mapped: true })}
        />
      )}
      {step.kind === 'read' && step.mapped && (
        <PreviewStep
          {...props}
          sheet={step.sheet}
          mapping={step.mapping}
          onChangeColumns={() => setStep({ ...step, mapped: false })}
        />
      )}
    </div>
  );
}

/** Which column holds which field, with a few values from each column to go by. */
function MappingStep({
  sheet,
  mapping,
  onDone,
}: {
  sheet: Sheet;
  mapping: ColumnMapping;
  onDone: (mapping: ColumnMapping) => void;
}) {
  const t = useT();
  const [draft, setDraft] = useState<ColumnMapping>(mapping);
  const [tried, setTried] = useState(false);
  const columns = useMemo(() => detectColumns(sheet).columns, [sheet]);
  const missing = REQUIRED_FIELDS.filter((f) => draft[f] === undefined);
  const fieldOf = (index: number) =>
    (Object.entries(draft) as [BidField, number][]).find(([, i]) => i === index)?.[0] ?? '';

  function choose(index: number, field: string) {
    setDraft((d) => {
      const next: ColumnMapping = {};
      for (const [f, i] of Object.entries(d) as [BidField, number][]) {
        if (i !== index && f !== field) next[f] = i;
      }
      if (field !== '') next[field as BidField] = index;
      return next;
    });
  }

  return (
    <section aria-labelledby="import-mapping">
      <h3 id="import-mapping">{t('editor.import.mapping.title')}</h3>
      <p>{t('editor.import.mapping.intro')}</p>
      {columns.map((column) => (
        <SelectField
          key={column.index}
          id={`import-column-${column.index}`}
          label={t('editor.import.mapping.column', {
            header: column.header === '' ? t('editor.import.mapping.no-header') : column.header,
          })}
          hint={
            column.samples.length > 0
              ? t('editor.import.mapping.samples', { samples: column.samples.join(' · ') })
              : undefined
          }
          value={fieldOf(column.index)}
          onChange={(field) => choose(column.index, field)}
          options={[
            { value: '', label: t('editor.import.mapping.leave-out') },
            ...BID_FIELDS.map((f) => ({ value: f, label: t(`editor.import.field.${f}`) })),
          ]}
        />
      ))}
      {tried && missing.length > 0 && (
        <Callout kind="error" role="alert">
          <p>
            {t('editor.import.mapping.missing', {
              fields: missing.map((f) => t(`editor.import.field.${f}`)).join(', '),
            })}
          </p>
        </Callout>
      )}
      <p className={styles['actions']}>
        <Button
          primary
          onClick={() => {
            setTried(true);
            if (missing.length === 0) onDone(draft);
          }}
        >
          {t('editor.import.mapping.done')}
        </Button>
      </p>
    </section>
  );
}

function PreviewStep({
  sheet,
  mapping,
  onChangeColumns,
  onCreate,
  creating,
  currency,
  locale,
  potName,
}: ImportFlowProps & { sheet: Sheet; mapping: ColumnMapping; onChangeColumns: () => void }) {
  const t = useT();
  const f = useFormat();
  const captionId = useId();
  const [name, setName] = useState(
    () => previewImport(sheet, { mapping, potName }).draft?.name ?? '',
  );
  const [tried, setTried] = useState(false);
  const [refused, setRefused] = useState<EditorProblem | null>(null);
  const preview = useMemo(
    () =>
      previewImport(sheet, {
        mapping,
        currency,
        locale,
        potName,
        ...(name.trim() === '' ? {} : { eventName: name.trim() }),
      }),
    [sheet, mapping, currency, locale, potName, name],
  );
  const eventCurrency = preview.draft?.currency ?? currency;
  const recognised = (Object.entries(mapping) as [BidField, number][]).sort((a, b) => a[1] - b[1]);

  async function create() {
    setTried(true);
    if (name.trim() === '' || preview.draft === null) return;
    setRefused(await onCreate(preview, name.trim()));
  }

  return (
    <section aria-labelledby="import-preview">
      <h3 id="import-preview">{t('editor.import.preview.title')}</h3>
      <p>
        {t('editor.import.preview.columns', {
          columns: recognised
            .map(([field, i]) =>
              t('editor.import.preview.column', {
                header: sheet.header[i] ?? '',
                field: t(`editor.import.field.${field}`),
              }),
            )
            .join('; '),
        })}
      </p>
      <p className={styles['actions']}>
        <Button onClick={onChangeColumns}>{t('editor.import.preview.change-columns')}</Button>
      </p>
      <p role="status">
        {t('editor.import.preview.counts', {
          rows: t('editor.import.preview.rows', { count: preview.counts.rows }),
          included: t('editor.import.preview.included', { count: preview.counts.included }),
          errors: t('editor.import.preview.errors', { count: preview.counts.errors }),
        })}
      </p>
      {preview.problems.length > 0 && (
        <Callout kind={preview.problems.some((p) => p.severity === 'error') ? 'error' : 'warning'}>
          <ul>
            {preview.problems.map((p, i) => (
              <li key={i}>{importProblemText(t, shown(p, t, f.money, eventCurrency))}</li>
            ))}
          </ul>
        </Callout>
      )}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must take focus to scroll by keyboard */}
      <div className={styles['tableWrap']} role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className={styles['table']}>
          <caption id={captionId}>{t('editor.import.preview.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('editor.import.preview.row')}</th>
              <th scope="col">{t('editor.import.field.title')}</th>
              <th scope="col">{t('editor.import.field.group')}</th>
              <th scope="col">{t('editor.import.field.cost')}</th>
              <th scope="col">{t('editor.import.field.category')}</th>
              <th scope="col">{t('editor.import.preview.problems')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => (
              <tr key={row.row} className={row.included ? undefined : styles['rowError']}>
                <td>{f.number(row.row)}</td>
                <th scope="row">{row.bid.title}</th>
                <td>{row.bid.group}</td>
                <td>{row.bid.amount === null ? '' : f.money(row.bid.amount, eventCurrency)}</td>
                <td>{row.bid.category}</td>
                <td>
                  {!row.included && <strong>{t('editor.import.preview.left-out')} </strong>}
                  {row.problems.length > 0 && (
                    <ul className={styles['rowProblems']}>
                      {row.problems.map((p, i) => (
                        <li key={i}>{importProblemText(t, shown(p, t, f.money, eventCurrency))}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <TextField
        id="import-event-name"
        label={t('editor.new.name')}
        value={name}
        onChange={setName}
        maxLength={200}
        problems={tried && name.trim() === '' ? [t('editor.new.name.missing')] : []}
      />
      {preview.draft === null ? (
        <Callout kind="error" role="alert">
          <p>{t('editor.import.preview.nothing')}</p>
        </Callout>
      ) : (
        <>
          {preview.counts.included < preview.counts.rows && (
            <p>
              {t('editor.import.preview.skipping', {
                count: preview.counts.rows - preview.counts.included,
              })}
            </p>
          )}
          {refused !== null && (
            <Callout kind="error" role="alert">
              <p>
                {t('editor.new.refused')} <ProblemText problem={refused} />
              </p>
            </Callout>
          )}
          <p className={styles['actions']}>
            <Button
              primary
              busy={creating}
              busyLabel={t('editor.new.creating')}
              onClick={() => void create()}
            >
              {t('editor.import.preview.create', { count: preview.counts.included })}
            </Button>
          </p>
        </>
      )}
    </section>
  );
}

/**
 * A problem's params as its sentence shows them: amounts in minor units as money, a field's code
 * as its name, and every param a sentence may use present (empty if the reader did not give it).
 */
function shown(
  problem: ImportProblem,
  t: Translate,
  money: (minor: number, currency: string) => string,
  currency: string,
) {
  const params: Record<string, string | number> = { row: '', firstRow: '', value: '', becomes: '' };
  for (const [key, value] of Object.entries(problem.params)) {
    if (typeof value === 'string' || typeof value === 'number') params[key] = value;
  }
  for (const key of ['max', 'suggestion'] as const) {
    const value = problem.params[key];
    if (typeof value === 'number' && problem.code.startsWith('cost-')) {
      params[key] = money(value, currency);
    }
  }
  if (problem.params.field !== undefined) {
    params['field'] = t(`editor.import.field.${problem.params.field}`);
  }
  return { code: problem.code, params };
}

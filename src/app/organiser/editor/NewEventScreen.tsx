/**
 * A new event, four ways: blank (just a name), a copy of an event this server has, from a
 * Pabulib .pb file, or from a spreadsheet of bids (with a template to start from). The last two
 * go through the import preview; nothing is created until the organiser confirms. The new event
 * opens on its Set-up screen.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { bidsTemplateCsv, slugOf, type ImportPreview } from '../../../core/bids-import/index.ts';
import { uniqueSlug } from '../../../core/bids-import/ids.ts';
import type { CreateEventRequest } from '../../../core/events-api.ts';
import { useT } from '../../i18n/react.tsx';
import { Button, Callout, ScreenHeading } from '../components/ui.tsx';
import { ProblemText } from '../components/problem-text.tsx';
import type { EditorProblem, EventDetail } from '../editor-api.ts';
import { MainArea } from '../layout/MainArea.tsx';
import { useEvents } from '../session/queries.ts';
import { useSession } from '../session/session.tsx';
import { SelectField, TextField } from './fields.tsx';
import { ImportFlow } from './ImportFlow.tsx';
import { editorProblemOf, useCreateEvent } from './queries.ts';
import styles from './editor.module.css';

type Way = 'blank' | 'copy' | 'pabulib' | 'spreadsheet';
const WAYS: readonly Way[] = ['blank', 'copy', 'spreadsheet', 'pabulib'];

/** Where a new event opens. */
export const editorPath = (eventId: string, screen = 'setup') =>
  `/events/${encodeURIComponent(eventId)}/${screen}`;

export function NewEventScreen() {
  const t = useT();
  const [way, setWay] = useState<Way>('blank');
  const create = useCreateEvent();
  const events = useEvents();
  const client = useQueryClient();
  const [, navigate] = useLocation();
  const { saveFile } = useSession();

  async function createWith(request: CreateEventRequest): Promise<EditorProblem | null> {
    let detail: EventDetail;
    try {
      detail = await create.mutateAsync(request);
    } catch (error) {
      return editorProblemOf(error);
    }
    // The event's screens look it up in the events list: have it there before going.
    await client.invalidateQueries({ queryKey: ['events'] });
    navigate(editorPath(detail.id));
    return null;
  }

  const takenIds = new Set((events.data ?? []).map((e) => e.id));

  function fromImport(preview: ImportPreview, name: string) {
    if (preview.draft === null) return Promise.resolve(null);
    const id = uniqueSlug(slugOf(name, 'event'), new Set(takenIds));
    return createWith({ from: 'definition', definition: { ...preview.draft, id, name } });
  }

  return (
    <MainArea busy={create.isPending}>
      <ScreenHeading title={t('editor.new.title')}>{t('editor.new.title')}</ScreenHeading>
      <fieldset className={styles['group']}>
        <legend>{t('editor.new.how')}</legend>
        {WAYS.map((w) => (
          <div key={w} className={styles['check']}>
            <input
              type="radio"
              id={`new-way-${w}`}
              name="new-way"
              checked={way === w}
              onChange={() => setWay(w)}
              aria-describedby={`new-way-${w}-hint`}
            />
            <label htmlFor={`new-way-${w}`}>{t(`editor.new.${w}`)}</label>
            <p id={`new-way-${w}-hint`} className={styles['hint']}>
              {t(`editor.new.${w}.about`)}
            </p>
          </div>
        ))}
      </fieldset>

      <section aria-labelledby="new-way-title">
        <h2 id="new-way-title">{t(`editor.new.${way}`)}</h2>
        {way === 'blank' && <BlankForm busy={create.isPending} onCreate={createWith} />}
        {way === 'copy' && (
          <CopyForm
            busy={create.isPending}
            events={(events.data ?? []).map((e) => ({ value: e.id, label: e.name }))}
            onCreate={createWith}
          />
        )}
        {way === 'spreadsheet' && (
          <p>
            <Button onClick={() => saveFile('bids-template.csv', bidsTemplateCsv(), 'text/csv')}>
              {t('editor.new.template')}
            </Button>
          </p>
        )}
        {(way === 'spreadsheet' || way === 'pabulib') && (
          <ImportFlow
            key={way}
            kind={way}
            creating={create.isPending}
            onCreate={fromImport}
            currency="GBP"
            locale="en-GB"
            potName={t('editor.import.pot-name')}
          />
        )}
      </section>
    </MainArea>
  );
}

function BlankForm({
  busy,
  onCreate,
}: {
  busy: boolean;
  onCreate: (request: CreateEventRequest) => Promise<EditorProblem | null>;
}) {
  const t = useT();
  const [name, setName] = useState('');
  const [tried, setTried] = useState(false);
  const [refused, setRefused] = useState<EditorProblem | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (name.trim() === '') {
      document.getElementById('new-blank-name')?.focus();
      return;
    }
    // The placeholders' words in the organiser's language (the server keeps them if it knows them).
    const request = {
      from: 'blank' as const,
      name: name.trim(),
      potName: t('editor.import.pot-name'),
      bidTitle: t('editor.new.first-bid'),
    };
    setRefused(await onCreate(request));
  }

  return (
    <form className={styles['form']} onSubmit={(e) => void submit(e)} noValidate>
      <TextField
        id="new-blank-name"
        label={t('editor.new.name')}
        hint={t('editor.new.name.hint')}
        value={name}
        onChange={setName}
        maxLength={200}
        problems={tried && name.trim() === '' ? [t('editor.new.name.missing')] : []}
      />
      <Refused problem={refused} />
      <p className={styles['actions']}>
        <Button primary type="submit" busy={busy} busyLabel={t('editor.new.creating')}>
          {t('editor.new.create')}
        </Button>
      </p>
    </form>
  );
}

function CopyForm({
  busy,
  events,
  onCreate,
}: {
  busy: boolean;
  events: { value: string; label: string }[];
  onCreate: (request: CreateEventRequest) => Promise<EditorProblem | null>;
}) {
  const t = useT();
  const [from, setFrom] = useState(events[0]?.value ?? '');
  const [name, setName] = useState('');
  const [refused, setRefused] = useState<EditorProblem | null>(null);

  if (events.length === 0) return <p>{t('editor.new.copy.none')}</p>;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const request: CreateEventRequest =
      name.trim() === ''
        ? { from: 'copy', eventId: from }
        : { from: 'copy', eventId: from, name: name.trim() };
    setRefused(await onCreate(request));
  }

  return (
    <form className={styles['form']} onSubmit={(e) => void submit(e)} noValidate>
      <SelectField
        id="new-copy-from"
        label={t('editor.new.copy.from')}
        value={from}
        onChange={setFrom}
        options={events}
      />
      <TextField
        id="new-copy-name"
        label={t('editor.new.copy.name')}
        hint={t('editor.new.copy.name.hint')}
        value={name}
        onChange={setName}
        maxLength={200}
      />
      <Refused problem={refused} />
      <p className={styles['actions']}>
        <Button primary type="submit" busy={busy} busyLabel={t('editor.new.creating')}>
          {t('editor.new.copy.create')}
        </Button>
      </p>
    </form>
  );
}

function Refused({ problem }: { problem: EditorProblem | null }) {
  const t = useT();
  if (problem === null) return null;
  return (
    <Callout kind="error" role="alert">
      <p>
        {t('editor.new.refused')} <ProblemText problem={problem} />
      </p>
    </Callout>
  );
}

/**
 * One bid's form: title, group, cost in the event's currency, short summary, full description,
 * optional easy read, category and further categories, the ward it serves, picture with its required description (alt text), and the
 * translations of its texts for each language the event offers. A picture is shrunk and stripped
 * of its metadata in this browser, then uploaded as soon as it is chosen; the bid itself is saved
 * with "Save bid". If that save fails, the organiser is told what was kept (the picture) and what
 * was not (the bid's changes), and the form keeps everything they typed.
 */
import { useRef, useState, type FormEvent } from 'react';
import { slugOf } from '../../../core/bids-import/index.ts';
import { uniqueSlug } from '../../../core/bids-import/ids.ts';
import { eventWards } from '../../../core/ballot-sections.ts';
import { eventLanguages } from '../../../core/event-text.ts';
import type { Bid, EventDefinition } from '../../../core/schema.ts';
import { LANGUAGES, isLanguage } from '../../i18n/languages.ts';
import { useT } from '../../i18n/react.tsx';
import { FilePicker } from '../../shared/FilePicker.tsx';
import { Button } from '../components/ui.tsx';
import { ProblemText } from '../components/problem-text.tsx';
import type { EditorProblem, EventDetail } from '../editor-api.ts';
import { CheckField, MoneyField, SelectField, TextField } from './fields.tsx';
import { focusFirstInvalid, useCheckedForm } from './form.ts';
import { FormActions, SaveStatus, canEdit, useDefinitionSaver } from './frame.tsx';
import { useEditorServices } from './api-context.tsx';
import type { PictureProblem } from './picture.ts';
import { editorProblemOf, useEventDetail, useUploadPicture } from './queries.ts';
import { optionalText, translationOf, withTranslation } from './translations.ts';
import styles from './editor.module.css';

const NEW_CATEGORY = '\u0000new';
const TRANSLATED = ['title', 'summary', 'details', 'easyRead', 'imageAlt'] as const;

interface BidFormProps {
  detail: EventDetail;
  /** Absent for a new bid. */
  bid: Bid | undefined;
  onDone: (savedText: string) => void;
  onCancel: () => void;
}

const emptyBid = (event: EventDefinition): Bid => ({
  id: uniqueSlug('bid', new Set(event.bids.map((b) => b.id))),
  title: '',
  group: '',
  amount: 0,
  summary: '',
});

type PictureState =
  | { kind: 'idle' }
  | { kind: 'working' }
  | { kind: 'uploaded' }
  | { kind: 'failed'; problem: PictureProblem | EditorProblem };

export function BidForm({ detail, bid, onDone, onCancel }: BidFormProps) {
  const t = useT();
  const event = detail.definition;
  const isNew = bid === undefined;
  const [draft, setDraft] = useState<Bid>(() => bid ?? emptyBid(event));
  const [amount, setAmount] = useState<number | null>(bid?.amount ?? null);
  const [newCategory, setNewCategory] = useState<string | null>(null);
  const [picture, setPicture] = useState<PictureState>({ kind: 'idle' });
  const [blocked, setBlocked] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const saver = useDefinitionSaver(detail);
  const reload = useEventDetail(detail.id);
  const upload = useUploadPicture(detail.id);
  const { preparePicture } = useEditorServices();
  const languages = eventLanguages(event);
  const others = languages.slice(1);
  const editable = canEdit(detail);

  const index = isNew ? event.bids.length : event.bids.findIndex((b) => b.id === bid.id);
  const definition = buildDefinition(event, draft, amount, newCategory, isNew);
  const form = useCheckedForm(definition);
  const path = `bids.${index}`;
  const altMissing = form.shown && draft.image !== undefined && (draft.imageAlt ?? '') === '';
  const costMissing = form.shown && amount === null;
  const languageName = (code: string) => (isLanguage(code) ? LANGUAGES[code].name : code);

  const set = <K extends keyof Bid>(key: K, value: Bid[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const setOptional = (key: 'details' | 'easyRead' | 'imageAlt', text: string) =>
    setDraft((d) => optionalText(d, key, text));

  async function choosePicture(file: File | undefined) {
    if (file === undefined) return;
    setPicture({ kind: 'working' });
    const prepared = await preparePicture(file);
    if (!prepared.ok) {
      setPicture({ kind: 'failed', problem: prepared.problem });
      return;
    }
    try {
      const stored = await upload.mutateAsync(prepared.upload);
      setDraft((d) => ({ ...d, image: stored.path }));
      setPicture({ kind: 'uploaded' });
    } catch (error) {
      setPicture({ kind: 'failed', problem: editorProblemOf(error) });
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    form.show();
    const errors =
      form.errorsIn([path, 'categories']).length +
      (draft.image !== undefined && (draft.imageAlt ?? '') === '' ? 1 : 0) +
      (newCategory !== null && newCategory.trim() === '' ? 1 : 0);
    setBlocked(errors);
    if (errors > 0) {
      focusFirstInvalid(formRef.current);
      return;
    }
    const outcome = await saver.save(definition);
    if (outcome?.kind === 'saved') onDone(t('editor.bids.saved', { title: draft.title }));
  }

  const pictureKept =
    picture.kind === 'uploaded' && saver.outcome !== null && saver.outcome.kind !== 'saved'
      ? t('editor.bids.picture.kept')
      : undefined;

  return (
    <form ref={formRef} className={styles['form']} onSubmit={(e) => void submit(e)} noValidate>
      <h2>{isNew ? t('editor.bids.new') : t('editor.bids.editing', { title: bid.title })}</h2>
      <SaveStatus
        outcome={saver.outcome}
        extra={pictureKept}
        onReload={() => {
          saver.clear();
          void reload.refetch();
          onCancel();
        }}
      />
      <fieldset disabled={!editable} className={styles['plain']}>
        <TextField
          id="bid-title"
          label={t('editor.bids.title')}
          value={draft.title}
          onChange={(v) => set('title', v)}
          problems={form.at(`${path}.title`)}
          required
          maxLength={200}
          lang={languages[0]}
        />
        <TextField
          id="bid-group"
          label={t('editor.bids.group')}
          hint={t('editor.bids.group.hint')}
          value={draft.group}
          onChange={(v) => set('group', v)}
          problems={form.at(`${path}.group`)}
          maxLength={200}
        />
        <MoneyField
          id="bid-cost"
          label={t('editor.bids.cost')}
          hint={t('editor.bids.cost.hint', { currency: event.currency })}
          value={amount}
          onChange={setAmount}
          currency={event.currency}
          locale={event.locale}
          problems={costMissing ? [t('editor.bids.cost.missing')] : form.at(`${path}.amount`)}
        />
        <TextField
          id="bid-summary"
          multiline
          label={t('editor.bids.summary')}
          hint={t('editor.bids.summary.hint')}
          value={draft.summary}
          onChange={(v) => set('summary', v)}
          problems={form.at(`${path}.summary`)}
          maxLength={1000}
          lang={languages[0]}
        />
        <TextField
          id="bid-details"
          multiline
          rows={6}
          label={t('editor.bids.details')}
          value={draft.details ?? ''}
          onChange={(v) => setOptional('details', v)}
          problems={form.at(`${path}.details`)}
          maxLength={5000}
          lang={languages[0]}
        />
        <TextField
          id="bid-easy-read"
          multiline
          label={t('editor.bids.easy-read')}
          hint={t('editor.bids.easy-read.hint')}
          value={draft.easyRead ?? ''}
          onChange={(v) => setOptional('easyRead', v)}
          problems={form.at(`${path}.easyRead`)}
          maxLength={1000}
          lang={languages[0]}
        />
        <SelectField
          id="bid-category"
          label={t('editor.bids.category')}
          value={newCategory !== null ? NEW_CATEGORY : (draft.category ?? '')}
          onChange={(v) => {
            if (v === NEW_CATEGORY) {
              setNewCategory('');
              return;
            }
            setNewCategory(null);
            setDraft((d) => optionalText(d, 'category', v));
          }}
          options={[
            { value: '', label: t('editor.bids.category.none') },
            ...event.categories.map((c) => ({ value: c.id, label: c.name })),
            { value: NEW_CATEGORY, label: t('editor.bids.category.new') },
          ]}
          problems={[...form.at('categories'), ...form.at(`${path}.category`)]}
        />
        {newCategory !== null && (
          <TextField
            id="bid-new-category"
            label={t('editor.bids.category.new-name')}
            value={newCategory}
            onChange={setNewCategory}
            problems={
              form.shown && newCategory.trim() === ''
                ? [t('editor.bids.category.name-missing')]
                : []
            }
            maxLength={100}
          />
        )}

        {event.categories.some((c) => c.id !== draft.category) && (
          <fieldset className={styles['group']} aria-describedby="bid-tags-hint">
            <legend>{t('editor.bids.tags')}</legend>
            <p id="bid-tags-hint" className={styles['hint']}>
              {t('editor.bids.tags.hint')}
            </p>
            {form.at(`${path}.tags`).length > 0 && (
              <p className={styles['problem']}>{form.at(`${path}.tags`).join(' ')}</p>
            )}
            {event.categories
              .filter((c) => c.id !== draft.category)
              .map((c) => (
                <CheckField
                  key={c.id}
                  id={`bid-tag-${c.id}`}
                  label={c.name}
                  checked={(draft.tags ?? []).includes(c.id)}
                  onChange={(on) => setDraft((d) => withTag(d, c.id, on))}
                />
              ))}
          </fieldset>
        )}
        <TextField
          id="bid-ward"
          label={t('editor.bids.ward')}
          hint={t('editor.bids.ward.hint')}
          value={draft.ward ?? ''}
          onChange={(v) => setDraft((d) => optionalText(d, 'ward', v))}
          problems={form.at(`${path}.ward`)}
          suggestions={eventWards(event)}
          maxLength={100}
        />

        <fieldset className={styles['group']}>
          <legend>{t('editor.bids.picture')}</legend>
          {draft.image !== undefined && (
            <img
              className={styles['preview']}
              src={`${import.meta.env.BASE_URL}${draft.image}`}
              alt={draft.imageAlt ?? ''}
            />
          )}
          <div className={styles['field']}>
            <label htmlFor="bid-picture" className={styles['label']}>
              {draft.image === undefined
                ? t('editor.bids.picture.choose')
                : t('editor.bids.picture.replace')}
            </label>
            <p id="bid-picture-hint" className={styles['hint']}>
              {t('editor.bids.picture.hint')}
            </p>
            <FilePicker
              id="bid-picture"
              chooseLabel={t('editor.file.choose')}
              noneLabel={t('editor.file.none')}
              accept="image/*"
              aria-describedby="bid-picture-hint bid-picture-status"
              onChange={(e) => void choosePicture(e.currentTarget.files?.[0])}
            />
            <p id="bid-picture-status" role="status" className={styles['hint']}>
              {picture.kind === 'working' && t('editor.bids.picture.working')}
              {picture.kind === 'uploaded' && t('editor.bids.picture.uploaded')}
            </p>
            {picture.kind === 'failed' && (
              <p role="alert" className={styles['problem']}>
                {typeof picture.problem === 'string' ? (
                  t(`editor.bids.picture.${picture.problem}`)
                ) : (
                  <ProblemText problem={picture.problem} />
                )}
              </p>
            )}
          </div>
          {draft.image !== undefined && (
            <>
              <TextField
                id="bid-alt"
                label={t('editor.bids.alt')}
                hint={t('editor.bids.alt.hint')}
                value={draft.imageAlt ?? ''}
                onChange={(v) => setOptional('imageAlt', v)}
                problems={[
                  ...(altMissing ? [t('editor.bids.alt.missing')] : []),
                  ...form.at(`${path}.imageAlt`),
                ]}
                maxLength={300}
                lang={languages[0]}
              />
              <p className={styles['actions']}>
                <Button
                  onClick={() =>
                    setDraft((d) => {
                      const next = { ...d };
                      delete next.image;
                      delete next.imageAlt;
                      return next;
                    })
                  }
                >
                  {t('editor.bids.picture.remove')}
                </Button>
              </p>
            </>
          )}
        </fieldset>

        {others.map((language) => (
          <fieldset key={language} className={styles['group']}>
            <legend>{t('editor.bids.translation', { language: languageName(language) })}</legend>
            <p className={styles['hint']}>{t('editor.setup.translation.hint')}</p>
            {TRANSLATED.filter((field) => field !== 'imageAlt' || draft.image !== undefined).map(
              (field) => (
                <TextField
                  key={field}
                  id={`bid-${field}-${language}`}
                  multiline={field !== 'title' && field !== 'imageAlt'}
                  label={t(`editor.bids.${field}.in`, { language: languageName(language) })}
                  value={translationOf(draft, language, field)}
                  onChange={(text) => setDraft((d) => withTranslation(d, language, field, text))}
                  problems={form.at(`${path}.translations.${language}.${field}`)}
                  lang={language}
                />
              ),
            )}
          </fieldset>
        ))}

        <FormActions
          blocked={blocked}
          saving={saver.saving || picture.kind === 'working'}
          label={t('editor.bids.save')}
        >
          <Button onClick={onCancel}>{t('editor.bids.cancel')}</Button>
        </FormActions>
      </fieldset>
      {saver.dialog}
    </form>
  );
}

/** The bid with category `id` among its further categories, or not; none left means no tags. */
function withTag(bid: Bid, id: string, on: boolean): Bid {
  const kept = (bid.tags ?? []).filter((t) => t !== id);
  const tags = on ? [...kept, id] : kept;
  const next: Bid = { ...bid, tags };
  if (tags.length === 0) delete next.tags;
  return next;
}

/** The event with this bid in it (new at the end), and a new category if one is being added. */
function buildDefinition(
  event: EventDefinition,
  draft: Bid,
  amount: number | null,
  newCategory: string | null,
  isNew: boolean,
): EventDefinition {
  let categories = event.categories;
  let bid: Bid = { ...draft, amount: amount ?? 0 };
  if (newCategory !== null && newCategory.trim() !== '') {
    const id = uniqueSlug(slugOf(newCategory, 'category'), new Set(categories.map((c) => c.id)));
    categories = [...categories, { id, name: newCategory.trim() }];
    bid = { ...bid, category: id };
  }
  if (isNew) {
    const id = uniqueSlug(slugOf(draft.title, 'bid'), new Set(event.bids.map((b) => b.id)));
    bid = { ...bid, id };
  }
  const bids = isNew ? [...event.bids, bid] : event.bids.map((b) => (b.id === draft.id ? bid : b));
  return { ...event, categories, bids };
}

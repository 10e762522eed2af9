/**
 * How voters are checked at this event (docs/check-in.md): a volunteer starts each ballot
 * (attended start), voters use a single-use voting code, and — added by their own fieldsets
 * below — the registration desk and the eligibility and equalities questions. The modes combine.
 */
import type { CheckIn, EventDefinition } from '../../../core/schema.ts';
import { useT } from '../../i18n/react.tsx';
import type { EventDetail } from '../editor-api.ts';
import {
  DefinitionScreen,
  EditorFrame,
  FormActions,
  canEdit,
  useDraftForm,
  type DefinitionSaver,
} from './frame.tsx';
import { DeskFields } from './DeskFields.tsx';
import { QuestionsFields } from './QuestionsFields.tsx';
import styles from './editor.module.css';

/** What this screen saves: its problems stop the save. Other fieldsets add their paths here. */
const PATHS = ['checkIn'];

/**
 * The contract of every fieldset on this screen (ModeFields below, the registration desk's
 * DeskFields, the questions' QuestionsFields…), rendered as `<XFields {...fields} />`:
 * - `draft`: the whole definition being edited;
 * - `update(change)`: merges top-level fields into the draft (`update({ questions })`);
 *   `updateCheckIn(change)` merges into `draft.checkIn` (false/undefined values are dropped, and
 *   an empty checkIn is removed, so an event without check-in stays as it was);
 * - `editable`: whether the event may be edited now (the enclosing <fieldset disabled> already
 *   disables native controls; this is for anything else, e.g. hiding an "Add" button);
 * - `problemsAt(path)`: the words for the draft's problems at `path` (and below), once the
 *   organiser has tried to save. A fieldset whose problems must stop the save adds its paths to
 *   PATHS above.
 */
export interface CheckInFieldsProps {
  draft: EventDefinition;
  update: (change: Partial<EventDefinition>) => void;
  updateCheckIn: (change: Partial<CheckIn>) => void;
  editable: boolean;
  problemsAt: (path: string) => string[];
}

export function CheckInScreen({ eventId }: { eventId: string }) {
  return (
    <EditorFrame eventId={eventId} screen="checkin">
      {(detail) => <DefinitionScreen detail={detail} Form={CheckInForm} />}
    </EditorFrame>
  );
}

/** The event's checkIn with `change` applied; absent again when no mode is left on. */
export function withCheckIn(draft: EventDefinition, change: Partial<CheckIn>): EventDefinition {
  const merged: Record<string, unknown> = { ...draft.checkIn, ...change };
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === false) delete merged[key];
  }
  const rest = { ...draft };
  delete rest.checkIn;
  return Object.keys(merged).length === 0 ? rest : { ...rest, checkIn: merged };
}

function CheckInForm({ detail, saver }: { detail: EventDetail; saver: DefinitionSaver }) {
  const t = useT();
  const { draft, setDraft, form, formRef, blocked, submit } = useDraftForm(detail, saver, PATHS);
  const editable = canEdit(detail);
  const fields: CheckInFieldsProps = {
    draft,
    update: (change) => setDraft((d) => ({ ...d, ...change })),
    updateCheckIn: (change) => setDraft((d) => withCheckIn(d, change)),
    editable,
    problemsAt: (path) => form.at(path),
  };

  return (
    <form ref={formRef} className={styles['form']} onSubmit={submit} noValidate>
      <p className={styles['hint']}>{t('editor.checkin.intro')}</p>
      <fieldset disabled={!editable} className={styles['plain']}>
        <ModeFields {...fields} />
        {/* ── Other check-in fieldsets: one line each, `<XFields {...fields} />` ──────────── */}
        {/* (the registration desk's DeskFields; the eligibility and equalities QuestionsFields) */}
        <DeskFields {...fields} />
        <QuestionsFields {...fields} />
        {/* ── end of the other check-in fieldsets ─────────────────────────────────────────── */}

        <FormActions blocked={blocked} saving={saver.saving} />
      </fieldset>
    </form>
  );
}

/** Attended start and voting codes: each a switch with what it means on the day. */
function ModeFields({ draft, updateCheckIn }: CheckInFieldsProps) {
  const t = useT();
  return (
    <fieldset className={styles['group']}>
      <legend>{t('editor.checkin.modes')}</legend>
      <ModeCheck
        id="checkin-attended"
        checked={draft.checkIn?.attended === true}
        onChange={(on) => updateCheckIn({ attended: on })}
        label={t('editor.checkin.attended')}
        hint={t('editor.checkin.attended.hint')}
      />
      <ModeCheck
        id="checkin-codes"
        checked={draft.checkIn?.codes === true}
        onChange={(on) => updateCheckIn({ codes: on })}
        label={t('editor.checkin.codes')}
        hint={t('editor.checkin.codes.hint')}
      />
    </fieldset>
  );
}

function ModeCheck({
  id,
  checked,
  onChange,
  label,
  hint,
}: {
  id: string;
  checked: boolean;
  onChange: (on: boolean) => void;
  label: string;
  hint: string;
}) {
  return (
    <div className={styles['check']}>
      <input
        type="checkbox"
        id={id}
        checked={checked}
        onChange={(e) => onChange(e.currentTarget.checked)}
        aria-describedby={`${id}-hint`}
      />
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className={styles['hint']}>
        {hint}
      </p>
    </div>
  );
}

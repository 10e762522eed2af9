/**
 * The ballot: how voters choose and within which limits. Today an event has one ballot method
 * over all its bids; the method's fields are one component (MethodFields) given a method and an
 * id prefix, so a list of ballot sections can each use it when sections arrive.
 */
import type { BallotMethod, EventDefinition, MethodKind } from '../../../core/schema.ts';
import { useT } from '../../i18n/react.tsx';
import type { EventDetail } from '../editor-api.ts';
import { CheckField, MoneyField, NumberField } from './fields.tsx';
import type { CheckedForm } from './form.ts';
import {
  DefinitionScreen,
  EditorFrame,
  FormActions,
  canEdit,
  useDraftForm,
  type DefinitionSaver,
} from './frame.tsx';
import styles from './editor.module.css';

/** What this screen saves: its problems stop the save. */
const PATHS = ['method'];

export const METHOD_KINDS: readonly MethodKind[] = [
  'approval',
  'knapsack',
  'score',
  'ranking',
  'cumulative',
];

/** A sensible method of each kind to start from when the organiser switches to it. */
export function defaultMethod(kind: MethodKind, bids: number): BallotMethod {
  switch (kind) {
    case 'approval':
      return { kind, min: 1, max: Math.min(5, Math.max(1, bids)) };
    case 'knapsack':
      return { kind, limit: null };
    case 'score':
      return { kind, min: 1, max: 5, allowNoOpinion: true };
    case 'ranking':
      return { kind, maxRanks: Math.min(3, Math.max(1, bids)) };
    case 'cumulative':
      return { kind, points: 10, maxPerBid: 5 };
  }
}

export function BallotScreen({ eventId }: { eventId: string }) {
  return (
    <EditorFrame eventId={eventId} screen="ballot">
      {(detail) => <DefinitionScreen detail={detail} Form={BallotForm} />}
    </EditorFrame>
  );
}

function BallotForm({ detail, saver }: { detail: EventDetail; saver: DefinitionSaver }) {
  const t = useT();
  const { draft, setDraft, form, formRef, blocked, submit } = useDraftForm(detail, saver, PATHS);

  return (
    <form ref={formRef} className={styles['form']} onSubmit={submit} noValidate>
      <fieldset disabled={!canEdit(detail)} className={styles['plain']}>
        <p className={styles['hint']}>{t('editor.ballot.intro')}</p>
        <MethodFields
          idPrefix="ballot"
          path="method"
          method={draft.method}
          event={draft}
          form={form}
          onChange={(method) => setDraft((d) => ({ ...d, method }))}
        />
        <FormActions blocked={blocked} saving={saver.saving} />
      </fieldset>
    </form>
  );
}

interface MethodFieldsProps {
  idPrefix: string;
  /** Where this method sits in the definition, for its problems ("method"). */
  path: string;
  method: BallotMethod;
  event: EventDefinition;
  form: CheckedForm;
  onChange: (method: BallotMethod) => void;
}

/** One ballot method and its limits: the part a ballot section will repeat. */
export function MethodFields({ idPrefix, path, method, event, form, onChange }: MethodFieldsProps) {
  const t = useT();
  const id = (name: string) => `${idPrefix}-${name}`;
  const at = (field: string) => form.at(`${path}.${field}`, true);
  // Cross-field problems (max below min) are at the method itself: show them on both fields.
  const whole = form.at(path, true);
  const count = (
    name: string,
    value: number | null,
    change: (n: number) => BallotMethod,
    min = 0,
  ) => (
    <NumberField
      id={id(name)}
      label={t(`editor.ballot.${method.kind}.${name}`)}
      hint={t(`editor.ballot.${method.kind}.${name}.hint`)}
      value={value}
      min={min}
      // Empty is not a number: the check names it beside the field.
      onChange={(n) => onChange(change(n ?? Number.NaN))}
      problems={[...at(name), ...whole]}
    />
  );

  return (
    <>
      <fieldset className={styles['group']}>
        <legend>{t('editor.ballot.method')}</legend>
        {METHOD_KINDS.map((kind) => (
          <div key={kind} className={styles['check']}>
            <input
              type="radio"
              id={id(`kind-${kind}`)}
              name={id('kind')}
              checked={method.kind === kind}
              onChange={() => onChange(defaultMethod(kind, event.bids.length))}
              aria-describedby={id(`kind-${kind}-hint`)}
            />
            <label htmlFor={id(`kind-${kind}`)}>{t(`editor.ballot.kind.${kind}`)}</label>
            <p id={id(`kind-${kind}-hint`)} className={styles['hint']}>
              {t(`editor.ballot.kind.${kind}.hint`)}
            </p>
          </div>
        ))}
      </fieldset>
      {/* Keyed by the method, so switching method starts its fields from its own values. */}
      <fieldset key={method.kind} className={styles['group']}>
        <legend>{t('editor.ballot.limits')}</legend>
        {method.kind === 'approval' && (
          <>
            {count('min', method.min, (min) => ({ ...method, min }))}
            <NumberField
              id={id('max')}
              label={t('editor.ballot.approval.max')}
              hint={t('editor.ballot.approval.max.hint')}
              value={method.max}
              min={1}
              onChange={(max) => onChange({ ...method, max })}
              problems={[...at('max'), ...whole]}
            />
          </>
        )}
        {method.kind === 'knapsack' && (
          <MoneyField
            id={id('limit')}
            label={t('editor.ballot.knapsack.limit')}
            hint={t('editor.ballot.knapsack.limit.hint')}
            value={method.limit}
            currency={event.currency}
            locale={event.locale}
            onChange={(limit) => onChange({ ...method, limit })}
            problems={at('limit')}
          />
        )}
        {method.kind === 'score' && (
          <>
            {count('min', method.min, (min) => ({ ...method, min }))}
            {count('max', method.max, (max) => ({ ...method, max }), 1)}
            <CheckField
              id={id('no-opinion')}
              label={t('editor.ballot.score.no-opinion')}
              checked={method.allowNoOpinion}
              onChange={(allowNoOpinion) => onChange({ ...method, allowNoOpinion })}
            />
          </>
        )}
        {method.kind === 'ranking' &&
          count('maxRanks', method.maxRanks, (maxRanks) => ({ ...method, maxRanks }), 1)}
        {method.kind === 'cumulative' && (
          <>
            {count('points', method.points, (points) => ({ ...method, points }), 1)}
            {count('maxPerBid', method.maxPerBid, (maxPerBid) => ({ ...method, maxPerBid }), 1)}
          </>
        )}
      </fieldset>
    </>
  );
}

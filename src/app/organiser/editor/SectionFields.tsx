/**
 * One part of a ballot on the Ballot screen (title, introduction and their translations, the bids
 * it covers, its way of voting and limits), and the method's fields that the one-part ballot uses
 * too.
 */
import { bidsInScope } from '../../../core/ballot-sections.ts';
import type { EventCheckProblem } from '../../../core/event-check.ts';
import { eventLanguages } from '../../../core/event-text.ts';
import type {
  BallotMethod,
  BallotSection,
  EventDefinition,
  MethodKind,
} from '../../../core/schema.ts';
import { LANGUAGES, isLanguage } from '../../i18n/languages.ts';
import { useFormat, useT } from '../../i18n/react.tsx';
import { Button } from '../components/ui.tsx';
import { CheckField, MoneyField, NumberField, TextField } from './fields.tsx';
import type { CheckedForm } from './form.ts';
import { eventProblemText, withNames } from './problems.ts';
import { ScopeFields, type ScopeKind } from './ScopeFields.tsx';
import { optionalText, translationOf, withTranslation } from './translations.ts';
import styles from './editor.module.css';

const SCOPE_KINDS: readonly ScopeKind[] = ['all', 'categories', 'wards', 'own-ward', 'bids'];

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

interface SectionFieldsProps {
  event: EventDefinition;
  section: BallotSection;
  index: number;
  count: number;
  form: CheckedForm;
  onChange: (change: (section: BallotSection) => BallotSection) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/**
 * The problems about one part. The schema's checks name a field (`sections.2.title`,
 * `sections.2.method`); the event's cross-checks are at `sections`, naming the part by its id.
 */
function sectionProblems(
  form: CheckedForm,
  section: BallotSection,
  index: number,
): EventCheckProblem[] {
  if (!form.shown) return [];
  return form.problems.filter((p) => {
    const at = String(p.params['path']);
    if (at === `sections.${index}` || at.startsWith(`sections.${index}.`)) return true;
    return at === 'sections' && p.params['section'] === section.id;
  });
}

export function SectionFields(props: SectionFieldsProps) {
  const { event, section, index, count, form, onChange, onMove, onRemove } = props;
  const t = useT();
  const f = useFormat();
  const id = `section-${index}`;
  const path = `sections.${index}`;
  const languages = eventLanguages(event);
  const languageName = (code: string) => (isLanguage(code) ? LANGUAGES[code].name : code);
  const problems = sectionProblems(form, section, index);
  const words = (test: (p: EventCheckProblem) => boolean) =>
    problems.filter(test).map((p) => eventProblemText(t, withNames(p, event, f.money)));
  const at = (field: string) => (p: EventCheckProblem) => {
    const where = String(p.params['path']);
    return where === `${path}.${field}` || where.startsWith(`${path}.${field}.`);
  };
  const scopeProblems = words(
    (p) => at('scope')(p) || (String(p.params['path']) === 'sections' && 'section' in p.params),
  );
  const methodWide = words(
    (p) =>
      String(p.params['path']) === 'sections' && !('section' in p.params) && !('id' in p.params),
  );
  const inScope = bidsInScope(event, section.scope).length;
  const name = section.title === '' ? t('editor.sections.untitled') : section.title;

  return (
    <fieldset className={styles['group']}>
      <legend>{t('editor.sections.part', { position: index + 1, name })}</legend>
      <TextField
        id={`${id}-title`}
        label={t('editor.sections.title')}
        hint={t('editor.sections.title.hint')}
        value={section.title}
        onChange={(title) => onChange((s) => ({ ...s, title }))}
        problems={words(at('title'))}
        lang={languages[0]}
        maxLength={200}
      />
      <TextField
        id={`${id}-intro`}
        multiline
        label={t('editor.sections.intro')}
        hint={t('editor.sections.intro.hint')}
        value={section.intro ?? ''}
        onChange={(text) => onChange((s) => optionalText(s, 'intro', text))}
        problems={words(at('intro'))}
        lang={languages[0]}
        maxLength={1000}
      />
      {languages.slice(1).map((language) => (
        <fieldset key={language} className={styles['group']}>
          <legend>{t('editor.sections.translation', { language: languageName(language) })}</legend>
          <p className={styles['hint']}>{t('editor.setup.translation.hint')}</p>
          {(['title', 'intro'] as const).map((field) => (
            <TextField
              key={field}
              id={`${id}-${field}-${language}`}
              multiline={field === 'intro'}
              label={t(`editor.sections.${field}.in`, { language: languageName(language) })}
              value={translationOf(section, language, field)}
              onChange={(text) => onChange((s) => withTranslation(s, language, field, text))}
              problems={words(at(`translations.${language}.${field}`))}
              lang={language}
            />
          ))}
        </fieldset>
      ))}
      <ScopeFields
        id={`${id}-scope`}
        legend={t('editor.sections.scope')}
        event={event}
        scope={section.scope}
        kinds={SCOPE_KINDS}
        labelOf={(kind) => t(`editor.scope.${kind}`)}
        onChange={(scope) => onChange((s) => ({ ...s, scope }))}
        problems={scopeProblems}
      />
      <p className={styles['hint']}>{t('editor.sections.in-scope', { count: inScope })}</p>
      <MethodFields
        idPrefix={id}
        path={`${path}.method`}
        method={section.method}
        event={event}
        form={form}
        extraProblems={methodWide}
        onChange={(method) => onChange((s) => ({ ...s, method }))}
      />
      <p className={styles['actions']}>
        {index > 0 && (
          <Button aria-label={t('editor.sections.up.named', { name })} onClick={() => onMove(-1)}>
            {t('editor.bids.up')}
          </Button>
        )}
        {index < count - 1 && (
          <Button aria-label={t('editor.sections.down.named', { name })} onClick={() => onMove(1)}>
            {t('editor.bids.down')}
          </Button>
        )}
        {count > 1 && (
          <Button aria-label={t('editor.sections.remove.named', { name })} onClick={onRemove}>
            {t('editor.bids.remove')}
          </Button>
        )}
      </p>
    </fieldset>
  );
}

interface MethodFieldsProps {
  idPrefix: string;
  /** Where this method sits in the definition, for its problems ("method"). */
  path: string;
  method: BallotMethod;
  event: EventDefinition;
  form: CheckedForm;
  /** Problems about this method's limits found elsewhere (a part's cross-checks), in words. */
  extraProblems?: readonly string[];
  onChange: (method: BallotMethod) => void;
}

/** One ballot method and its limits: the part a ballot section will repeat. */
export function MethodFields(props: MethodFieldsProps) {
  const { idPrefix, path, method, event, form, extraProblems = [], onChange } = props;
  const t = useT();
  const id = (name: string) => `${idPrefix}-${name}`;
  const at = (field: string) => form.at(`${path}.${field}`, true);
  // Cross-field problems (max below min) are at the method itself: show them on both fields.
  const whole = [...form.at(path, true), ...extraProblems];
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

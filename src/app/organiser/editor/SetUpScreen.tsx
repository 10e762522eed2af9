/**
 * An event's set-up: its name, date, currency and locale, the languages voters may choose (each
 * named in itself) and which comes first, the welcome and eligibility texts with their
 * translations, where voting happens and until when, the rule, and which fact breaks a tie first.
 */
import type { EventDefinition, Rule, TieBreakPolicy } from '../../../core/schema.ts';
import { eventLanguages } from '../../../core/event-text.ts';
import { LANGUAGES, isLanguage, type Language } from '../../i18n/languages.ts';
import { useT } from '../../i18n/react.tsx';
import type { EventDetail } from '../editor-api.ts';
import { CheckField, SelectField, TextField } from './fields.tsx';
import {
  DefinitionScreen,
  EditorFrame,
  FormActions,
  canEdit,
  useDraftForm,
  type DefinitionSaver,
} from './frame.tsx';
import { optionalText, translationOf, withTranslation } from './translations.ts';
import styles from './editor.module.css';

export const CURRENCIES = ['GBP', 'EUR', 'PLN', 'USD'] as const;
export const LOCALES = ['en-GB', 'cy-GB', 'gd-GB', 'pl-PL', 'ar'] as const;
const RULES: readonly Rule[] = ['greedy', 'equal-shares'];
const TIE_BREAKS: readonly TieBreakPolicy[] = ['cheaper-first', 'more-voters-first'];
/** What this screen saves: its problems stop the save. */
const PATHS = [
  'name',
  'place',
  'date',
  'endDate',
  'currency',
  'locale',
  'languages',
  'welcome',
  'eligibility',
  'translations',
  'rule',
  'tieBreak',
];

export function SetUpScreen({ eventId }: { eventId: string }) {
  return (
    <EditorFrame eventId={eventId} screen="setup">
      {(detail) => <DefinitionScreen detail={detail} Form={SetUpForm} />}
    </EditorFrame>
  );
}

function SetUpForm({ detail, saver }: { detail: EventDetail; saver: DefinitionSaver }) {
  const t = useT();
  const { draft, setDraft, form, formRef, blocked, submit } = useDraftForm(detail, saver, PATHS);
  const editable = canEdit(detail);
  const offered = eventLanguages(draft);
  const first = offered[0] ?? draft.locale;
  const others = offered.slice(1);

  const update = (change: Partial<EventDefinition>) => setDraft((d) => ({ ...d, ...change }));

  function setOffered(language: Language, on: boolean) {
    const next = on ? [...offered, language] : offered.filter((l) => l !== language);
    if (next.length === 0) return;
    update({ languages: next });
  }

  function setFirst(language: string) {
    update({ languages: [language, ...offered.filter((l) => l !== language)] });
  }

  const languageName = (code: string) => (isLanguage(code) ? LANGUAGES[code].name : code);

  return (
    <form ref={formRef} className={styles['form']} onSubmit={submit} noValidate>
      <fieldset disabled={!editable} className={styles['plain']}>
        <TextField
          id="setup-name"
          label={t('editor.setup.name')}
          value={draft.name}
          onChange={(name) => update({ name })}
          problems={form.at('name')}
          required
          maxLength={200}
        />
        <TextField
          id="setup-place"
          label={t('editor.setup.place')}
          hint={t('editor.setup.place.hint')}
          value={draft.place ?? ''}
          onChange={(place) => setDraft((d) => optionalText(d, 'place', place))}
          problems={form.at('place')}
          maxLength={200}
          lang={first}
        />
        <div className={styles['pair']}>
          <TextField
            id="setup-date"
            type="date"
            label={t('editor.setup.date')}
            hint={t('editor.setup.date.hint')}
            value={draft.date ?? ''}
            onChange={(date) => setDraft((d) => optionalText(d, 'date', date))}
            problems={form.at('date')}
          />
          <TextField
            id="setup-end-date"
            type="date"
            label={t('editor.setup.end-date')}
            hint={t('editor.setup.end-date.hint')}
            value={draft.endDate ?? ''}
            onChange={(date) => setDraft((d) => optionalText(d, 'endDate', date))}
            problems={[
              ...(form.shown &&
              draft.date !== undefined &&
              draft.endDate !== undefined &&
              draft.endDate < draft.date
                ? [t('editor.setup.end-date.before')]
                : []),
              ...form.at('endDate'),
            ]}
          />
        </div>
        <div className={styles['pair']}>
          <SelectField
            id="setup-currency"
            label={t('editor.setup.currency')}
            value={draft.currency}
            onChange={(currency) => update({ currency })}
            options={[...new Set([draft.currency, ...CURRENCIES])].map((c) => ({
              value: c,
              label: t('editor.setup.currency.option', { code: c }),
            }))}
            problems={form.at('currency')}
          />
          <SelectField
            id="setup-locale"
            label={t('editor.setup.locale')}
            hint={t('editor.setup.locale.hint')}
            value={draft.locale}
            onChange={(locale) => update({ locale })}
            options={[...new Set([draft.locale, ...LOCALES])].map((l) => ({
              value: l,
              label: l,
            }))}
            problems={form.at('locale')}
          />
        </div>

        <fieldset className={styles['group']}>
          <legend>{t('editor.setup.languages')}</legend>
          <p className={styles['hint']}>{t('editor.setup.languages.hint')}</p>
          {(Object.keys(LANGUAGES) as Language[]).map((code) => (
            <CheckField
              key={code}
              id={`setup-language-${code}`}
              label={LANGUAGES[code].name}
              lang={code}
              checked={offered.includes(code)}
              onChange={(on) => setOffered(code, on)}
            />
          ))}
          <SelectField
            id="setup-first-language"
            label={t('editor.setup.first-language')}
            hint={t('editor.setup.first-language.hint')}
            value={first}
            onChange={setFirst}
            options={offered.map((code) => ({
              value: code,
              label: languageName(code),
              lang: code,
            }))}
            problems={form.at('languages')}
          />
        </fieldset>

        <fieldset className={styles['group']}>
          <legend>{t('editor.setup.texts', { language: languageName(first) })}</legend>
          <TextField
            id="setup-welcome"
            multiline
            label={t('editor.setup.welcome')}
            hint={t('editor.setup.welcome.hint')}
            value={draft.welcome ?? ''}
            onChange={(text) => setDraft((d) => optionalText(d, 'welcome', text))}
            problems={form.at('welcome')}
            lang={first}
          />
          <TextField
            id="setup-eligibility"
            multiline
            label={t('editor.setup.eligibility')}
            hint={t('editor.setup.eligibility.hint')}
            value={draft.eligibility ?? ''}
            onChange={(text) => setDraft((d) => optionalText(d, 'eligibility', text))}
            problems={form.at('eligibility')}
            lang={first}
          />
        </fieldset>

        {others.map((language) => (
          <fieldset key={language} className={styles['group']}>
            <legend>{t('editor.setup.translation', { language: languageName(language) })}</legend>
            <p className={styles['hint']}>{t('editor.setup.translation.hint')}</p>
            {(['name', 'welcome', 'eligibility'] as const).map((field) => (
              <TextField
                key={field}
                id={`setup-${field}-${language}`}
                multiline={field !== 'name'}
                label={t(`editor.setup.${field}.in`, { language: languageName(language) })}
                value={translationOf(draft, language, field)}
                onChange={(text) => setDraft((d) => withTranslation(d, language, field, text))}
                problems={form.at(`translations.${language}.${field}`)}
                lang={language}
              />
            ))}
          </fieldset>
        ))}

        <fieldset className={styles['group']}>
          <legend>{t('editor.setup.rule')}</legend>
          {RULES.map((rule) => (
            <div key={rule} className={styles['check']}>
              <input
                type="radio"
                id={`setup-rule-${rule}`}
                name="setup-rule"
                checked={draft.rule === rule}
                onChange={() => update({ rule })}
                aria-describedby={`setup-rule-${rule}-hint`}
              />
              <label htmlFor={`setup-rule-${rule}`}>{t(`editor.rule.${rule}`)}</label>
              <p id={`setup-rule-${rule}-hint`} className={styles['hint']}>
                {t(`editor.rule.${rule}.hint`)}
              </p>
            </div>
          ))}
        </fieldset>

        <fieldset className={styles['group']}>
          <legend>{t('editor.setup.tie-break')}</legend>
          {TIE_BREAKS.map((policy) => (
            <div key={policy} className={styles['check']}>
              <input
                type="radio"
                id={`setup-tie-break-${policy}`}
                name="setup-tie-break"
                checked={(draft.tieBreak ?? 'cheaper-first') === policy}
                onChange={() => update({ tieBreak: policy })}
                aria-describedby={`setup-tie-break-${policy}-hint`}
              />
              <label htmlFor={`setup-tie-break-${policy}`}>
                {t(`editor.setup.tie-break.${policy}`)}
              </label>
              <p id={`setup-tie-break-${policy}-hint`} className={styles['hint']}>
                {t(`editor.setup.tie-break.${policy}.hint`)}
              </p>
            </div>
          ))}
        </fieldset>

        <FormActions blocked={blocked} saving={saver.saving} />
      </fieldset>
    </form>
  );
}

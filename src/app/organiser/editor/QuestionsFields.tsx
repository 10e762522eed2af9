/**
 * The eligibility and equalities questions in the event editor's Check-in screen
 * (docs/check-in.md): which questions a voter is asked before the ballot (age band, with an
 * optional youngest band; area, with an optional weight per area), and which optional equalities
 * questions are offered after it. Weights are typed as decimals of up to 3 places and kept as
 * typed: the tally uses them exactly.
 */
import { eventWards } from '../../../core/ballot-sections.ts';
import { AGE_BANDS, EQUALITIES_QUESTIONS } from '../../../core/questions-constants.ts';
import type { AgeBand, EligibilityQuestions, EqualitiesQuestion } from '../../../core/schema.ts';
import { useT } from '../../i18n/react.tsx';
import type { CheckInFieldsProps } from './CheckInScreen.tsx';
import { CheckField, SelectField, TextField } from './fields.tsx';
import styles from './editor.module.css';

export function QuestionsFields({ draft, updateCheckIn, problemsAt }: CheckInFieldsProps) {
  const t = useT();
  const questions = draft.checkIn?.questions ?? {};
  const wards = eventWards(draft);
  const equalities = draft.checkIn?.equalities ?? [];

  const setQuestions = (next: EligibilityQuestions) => {
    const kept: EligibilityQuestions = {};
    if (next.ageBand !== undefined) kept.ageBand = next.ageBand;
    if (next.area !== undefined) kept.area = next.area;
    updateCheckIn({ questions: Object.keys(kept).length === 0 ? undefined : kept });
  };
  const ageBand = questions.ageBand;
  const area = questions.area;
  const setWeight = (ward: string, text: string) => {
    const weights = { ...area?.weights };
    if (text.trim() === '') delete weights[ward];
    else weights[ward] = text.trim();
    const rest = { ...area };
    delete rest.weights;
    setQuestions({
      ...questions,
      area: Object.keys(weights).length === 0 ? rest : { ...rest, weights },
    });
  };
  const toggleEquality = (question: EqualitiesQuestion, on: boolean) => {
    const next = EQUALITIES_QUESTIONS.filter((q) => (q === question ? on : equalities.includes(q)));
    updateCheckIn({ equalities: next.length === 0 ? undefined : next });
  };

  return (
    <>
      <fieldset className={styles['group']}>
        <legend>{t('editor.questions.legend')}</legend>
        <p className={styles['hint']}>{t('editor.questions.hint')}</p>
        <CheckField
          id="questions-age"
          label={t('editor.questions.age')}
          checked={ageBand !== undefined}
          onChange={(on) => setQuestions({ ...questions, ageBand: on ? {} : undefined })}
        />
        {ageBand !== undefined && (
          <>
            <CheckField
              id="questions-age-required"
              label={t('editor.questions.age.required')}
              checked={ageBand.required === true}
              onChange={(on) =>
                setQuestions({ ...questions, ageBand: { ...ageBand, required: on || undefined } })
              }
            />
            <SelectField
              id="questions-age-minimum"
              label={t('editor.questions.minimum')}
              hint={t('editor.questions.minimum.hint')}
              value={ageBand.minimum ?? ''}
              options={[
                { value: '', label: t('editor.questions.minimum.none') },
                ...AGE_BANDS.map((band) => ({ value: band, label: t(`questions.age.${band}`) })),
              ]}
              onChange={(value) => {
                const rest = { ...ageBand };
                delete rest.minimum;
                setQuestions({
                  ...questions,
                  ageBand: value === '' ? rest : { ...rest, minimum: value as AgeBand },
                });
              }}
            />
          </>
        )}
        <CheckField
          id="questions-area"
          label={t('editor.questions.area')}
          checked={area !== undefined}
          onChange={(on) => setQuestions({ ...questions, area: on ? {} : undefined })}
        />
        {area !== undefined && wards.length === 0 && (
          <p className={styles['problem']}>{t('editor.questions.area.no-wards')}</p>
        )}
        {area !== undefined && wards.length > 0 && (
          <>
            <CheckField
              id="questions-area-required"
              label={t('editor.questions.area.required')}
              checked={area.required === true}
              onChange={(on) =>
                setQuestions({ ...questions, area: { ...area, required: on || undefined } })
              }
            />
            <fieldset className={styles['group']}>
              <legend>{t('editor.questions.weights')}</legend>
              <p className={styles['hint']}>{t('editor.questions.weights.hint')}</p>
              {wards.map((ward, i) => (
                <TextField
                  key={ward}
                  id={`questions-weight-${i}`}
                  label={t('editor.questions.weight', { ward })}
                  value={area.weights?.[ward] ?? ''}
                  onChange={(text) => setWeight(ward, text)}
                  problems={problemsAt(`checkIn.questions.area.weights.${ward}`)}
                />
              ))}
            </fieldset>
          </>
        )}
      </fieldset>
      <fieldset className={styles['group']}>
        <legend>{t('editor.equalities.legend')}</legend>
        <p className={styles['hint']}>{t('editor.equalities.hint')}</p>
        {EQUALITIES_QUESTIONS.map((question) => (
          <CheckField
            key={question}
            id={`equalities-${question}`}
            label={t(`questions.equalities.${question}`)}
            checked={equalities.includes(question)}
            onChange={(on) => toggleEquality(question, on)}
          />
        ))}
      </fieldset>
    </>
  );
}

/**
 * The event's eligibility questions, after the voter starts and before the bids, one per screen:
 * age band, then area (docs/check-in.md). The area answer fills every part of the ballot over the
 * voter's own ward, so they are not asked again there, and on a weighted event it is kept for the
 * ballot. The age band is never stored: it only turns away a voter younger than the event allows.
 * A lazy chunk of its own (BallotSteps loads it only on an event that asks these questions).
 */
import { useRef, useState } from 'react';
import { eventWards } from '../../../core/ballot-sections.ts';
import {
  eligibilitySteps,
  oldEnough,
  questionRequired,
  weightsAreas,
  type EligibilityStep,
} from '../../../core/questions.ts';
import { AGE_BANDS } from '../../../core/questions-constants.ts';
import type { AgeBand, Choice, EventDefinition } from '../../../core/schema.ts';
import { useT } from '../../i18n/react.tsx';
import { Screen } from '../../shared/Screen.tsx';
import { useSession } from '../../shared/session-context.ts';
import { answersOf, ballotParts, withAnswer } from '../ballot-parts.ts';
import { CancelBallot } from '../CancelBallot.tsx';
import { Local, useEventWords } from '../event-words.tsx';
import { AnswerList } from './AnswerList.tsx';
import styles from './Questions.module.css';

const PREFER_NOT = 'prefer-not-to-say';

/** The youngest age in a band ("16-17" → 16). */
export const lowestAge = (band: AgeBand): number => Number.parseInt(band, 10);

interface EligibilityStepsProps {
  event: EventDefinition;
  draft: Choice;
}

export default function EligibilitySteps({ event, draft }: EligibilityStepsProps) {
  const t = useT();
  const words = useEventWords(event);
  const steps = eligibilitySteps(event);
  const setDraft = useSession((s) => s.setDraft);
  const setArea = useSession((s) => s.setArea);
  const goTo = useSession((s) => s.goTo);
  const backToWelcome = useSession((s) => s.backToWelcome);
  const [index, setIndex] = useState(0);
  const [answers, setAnswers] = useState<Partial<Record<EligibilityStep, string>>>({});
  const [missing, setMissing] = useState(false);
  const [tooYoung, setTooYoung] = useState(false);
  const missingRef = useRef<HTMLParagraphElement>(null);
  const step = steps[index];

  if (tooYoung) {
    const minimum = event.checkIn?.questions?.ageBand?.minimum ?? AGE_BANDS[0];
    return (
      <Screen title={t('questions.too-young.title')}>
        <p className="lead">{t('questions.too-young.lead', { age: lowestAge(minimum) })}</p>
        <div className="actions">
          <button type="button" className="button primary" onClick={backToWelcome}>
            {t('questions.too-young.finish')}
          </button>
        </div>
      </Screen>
    );
  }
  if (step === undefined) return null;

  const required = questionRequired(event, step);
  const options =
    step === 'age-band'
      ? AGE_BANDS.map((band) => ({ value: band, label: t(`questions.age.${band}`) }))
      : eventWards(event).map((ward) => ({
          value: ward,
          label: <Local text={words.ward(ward)} />,
        }));
  const answer = answers[step];

  const finish = (all: Partial<Record<EligibilityStep, string>>) => {
    const area = all.area === undefined || all.area === PREFER_NOT ? undefined : all.area;
    if (area !== undefined) {
      // Every own-ward part gets the area: its ward question is answered already.
      let next = draft;
      ballotParts(event).forEach((part, i) => {
        const choice = answersOf(next)[i]?.choice;
        if (part.section.scope.kind === 'own-ward' && choice !== undefined) {
          next = withAnswer(next, i, { ward: area, choice });
        }
      });
      setDraft(next);
    }
    setArea(area !== undefined && weightsAreas(event) ? area : null);
    goTo('browse');
  };
  const next = () => {
    if (answer === undefined) {
      setMissing(true);
      requestAnimationFrame(() => missingRef.current?.focus());
      return;
    }
    if (step === 'age-band' && answer !== PREFER_NOT && !oldEnough(event, answer as AgeBand)) {
      setTooYoung(true);
      return;
    }
    if (index + 1 < steps.length) {
      setIndex(index + 1);
      setMissing(false);
    } else {
      finish(answers);
    }
  };

  return (
    <Screen key={step} title={t('questions.title')}>
      {steps.length > 1 && (
        <p className={styles['progress']}>
          {t('questions.progress', { number: index + 1, count: steps.length })}
        </p>
      )}
      <AnswerList
        question={t(step === 'age-band' ? 'questions.age.question' : 'questions.area.question')}
        answers={
          required ? options : [...options, { value: PREFER_NOT, label: t('questions.prefer-not') }]
        }
        value={answer}
        onChange={(value) => {
          setAnswers({ ...answers, [step]: value });
          setMissing(false);
        }}
        describedBy={missing ? 'question-missing' : undefined}
      />
      {missing && (
        <p id="question-missing" ref={missingRef} tabIndex={-1} role="alert" className="notice">
          {t('questions.missing')}
        </p>
      )}
      <div className="actions sticky sticky-bottom">
        <button type="button" className="button primary" onClick={next}>
          {t('questions.next')}
        </button>
        {index > 0 && (
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setIndex(index - 1);
              setMissing(false);
            }}
          >
            {t('questions.back')}
          </button>
        )}
        <CancelBallot />
      </div>
    </Screen>
  );
}

/**
 * The optional equalities questions, after the ballot is cast, one per screen; every one can be
 * skipped. The answers are stored apart from the ballot, with nothing linking the two (no ids, no
 * time: db/equalities-repo.ts), only when at least one was answered. A lazy chunk of its own.
 */
import { useRef, useState } from 'react';
import { EQUALITIES_ANSWERS, type EqualitiesAnswers } from '../../../core/questions.ts';
import type { EventDefinition } from '../../../core/schema.ts';
import { saveEqualities } from '../../../db/equalities-repo.ts';
import { useT } from '../../i18n/react.tsx';
import { Screen } from '../../shared/Screen.tsx';
import { useServices } from '../../shared/services.tsx';
import { useSession } from '../../shared/session-context.ts';
import { AnswerList } from './AnswerList.tsx';
import { answerKey } from './answer-key.ts';
import styles from './Questions.module.css';

export default function EqualitiesSteps({ event }: { event: EventDefinition }) {
  const t = useT();
  const { db } = useServices();
  const backToWelcome = useSession((s) => s.backToWelcome);
  const questions = event.checkIn?.equalities ?? [];
  const [index, setIndex] = useState(0);
  const [answers, setAnswers] = useState<EqualitiesAnswers>({});
  const [failed, setFailed] = useState(false);
  const saving = useRef(false);
  const question = questions[index];

  const finish = async (all: EqualitiesAnswers) => {
    if (saving.current) return;
    saving.current = true;
    const saved = await saveEqualities(db, event, all);
    if (saved.ok) backToWelcome();
    else setFailed(true);
  };
  const move = (all: EqualitiesAnswers) => {
    if (index + 1 < questions.length) setIndex(index + 1);
    else void finish(all);
  };

  if (failed) {
    return (
      <Screen title={t('questions.equalities.failed.title')}>
        <p className="lead">{t('questions.equalities.failed.lead')}</p>
        <div className="actions">
          <button type="button" className="button primary" onClick={backToWelcome}>
            {t('questions.finish')}
          </button>
        </div>
      </Screen>
    );
  }
  if (question === undefined) return null;
  const last = index + 1 === questions.length;

  return (
    <Screen key={question} title={t('questions.equalities.title')}>
      <p className={styles['progress']}>
        {t('questions.progress', { number: index + 1, count: questions.length })}
      </p>
      <p>{t('questions.equalities.why')}</p>
      <AnswerList
        question={t(`questions.equalities.${question}`)}
        answers={EQUALITIES_ANSWERS[question].map((answer) => ({
          value: answer,
          label: t(answerKey(question, answer)),
        }))}
        value={answers[question]}
        onChange={(value) => setAnswers({ ...answers, [question]: value })}
      />
      <div className="actions sticky sticky-bottom">
        <button
          type="button"
          className="button primary"
          disabled={answers[question] === undefined}
          onClick={() => move(answers)}
        >
          {t(last ? 'questions.finish' : 'questions.next')}
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            const rest = { ...answers };
            delete rest[question];
            setAnswers(rest);
            move(rest);
          }}
        >
          {t('questions.skip')}
        </button>
      </div>
    </Screen>
  );
}

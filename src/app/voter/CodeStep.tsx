/**
 * The voting code step (event.checkIn.codes): after Start, the voter types the code on their card.
 * It is checked on this tablet with no network (db/code-repo checkCode): a good code starts the
 * ballot and travels with it; the code is used up only when the ballot is cast, so walking away
 * (cancel, timeout) leaves the card good. One check at a time: a second tap or a second scan
 * while a check runs is ignored, so one code can never start two ballots.
 *
 * A chunk of its own (loaded only by events with codes), like the ballot's screens.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { EventDefinition } from '../../core/schema.ts';
import { CODE_GROUP_LENGTH, CODE_LENGTH } from '../../core/voting-codes.ts';
import { checkCode, type CodeCheckProblem } from '../../db/code-repo.ts';
import { getEventStatus } from '../../db/event-status.ts';
import { useT } from '../i18n/react.tsx';
import { useServices } from '../shared/services.tsx';
import { Screen } from '../shared/Screen.tsx';
import { useSession } from '../shared/session-context.ts';
import styles from './CodeStep.module.css';

interface CodeStepProps {
  event: EventDefinition;
  /** Starts the ballot once the code is accepted (its tag is already in the session). */
  onAccepted: () => void;
}

/** What is typed, shown in the card's groups: "kfq7m4" → "KFQ7-M4". */
export function groupTyped(typed: string): string {
  const plain = typed
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .slice(0, CODE_LENGTH);
  const groups = plain.match(new RegExp(`.{1,${CODE_GROUP_LENGTH}}`, 'g')) ?? [];
  return groups.join('-');
}

export function CodeStep({ event, onAccepted }: CodeStepProps) {
  const t = useT();
  const { db } = useServices();
  const setCode = useSession((s) => s.setCode);
  const backToWelcome = useSession((s) => s.backToWelcome);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<CodeCheckProblem | null>(null);
  const [checking, setChecking] = useState(false);
  const inFlight = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (inFlight.current) return;
    inFlight.current = true;
    setChecking(true);
    setProblem(null);
    try {
      const status = await getEventStatus(db, event.id);
      const checked = await checkCode(db, event.id, typed, status?.state === 'draft');
      if (checked.ok) {
        setCode(checked.value.tag);
        onAccepted();
        return;
      }
      setProblem(checked.error);
      input.current?.focus();
    } finally {
      inFlight.current = false;
      setChecking(false);
    }
  };

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <Screen title={t('voter.code.title')} className={styles['screen']}>
      <p className="lead">{t('voter.code.lead')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className={styles['field']}>
          <label htmlFor={id} className={styles['label']}>
            {t('voter.code.label')}
          </label>
          <p id={hintId} className={styles['hint']}>
            {t('voter.code.hint', { example: 'KFQ7-M4TX-9CJR' })}
          </p>
          <input
            ref={input}
            id={id}
            className={styles['input']}
            value={typed}
            onChange={(e) => setTyped(groupTyped(e.target.value))}
            autoComplete="off"
            autoCorrect="off"
            autoCapitalize="characters"
            spellCheck={false}
            inputMode="text"
            dir="ltr"
            maxLength={CODE_LENGTH + 2}
            aria-invalid={problem !== null}
            aria-describedby={problem === null ? hintId : `${hintId} ${errorId}`}
          />
          {problem !== null && (
            <p id={errorId} role="alert" className={`notice ${styles['problem']}`}>
              {t(`voter.code.problem.${problem.code}`, problem.params)}
            </p>
          )}
        </div>
        <p role="status" className="visually-hidden">
          {checking ? t('voter.code.checking') : ''}
        </p>
        <div className="actions">
          <button type="button" className="button" onClick={backToWelcome} disabled={checking}>
            {t('voter.code.back')}
          </button>
          <button type="submit" className="button primary big" disabled={checking}>
            {checking ? t('voter.code.checking') : t('voter.code.check')}
          </button>
        </div>
      </form>
    </Screen>
  );
}

export default CodeStep;

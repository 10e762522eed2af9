/**
 * The voting code step (event.checkIn.codes): after Start, the voter types the code on their card.
 * It is checked on this tablet with no network (db/code-repo checkCode): a good code starts the
 * ballot and travels with it; the code is used up only when the ballot is cast, so walking away
 * (cancel, timeout) leaves the card good. One check at a time: a second tap or a second scan
 * while a check runs is ignored, and once a code is accepted nothing more is checked here, so one
 * card can never start two ballots.
 *
 * "Scan your card" (shared/QrScanner, where the browser has BarcodeDetector and a camera) reads
 * the QR code printed on the card. The organiser's card sheet (CodesScreen) puts exactly the code
 * in its printed form in the QR ("KFQ7-M4TX-9CJR"); that, or the bare 12 characters, is accepted
 * and goes through the very same normalisation and checks as a typed code. Anything else (a join
 * link, a web address) is "not a voting card" and is not checked.
 *
 * A chunk of its own (loaded only by events with codes), like the ballot's screens.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { QrScanner } from '../shared/QrScanner.tsx';
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

/**
 * What a card's QR code holds, ready to check: the code in its printed form or bare (any case,
 * spaces around), or null when the QR code is not a voting card's.
 */
export function scannedCode(text: string): string | null {
  const group = `[0-9A-Za-z]{${CODE_GROUP_LENGTH}}`;
  const printed = new RegExp(`^${group}(-?${group}){${CODE_LENGTH / CODE_GROUP_LENGTH - 1}}$`);
  const trimmed = text.trim();
  return printed.test(trimmed) ? trimmed : null;
}

type StepProblem = CodeCheckProblem | { code: 'code-not-card'; params: Record<string, never> };

export function CodeStep({ event, onAccepted }: CodeStepProps) {
  const t = useT();
  const { db } = useServices();
  const setCode = useSession((s) => s.setCode);
  const backToWelcome = useSession((s) => s.backToWelcome);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<StepProblem | null>(null);
  const [checking, setChecking] = useState(false);
  const inFlight = useRef(false);
  // Set for good once a code starts the ballot: a late tap or scan can never start another.
  const accepted = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();

  /** The one way a code is checked, typed or scanned. */
  const check = async (value: string) => {
    if (inFlight.current || accepted.current) return;
    inFlight.current = true;
    setChecking(true);
    setProblem(null);
    try {
      const status = await getEventStatus(db, event.id);
      const checked = await checkCode(db, event.id, value, status?.state === 'draft');
      if (checked.ok) {
        accepted.current = true;
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

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void check(typed);
  };

  const scanned = (text: string) => {
    if (inFlight.current || accepted.current) return;
    const code = scannedCode(text);
    if (code === null) {
      setProblem({ code: 'code-not-card', params: {} });
      input.current?.focus();
      return;
    }
    // Shown in the field as typed codes are, so the voter sees what was read.
    setTyped(groupTyped(code));
    void check(code);
  };

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <Screen title={t('voter.code.title')} className={styles['screen']}>
      <p className="lead">{t('voter.code.lead')}</p>
      <div className={styles['scan']}>
        <QrScanner
          words={{
            open: t('voter.code.scan.open'),
            title: t('voter.code.scan.title'),
            point: t('voter.code.scan.point'),
            camera: t('voter.code.scan.camera'),
            stop: t('voter.code.scan.stop'),
            refused: t('voter.code.scan.refused'),
            failed: t('voter.code.scan.failed'),
          }}
          onScanned={scanned}
          disabled={checking}
          className="big"
        />
      </div>
      <form onSubmit={submit} noValidate>
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

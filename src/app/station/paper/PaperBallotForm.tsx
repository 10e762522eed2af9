/**
 * One paper ballot keyed by a volunteer: every part of the event's ballot with the voter's own
 * editors (the same cards, limits and refusals as on screen), a ward choice for a part over the
 * voter's own ward, and on saving the same check as a screen ballot (validatePart, worded by the
 * voter's `choiceProblem`): a paper ballot that breaks the rules gets the same clear message and
 * is not saved. The bids are in the event's order, as printed on paper.
 */
import { useId, useRef, useState, type ReactNode } from 'react';
import { eventWards, sectionEvent } from '../../../core/ballot-sections.ts';
import { validatePart } from '../../../core/ballot.ts';
import type { Choice, EventDefinition } from '../../../core/schema.ts';
import { useFormat, useT } from '../../i18n/react.tsx';
import { useProblemText } from '../../i18n/problems.ts';
import type { ProblemLike } from '../../i18n/problems.ts';
import { answersOf, ballotParts, emptyDraft, withAnswer } from '../../voter/ballot-parts.ts';
import { choiceProblem } from '../../voter/ChooseScreen.tsx';
import { Local, useEventWords } from '../../voter/event-words.tsx';
import { METHOD_EDITORS } from '../../voter/methods/registry.ts';
import { BusyButton } from '../BusyButton.tsx';
import styles from './paper.module.css';

interface PaperBallotFormProps {
  event: EventDefinition;
  /** Says which ballot this is ("Ballot 2 of 3"). */
  heading: string;
  submitLabel: string;
  /** Stores the ballot; resolves with the problem if it was not stored (the form keeps it). */
  onSubmit: (choice: Choice) => Promise<ProblemLike | null>;
  /** More actions beside the submit button. */
  children?: ReactNode;
}

export function PaperBallotForm({
  event,
  heading,
  submitLabel,
  onSubmit,
  children,
}: PaperBallotFormProps) {
  const t = useT();
  const f = useFormat();
  const words = useEventWords(event);
  const problemText = useProblemText();
  const parts = ballotParts(event);
  const [draft, setDraft] = useState<Choice | null>(() => emptyDraft(event, parts));
  const [problem, setProblem] = useState<{ part: number; text: string } | null>(null);
  const problemRef = useRef<HTMLParagraphElement>(null);
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const wardId = useId();
  if (draft === null) return <p className="notice">{t('station.paper.unsupported')}</p>;
  const answers = answersOf(draft);
  const sectioned = event.sections !== undefined;

  const show = (part: number, text: string) => {
    setProblem({ part, text });
    requestAnimationFrame(() => problemRef.current?.focus());
  };

  const submit = async () => {
    for (const [i, part] of parts.entries()) {
      const answer = answers[i];
      if (answer === undefined) continue;
      if (part.section.scope.kind === 'own-ward' && answer.ward === undefined) {
        show(i, t('station.paper.ward.missing'));
        return;
      }
      const partEvent = sectionEvent(event, part.section, answer.ward);
      const checked = validatePart(partEvent, answer.choice);
      if (!checked.ok) {
        show(i, choiceProblem(partEvent, checked.error.code, { t, f }));
        return;
      }
    }
    setBusy(true);
    const failed = await onSubmit(draft).finally(() => setBusy(false));
    if (failed !== null) {
      show(parts.length - 1, problemText('cast', failed));
      return;
    }
    setProblem(null);
    setDraft(emptyDraft(event, parts));
  };

  return (
    <section aria-labelledby={headingId} className={styles['form']}>
      <h2 id={headingId}>{heading}</h2>
      {parts.map((part, i) => {
        const answer = answers[i];
        if (answer === undefined || part.rules === null) return null;
        const { section } = part;
        const ownWard = section.scope.kind === 'own-ward';
        const partEvent = sectionEvent(event, section, answer.ward);
        const { Editor } = METHOD_EDITORS[partEvent.method.kind];
        const rules = part.rules;
        return (
          <div key={section.id} className={styles['part']}>
            {sectioned && (
              <h3>
                <Local text={words.section(section)} />
              </h3>
            )}
            {ownWard && (
              <p className={styles['ward']}>
                <label htmlFor={`${wardId}-${i}`}>{t('station.paper.ward.label')}</label>
                <select
                  id={`${wardId}-${i}`}
                  value={answer.ward ?? ''}
                  onChange={(e) => {
                    setProblem(null);
                    const ward = e.target.value === '' ? undefined : e.target.value;
                    const choice = rules.emptyChoice();
                    setDraft(
                      withAnswer(draft, i, ward === undefined ? { choice } : { ward, choice }),
                    );
                  }}
                >
                  <option value="">{t('station.paper.ward.none')}</option>
                  {eventWards(event).map((w) => (
                    <option key={w} value={w}>
                      {w}
                    </option>
                  ))}
                </select>
              </p>
            )}
            {(!ownWard || answer.ward !== undefined) && (
              <Editor
                event={partEvent}
                bids={partEvent.bids}
                choice={answer.choice}
                onChange={(choice) => {
                  setProblem(null);
                  setDraft(
                    withAnswer(
                      draft,
                      i,
                      answer.ward === undefined ? { choice } : { ward: answer.ward, choice },
                    ),
                  );
                }}
              />
            )}
            {problem?.part === i && (
              <p ref={problemRef} tabIndex={-1} role="alert" className="notice">
                {problem.text}
              </p>
            )}
          </div>
        );
      })}
      <div className="actions">
        <BusyButton busy={busy} className="button primary" onClick={() => void submit()}>
          {submitLabel}
        </BusyButton>
        {children}
      </div>
    </section>
  );
}

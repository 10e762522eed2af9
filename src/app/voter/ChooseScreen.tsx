/**
 * The ballot itself, one part at a time: the part's method editor over the bids in its scope, and
 * a check before moving on to the next part or the review. A part over the voter's own ward first
 * asks which ward they live in (WardPicker). A ballot of one part looks as it always has: no part
 * number, the title "Choose projects".
 */
import { useRef, useState, type ReactNode } from 'react';
import { sectionEvent } from '../../core/ballot-sections.ts';
import { validatePart, type BallotProblemCode } from '../../core/ballot.ts';
import { knapsackLimit } from '../../core/knapsack-limit.ts';
import type { Bid, Choice, EventDefinition, MethodChoice } from '../../core/schema.ts';
import { useFormat, useT } from '../i18n/react.tsx';
import { Screen } from '../shared/Screen.tsx';
import { useSession } from '../shared/session-context.ts';
import { answersOf, withAnswer, type BallotPart } from './ballot-parts.ts';
import { CancelBallot } from './CancelBallot.tsx';
import { fill, Local, SLOT, useEventWords } from './event-words.tsx';
import { Instructions } from './Instructions.tsx';
import { METHOD_EDITORS } from './methods/registry.ts';
import type { PartEvent, Words } from './methods/rules.ts';
import styles from './Sections.module.css';
import { WardPicker } from './WardPicker.tsx';

interface ChooseScreenProps {
  event: EventDefinition;
  parts: readonly BallotPart[];
  /** Which part is being chosen. */
  index: number;
  /** Every bid, in this ballot's shuffled order. */
  bids: Bid[];
  draft: Choice;
}

/**
 * Why the ballot cannot go on yet, for the voter. The numbers come from the part's own method, so
 * the sentence says what to do ("Choose at least 1.") rather than what the rule is called.
 */
export function choiceProblem(event: PartEvent, code: BallotProblemCode, { t, f }: Words): string {
  const m = event.method;
  switch (code) {
    case 'too-few':
      return t('voter.choose.problem.too-few', {
        min: f.number(m.kind === 'approval' ? m.min : 1),
      });
    case 'too-many':
      if (m.kind === 'ranking')
        return t('voter.choose.problem.too-many-ranks', { count: m.maxRanks });
      return t('voter.choose.problem.too-many', {
        max: f.number(m.kind === 'approval' ? (m.max ?? 0) : 0),
      });
    case 'over-limit':
      return t('voter.choose.problem.over-limit', {
        limit: f.money(knapsackLimit(event), event.currency),
      });
    case 'missing-score':
      return t('voter.choose.problem.missing-score');
    case 'score-out-of-range':
      return t('voter.choose.problem.score-out-of-range', {
        min: f.number(m.kind === 'score' ? m.min : 0),
        max: f.number(m.kind === 'score' ? m.max : 0),
      });
    case 'points-over-total':
      return t('voter.choose.problem.points-over-total', {
        count: m.kind === 'cumulative' ? m.points : 0,
      });
    case 'points-over-bid-limit':
      return t('voter.choose.problem.points-over-bid-limit', {
        count: m.kind === 'cumulative' ? m.maxPerBid : 0,
      });
    case 'wrong-event':
    case 'wrong-method':
    case 'unknown-bid':
    case 'repeated-bid':
    case 'wrong-sections':
    case 'missing-ward':
    case 'unknown-ward':
      // The screen cannot make these; if one ever appears, a volunteer is needed.
      return t('voter.choose.problem.other');
  }
}

export function ChooseScreen({ event, parts, index, bids, draft }: ChooseScreenProps) {
  const t = useT();
  const f = useFormat();
  const words = useEventWords(event);
  const goTo = useSession((s) => s.goTo);
  const goToPart = useSession((s) => s.goToPart);
  const setDraft = useSession((s) => s.setDraft);
  const part = parts[index];
  const answer = answersOf(draft)[index];
  if (!part?.rules || !answer) throw new Error(`The ballot has no part ${index}.`);
  const { section, rules } = part;
  const sectioned = event.sections !== undefined;
  const title = sectioned ? words.section(section) : { text: t('voter.choose.title'), lang: '' };
  const last = index + 1 >= parts.length;
  const neighbour = (i: number) => words.section(parts[i]?.section ?? section).text;

  const header = sectioned && (
    <>
      {parts.length > 1 && (
        <p className={styles['progress']}>
          {t('voter.section.progress', {
            part: f.number(index + 1),
            count: f.number(parts.length),
          })}
        </p>
      )}
      {words.sectionIntro(section) && (
        <Local as="p" className="lead" text={words.sectionIntro(section) ?? title} />
      )}
    </>
  );
  const back = {
    label:
      index === 0
        ? t('voter.choose.back')
        : t('voter.section.back', { title: neighbour(index - 1) }),
    go: () => (index === 0 ? goTo('browse') : goToPart(index - 1)),
  };
  const screen = { title: title.text, titleLang: title.lang === f.locale ? undefined : title.lang };

  if (section.scope.kind === 'own-ward' && answer.ward === undefined) {
    return (
      <WardPicker
        event={event}
        screen={screen}
        header={header}
        back={back}
        nextLabel={t('voter.ward.next')}
        onChosen={(ward) =>
          setDraft(withAnswer(draft, index, { ward, choice: rules.emptyChoice() }))
        }
      />
    );
  }

  const ward = answer.ward;
  return (
    <PartChooser
      partEvent={sectionEvent(event, section, ward)}
      bids={bids}
      answer={answer.choice}
      instructions={(e) => rules.instructions(e, { t, f })}
      screen={screen}
      header={
        <>
          {header}
          {ward !== undefined && (
            <div className={styles['ward']}>
              <p>
                {fill(t('voter.ward.yours', { ward: SLOT }), <Local text={words.ward(ward)} />)}
              </p>
              <button
                type="button"
                className="button secondary"
                aria-describedby={`ward-hint-${index}`}
                onClick={() => setDraft(withAnswer(draft, index, { choice: rules.emptyChoice() }))}
              >
                {t('voter.ward.change')}
              </button>
              <p id={`ward-hint-${index}`} className={styles['hint']}>
                {t('voter.ward.change-hint')}
              </p>
            </div>
          )}
        </>
      }
      onChange={(choice) =>
        setDraft(withAnswer(draft, index, ward === undefined ? { choice } : { ward, choice }))
      }
      back={back}
      nextLabel={
        last ? t('voter.choose.next') : t('voter.section.next', { title: neighbour(index + 1) })
      }
      onDone={() => (last ? goTo('review') : goToPart(index + 1))}
    />
  );
}

interface PartChooserProps {
  partEvent: PartEvent;
  bids: Bid[];
  answer: MethodChoice;
  instructions: (event: PartEvent) => string;
  screen: { title: string; titleLang: string | undefined };
  header: ReactNode;
  onChange: (choice: MethodChoice) => void;
  back: Back;
  nextLabel: string;
  onDone: () => void;
}

function PartChooser({
  partEvent,
  bids,
  answer,
  instructions,
  screen,
  header,
  onChange,
  back,
  nextLabel,
  onDone,
}: PartChooserProps) {
  const t = useT();
  const f = useFormat();
  const [problem, setProblem] = useState<BallotProblemCode>();
  const problemRef = useRef<HTMLParagraphElement>(null);
  const { Editor } = METHOD_EDITORS[partEvent.method.kind];
  const inScope = new Set(partEvent.bids.map((b) => b.id));

  const next = () => {
    const checked = validatePart(partEvent, answer);
    if (checked.ok) {
      onDone();
      return;
    }
    setProblem(checked.error.code);
    // Focus the message so a screen-reader user hears why nothing moved on.
    requestAnimationFrame(() => problemRef.current?.focus());
  };

  return (
    <Screen {...screen}>
      {header}
      <Instructions text={instructions(partEvent)} />
      <Editor
        event={partEvent}
        bids={bids.filter((b) => inScope.has(b.id))}
        choice={answer}
        onChange={(choice) => {
          setProblem(undefined);
          onChange(choice);
        }}
      />
      {problem && (
        <p ref={problemRef} tabIndex={-1} role="alert" className="notice">
          {choiceProblem(partEvent, problem, { t, f })}
        </p>
      )}
      <PartActions back={back} nextLabel={nextLabel} onNext={next} />
    </Screen>
  );
}

/** Where "Back" goes from a part: the projects before the first part, else the part before. */
export interface Back {
  label: string;
  go: () => void;
}

export function PartActions({
  back,
  nextLabel,
  onNext,
}: {
  back: Back;
  nextLabel: string;
  onNext: () => void;
}) {
  return (
    <div className="actions sticky sticky-bottom">
      <button type="button" className="button primary" onClick={onNext}>
        {nextLabel}
      </button>
      <button type="button" className="button secondary" onClick={back.go}>
        {back.label}
      </button>
      <CancelBallot />
    </div>
  );
}

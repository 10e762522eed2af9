/** The ballot itself: the method's editor, and a check before moving on to the review. */
import { useRef, useState } from 'react';
import { knapsackLimit, validateChoice, type BallotProblemCode } from '../../core/ballot.ts';
import type { Bid, Choice, EventDefinition } from '../../core/schema.ts';
import { useFormat, useT } from '../i18n/react.tsx';
import { Screen } from '../shared/Screen.tsx';
import { useSession } from '../shared/session-context.ts';
import { CancelBallot } from './CancelBallot.tsx';
import { Instructions } from './Instructions.tsx';
import type { MethodEditor, Words } from './methods/registry.ts';

interface ChooseScreenProps {
  event: EventDefinition;
  bids: Bid[];
  editor: MethodEditor;
  draft: Choice;
}

/**
 * Why the ballot cannot go on yet, for the voter. The numbers come from the event's own method, so
 * the sentence says what to do ("Choose at least 1.") rather than what the rule is called.
 */
export function choiceProblem(
  event: EventDefinition,
  code: BallotProblemCode,
  { t, f }: Words,
): string {
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
      // The screen cannot make these; if one ever appears, a volunteer is needed.
      return t('voter.choose.problem.other');
  }
}

export function ChooseScreen({ event, bids, editor, draft }: ChooseScreenProps) {
  const t = useT();
  const f = useFormat();
  const goTo = useSession((s) => s.goTo);
  const setDraft = useSession((s) => s.setDraft);
  const [problem, setProblem] = useState<BallotProblemCode>();
  const problemRef = useRef<HTMLParagraphElement>(null);
  const { Editor } = editor;

  const next = () => {
    const checked = validateChoice(event, draft);
    if (checked.ok) {
      goTo('review');
      return;
    }
    setProblem(checked.error.code);
    // Focus the message so a screen-reader user hears why nothing moved on.
    requestAnimationFrame(() => problemRef.current?.focus());
  };

  return (
    <Screen title={t('voter.choose.title')}>
      <Instructions text={editor.instructions(event, { t, f })} />
      <Editor
        event={event}
        bids={bids}
        choice={draft}
        onChange={(choice) => {
          setProblem(undefined);
          setDraft(choice);
        }}
      />
      {problem && (
        <p ref={problemRef} tabIndex={-1} role="alert" className="notice">
          {choiceProblem(event, problem, { t, f })}
        </p>
      )}
      <div className="actions sticky sticky-bottom">
        <button type="button" className="button primary" onClick={next}>
          {t('voter.choose.next')}
        </button>
        <button type="button" className="button secondary" onClick={() => goTo('browse')}>
          {t('voter.choose.back')}
        </button>
        <CancelBallot />
      </div>
    </Screen>
  );
}

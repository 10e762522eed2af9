/** The ballot itself: the method's editor, and a check before moving on to the review. */
import { useRef, useState } from 'react';
import { validateChoice } from '../../core/ballot.ts';
import type { Bid, Choice, EventDefinition } from '../../core/schema.ts';
import { Screen } from '../shared/Screen.tsx';
import { useSession } from '../shared/session-context.ts';
import { CancelBallot } from './CancelBallot.tsx';
import type { MethodEditor } from './methods/registry.ts';

interface ChooseScreenProps {
  event: EventDefinition;
  bids: Bid[];
  editor: MethodEditor;
  draft: Choice;
}

export function ChooseScreen({ event, bids, editor, draft }: ChooseScreenProps) {
  const goTo = useSession((s) => s.goTo);
  const setDraft = useSession((s) => s.setDraft);
  const [problem, setProblem] = useState<string>();
  const problemRef = useRef<HTMLParagraphElement>(null);
  const { Editor } = editor;

  const next = () => {
    const checked = validateChoice(event, draft);
    if (checked.ok) {
      goTo('review');
      return;
    }
    setProblem(checked.error.message);
    // Focus the message so a screen-reader user hears why nothing moved on.
    requestAnimationFrame(() => problemRef.current?.focus());
  };

  return (
    <Screen title="Choose projects">
      <p className="lead">{editor.instructions(event)}</p>
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
          {problem}
        </p>
      )}
      <div className="actions sticky">
        <button type="button" className="button primary" onClick={next}>
          Next: check your choices
        </button>
        <button type="button" className="button secondary" onClick={() => goTo('browse')}>
          Back to the projects
        </button>
        <CancelBallot />
      </div>
    </Screen>
  );
}

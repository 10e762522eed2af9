import type { ReactNode } from 'react';
import { knapsackLimit } from '../../core/ballot.ts';
import { formatMoney } from '../../core/money.ts';
import type { EventDefinition } from '../../core/schema.ts';
import { Screen } from '../shared/Screen.tsx';
import type { MethodEditor } from './methods/registry.ts';

interface WelcomeScreenProps {
  event: EventDefinition;
  editor: MethodEditor | null;
  onStart: () => void;
  /** The volunteer's way in; small, at the bottom, out of the voter's path. */
  volunteerEntry: ReactNode;
}

export function WelcomeScreen({ event, editor, onStart, volunteerEntry }: WelcomeScreenProps) {
  const total = formatMoney(knapsackLimit(event), event.currency, event.locale);
  return (
    <Screen title={event.name} className="welcome">
      <p className="lead">Help decide how {total} is spent in your community.</p>
      {editor ? (
        <>
          <p>{editor.instructions(event)} Your vote is secret: we do not ask who you are.</p>
          <div className="actions">
            <button type="button" className="button primary big" onClick={onStart}>
              Start voting
            </button>
          </div>
        </>
      ) : (
        <p role="alert" className="notice">
          This kind of ballot ({event.method.kind}) is not supported on this station yet. Please ask
          a volunteer.
        </p>
      )}
      <footer className="welcome-footer">{volunteerEntry}</footer>
    </Screen>
  );
}

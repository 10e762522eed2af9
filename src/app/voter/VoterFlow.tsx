/**
 * The kiosk's voter journey: welcome → projects → choose → check → thank you → welcome.
 * An unfinished ballot is dropped after a spell with nobody at the screen; nothing of it is kept.
 */
import { useMemo, type ReactNode } from 'react';
import type { EventDefinition } from '../../core/schema.ts';
import { useT } from '../i18n/react.tsx';
import { useServices } from '../shared/services.tsx';
import { useSession } from '../shared/session-context.ts';
import { BrowseScreen } from './BrowseScreen.tsx';
import { ChooseScreen } from './ChooseScreen.tsx';
import { IdleTimeout } from '../shared/IdleTimeout.tsx';
import { editorFor } from './methods/registry.ts';
import { ReviewScreen } from './ReviewScreen.tsx';
import { shuffled } from './shuffle.ts';
import { ThanksScreen } from './ThanksScreen.tsx';
import { WelcomeScreen } from './WelcomeScreen.tsx';

interface VoterFlowProps {
  event: EventDefinition;
  volunteerEntry: ReactNode;
}

export function VoterFlow({ event, volunteerEntry }: VoterFlowProps) {
  const t = useT();
  const { timings } = useServices();
  const step = useSession((s) => s.step);
  const order = useSession((s) => s.order);
  const draft = useSession((s) => s.draft);
  const startBallot = useSession((s) => s.startBallot);
  const backToWelcome = useSession((s) => s.backToWelcome);
  const editor = editorFor(event);

  const bids = useMemo(() => {
    const byId = new Map(event.bids.map((b) => [b.id, b]));
    return order.flatMap((id) => byId.get(id) ?? []);
  }, [event, order]);

  const midBallot = step === 'browse' || step === 'choose' || step === 'review';

  const screen = () => {
    if (step === 'thanks') return <ThanksScreen />;
    if (step === 'welcome' || !editor || !draft) {
      return (
        <WelcomeScreen
          event={event}
          editor={editor}
          volunteerEntry={volunteerEntry}
          onStart={() => {
            if (editor) startBallot(shuffled(event.bids.map((b) => b.id)), editor.emptyChoice());
          }}
        />
      );
    }
    const props = { event, bids, editor, draft };
    switch (step) {
      case 'browse':
        return <BrowseScreen event={event} bids={bids} />;
      case 'choose':
        return <ChooseScreen {...props} />;
      case 'review':
        return <ReviewScreen {...props} />;
    }
  };

  return (
    <>
      {/* Keyed by step so each screen mounts afresh and moves focus to its own heading. */}
      <div key={step} className="step">
        {screen()}
      </div>
      <IdleTimeout
        active={midBallot}
        idleMs={timings.idleMs}
        onTimeout={backToWelcome}
        consequence={t('voter.idle.consequence')}
      />
    </>
  );
}

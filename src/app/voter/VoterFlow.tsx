/**
 * The kiosk's voter journey: welcome → projects → choose → check → thank you → welcome.
 * An unfinished ballot is dropped after a spell with nobody at the screen; nothing of it is kept,
 * nor the language or display options the voter chose: the next voter starts fresh.
 */
import { useMemo, type ReactNode } from 'react';
import type { EventDefinition } from '../../core/schema.ts';
import { useDocumentLanguage, useT } from '../i18n/react.tsx';
import { IdleTimeout } from '../shared/IdleTimeout.tsx';
import { useServices } from '../shared/services.tsx';
import { useSession } from '../shared/session-context.ts';
import { BrowseScreen } from './BrowseScreen.tsx';
import { ChooseScreen } from './ChooseScreen.tsx';
import { useDisplayOptions } from './DisplayOptions.tsx';
import { editorFor } from './methods/registry.ts';
import { ReviewScreen } from './ReviewScreen.tsx';
import { shuffled } from './shuffle.ts';
import { useFocusClearOfBars } from './sticky-bars.ts';
import { ThanksScreen } from './ThanksScreen.tsx';
import { useVoterLanguage } from './voter-language.ts';
import { VoterBar } from './VoterBar.tsx';
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
  const { languages, active } = useVoterLanguage(event);
  // Also here, not only in App: the station rendered on its own (tests) gets lang and dir too.
  useDocumentLanguage();
  useDisplayOptions();
  useFocusClearOfBars();
  const editor = editorFor(event);
  const offerEasyRead = useMemo(
    () =>
      event.bids.some(
        (b) => b.easyRead || Object.values(b.translations ?? {}).some((x) => x?.easyRead),
      ),
    [event],
  );

  const bids = useMemo(() => {
    const byId = new Map(event.bids.map((b) => [b.id, b]));
    return order.flatMap((id) => byId.get(id) ?? []);
  }, [event, order]);

  const midBallot = step === 'browse' || step === 'choose' || step === 'review';
  const welcome = step === 'welcome' || !editor || !draft;

  const screen = () => {
    if (step === 'thanks') return <ThanksScreen />;
    if (welcome) {
      return (
        <WelcomeScreen
          event={event}
          editor={editor}
          languages={languages}
          active={active}
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
      <VoterBar
        languages={languages}
        active={active}
        showLanguage={!welcome}
        offerEasyRead={offerEasyRead}
      />
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

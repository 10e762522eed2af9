/**
 * The kiosk's voter journey: welcome → projects → choose (each part of the ballot in turn) →
 * check → thank you → welcome. An unfinished ballot is dropped after a spell with nobody at the
 * screen; nothing of it is kept, nor the language or display options the voter chose: the next
 * voter starts fresh.
 *
 * Only the welcome screen is in the first download: the ballot's own screens (BallotSteps) are a
 * chunk of their own, fetched while the welcome screen shows and precached for offline use.
 */
import { lazy, Suspense, useEffect, useMemo, type ReactNode } from 'react';
import type { EventDefinition } from '../../core/schema.ts';
import { useDocumentLanguage, useFormat, useT } from '../i18n/react.tsx';
import { IdleTimeout } from '../shared/IdleTimeout.tsx';
import { useServices } from '../shared/services.tsx';
import { useSession } from '../shared/session-context.ts';
import { ChunkBoundary } from '../station/ChunkBoundary.tsx';
import { useAttendedStart } from './attended-start.tsx';
import { answersOf, ballotParts, emptyDraft, unsupportedKind } from './ballot-parts.ts';
import { useDisplayOptions } from './DisplayOptions.tsx';
import { shuffled } from './shuffle.ts';
import { useFocusClearOfBars } from './sticky-bars.ts';
import { useVoterLanguage } from './voter-language.ts';
import { useVoterScreen } from './voter-screen.ts';
import { VoterBar } from './VoterBar.tsx';
import { WelcomeScreen } from './WelcomeScreen.tsx';

const loadSteps = () => import('./BallotSteps.tsx');
const BallotSteps = lazy(loadSteps);
// Voting codes (event.checkIn.codes): a chunk of its own, loaded only by events that use them.
const CodeStep = lazy(() => import('./CodeStep.tsx'));

interface VoterFlowProps {
  event: EventDefinition;
  volunteerEntry: ReactNode;
}

export function VoterFlow({ event, volunteerEntry }: VoterFlowProps) {
  const t = useT();
  const f = useFormat();
  const { timings } = useServices();
  const step = useSession((s) => s.step);
  const part = useSession((s) => s.part);
  const draft = useSession((s) => s.draft);
  const startBallot = useSession((s) => s.startBallot);
  const backToWelcome = useSession((s) => s.backToWelcome);
  const askForCode = useSession((s) => s.askForCode);
  const { languages, active } = useVoterLanguage(event);
  const attended = useAttendedStart(event);
  useVoterScreen();
  // Also here, not only in App: the station rendered on its own (tests) gets lang and dir too.
  useDocumentLanguage();
  useDisplayOptions();
  useFocusClearOfBars();
  useEffect(() => {
    loadSteps().catch((cause: unknown) => console.error('The ballot could not be loaded', cause));
  }, []);
  const parts = useMemo(() => ballotParts(event), [event]);
  const unsupported = unsupportedKind(parts);
  const offerEasyRead = useMemo(
    () =>
      event.bids.some(
        (b) => b.easyRead || Object.values(b.translations ?? {}).some((x) => x?.easyRead),
      ),
    [event],
  );

  const midBallot =
    step === 'code' ||
    step === 'questions' ||
    step === 'browse' ||
    step === 'choose' ||
    step === 'review' ||
    step === 'equalities';
  const welcome = step === 'welcome' || unsupported !== undefined || !draft;
  const showWelcome = welcome && step !== 'thanks' && step !== 'code' && step !== 'equalities';
  const only = parts.length === 1 ? parts[0] : undefined;
  const instructions =
    only?.rules && event.method
      ? only.rules.instructions({ ...event, method: event.method }, { t, f })
      : t('voter.instructions.sections', { count: parts.length });
  /** The ballot starts (after the voting code, where the event asks for one). */
  const begin = () => {
    const empty = emptyDraft(event, parts);
    // The eligibility questions (core/questions.ts), where the event asks them, come first.
    const asks = event.checkIn?.questions?.ageBand ?? event.checkIn?.questions?.area;
    const first = asks ? 'questions' : 'browse';
    if (empty) startBallot(shuffled(event.bids.map((b) => b.id)), empty, first);
  };
  // Each screen (and each part, and a part's ward question) mounts afresh and focuses its heading.
  const key =
    step === 'choose' && draft ? `choose-${part}-${answersOf(draft)[part]?.ward ?? ''}` : step;

  return (
    <>
      <VoterBar
        languages={languages}
        active={active}
        showLanguage={!welcome}
        offerEasyRead={offerEasyRead}
      />
      <div key={showWelcome ? 'welcome' : key} className="step">
        {showWelcome ? (
          <WelcomeScreen
            event={event}
            instructions={instructions}
            unsupported={unsupported}
            languages={languages}
            active={active}
            volunteerEntry={volunteerEntry}
            waiting={attended.waiting}
            onStart={() =>
              attended.start(() => (event.checkIn?.codes === true ? askForCode() : begin()))
            }
          />
        ) : step === 'code' ? (
          <ChunkBoundary>
            <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
              <CodeStep event={event} onAccepted={begin} />
            </Suspense>
          </ChunkBoundary>
        ) : (
          <ChunkBoundary>
            <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
              <BallotSteps event={event} parts={parts} />
            </Suspense>
          </ChunkBoundary>
        )}
      </div>
      <IdleTimeout
        active={midBallot}
        idleMs={timings.idleMs}
        onTimeout={backToWelcome}
        consequence={t('voter.idle.consequence')}
        offerMoreTime
      />
      {attended.idle}
    </>
  );
}

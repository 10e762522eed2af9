/**
 * The ballot's screens after the welcome: the projects, each part's choosing step, the check and
 * the thank-you. Loaded as a chunk of its own (see VoterFlow), so it is the module's default.
 */
import { lazy, useMemo } from 'react';
import type { EventDefinition } from '../../core/schema.ts';
import { useSession } from '../shared/session-context.ts';
import type { BallotPart } from './ballot-parts.ts';
import { BrowseScreen } from './BrowseScreen.tsx';
import { ChooseScreen } from './ChooseScreen.tsx';
import { ReviewScreen } from './ReviewScreen.tsx';
import { ThanksScreen } from './ThanksScreen.tsx';

// The questions before and after the ballot: chunks of their own, loaded only where asked.
const EligibilitySteps = lazy(() => import('./questions/EligibilitySteps.tsx'));
const EqualitiesSteps = lazy(() => import('./questions/EqualitiesSteps.tsx'));

interface BallotStepsProps {
  event: EventDefinition;
  parts: readonly BallotPart[];
}

export default function BallotSteps({ event, parts }: BallotStepsProps) {
  const step = useSession((s) => s.step);
  const order = useSession((s) => s.order);
  const draft = useSession((s) => s.draft);
  const part = useSession((s) => s.part);
  const bids = useMemo(() => {
    const byId = new Map(event.bids.map((b) => [b.id, b]));
    return order.flatMap((id) => byId.get(id) ?? []);
  }, [event, order]);

  if (step === 'equalities') return <EqualitiesSteps event={event} />;
  if (step === 'thanks' || !draft) return <ThanksScreen event={event} />;
  switch (step) {
    // VoterFlow shows the voting-code step itself (a chunk of its own), never through here.
    case 'code':
      return null;
    case 'questions':
      return <EligibilitySteps event={event} draft={draft} />;
    case 'welcome':
    case 'browse':
      return <BrowseScreen event={event} bids={bids} />;
    case 'choose':
      return <ChooseScreen event={event} parts={parts} index={part} bids={bids} draft={draft} />;
    case 'review':
      return <ReviewScreen event={event} parts={parts} bids={bids} draft={draft} />;
  }
}

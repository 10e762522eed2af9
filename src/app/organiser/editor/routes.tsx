/**
 * The editor's screens as the organiser's event area mounts them (layout/EventArea.tsx): each
 * takes the open event's id from the area, so the screens themselves only need an id.
 */
import { useOpenEvent } from '../layout/EventArea.tsx';
import { BallotScreen } from './BallotScreen.tsx';
import { BidsScreen } from './BidsScreen.tsx';
import { CheckInScreen } from './CheckInScreen.tsx';
import { PotsScreen } from './PotsScreen.tsx';
import { SetUpScreen } from './SetUpScreen.tsx';

export function SetUpRoute() {
  return <SetUpScreen eventId={useOpenEvent().summary.id} />;
}

export function BidsRoute() {
  return <BidsScreen eventId={useOpenEvent().summary.id} />;
}

export function PotsRoute() {
  return <PotsScreen eventId={useOpenEvent().summary.id} />;
}

export function BallotRoute() {
  return <BallotScreen eventId={useOpenEvent().summary.id} />;
}

export function CheckInRoute() {
  return <CheckInScreen eventId={useOpenEvent().summary.id} />;
}

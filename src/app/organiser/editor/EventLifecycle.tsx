/**
 * The event's lifecycle above every one of its screens (the organiser's event area shows it):
 * where it stands, its fingerprint, what stops it opening, the next step and the package.
 * Nothing while the event's detail loads; each screen says itself if the server cannot be reached.
 */
import { LifecycleBar } from './LifecycleBar.tsx';
import { useEventDetail } from './queries.ts';

export function EventLifecycle({ eventId }: { eventId: string }) {
  const detail = useEventDetail(eventId);
  return detail.data === undefined ? null : <LifecycleBar detail={detail.data} />;
}

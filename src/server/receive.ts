/**
 * A station's push on its way into the store: checked against the event's current definition,
 * then stored under that definition's hash. If an organiser's change replaced the definition in
 * between (possible only before the first ballot), the store refuses the batch whole and it is
 * checked again against the new one, so no ballot is ever written under a definition it was not
 * checked against.
 */
import { checkBallots } from './ingest.ts';
import {
  EventChangeRefused,
  type BatchOutcome,
  type EventInfo,
  type TallyStore,
} from './store/tally-store.ts';

const ATTEMPTS = 3;

export async function receivePush(
  store: TallyStore,
  eventId: string,
  raw: readonly { id: string }[],
  station: { stationId: string; castCount: number; languages?: Record<string, number> },
): Promise<{ outcome: BatchOutcome; info: EventInfo }> {
  for (let attempt = 1; ; attempt++) {
    const info = store.event(eventId);
    // Station tokens are only known for events that are open, so this is a bug, not bad input.
    if (info === undefined) throw new Error(`Station ${station.stationId} has no event ${eventId}`);
    const checked = checkBallots(info.event, raw, station.stationId);
    try {
      const outcome = await store.store(eventId, {
        eventHash: info.eventHash,
        ballots: checked.valid,
        rejected: checked.rejected,
        station,
      });
      return { outcome, info: store.event(eventId) ?? info };
    } catch (e) {
      if (!(e instanceof EventChangeRefused && e.code === 'event-changed' && attempt < ATTEMPTS))
        throw e;
    }
  }
}

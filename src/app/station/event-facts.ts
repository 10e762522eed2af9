/** What a volunteer reads about the station's event: its fingerprint and where it stands. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { eventFingerprint } from '../../core/event-package.ts';
import type { EventDefinition } from '../../core/schema.ts';
import { eventHash } from '../../core/tally-file/format.ts';
import type { EventStatusRow, StationDatabase } from '../../db/database.ts';
import { getEventStatus } from '../../db/event-status.ts';

export interface EventFacts {
  fingerprint: string;
  status: EventStatusRow | undefined;
}

/**
 * The event's fingerprint (from the hash the station holds, or the definition's own hash for an
 * event from before hashes were kept) and its status; undefined while loading.
 */
export function useEventFacts(db: StationDatabase, event: EventDefinition): EventFacts | undefined {
  const loaded = useLiveQuery(
    async () => ({ status: await getEventStatus(db, event.id) }),
    [db, event.id],
  );
  const ownHash = useMemo(() => eventHash(event), [event]);
  if (!loaded) return undefined;
  return {
    fingerprint: eventFingerprint(loaded.status?.eventHash ?? ownHash),
    status: loaded.status,
  };
}

/**
 * The voter's screens exactly as a station shows them: the real voter flow under its own Services
 * and Session providers, as StationApp gives them, on the definition being previewed. Only the
 * database differs: the preview's stores nothing (preview-database.ts), so casting checks the
 * ballot like a tablet does and then drops it.
 */
import { useMemo, useState } from 'react';
import type { EventDefinition } from '../../../core/schema.ts';
import type { StationDatabase } from '../../../db/database.ts';
import { DEFAULT_TIMINGS, ServicesProvider, type StationServices } from '../../shared/services.tsx';
import { SessionProvider } from '../../shared/session-context.ts';
import { createSessionStore } from '../../shared/session-store.ts';
import { VolunteerEntry } from '../../station/VolunteerEntry.tsx';
import { VoterFlow } from '../../voter/VoterFlow.tsx';

interface VoterPreviewProps {
  event: EventDefinition;
  /** A database that stores nothing (createPreviewDatabase). */
  db: StationDatabase;
  now?: () => Date;
}

export function VoterPreview({ event, db, now }: VoterPreviewProps) {
  // One session per preview run, as one per start of the station app.
  const [session] = useState(createSessionStore);
  const services = useMemo<StationServices>(
    () => ({ db, now: now ?? (() => new Date()), storage: undefined, timings: DEFAULT_TIMINGS }),
    [db, now],
  );
  return (
    <ServicesProvider value={services}>
      <SessionProvider value={session}>
        <VoterFlow event={event} volunteerEntry={<VolunteerEntry />} />
      </SessionProvider>
    </ServicesProvider>
  );
}

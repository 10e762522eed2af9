/**
 * Attended start on the voter's screens (docs/check-in.md): with `checkIn.attended`, "Start" shows
 * only once a volunteer has released a ballot (NextVoter, a lazy chunk); pressing it takes the
 * release; the ballot's end is counted as cast or unused; a release nobody starts is taken back
 * after the voter's idle time. Small on purpose: it is part of the voter's first screen.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import type { EventDefinition } from '../../core/schema.ts';
import { releaseWaiting } from '../../db/station-closed.ts';
import { useT } from '../i18n/react.tsx';
import { IdleTimeout } from '../shared/IdleTimeout.tsx';
import { useServices } from '../shared/services.tsx';
import { useSession } from '../shared/session-context.ts';
import { ChunkBoundary } from '../station/ChunkBoundary.tsx';

const NextVoter = lazy(() => import('../station/NextVoter.tsx'));
// Releasing and counting load only at an attended event (and are precached for offline use).
const releases = () => import('../../db/closing-repo.ts');

export interface AttendedStart {
  /** In place of "Start" while no ballot is released; undefined when Start may show. */
  waiting: ReactNode;
  /** Runs `begin` (the ballot starts) once the waiting release is taken. */
  start: (begin: () => void) => void;
  /** Takes back a release nobody started, after the voter's idle time. */
  idle: ReactNode;
}

export function useAttendedStart(event: EventDefinition): AttendedStart {
  const t = useT();
  const { db, timings } = useServices();
  const attended = event.checkIn?.attended === true;
  const eventId = event.id;
  const step = useSession((s) => s.step);
  const ready = useLiveQuery(
    async () => (attended ? releaseWaiting(db, eventId) : false),
    [db, eventId, attended],
  );

  // A ballot of a release ends cast (thank you) or not (cancelled, timed out): counted either way.
  const previous = useRef(step);
  useEffect(() => {
    const before = previous.current;
    previous.current = step;
    if (!attended || before === step) return;
    const wasVoting = before !== 'welcome' && before !== 'thanks';
    if (wasVoting && (step === 'welcome' || step === 'thanks')) {
      const cast = step === 'thanks';
      releases()
        .then((m) => m.releaseEnded(db, eventId, cast))
        .catch((cause: unknown) => console.error('Release not counted', cause));
    }
  }, [attended, db, eventId, step]);

  // Opening at the welcome screen: a release in use lost its ballot when the app stopped.
  const startStep = useRef(step);
  useEffect(() => {
    if (attended && startStep.current === 'welcome') {
      releases()
        .then((m) => m.recoverReleases(db, eventId))
        .catch((cause: unknown) => console.error('Releases not checked', cause));
    }
  }, [attended, db, eventId]);

  if (!attended) return { waiting: undefined, start: (begin) => begin(), idle: null };
  return {
    waiting:
      ready === true ? undefined : (
        <ChunkBoundary>
          <Suspense fallback={<p className="lead">{t('voter.release.wait')}</p>}>
            <NextVoter eventId={eventId} />
          </Suspense>
        </ChunkBoundary>
      ),
    start: (begin) => {
      releases()
        .then((m) => m.takeRelease(db, eventId))
        .then(
          (taken) => taken && begin(),
          (cause: unknown) => console.error('Release not taken', cause),
        );
    },
    idle: (
      <IdleTimeout
        active={ready === true && step === 'welcome'}
        idleMs={timings.idleMs}
        onTimeout={() => {
          releases()
            .then((m) => m.withdrawRelease(db, eventId))
            .catch((cause: unknown) => console.error('Release not taken back', cause));
        }}
        consequence={t('voter.release.idle-consequence')}
      />
    ),
  };
}

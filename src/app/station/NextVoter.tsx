/**
 * Attended start (docs/check-in.md): the welcome screen offers no "Start" until a volunteer
 * releases a ballot. "Next voter" asks for the volunteer PIN (the same check and lockout as the
 * volunteer area) and one right PIN releases exactly one ballot; the voter then sees "Start".
 * A lazy chunk: only attended events load it, so the voter's first screen stays small.
 */
import { useState } from 'react';
import { releaseBallot } from '../../db/closing-repo.ts';
import { useT } from '../i18n/react.tsx';
import { useServices } from '../shared/services.tsx';
import { PinDialog } from './PinDialog.tsx';

export default function NextVoter({ eventId }: { eventId: string }) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  return (
    <>
      <p className="lead">{t('voter.release.wait')}</p>
      <button type="button" className="button secondary" onClick={() => setAsking(true)}>
        {t('station.release.next')}
      </button>
      {asking && <ReleaseDialog eventId={eventId} onClose={() => setAsking(false)} />}
    </>
  );
}

function ReleaseDialog({ eventId, onClose }: { eventId: string; onClose: () => void }) {
  const t = useT();
  const { db } = useServices();
  return (
    <PinDialog
      title={t('station.release.title')}
      description={t('station.release.explain')}
      confirm={t('station.release.confirm')}
      onRight={async () => {
        const released = await releaseBallot(db, eventId);
        // Already released (a second tap, or the desk released one): the voter has Start anyway.
        if (released.ok || released.error.code === 'already-released') {
          onClose();
          return undefined;
        }
        return t('station.release.closed');
      }}
      failed={t('station.release.failed')}
      logAs="Ballot not released"
      onClose={onClose}
    />
  );
}

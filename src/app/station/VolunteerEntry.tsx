/**
 * The volunteer's way in from the welcome screen: a small labelled button that asks for the PIN
 * (PinDialog: checked by the database layer, with its lockout).
 */
import { useState } from 'react';
import { useSession } from '../shared/session-context.ts';
import { useT } from '../i18n/react.tsx';
import { PinDialog } from './PinDialog.tsx';

interface VolunteerEntryProps {
  /** Starts fetching the volunteer area's code while the PIN is typed. */
  onOpen?: () => void;
}

export function VolunteerEntry({ onOpen }: VolunteerEntryProps) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button small"
        onClick={() => {
          onOpen?.();
          setAsking(true);
        }}
      >
        {t('station.entry.open')}
      </button>
      {asking && <UnlockDialog onClose={() => setAsking(false)} />}
    </>
  );
}

function UnlockDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const unlock = useSession((s) => s.unlockVolunteer);
  return (
    <PinDialog
      title={t('station.pin.title')}
      confirm={t('station.pin.unlock')}
      onRight={() => {
        unlock();
        return undefined;
      }}
      failed={t('station.pin.failed')}
      logAs="PIN check failed"
      onClose={onClose}
    />
  );
}

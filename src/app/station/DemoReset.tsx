/**
 * Volunteer's "reset the demo". Offered only while the station runs the demo event: for a real
 * event it would delete ballots that may not have reached the tally yet.
 */
import { useState } from 'react';
import { DEMO_EVENT } from '../../core/demo-event.ts';
import { resetDemo } from '../../db/event-repo.ts';
import { ConfirmDialog } from '../shared/ConfirmDialog.tsx';
import { useServices } from '../shared/services.tsx';
import { useT } from '../i18n/react.tsx';

export function DemoReset({ eventId, ballots }: { eventId: string; ballots: number | undefined }) {
  const t = useT();
  const { db } = useServices();
  const [asking, setAsking] = useState(false);
  const [outcome, setOutcome] = useState('');
  if (eventId !== DEMO_EVENT.id) {
    return <p>{t('station.demo.real-event')}</p>;
  }
  const reset = async () => {
    setAsking(false);
    try {
      await resetDemo(db);
      setOutcome(t('station.demo.done'));
    } catch (cause) {
      console.error('Demo reset failed', cause);
      setOutcome(t('station.demo.failed'));
    }
  };
  return (
    <>
      <p>{t('station.demo.explain')}</p>
      <button
        type="button"
        className="button danger"
        onClick={() => {
          setOutcome('');
          setAsking(true);
        }}
      >
        {t('station.demo.reset')}
      </button>
      <p role="status">{outcome}</p>
      {asking && (
        <ConfirmDialog
          title={t('station.demo.confirm.title')}
          keepLabel={t('station.demo.confirm.keep')}
          confirmLabel={t('station.demo.confirm.delete')}
          onKeep={() => setAsking(false)}
          onConfirm={() => void reset()}
        >
          <p>{t('station.demo.confirm.body', { count: ballots ?? 0 })}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

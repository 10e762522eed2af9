/**
 * "Send ballots by camera" (issue 13): for a hall with no network and no cable. The volunteer
 * chooses the ballots (those the tally has not confirmed yet, or all), the tablet shows them as a
 * moving QR code (src/sync/transfer) for the organiser's camera, then scans the organiser's receipt
 * so the ballots leave the outbox as a sync would take them. The file route stays beside it.
 * A lazy chunk: bc-ur, Buffer and qrcode load only when a volunteer opens it.
 */
import { useEffect, useId, useState } from 'react';
import type { EventOnStation } from '../../../db/sync-repo.ts';
import { exportStationBallots } from '../../../sync/export.ts';
import { prepareSender, readAck, type Sender } from '../../../sync/transfer/index.ts';
import { useProblemText } from '../../i18n/problems.ts';
import { useT } from '../../i18n/react.tsx';
import { QrScanner } from '../../shared/QrScanner.tsx';
import { useServices } from '../../shared/services.tsx';
import { AnimatedQr } from '../../shared/transfer/AnimatedQr.tsx';
import { BusyButton } from '../BusyButton.tsx';
import { confirmShown, rememberShown, unconfirmedBallotIds } from './camera-ballots.ts';
import styles from './SendByCamera.module.css';

type Choice = 'unconfirmed' | 'all';
type Said = { text: string; failed: boolean };

export default function SendByCamera({ event }: { event: EventOnStation }) {
  const t = useT();
  const say = useProblemText();
  const { db, now } = useServices();
  const headingId = useId();
  // Counted again after a receipt. Not useLiveQuery: this chunk sharing dexie-react-hooks with
  // the volunteer area made the bundler split it into a chunk of its own on the voter's first load.
  const [counts, setCounts] = useState<{ unconfirmed: number; all: number }>();
  const [counted, setCounted] = useState(0);
  useEffect(() => {
    let live = true;
    void Promise.all([
      unconfirmedBallotIds(db, event.id),
      db.ballots.where('eventId').equals(event.id).count(),
    ]).then(([waiting, all]) => {
      if (live) setCounts({ unconfirmed: waiting.length, all });
    });
    return () => {
      live = false;
    };
  }, [db, event.id, counted]);
  const [picked, setPicked] = useState<Choice>();
  const [sending, setSending] = useState<{ sender: Sender; count: number }>();
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<Said>();
  const [receipt, setReceipt] = useState<Said>();

  const waiting = counts?.unconfirmed ?? 0;
  const choice: Choice = picked ?? (waiting > 0 ? 'unconfirmed' : 'all');
  const choose = (next: Choice) => {
    setPicked(next);
    setSending(undefined);
  };

  const show = async () => {
    if (busy) return;
    setBusy(true);
    setSaid(undefined);
    setReceipt(undefined);
    try {
      const only = choice === 'unconfirmed' ? await unconfirmedBallotIds(db, event.id) : undefined;
      const file = await exportStationBallots(db, event.id, now(), only);
      if (!file.ok) {
        setSaid({ text: say('export', file.error), failed: true });
        return;
      }
      const prepared = await prepareSender({
        kind: 'ballots',
        eventId: event.id,
        text: file.value.text,
        ballots: file.value.ballots,
      });
      if (!prepared.ok) {
        setSaid({ text: say('transfer', prepared.error), failed: true });
        return;
      }
      rememberShown(prepared.value.transferId, {
        eventId: event.id,
        ballotIds: file.value.ballotIds ?? [],
      });
      setSending({ sender: prepared.value, count: file.value.ballots });
    } catch (cause) {
      console.error('The moving code could not be made', cause);
      setSaid({ text: t('station.camera.failed'), failed: true });
    } finally {
      setBusy(false);
    }
  };

  const onReceipt = async (text: string) => {
    const ack = readAck(text, event.id);
    if (!ack.ok) {
      setReceipt({ text: say('transfer-ack', ack.error), failed: true });
      return;
    }
    const confirmed = await confirmShown(db, ack.value);
    if (confirmed === null) {
      setReceipt({ text: t('station.camera.receipt.unknown'), failed: true });
      return;
    }
    setSending(undefined);
    setCounted((n) => n + 1);
    setReceipt({
      text: t('station.camera.receipt.confirmed', { count: confirmed.confirmed }),
      failed: false,
    });
  };

  return (
    <section aria-labelledby={headingId} className={styles['panel']}>
      <h4 id={headingId}>{t('station.camera.heading')}</h4>
      <p>{t('station.camera.explain')}</p>
      <fieldset className={styles['choices']}>
        <legend>{t('station.camera.which')}</legend>
        <label className={styles['choice']}>
          <input
            type="radio"
            name={`${headingId}-which`}
            checked={choice === 'unconfirmed'}
            disabled={waiting === 0}
            onChange={() => choose('unconfirmed')}
          />
          {t('station.camera.unconfirmed', { count: waiting })}
        </label>
        <label className={styles['choice']}>
          <input
            type="radio"
            name={`${headingId}-which`}
            checked={choice === 'all'}
            onChange={() => choose('all')}
          />
          {t('station.camera.all', { count: counts?.all ?? event.ballots })}
        </label>
      </fieldset>
      {sending === undefined ? (
        <BusyButton type="button" className="button" busy={busy} onClick={() => void show()}>
          {t('station.camera.show')}
        </BusyButton>
      ) : (
        <>
          <AnimatedQr
            sender={sending.sender}
            label={t('station.camera.label', { count: sending.count, event: event.name })}
          />
          <button type="button" className="button secondary" onClick={() => setSending(undefined)}>
            {t('station.camera.stop')}
          </button>
        </>
      )}
      <p role="status">{busy ? t('station.camera.preparing') : ''}</p>
      {said?.failed && (
        <p role="alert" className="notice">
          {said.text}
        </p>
      )}
      <h5 className={styles['step']}>{t('station.camera.receipt.heading')}</h5>
      <p>{t('station.camera.receipt.explain')}</p>
      <QrScanner
        className="button secondary"
        words={{
          open: t('station.camera.receipt.open'),
          title: t('station.camera.receipt.title'),
          point: t('station.camera.receipt.point'),
          camera: t('station.camera.receipt.camera'),
          stop: t('station.camera.receipt.stop'),
          refused: t('station.camera.receipt.refused'),
          failed: t('station.camera.receipt.failed'),
        }}
        onScanned={(text) => void onReceipt(text)}
      />
      <p role="status" className={styles['confirmed']}>
        {receipt && !receipt.failed ? receipt.text : ''}
      </p>
      {receipt?.failed && (
        <p role="alert" className="notice">
          {receipt.text}
        </p>
      )}
    </section>
  );
}

/**
 * "Receive ballots from another station" (a courier, docs/camera-transfer.md "Carrying"): the
 * camera reads another station's moving code; each finished transfer (checked whole by the
 * Receiver: content hash and the tally file's own chain) is kept as it is (db/carried-repo.ts),
 * for this station's own event only, and carried on at the next sync, in a file, or by camera.
 * Two stations in view are kept apart; the same station again adds nothing, and says so.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useState } from 'react';
import type { EventDefinition } from '../../../core/schema.ts';
import { carryTransfer, listCarried, summariseCarried } from '../../../db/carried-repo.ts';
import type { TransferContent } from '../../../sync/transfer/index.ts';
import { useProblemText } from '../../i18n/problems.ts';
import { useFormat, useT } from '../../i18n/react.tsx';
import { IdleTimeout } from '../../shared/IdleTimeout.tsx';
import { Screen } from '../../shared/Screen.tsx';
import { useServices } from '../../shared/services.tsx';
import { useSession } from '../../shared/session-context.ts';
import { FrameScanner } from '../../shared/transfer/FrameScanner.tsx';
import { useReceiver, type TransferInView } from '../../shared/transfer/useReceiver.ts';
import { courierStore } from './courier-store.ts';
import styles from './courier.module.css';

/** What became of a received transfer here. */
type Kept = 'added' | 'already' | 'delivered' | 'other-event' | 'not-saved';

export default function CourierScreen({ event }: { event: EventDefinition }) {
  const t = useT();
  const f = useFormat();
  const say = useProblemText();
  const { db, now, timings } = useServices();
  const lock = useSession((s) => s.lockVolunteer);
  const [kept, setKept] = useState<ReadonlyMap<string, Kept>>(new Map());
  const rows = useLiveQuery(() => listCarried(db, event.id), [db, event.id]);
  const summary = rows === undefined ? undefined : summariseCarried(rows);

  const onDone = useCallback(
    ({ transferId, content }: { transferId: string; content: TransferContent }) => {
      const remember = (outcome: Kept) => setKept((all) => new Map(all).set(transferId, outcome));
      carryTransfer(
        db,
        {
          transferId,
          eventId: content.eventId,
          text: content.text,
          ballots: content.ballots ?? 0,
        },
        now(),
      ).then(
        (result) =>
          remember(
            !result.ok
              ? 'other-event'
              : result.value.added
                ? 'added'
                : result.value.delivered
                  ? 'delivered'
                  : 'already',
          ),
        (cause: unknown) => {
          console.error('A received transfer was not saved', cause);
          remember('not-saved');
        },
      );
    },
    [db, now],
  );
  const { receive, transfers, refusal } = useReceiver({
    kind: 'ballots',
    eventId: event.id,
    onDone,
  });

  const title = t('station.courier.receive.title');
  return (
    <Screen title={title} className={styles['courier']}>
      <p>{t('station.courier.receive.how')}</p>
      <FrameScanner
        onFrame={receive}
        words={{
          starting: t('station.courier.camera.starting'),
          point: t('station.courier.camera.point'),
          camera: t('station.courier.camera.label'),
          refused: t('station.courier.camera.refused'),
          noCamera: t('station.courier.camera.none'),
          failed: t('station.courier.camera.failed'),
          decoderFailed: t('station.courier.camera.decoder-failed'),
        }}
      />
      {refusal !== null && (
        <p role="alert" className="notice">
          {say('transfer', refusal)}
        </p>
      )}
      <ul className={styles['transfers']} aria-label={t('station.courier.receive.list')}>
        {transfers.map((transfer) => (
          <TransferLine
            key={transfer.transferId}
            transfer={transfer}
            kept={kept.get(transfer.transferId)}
          />
        ))}
      </ul>
      {summary !== undefined && summary.transfers > 0 && (
        <p role="status">
          {t('station.courier.carrying', {
            ballots: f.number(summary.ballots),
            transfers: f.number(summary.transfers),
          })}{' '}
          {t('station.courier.next')}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="button primary"
          onClick={() => courierStore.getState().setOpen(false)}
        >
          {t('station.courier.receive.done')}
        </button>
      </div>
      <IdleTimeout
        active
        idleMs={timings.volunteerIdleMs}
        onTimeout={lock}
        consequence={t('station.area.idle-consequence')}
      />
    </Screen>
  );
}

function TransferLine({ transfer, kept }: { transfer: TransferInView; kept: Kept | undefined }) {
  const t = useT();
  const f = useFormat();
  const station = t('station.courier.station', { number: f.number(transfer.number) });
  const total = transfer.ballots;
  const progress =
    total === undefined
      ? t('station.courier.progress.share', { share: f.percent(transfer.fraction) })
      : t('station.courier.progress.ballots', {
          received: f.number(Math.min(total, transfer.receivedBallots ?? 0)),
          total: f.number(total),
        });
  const said =
    kept === undefined
      ? transfer.received
        ? t('station.courier.kept.checking')
        : progress
      : t(`station.courier.kept.${kept}`, { count: f.number(total ?? 0) });
  return (
    <li className={kept === 'other-event' || kept === 'not-saved' ? 'notice' : undefined}>
      <span className={styles['station']}>{station}</span> <span>{said}</span>
      <progress
        className={styles['progress']}
        value={transfer.fraction}
        max={1}
        aria-label={station}
      />
    </li>
  );
}

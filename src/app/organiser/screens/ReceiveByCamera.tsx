/**
 * The camera reading stations' animated QR codes (src/sync/transfer): progress per station in
 * view, then each transfer imported through exactly the file import's path (useImportFile, the
 * server's merge by ballot id: a second pass adds nothing and says so), its outcome said as a file
 * import's is, and a receipt QR (ackText) for the station to scan. Another event's code is refused
 * with the event's name. A lazy chunk (ReceiveSection).
 */
import { useCallback, useState } from 'react';
import { ackText, type TransferProblem } from '../../../sync/transfer/index.ts';
import type { ApiProblem, ImportResponse } from '../api.ts';
import { ProblemText } from '../components/problem-text.tsx';
import { QrImage } from '../components/QrImage.tsx';
import { Callout } from '../components/ui.tsx';
import { useOpenEvent } from '../layout/EventArea.tsx';
import { problemOf, useImportFile } from '../session/queries.ts';
import { useT, type Translate } from '../../i18n/react.tsx';
import { FrameScanner, type FrameScannerWords } from '../../shared/transfer/FrameScanner.tsx';
import { useReceiver, type TransferInView } from '../../shared/transfer/useReceiver.ts';
import { importSummary } from './ImportScreen.tsx';
import styles from './ReceiveByCamera.module.css';

type Outcome =
  | { state: 'importing' }
  | { state: 'ok'; value: ImportResponse }
  | { state: 'refused'; problem: ApiProblem };

interface Received {
  transferId: string;
  number: number;
  outcome: Outcome;
}

function scannerWords(t: Translate): FrameScannerWords {
  return {
    starting: t('organiser.receive.starting'),
    point: t('organiser.receive.point'),
    camera: t('organiser.receive.camera'),
    refused: t('organiser.receive.camera-refused'),
    noCamera: t('organiser.receive.no-camera'),
    failed: t('organiser.receive.camera-failed'),
    decoderFailed: t('organiser.receive.decoder-failed'),
  };
}

export function ReceiveByCamera() {
  const t = useT();
  const { summary } = useOpenEvent();
  const upload = useImportFile(summary.id);
  const [received, setReceived] = useState<Received[]>([]);

  const settle = (transferId: string, outcome: Outcome) =>
    setReceived((all) => all.map((r) => (r.transferId === transferId ? { ...r, outcome } : r)));

  const onDone = useCallback(
    ({
      transferId,
      number,
      content,
    }: {
      transferId: string;
      number: number;
      content: { text: string };
    }) => {
      setReceived((all) => [...all, { transferId, number, outcome: { state: 'importing' } }]);
      // Exactly the file import: the same request, the same merge, the same refusals. Its own
      // promise per transfer: mutate()'s callbacks are only called for the latest of several
      // imports in flight (two stations finishing together).
      upload
        .mutateAsync({ text: content.text, fileName: t('organiser.receive.station', { number }) })
        .then(
          (value) => settle(transferId, { state: 'ok', value }),
          (error: unknown) => settle(transferId, { state: 'refused', problem: problemOf(error) }),
        );
    },
    // upload.mutateAsync is stable; t changes with the language only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t],
  );
  const { receive, transfers, refusal } = useReceiver({
    kind: 'ballots',
    eventId: summary.id,
    onDone,
  });
  const receiving = transfers.filter((x) => !x.received);

  return (
    <div className={styles['receiver']}>
      <FrameScanner onFrame={receive} words={scannerWords(t)} />
      {/* Beside the camera on a wide screen: the receipt is seen without scrolling. */}
      <div className={styles['outcomes']}>
        <div role="status" className={styles['progress']}>
          {receiving.length > 0 && (
            <ul>
              {receiving.map((x) => (
                <li key={x.transferId}>
                  {progressWords(t, x)}
                  <progress max={100} value={Math.round(x.fraction * 100)} aria-hidden="true" />
                </li>
              ))}
            </ul>
          )}
        </div>
        {refusal !== null && (
          <Callout kind="error" role="alert">
            {refusalWords(t, refusal, summary.name)}
          </Callout>
        )}
        {received
          .slice()
          .reverse()
          .map((r) => (
            <ReceivedStation key={r.transferId} eventId={summary.id} received={r} />
          ))}
      </div>
    </div>
  );
}

function progressWords(t: Translate, x: TransferInView): string {
  if (x.ballots !== undefined) {
    return t('organiser.receive.progress', {
      number: x.number,
      received: x.receivedBallots ?? Math.floor(x.fraction * x.ballots),
      total: x.ballots,
    });
  }
  return t('organiser.receive.progress-percent', {
    number: x.number,
    percent: Math.floor(x.fraction * 100),
  });
}

function refusalWords(t: Translate, problem: TransferProblem, eventName: string): string {
  return t(`organiser.receive.refused.${problem.code}`, { event: eventName });
}

function ReceivedStation({ eventId, received }: { eventId: string; received: Received }) {
  const t = useT();
  const { number, outcome, transferId } = received;
  if (outcome.state === 'importing') {
    return (
      <p role="status" className={styles['result']}>
        {t('organiser.receive.importing', { number })}
      </p>
    );
  }
  if (outcome.state === 'refused') {
    return (
      <Callout kind="error" role="alert" className={styles['result']}>
        {t('organiser.receive.not-imported', { number })} <ProblemText problem={outcome.problem} />
      </Callout>
    );
  }
  const { value } = outcome;
  const nothingNew = value.added === 0 && value.rejected.length === 0 && value.duplicates > 0;
  const ack = ackText({ eventId, transferId, stored: value.added, alreadyHad: value.duplicates });
  return (
    <Callout kind="success" className={`${styles['result']} ${styles['done']}`}>
      <div role="status">
        <h3>{t('organiser.receive.station', { number })}</h3>
        <p>
          {nothingNew
            ? t('organiser.receive.nothing-new', { count: value.duplicates })
            : t('organiser.receive.imported', { summary: importSummary(t, value) })}
        </p>
        {value.rejected.length > 0 && (
          <ul>
            {value.rejected.map((r) => (
              <li key={r.id}>
                {t('organiser.import.rejected-ballot', { id: r.id })}{' '}
                <ProblemText area="rejection" problem={{ code: r.code, params: r.params }} />
              </li>
            ))}
          </ul>
        )}
      </div>
      <figure className={styles['receipt']}>
        <QrImage
          url={ack}
          alt={t('organiser.receive.receipt-alt', { number })}
          loadingText={t('organiser.receive.receipt-loading')}
          failedText={t('organiser.receive.receipt-failed')}
          size={280}
          className={styles['receiptCode']}
        />
        <figcaption>{t('organiser.receive.receipt-hint', { number })}</figcaption>
      </figure>
    </Callout>
  );
}

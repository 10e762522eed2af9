/**
 * The camera reading the organiser's moving code of an event package (kind 'event'): progress,
 * a refused code in plain words, and the package's text handed on once it is whole and checked
 * (the transfer's own hash). Any event: a station being set up has none yet, and loading another
 * event is LoadEventFile's question, as for a file.
 */
import { useCallback } from 'react';
import type { PackageFile } from '../../../sync/event-package.ts';
import type { TransferContent } from '../../../sync/transfer/index.ts';
import { useProblemText } from '../../i18n/problems.ts';
import { useFormat, useT } from '../../i18n/react.tsx';
import { FrameScanner } from '../../shared/transfer/FrameScanner.tsx';
import { useReceiver } from '../../shared/transfer/useReceiver.ts';
import styles from './courier.module.css';

interface EventScannerProps {
  onPackage: (file: PackageFile) => void;
  onClose: () => void;
}

/** The package's text as LoadEventFile reads a file: its size in bytes, and the text. */
export function packageText(text: string): PackageFile {
  return { size: new TextEncoder().encode(text).length, text: () => Promise.resolve(text) };
}

export default function EventScanner({ onPackage, onClose }: EventScannerProps) {
  const t = useT();
  const f = useFormat();
  const say = useProblemText();
  const onDone = useCallback(
    ({ content }: { content: TransferContent }) => onPackage(packageText(content.text)),
    [onPackage],
  );
  const { receive, transfers, refusal } = useReceiver({ kind: 'event', onDone });
  const seen = transfers[0];
  return (
    <div className={styles['scan']}>
      <p>{t('station.package.camera.how')}</p>
      <FrameScanner
        onFrame={receive}
        words={{
          starting: t('station.courier.camera.starting'),
          point: t('station.package.camera.point'),
          camera: t('station.courier.camera.label'),
          refused: t('station.package.camera.refused'),
          noCamera: t('station.package.camera.none'),
          failed: t('station.courier.camera.failed'),
          decoderFailed: t('station.package.camera.decoder-failed'),
        }}
      />
      {seen !== undefined && (
        <p>
          {t('station.courier.progress.share', { share: f.percent(seen.fraction) })}
          <progress
            className={styles['progress']}
            value={seen.fraction}
            max={1}
            aria-label={t('station.package.camera.progress')}
          />
        </p>
      )}
      {refusal !== null && (
        <p role="alert" className="notice">
          {say('transfer', refusal)}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button secondary" onClick={onClose}>
          {t('station.package.camera.close')}
        </button>
      </div>
    </div>
  );
}

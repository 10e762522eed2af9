/**
 * A "scan a QR code" button and its camera dialog, wherever the browser has a camera API: QR codes
 * are read by the browser's BarcodeDetector where it has one (Chrome on Android, for one), else by
 * ZXing's reader, loaded when the dialog opens (transfer/detector.ts). With no camera API nothing
 * is shown and the person types instead. Used by the volunteer's join form (the organiser's join link) and by the
 * voter's code step (the QR on a voting card): the words come from the caller, so each speaks from
 * its own catalogue. Frames never leave the tablet; the camera is off as soon as the dialog closes.
 * One value per opening: the dialog closes with the first QR code it reads.
 */
import { useEffect, useRef, useState } from 'react';
import { Modal } from './Modal.tsx';
import { cameraFailureOf, openBackCamera } from './transfer/camera.ts';
import { canUseCamera, loadQrDetector, type QrDetector } from './transfer/detector.ts';
import styles from './QrScanner.module.css';

/** Whether this browser can scan at all (a camera API); a camera may still be absent. */
export const canScan = canUseCamera;

/** How often a frame is looked at: often enough to feel instant, rare enough for an old tablet. */
const SCAN_EVERY_MS = 250;

export interface QrScannerWords {
  /** The button. */
  open: string;
  /** The dialog's title. */
  title: string;
  /** What to do, above the camera view. */
  point: string;
  /** The camera view's accessible name. */
  camera: string;
  /** The dialog's close button. */
  stop: string;
  /** The camera was refused (permission) or is missing: what to do instead. */
  refused: string;
  /** The camera could not be started for another reason, or the code reader did not load. */
  failed: string;
}

interface QrScannerProps {
  words: QrScannerWords;
  onScanned: (text: string) => void;
  /** While the caller is busy (e.g. checking the last value), no new scan can start. */
  disabled?: boolean;
  /** Extra class for the button (e.g. "big"). */
  className?: string;
}

type CameraFailure = 'refused' | 'failed';

/** Permission refused, or no camera at all: the same advice (type instead), said plainly. */
const failureOf = (cause: unknown): CameraFailure =>
  cameraFailureOf(cause) === 'failed' ? 'failed' : 'refused';

export function QrScanner({ words, onScanned, disabled = false, className = '' }: QrScannerProps) {
  const [scanning, setScanning] = useState(false);
  // Once the camera has been refused, say so in place of the button rather than offer it again.
  const [refused, setRefused] = useState(false);
  if (!canScan()) return null;
  if (refused) {
    return (
      <p className={styles['unavailable']} role="status">
        {words.refused}
      </p>
    );
  }
  return (
    <>
      <button
        type="button"
        className={`button secondary ${className}`.trim()}
        disabled={disabled}
        onClick={() => setScanning(true)}
      >
        {words.open}
      </button>
      {scanning && (
        <ScanDialog
          words={words}
          onScanned={(text) => {
            setScanning(false);
            onScanned(text);
          }}
          onClose={(failure) => {
            setScanning(false);
            if (failure === 'refused') setRefused(true);
          }}
        />
      )}
    </>
  );
}

interface ScanDialogProps {
  words: QrScannerWords;
  onScanned: (text: string) => void;
  onClose: (failure: CameraFailure | null) => void;
}

function ScanDialog({ words, onScanned, onClose }: ScanDialogProps) {
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState<CameraFailure | null>(null);
  // The latest callback, without restarting the camera each time the caller re-renders.
  const scanned = useRef(onScanned);
  useEffect(() => {
    scanned.current = onScanned;
  });

  useEffect(() => {
    let stream: MediaStream | undefined;
    let timer: number | undefined;
    let live = true;
    const look = async (detector: QrDetector) => {
      const frame = video.current;
      if (!live || !frame) return;
      const codes = await detector.detect(frame).catch(() => []);
      const text = codes[0]?.rawValue;
      if (!live) return;
      if (text) {
        // One value per opening: a card held in view is seen in many frames, reported once.
        live = false;
        scanned.current(text);
      } else timer = window.setTimeout(() => void look(detector), SCAN_EVERY_MS);
    };
    openBackCamera()
      .then(async (media) => {
        stream = media;
        if (!live || !video.current) {
          media.getTracks().forEach((track) => track.stop());
          return;
        }
        // The reader is loaded while the camera starts (ZXing's, where there is no native one).
        const reading = loadQrDetector().catch((cause: unknown) => {
          console.error('The QR code reader could not be loaded', cause);
          throw new DOMException('No QR code reader', 'AbortError');
        });
        video.current.srcObject = media;
        await video.current.play();
        await look(await reading);
      })
      .catch((cause: unknown) => {
        console.error('The camera could not be opened', cause);
        if (live) setFailed(failureOf(cause));
      });
    return () => {
      live = false;
      window.clearTimeout(timer);
      // Turning the camera off as soon as the dialog closes: its light must not stay on.
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  return (
    <Modal title={words.title} onClose={() => onClose(failed)}>
      {failed === null ? (
        <p>{words.point}</p>
      ) : (
        <p role="alert" className="notice">
          {failed === 'refused' ? words.refused : words.failed}
        </p>
      )}
      <video
        ref={video}
        className={styles['camera']}
        hidden={failed !== null}
        muted
        playsInline
        aria-label={words.camera}
        width={320}
        height={240}
      />
      <div className="actions">
        <button
          type="button"
          className="button secondary"
          data-autofocus
          onClick={() => onClose(failed)}
        >
          {words.stop}
        </button>
      </div>
    </Modal>
  );
}

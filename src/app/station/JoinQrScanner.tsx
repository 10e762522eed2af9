/**
 * "Scan the QR code": reads the organiser's join link with the tablet's camera, where the browser
 * has BarcodeDetector (Chrome on Android, for one). Elsewhere nothing is shown and the volunteer
 * types the code, or opens the link with the camera app. Frames never leave the tablet.
 */
import { useEffect, useRef, useState } from 'react';
import { Modal } from '../shared/Modal.tsx';
import { useT } from '../i18n/react.tsx';
import styles from './station.module.css';

/** The part of the (not yet in TypeScript's DOM types) BarcodeDetector the scanner uses. */
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type BarcodeDetectorClass = new (options: { formats: string[] }) => BarcodeDetectorLike;

function detectorClass(): BarcodeDetectorClass | undefined {
  return (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
}

/** How often a frame is looked at: often enough to feel instant, rare enough for an old tablet. */
const SCAN_EVERY_MS = 250;

export function JoinQrScanner({ onScanned }: { onScanned: (text: string) => void }) {
  const t = useT();
  const [scanning, setScanning] = useState(false);
  const Detector = detectorClass();
  if (!Detector || !navigator.mediaDevices) return null;
  return (
    <>
      <button type="button" className="button secondary" onClick={() => setScanning(true)}>
        {t('station.scan.open')}
      </button>
      {scanning && (
        <ScanDialog
          Detector={Detector}
          onScanned={(text) => {
            setScanning(false);
            onScanned(text);
          }}
          onClose={() => setScanning(false)}
        />
      )}
    </>
  );
}

interface ScanDialogProps {
  Detector: BarcodeDetectorClass;
  onScanned: (text: string) => void;
  onClose: () => void;
}

function ScanDialog({ Detector, onScanned, onClose }: ScanDialogProps) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  const [detector] = useState(() => new Detector({ formats: ['qr_code'] }));
  // The latest callback, without restarting the camera each time the form re-renders.
  const scanned = useRef(onScanned);
  useEffect(() => {
    scanned.current = onScanned;
  });

  useEffect(() => {
    let stream: MediaStream | undefined;
    let timer: number | undefined;
    let live = true;
    const look = async () => {
      const frame = video.current;
      if (!live || !frame) return;
      const codes = await detector.detect(frame).catch(() => []);
      const text = codes[0]?.rawValue;
      if (!live) return;
      if (text) scanned.current(text);
      else timer = window.setTimeout(() => void look(), SCAN_EVERY_MS);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (media) => {
        stream = media;
        if (!live || !video.current) return;
        video.current.srcObject = media;
        await video.current.play();
        await look();
      })
      .catch((cause: unknown) => {
        console.error('The camera could not be opened', cause);
        if (live) setFailed(true);
      });
    return () => {
      live = false;
      window.clearTimeout(timer);
      // Turning the camera off as soon as the dialog closes: its light must not stay on.
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [detector]);

  return (
    <Modal title={t('station.scan.title')} onClose={onClose}>
      {failed ? (
        <p role="alert" className="notice">
          {t('station.scan.failed')}
        </p>
      ) : (
        <p>{t('station.scan.point')}</p>
      )}
      <video
        ref={video}
        className={styles['camera']}
        muted
        playsInline
        aria-label={t('station.scan.camera')}
        width={320}
        height={240}
      />
      <div className="actions">
        <button type="button" className="button secondary" data-autofocus onClick={onClose}>
          {t('station.scan.stop')}
        </button>
      </div>
    </Modal>
  );
}

/**
 * "Scan the QR code": reads the organiser's join link with the tablet's camera, where the browser
 * has BarcodeDetector (shared/QrScanner). Elsewhere nothing is shown and the volunteer types the
 * code, or opens the link with the camera app.
 */
import { QrScanner } from '../shared/QrScanner.tsx';
import { useT } from '../i18n/react.tsx';

export function JoinQrScanner({ onScanned }: { onScanned: (text: string) => void }) {
  const t = useT();
  const failed = t('station.scan.failed');
  return (
    <QrScanner
      words={{
        open: t('station.scan.open'),
        title: t('station.scan.title'),
        point: t('station.scan.point'),
        camera: t('station.scan.camera'),
        stop: t('station.scan.stop'),
        refused: failed,
        failed,
      }}
      onScanned={onScanned}
    />
  );
}

/** The join link as a QR code. */
import { useT } from '../../i18n/react.tsx';
import { QrImage } from './QrImage.tsx';
import styles from './JoinCode.module.css';

interface Props {
  url: string;
  joinCode: string;
}

export function JoinQrCode({ url, joinCode }: Props) {
  const t = useT();
  return (
    <QrImage
      url={url}
      className={styles['qr']}
      alt={t('organiser.join.qr.alt', { code: joinCode })}
      loadingText={t('organiser.join.qr.loading')}
      failedText={t('organiser.join.qr.failed')}
    />
  );
}

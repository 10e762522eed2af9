/** The join link as a QR code. The qrcode library is imported only when this renders. */
import { useEffect, useState } from 'react';
import { useT } from '../../i18n/react.tsx';
import styles from './JoinCode.module.css';

interface Props {
  url: string;
  joinCode: string;
}

type Qr = { state: 'loading' } | { state: 'ok'; src: string } | { state: 'failed' };

export function JoinQrCode({ url, joinCode }: Props) {
  const t = useT();
  const [qr, setQr] = useState<Qr>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    import('qrcode')
      // SVG needs no canvas, prints sharply and scales to any projector.
      .then((QRCode) => QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }))
      .then((svg) => {
        if (live)
          setQr({
            state: 'ok',
            src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`,
          });
      })
      .catch(() => {
        if (live) setQr({ state: 'failed' });
      });
    return () => {
      live = false;
    };
  }, [url]);

  if (qr.state === 'ok') {
    return (
      <img
        className={styles['qr']}
        src={qr.src}
        alt={t('organiser.join.qr.alt', { code: joinCode })}
        width={220}
        height={220}
      />
    );
  }
  return (
    <p role="status">
      {qr.state === 'loading' ? t('organiser.join.qr.loading') : t('organiser.join.qr.failed')}
    </p>
  );
}

/** The join link as a QR code. The qrcode library is imported only when this renders. */
import { useEffect, useState } from 'react';

interface Props {
  url: string;
  joinCode: string;
}

type Qr = { state: 'loading' } | { state: 'ok'; src: string } | { state: 'failed' };

export function JoinQrCode({ url, joinCode }: Props) {
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
        className="org-qr"
        src={qr.src}
        alt={`QR code that opens the station app with join code ${joinCode}`}
        width={220}
        height={220}
      />
    );
  }
  return (
    <p className="org-qr-placeholder" role="status">
      {qr.state === 'loading'
        ? 'Making the QR code…'
        : 'The QR code could not be made here; type the join code instead.'}
    </p>
  );
}

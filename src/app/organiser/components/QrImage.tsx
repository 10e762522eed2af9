/** A link as a QR code (SVG). The qrcode library is imported only when one renders. */
import { useEffect, useState } from 'react';

interface Props {
  url: string;
  alt: string;
  loadingText: string;
  failedText: string;
  /** Shown size in CSS pixels (the SVG scales sharply to any size, a projector's included). */
  size?: number;
  className?: string | undefined;
}

type Qr = { state: 'loading' } | { state: 'ok'; src: string } | { state: 'failed' };

export function QrImage({ url, alt, loadingText, failedText, size = 220, className }: Props) {
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
    return <img className={className} src={qr.src} alt={alt} width={size} height={size} />;
  }
  return <p role="status">{qr.state === 'loading' ? loadingText : failedText}</p>;
}

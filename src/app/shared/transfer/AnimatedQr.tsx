/**
 * A moving QR code: one frame of a camera transfer (src/sync/transfer) after another, drawn on a
 * canvas at `fps` frames a second. It is data, not decoration, so it keeps moving when the device
 * asks for reduced motion; the caption says what it is. Pause holds the current frame (someone
 * needs a moment); Continue goes on where the fountain is — a receiver may start anywhere.
 * The frame's text is on the canvas as `data-frame` (tests read it). The qrcode library is
 * imported only when the code is shown.
 */
import type { create as createQr } from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import type { Sender } from '../../../sync/transfer/index.ts';
import { useT } from '../../i18n/react.tsx';
import styles from './AnimatedQr.module.css';

/** Frames a second: src/sync/transfer's DEFAULT_FPS (kept here so this file needs no bc-ur). */
const FPS = 8;
/** Light modules all round, as the QR standard asks (4): a camera finds the code's edge. */
const QUIET = 4;
/** Canvas pixels a module at least: the canvas is scaled down by CSS, never blurred up. */
const MODULE_PIXELS = 8;

type QrCreate = typeof createQr;

interface AnimatedQrProps {
  sender: Sender;
  /** The canvas's accessible name, e.g. "Moving code with 500 ballots". */
  label: string;
  fps?: number;
  /** What the code is and what to do with it; the station's words by default. */
  caption?: string;
}

export function AnimatedQr({ sender, label, fps = FPS, caption }: AnimatedQrProps) {
  const t = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [paused, setPaused] = useState(false);
  const [create, setCreate] = useState<QrCreate>();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    import('qrcode')
      .then((qrcode) => {
        if (live) setCreate(() => qrcode.create);
      })
      .catch((cause: unknown) => {
        console.error('The QR code library did not load', cause);
        if (live) setFailed(true);
      });
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    const target = canvas.current;
    if (create === undefined || target === null) return;
    const draw = () => drawFrame(target, create, sender.nextFrame());
    // Paused: the frame already shown stays (the first one is drawn even when paused at once).
    if (paused) {
      if (target.dataset['frame'] === undefined) draw();
      return;
    }
    draw();
    const timer = setInterval(draw, 1000 / fps);
    return () => clearInterval(timer);
  }, [create, sender, fps, paused]);

  return (
    <figure className={styles['figure']}>
      <canvas ref={canvas} className={styles['code']} role="img" aria-label={label} />
      <figcaption className={styles['caption']}>
        {caption ?? t('station.camera.qr.caption')}
      </figcaption>
      {failed && (
        <p role="alert" className="notice">
          {t('station.camera.qr.failed')}
        </p>
      )}
      <button
        type="button"
        className={`button secondary ${styles['pause']}`}
        onClick={() => setPaused((p) => !p)}
      >
        {paused ? t('station.camera.qr.continue') : t('station.camera.qr.pause')}
      </button>
    </figure>
  );
}

function drawFrame(target: HTMLCanvasElement, create: QrCreate, text: string): void {
  target.dataset['frame'] = text;
  // Alphanumeric mode (the frame is upper case): denser than bytes; error correction L.
  const { modules } = create(text, { errorCorrectionLevel: 'L' });
  const side = modules.size + 2 * QUIET;
  const pixels = side * MODULE_PIXELS;
  if (target.width !== pixels) {
    target.width = pixels;
    target.height = pixels;
  }
  // No 2D context (a test's DOM): the frame's text is still there to read.
  const context = target.getContext('2d');
  if (context === null) return;
  // Black on white whatever the page's colours: the white is the code's quiet zone too.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, pixels, pixels);
  context.fillStyle = '#000000';
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) {
        context.fillRect(
          (col + QUIET) * MODULE_PIXELS,
          (row + QUIET) * MODULE_PIXELS,
          MODULE_PIXELS,
          MODULE_PIXELS,
        );
      }
    }
  }
}

/**
 * The camera, read continuously: every QR code in every looked-at frame is handed to `onFrame`
 * (an animated QR is many frames; two stations may be in view at once). The organiser's "receive
 * by camera" and a courier station use it. The camera is the device's back camera where it has
 * one, and it is off as soon as the scanner is gone. Frames never leave the device.
 *
 * What the person reads comes from the caller's catalogue (`words`): the scanner says plainly when
 * it is starting, when the camera was refused (and how to allow it again), when the device has no
 * camera, and when the code reader could not load; in each case the file route remains.
 */
import { useEffect, useRef, useState } from 'react';
import { canUseCamera, loadQrDetector } from './detector.ts';
import { cameraFailureOf, openBackCamera, type CameraFailure } from './camera.ts';
import styles from './FrameScanner.module.css';

export interface FrameScannerWords {
  /** While the camera and the code reader start. */
  starting: string;
  /** While scanning: what to hold up to the camera. */
  point: string;
  /** The camera view's accessible name. */
  camera: string;
  /** The camera was refused: how to allow it again, and that a file works instead. */
  refused: string;
  /** No camera on this device (or no camera API): use a file instead. */
  noCamera: string;
  /** The camera could not start for another reason (in use by another app…). */
  failed: string;
  /** The code reader (WebAssembly) could not load. */
  decoderFailed: string;
}

export type FrameScannerState = 'starting' | 'scanning' | CameraFailure | 'decoder-failed';

interface FrameScannerProps {
  /** Every QR text seen, frame after frame (the same text again when a frame is still in view). */
  onFrame: (text: string) => void;
  words: FrameScannerWords;
  /** Told of each change of state (e.g. to offer the file route once the camera is refused). */
  onState?: (state: FrameScannerState) => void;
}

/**
 * Time between two looks at the camera: ~12 a second, more than an animated QR's frame rate (so
 * none is missed for want of looking) and little enough for an old laptop.
 */
export const LOOK_EVERY_MS = 80;

export function FrameScanner({ onFrame, words, onState }: FrameScannerProps) {
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<FrameScannerState>(() =>
    canUseCamera() ? 'starting' : 'no-camera',
  );
  // The latest callbacks, without restarting the camera each time the caller re-renders.
  const callbacks = useRef({ onFrame, onState });
  useEffect(() => {
    callbacks.current = { onFrame, onState };
  });
  useEffect(() => {
    callbacks.current.onState?.(state);
  }, [state]);

  useEffect(() => {
    if (!canUseCamera()) return;
    let live = true;
    let stream: MediaStream | undefined;
    let timer: number | undefined;
    const stopCamera = () => stream?.getTracks().forEach((track) => track.stop());

    async function start() {
      const [camera, detector] = await Promise.allSettled([openBackCamera(), loadQrDetector()]);
      if (camera.status === 'fulfilled') stream = camera.value;
      if (!live) return stopCamera();
      if (camera.status === 'rejected') {
        console.error('The camera could not be opened', camera.reason);
        return setState(cameraFailureOf(camera.reason));
      }
      if (detector.status === 'rejected') {
        console.error('The QR code reader could not be loaded', detector.reason);
        stopCamera();
        return setState('decoder-failed');
      }
      const view = video.current;
      if (view === null) return stopCamera();
      view.srcObject = camera.value;
      await view.play().catch(() => undefined);
      if (!live) return;
      setState('scanning');
      const look = async () => {
        if (!live) return;
        const codes = await detector.value.detect(view).catch(() => []);
        if (!live) return;
        for (const code of codes)
          if (code.rawValue !== '') callbacks.current.onFrame(code.rawValue);
        timer = window.setTimeout(() => void look(), LOOK_EVERY_MS);
      };
      await look();
    }
    void start();
    return () => {
      live = false;
      window.clearTimeout(timer);
      // The camera's light must not stay on once the scanner is gone.
      stopCamera();
    };
  }, []);

  const failure =
    state === 'refused'
      ? words.refused
      : state === 'no-camera'
        ? words.noCamera
        : state === 'failed'
          ? words.failed
          : state === 'decoder-failed'
            ? words.decoderFailed
            : null;
  return (
    <div className={styles['scanner']}>
      {failure === null ? (
        <p role="status" className={styles['status']}>
          {state === 'starting' ? words.starting : words.point}
        </p>
      ) : (
        <p role="alert" className="notice">
          {failure}
        </p>
      )}
      <video
        ref={video}
        className={styles['camera']}
        hidden={failure !== null}
        muted
        playsInline
        aria-label={words.camera}
      />
    </div>
  );
}

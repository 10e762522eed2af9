/** Opening the device's camera for scanning, and what a failure to open it means to a person. */

/** Why the camera is not there: refused (permission), absent, or another failure. */
export type CameraFailure = 'refused' | 'no-camera' | 'failed';

export function cameraFailureOf(cause: unknown): CameraFailure {
  if (!(cause instanceof DOMException)) return 'failed';
  if (cause.name === 'NotAllowedError' || cause.name === 'SecurityError') return 'refused';
  if (cause.name === 'NotFoundError' || cause.name === 'OverconstrainedError') return 'no-camera';
  return 'failed';
}

/**
 * The back camera where there is one (a tablet held up to a station), any camera otherwise (a
 * laptop's webcam). A larger picture than the default 640×480 where the camera offers it: the
 * squares of a dense QR code must be a few pixels each.
 */
export function openBackCamera(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } },
    audio: false,
  });
}

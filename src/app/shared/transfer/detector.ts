/**
 * One way to read QR codes from the camera's frames, for every scanner of the app (the join code,
 * the voting card, the organiser's "receive by camera"): the browser's own BarcodeDetector where
 * it has one that reads QR codes (Chrome on Android, Safari), otherwise ZXing's WebAssembly reader
 * through the `barcode-detector` ponyfill, loaded only when a scanner opens (zxing-detector.ts, a
 * lazy chunk; its .wasm is served from this origin and precached, so it works with no internet).
 */

/** The part of BarcodeDetector the scanners use: every code in the frame, not just the first. */
export interface QrDetector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type DetectorClass = (new (options: { formats: string[] }) => QrDetector) & {
  getSupportedFormats?: () => Promise<string[]>;
};

function nativeClass(): DetectorClass | undefined {
  return (globalThis as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
}

/** Whether this device may scan at all: a camera API (a camera may still be absent or refused). */
export function canUseCamera(): boolean {
  return (
    typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function'
  );
}

/** The native detector if it reads QR codes (desktop Chromium on Linux has the class but no formats). */
async function nativeDetector(): Promise<QrDetector | null> {
  const Native = nativeClass();
  if (Native === undefined) return null;
  if (typeof Native.getSupportedFormats === 'function') {
    const formats = await Native.getSupportedFormats().catch(() => [] as string[]);
    if (!formats.includes('qr_code')) return null;
  }
  return new Native({ formats: ['qr_code'] });
}

let zxing: Promise<QrDetector> | null = null;

/**
 * A QR detector, native or ZXing's. Rejects if neither can be had (the .wasm did not load): the
 * scanner then says the code reader could not start. ZXing's is loaded once; a failed load is
 * tried again next time.
 */
export async function loadQrDetector(): Promise<QrDetector> {
  const native = await nativeDetector();
  if (native !== null) return native;
  zxing ??= import('./zxing-detector.ts').then(({ zxingDetector }) => zxingDetector());
  zxing.catch(() => {
    zxing = null;
  });
  return zxing;
}

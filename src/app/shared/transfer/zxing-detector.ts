/**
 * ZXing's QR reader (WebAssembly) behind the BarcodeDetector interface, for browsers without a
 * native one (Firefox, desktop Chromium on Linux and Windows). Imported only by detector.ts when a
 * scanner opens, so it is never in a first screen. The .wasm (about 1.1 MB) comes from this
 * origin, not the package's default CDN: the hall may have no internet (the service worker
 * precaches it, vite.config.ts). The server's Content-Security-Policy allows compiling it
 * ('wasm-unsafe-eval').
 */
import { BarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import type { QrDetector } from './detector.ts';

export async function zxingDetector(): Promise<QrDetector> {
  // Compiled now, not at the first frame: a .wasm that cannot load is reported when the scanner
  // opens ("the code reader could not start"), not as a camera that never reads anything.
  await prepareZXingModule({
    overrides: {
      locateFile: (path: string, prefix: string) =>
        path.endsWith('.wasm') ? wasmUrl : prefix + path,
    },
    fireImmediately: true,
  });
  return new BarcodeDetector({ formats: ['qr_code'] });
}

// A fake camera for the camera-transfer screens: getUserMedia gives a stream (or the failure the
// test asks for), and a BarcodeDetector that "sees", at each look, the next frame of every real
// transfer sender in view. Call resetFakeCamera() after each test.
import { vi } from 'vitest';
import type { Sender } from '../../src/sync/transfer/index.ts';

export function fakeCamera(inView: () => Sender[], camera?: () => Promise<unknown>) {
  const stop = vi.fn();
  vi.stubGlobal(
    'BarcodeDetector',
    class {
      detect = () => Promise.resolve(inView().map((s) => ({ rawValue: s.nextFrame() })));
    },
  );
  Object.defineProperty(navigator, 'mediaDevices', {
    configurable: true,
    value: {
      getUserMedia:
        camera ??
        (() => Promise.resolve({ getTracks: () => [{ stop }] } as unknown as MediaStream)),
    },
  });
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  return { stop };
}

export function resetFakeCamera() {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  Reflect.deleteProperty(navigator, 'mediaDevices');
}

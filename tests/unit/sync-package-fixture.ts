// An event package as the organiser's server makes it: the demo event under another id, with one
// picture, for the station's load-from-file tests (unit and component).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { buildEventPackage, picturePath } from '../../src/core/event-package.ts';
import type { EventDefinition } from '../../src/core/schema.ts';

/** Any bytes do: a package checks a picture's hash, not that it is a picture. */
export const PICTURE_BYTES = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3, 4, 5]);
export const PICTURE_PATH = picturePath(bytesToHex(sha256(PICTURE_BYTES)), 'image/png');

export const PACKAGE_EVENT: EventDefinition = {
  ...DEMO_EVENT,
  id: 'riverside-2026',
  name: 'Riverside Choices 2026',
  bids: DEMO_EVENT.bids.map((bid, i) => (i === 0 ? { ...bid, image: PICTURE_PATH } : bid)),
};

export const packageText = (event: EventDefinition = PACKAGE_EVENT): string =>
  buildEventPackage(event, [{ path: PICTURE_PATH, type: 'image/png', bytes: PICTURE_BYTES }]);

/** The package with its definition edited by hand (the hash no longer matches). */
export function tamperedPackageText(): string {
  const file = JSON.parse(packageText()) as { event: EventDefinition };
  file.event.name = 'Riverside Choices 2026 (edited)';
  return JSON.stringify(file);
}

/** A text standing in for a File. */
export const fileOf = (text: string) => ({
  size: new TextEncoder().encode(text).length,
  text: () => Promise.resolve(text),
});

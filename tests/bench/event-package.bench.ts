/**
 * How big the event package is that a volunteer carries to a station with no network: 15 bids,
 * each with a picture made the way the organiser's screen makes it (browser-image-compression in
 * real Chromium, long edge ≤ 1200 px, ≤ 200 KB, JPEG; the same settings as
 * src/app/organiser/editor/picture.ts), then `buildEventPackage`. Two kinds of source picture:
 * photo-like (smooth light, shapes, fine grain, as a phone photo of a stall) and pure noise, the
 * worst case, which the size cap alone limits. Target: a package that fits any USB stick and
 * loads on a tablet in a few seconds, ≤ 5 MB.
 * Run: npx tsx tests/bench/run.ts event-package
 */
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import {
  buildEventPackage,
  picturePath,
  type PackagePicture,
} from '../../src/core/event-package.ts';
import { LAUNCH_OPTIONS } from '../e2e/support/chromium.ts';

const PICTURES = 15;
const TARGET_BYTES = 5 * 1024 * 1024;
const require = createRequire(import.meta.url);

/** One 4032×3024 source picture drawn in the page, compressed as the organiser's screen does. */
async function makePicture(page: Page, seed: number, kind: 'photo' | 'noise'): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ({ seed, kind }) => {
      const canvas = document.createElement('canvas');
      canvas.width = 4032;
      canvas.height = 3024;
      const ctx = canvas.getContext('2d');
      if (ctx === null) throw new Error('no 2d context');
      let s = seed;
      const random = () => ((s = (s * 1103515245 + 12345) >>> 0) & 0xffff) / 0xffff;
      const image = ctx.createImageData(canvas.width, canvas.height);
      if (kind === 'noise') {
        for (let i = 0; i < image.data.length; i++) image.data[i] = random() * 255;
      } else {
        const sky = ctx.createLinearGradient(0, 0, 0, canvas.height);
        sky.addColorStop(0, `hsl(${200 + seed * 7}, 60%, 75%)`);
        sky.addColorStop(1, `hsl(${90 + seed * 11}, 35%, 40%)`);
        ctx.fillStyle = sky;
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        for (let k = 0; k < 60; k++) {
          ctx.fillStyle = `hsla(${random() * 360}, 50%, ${30 + random() * 50}%, 0.8)`;
          ctx.beginPath();
          ctx.ellipse(
            random() * 4032,
            random() * 3024,
            50 + random() * 500,
            50 + random() * 400,
            0,
            0,
            7,
          );
          ctx.fill();
        }
        const drawn = ctx.getImageData(0, 0, canvas.width, canvas.height);
        // Sensor grain, a few levels either way, as in any phone photo.
        for (let i = 0; i < drawn.data.length; i += 4) {
          const grain = (random() - 0.5) * 12;
          for (let c = 0; c < 3; c++) image.data[i + c] = (drawn.data[i + c] ?? 0) + grain;
          image.data[i + 3] = 255;
        }
      }
      ctx.putImageData(image, 0, 0);
      const source = await new Promise<Blob>((resolve, reject) =>
        canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no blob'))), 'image/jpeg', 0.92),
      );
      const compress = (
        window as unknown as { imageCompression: (f: File, o: object) => Promise<Blob> }
      ).imageCompression;
      const out = await compress(new File([source], 'photo.jpg', { type: 'image/jpeg' }), {
        maxWidthOrHeight: 1200,
        maxSizeMB: (200 * 1024 * 0.97) / (1024 * 1024),
        fileType: 'image/jpeg',
        initialQuality: 0.85,
        useWebWorker: false,
        preserveExif: false,
      });
      const bytes = new Uint8Array(await out.arrayBuffer());
      let binary = '';
      for (const b of bytes) binary += String.fromCharCode(b);
      return btoa(binary);
    },
    { seed, kind },
  );
  return Buffer.from(base64, 'base64');
}

const browser = await chromium.launch(LAUNCH_OPTIONS);
const page = await browser.newPage();
// tsx keeps function names with a `__name` helper that the page does not have.
await page.addScriptTag({ content: 'window.__name = (f) => f;' });
await page.addScriptTag({
  path: require.resolve('browser-image-compression/dist/browser-image-compression.js'),
});
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
for (const kind of ['photo', 'noise'] as const) {
  const pictures: PackagePicture[] = [];
  for (let i = 0; i < PICTURES; i++) {
    const bytes = new Uint8Array(await makePicture(page, i + 1, kind));
    pictures.push({
      path: picturePath(bytesToHex(sha256(bytes)), 'image/jpeg'),
      type: 'image/jpeg',
      bytes,
    });
  }
  const bids = DEMO_EVENT.bids
    .concat(DEMO_EVENT.bids)
    .slice(0, PICTURES)
    .map((bid, i) => ({
      ...bid,
      id: `bid-${i + 1}`,
      title: `${bid.title} ${i + 1}`,
      image: pictures[i]?.path,
      imageAlt: bid.imageAlt ?? bid.title,
    }));
  const event = { ...DEMO_EVENT, bids };
  const text = buildEventPackage(event, pictures);
  const bytes = Buffer.byteLength(text);
  const pictureBytes = pictures.reduce((sum, p) => sum + p.bytes.length, 0);
  console.log(
    `${PICTURES} ${kind}-like pictures: ${kb(pictureBytes)} of JPEG ` +
      `(each ${kb(Math.min(...pictures.map((p) => p.bytes.length)))}–${kb(Math.max(...pictures.map((p) => p.bytes.length)))}); ` +
      `package ${kb(bytes)} (${kb(gzipSync(text).length)} gzipped) — target ≤ ${kb(TARGET_BYTES)}`,
  );
}
await browser.close();

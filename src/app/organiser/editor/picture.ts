/**
 * A bid's picture made fit for a tablet before it leaves the organiser's computer: the long edge
 * at most 1200 px, the file at most 200 KB, and nothing but the pixels kept. Drawing the picture
 * onto a canvas and encoding it again drops every metadata block (EXIF with GPS position, camera
 * serial, XMP), after the camera's orientation has been applied, so the picture stays upright.
 * JPEG for everything: transparent parts become white.
 */
import imageCompression from 'browser-image-compression';
import { MAX_PICTURE_BYTES } from '../../../core/events-api.ts';
import type { PictureUpload } from '../editor-api.ts';

export const MAX_PICTURE_EDGE = 1200;
/** What a phone photo may be before we try (30 MB photos exist; more is not a photo). */
export const MAX_SOURCE_BYTES = 40 * 1024 * 1024;

export type PictureProblem = 'not-an-image' | 'source-too-large' | 'unreadable' | 'still-too-large';

export type PreparedPicture =
  | { ok: true; upload: PictureUpload; width: number; height: number }
  | { ok: false; problem: PictureProblem };

async function sizeOf(blob: Blob): Promise<{ width: number; height: number }> {
  const bitmap = await createImageBitmap(blob);
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}

export async function preparePicture(file: File): Promise<PreparedPicture> {
  if (!file.type.startsWith('image/')) return { ok: false, problem: 'not-an-image' };
  if (file.size > MAX_SOURCE_BYTES) return { ok: false, problem: 'source-too-large' };
  // A little under the server's limit, so rounding in the encoder never tips it over.
  const target = (MAX_PICTURE_BYTES * 0.97) / (1024 * 1024);
  for (const edge of [MAX_PICTURE_EDGE, 900, 640]) {
    let blob: Blob;
    try {
      blob = await imageCompression(file, {
        maxWidthOrHeight: edge,
        maxSizeMB: target,
        fileType: 'image/jpeg',
        initialQuality: 0.85,
        // Its worker would load the library from a CDN: never from an offline-first app.
        useWebWorker: false,
        preserveExif: false,
      });
      const { width, height } = await sizeOf(blob);
      if (blob.size <= MAX_PICTURE_BYTES && Math.max(width, height) <= MAX_PICTURE_EDGE) {
        return { ok: true, upload: { blob, type: 'image/jpeg' }, width, height };
      }
    } catch {
      return { ok: false, problem: 'unreadable' };
    }
  }
  return { ok: false, problem: 'still-too-large' };
}

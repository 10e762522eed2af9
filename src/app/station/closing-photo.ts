/**
 * The photo of the paper tally sheet, made small on the tablet before it is stored with the
 * closing sheet (docs/check-in.md, "Closing a station"): the long edge at most 1600 px (the
 * volunteers' handwriting stays legible), the file at most the server's picture limit, and nothing
 * but the pixels kept — drawing it onto a canvas and encoding it again as JPEG drops the camera's
 * metadata (EXIF with GPS position, serial). The compression library is loaded only when a photo
 * is chosen, so it weighs nothing on any screen until then.
 */
import type compress from 'browser-image-compression';
import { MAX_PICTURE_BYTES } from '../../core/events-api.ts';
import type { ClosingPhoto } from '../../db/closing-repo.ts';

export const MAX_PHOTO_EDGE = 1600;
/** What a phone photo may be before we try (30 MB photos exist; more is not a photo). */
const MAX_SOURCE_BYTES = 40 * 1024 * 1024;

export type PhotoProblem = 'not-an-image' | 'source-too-large' | 'unreadable' | 'still-too-large';

export type PreparedPhoto =
  { ok: true; photo: ClosingPhoto; sha256: string } | { ok: false; problem: PhotoProblem };

async function longestEdge(blob: Blob): Promise<number> {
  const bitmap = await createImageBitmap(blob);
  const edge = Math.max(bitmap.width, bitmap.height);
  bitmap.close();
  return edge;
}

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function prepareClosingPhoto(file: File): Promise<PreparedPhoto> {
  if (!file.type.startsWith('image/')) return { ok: false, problem: 'not-an-image' };
  if (file.size > MAX_SOURCE_BYTES) return { ok: false, problem: 'source-too-large' };
  let imageCompression: typeof compress;
  try {
    imageCompression = (await import('browser-image-compression')).default;
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
  // A little under the server's limit, so rounding in the encoder never tips it over.
  const target = (MAX_PICTURE_BYTES * 0.97) / (1024 * 1024);
  for (const edge of [MAX_PHOTO_EDGE, 1200, 900]) {
    try {
      const blob = await imageCompression(file, {
        maxWidthOrHeight: edge,
        maxSizeMB: target,
        fileType: 'image/jpeg',
        initialQuality: 0.8,
        // Its worker would load the library from a CDN: never from an offline-first app.
        useWebWorker: false,
        preserveExif: false,
      });
      if (blob.size <= MAX_PICTURE_BYTES && (await longestEdge(blob)) <= MAX_PHOTO_EDGE) {
        const bytes = await blob.arrayBuffer();
        return { ok: true, photo: { type: 'image/jpeg', bytes }, sha256: await sha256Hex(bytes) };
      }
    } catch {
      return { ok: false, problem: 'unreadable' };
    }
  }
  return { ok: false, problem: 'still-too-large' };
}

/** The photo as a `data:` address for an <img> (at most the picture limit, so small enough). */
export function photoSource(photo: ClosingPhoto): string {
  const bytes = new Uint8Array(photo.bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return `data:${photo.type};base64,${btoa(binary)}`;
}

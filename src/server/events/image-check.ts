/**
 * Is this upload really a JPEG, PNG or WebP picture, and is it whole? The type comes from the
 * bytes (magic numbers), never from the file name or the Content-Type the client sent, and the
 * structure is walked far enough to refuse a cut-off or damaged file and to read the picture's
 * size (PNG: every chunk's CRC; JPEG: segments up to the scan and the end marker; WebP: the RIFF
 * size and the first image chunk). No decoding library: the browser already re-encoded it.
 */
import type { PictureType } from '../../core/event-package.ts';

export type ImageCheck =
  | { ok: true; type: PictureType; width: number; height: number }
  | { ok: false; problem: 'not-an-image' | 'corrupt' };

const NOT_AN_IMAGE: ImageCheck = { ok: false, problem: 'not-an-image' };
const CORRUPT: ImageCheck = { ok: false, problem: 'corrupt' };

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  prefix.every((b, i) => bytes[at + i] === b);

const u16be = (b: Uint8Array, i: number) => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const u16le = (b: Uint8Array, i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, i: number) => u16le(b, i) | ((b[i + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, i: number) => ((u16be(b, i) << 16) >>> 0) + u16be(b, i + 2);
const u32le = (b: Uint8Array, i: number) => ((u16le(b, i + 2) << 16) >>> 0) + u16le(b, i);
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

export function checkImage(bytes: Uint8Array): ImageCheck {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return checkJpeg(bytes);
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return checkPng(bytes);
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return checkWebp(bytes);
  return NOT_AN_IMAGE;
}

const sized = (type: PictureType, width: number, height: number): ImageCheck =>
  width > 0 && height > 0 ? { ok: true, type, width, height } : CORRUPT;

// ── JPEG ────────────────────────────────────────────────────────────────────────────────────────

const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function checkJpeg(b: Uint8Array): ImageCheck {
  let pos = 2;
  let size: { width: number; height: number } | null = null;
  while (pos < b.length) {
    if (b[pos] !== 0xff) return CORRUPT;
    while (b[pos] === 0xff) pos += 1; // fill bytes
    const marker = b[pos];
    pos += 1;
    if (marker === undefined) return CORRUPT;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (marker === 0xd9) return CORRUPT; // the end before any picture data
    if (pos + 2 > b.length) return CORRUPT;
    const length = u16be(b, pos);
    if (length < 2 || pos + length > b.length) return CORRUPT;
    if (SOF.has(marker)) {
      if (length < 7) return CORRUPT;
      size = { height: u16be(b, pos + 3), width: u16be(b, pos + 5) };
    }
    if (marker === 0xda) {
      if (size === null) return CORRUPT;
      // Entropy-coded data follows; a whole file ends with the end-of-image marker.
      let end = b.length;
      while (end > pos && b[end - 1] === 0x00) end -= 1;
      if (end < pos + length + 2 || b[end - 2] !== 0xff || b[end - 1] !== 0xd9) return CORRUPT;
      return sized('image/jpeg', size.width, size.height);
    }
    pos += length;
  }
  return CORRUPT;
}

// ── PNG ─────────────────────────────────────────────────────────────────────────────────────────

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(b: Uint8Array, from: number, to: number): number {
  let c = 0xffffffff;
  for (let i = from; i < to; i++) c = (CRC_TABLE[(c ^ (b[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function checkPng(b: Uint8Array): ImageCheck {
  let pos = 8;
  let size: { width: number; height: number } | null = null;
  let data = false;
  while (pos + 12 <= b.length) {
    const length = u32be(b, pos);
    const type = ascii(b, pos + 4, 4);
    const end = pos + 12 + length;
    if (end > b.length) return CORRUPT;
    if (crc32(b, pos + 4, pos + 8 + length) !== u32be(b, pos + 8 + length)) return CORRUPT;
    if (size === null) {
      if (type !== 'IHDR' || length !== 13) return CORRUPT;
      size = { width: u32be(b, pos + 8), height: u32be(b, pos + 12) };
    }
    if (type === 'IDAT') data = true;
    if (type === 'IEND') {
      return end === b.length && data && size !== null
        ? sized('image/png', size.width, size.height)
        : CORRUPT;
    }
    pos = end;
  }
  return CORRUPT;
}

// ── WebP ────────────────────────────────────────────────────────────────────────────────────────

function checkWebp(b: Uint8Array): ImageCheck {
  if (u32le(b, 4) + 8 !== b.length) return CORRUPT;
  let pos = 12;
  let size: { width: number; height: number } | null = null;
  let image = false;
  while (pos + 8 <= b.length) {
    const fourcc = ascii(b, pos, 4);
    const length = u32le(b, pos + 4);
    const data = pos + 8;
    if (data + length > b.length) return CORRUPT;
    if (fourcc === 'VP8X' && length >= 10) {
      size ??= { width: 1 + u24le(b, data + 4), height: 1 + u24le(b, data + 7) };
    } else if (fourcc === 'VP8 ') {
      if (length < 10 || !startsWith(b, [0x9d, 0x01, 0x2a], data + 3)) return CORRUPT;
      size ??= { width: u16le(b, data + 6) & 0x3fff, height: u16le(b, data + 8) & 0x3fff };
      image = true;
    } else if (fourcc === 'VP8L') {
      if (length < 5 || b[data] !== 0x2f) return CORRUPT;
      const bits = u32le(b, data + 1);
      size ??= { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
      image = true;
    } else if (fourcc === 'ANMF') {
      image = true;
    }
    pos = data + length + (length % 2);
  }
  if (pos !== b.length || !image || size === null) return CORRUPT;
  return sized('image/webp', size.width, size.height);
}

/**
 * SHA-256 (FIPS 180-4) of a string's UTF-8 bytes, as lowercase hex: synchronous and identical in
 * the browser and Node (tests/unit/hash.test.ts holds it to the NIST examples and to node:crypto).
 *
 * Written here rather than taken from @noble/hashes (which the event package still uses for
 * pictures' bytes) because the organiser's count hashes every record of the tally file, 100,000
 * short strings for as many ballots, and most of noble's time per record went on what is around the
 * compression: a fresh byte array and hash object for each string, then hex through an array. This
 * one converts into one reused buffer and reads the words straight out of it: about 2.5 times
 * noble's speed on tally records (tests/bench/browser-results.bench.ts). Node callers that can
 * pass `node:crypto` do (the tally server and the CLI): it is faster still.
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** The message schedule, reused by every call (the hash is synchronous). */
const W = new Int32Array(64);
/** The padded message of short strings (a tally record is a few hundred bytes), reused. */
const SHARED_BYTES = 64 * 1024;
const shared = new Uint8Array(SHARED_BYTES);
const encoder = new TextEncoder();
const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push(i.toString(16).padStart(2, '0'));

const hex = (v: number) =>
  (HEX[v >>> 24] as string) +
  (HEX[(v >>> 16) & 255] as string) +
  (HEX[(v >>> 8) & 255] as string) +
  (HEX[v & 255] as string);

export function sha256Hex(text: string): string {
  const n = text.length;
  // UTF-8 takes at most 3 bytes per UTF-16 unit; then 1 + 8 bytes of padding, up to a block.
  const room = n * 3 + 72;
  const bytes = room <= SHARED_BYTES ? shared : new Uint8Array(room);
  // ASCII, nearly every record, copied by hand; anything else encoded by the platform.
  let length = n;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) {
      length = encoder.encodeInto(text, bytes).written;
      break;
    }
    bytes[i] = c;
  }
  // Padding: 0x80, zeros, then the length in bits as 64 bits big-endian, to a whole block.
  const total = (((length + 8) >>> 6) + 1) * 64;
  bytes[length] = 0x80;
  bytes.fill(0, length + 1, total - 8);
  const high = Math.floor(length / 0x20000000);
  const low = (length * 8) >>> 0;
  bytes[total - 8] = high >>> 24;
  bytes[total - 7] = (high >>> 16) & 255;
  bytes[total - 6] = (high >>> 8) & 255;
  bytes[total - 5] = high & 255;
  bytes[total - 4] = low >>> 24;
  bytes[total - 3] = (low >>> 16) & 255;
  bytes[total - 2] = (low >>> 8) & 255;
  bytes[total - 1] = low & 255;
  return compress(bytes, total);
}

/** The hash of the padded message `b[0, total)`, as hex. */
function compress(b: Uint8Array, total: number): string {
  const w = W;
  let h0 = 0x6a09e667 | 0;
  let h1 = 0xbb67ae85 | 0;
  let h2 = 0x3c6ef372 | 0;
  let h3 = 0xa54ff53a | 0;
  let h4 = 0x510e527f | 0;
  let h5 = 0x9b05688c | 0;
  let h6 = 0x1f83d9ab | 0;
  let h7 = 0x5be0cd19 | 0;
  for (let at = 0; at < total; at += 64) {
    for (let t = 0, j = at; t < 16; t++, j += 4) {
      w[t] =
        ((b[j] as number) << 24) |
        ((b[j + 1] as number) << 16) |
        ((b[j + 2] as number) << 8) |
        (b[j + 3] as number);
    }
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15] as number;
      const y = w[t - 2] as number;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = (s0 + s1 + (w[t - 7] as number) + (w[t - 16] as number)) | 0;
    }
    let a = h0;
    let bb = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    let f = h5;
    let g = h6;
    let h = h7;
    for (let t = 0; t < 64; t++) {
      const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (h + s1 + ((e & f) ^ (~e & g)) + (K[t] as number) + (w[t] as number)) | 0;
      const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (s0 + ((a & bb) ^ (a & c) ^ (bb & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = bb;
      bb = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + bb) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + h) | 0;
  }
  return hex(h0) + hex(h1) + hex(h2) + hex(h3) + hex(h4) + hex(h5) + hex(h6) + hex(h7);
}

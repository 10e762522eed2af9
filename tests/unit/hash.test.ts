/**
 * core's SHA-256 (src/core/hash.ts), hand-written for speed: it must be SHA-256 exactly. Held to
 * the FIPS 180-4 / NIST examples, to @noble/hashes (which it replaced) and to Node's own on
 * thousands of random strings of every length around the block boundaries, ASCII or not.
 */
import { createHash } from 'node:crypto';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/hash.ts';

const node = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const noble = (text: string) => bytesToHex(sha256(utf8ToBytes(text)));

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    [
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
    // Longer than the shared buffer: a buffer of its own.
    ['a'.repeat(1_000_000), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
  ])('the NIST example of %#', (text, expected) => {
    expect(sha256Hex(text)).toBe(expected);
  });

  it('hashes UTF-8: non-ASCII text, a lone surrogate as U+FFFD, as Node and noble do', () => {
    for (const text of [
      'é',
      'St Cuthbert’s Church — £2,400 ✓',
      '😀',
      '\ud800 lone',
      'ß'.repeat(30_000),
    ]) {
      expect(sha256Hex(text)).toBe(node(text));
      expect(sha256Hex(text)).toBe(noble(text));
    }
  });

  it('agrees with Node on random strings of every length around the 64-byte blocks', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'grapheme', maxLength: 100 }),
      fc.string({ unit: 'binary', maxLength: 150 }),
      fc.nat({ max: 300 }).map((n) => 'x'.repeat(n)),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(sha256Hex(t)).toBe(node(t));
      }),
      { numRuns: 2000 },
    );
  });

  it('is not disturbed by a longer string hashed before (the buffer is reused)', () => {
    const long = 'y'.repeat(5000);
    sha256Hex(long);
    expect(sha256Hex('abc')).toBe(node('abc'));
    sha256Hex('é'.repeat(2000));
    expect(sha256Hex('x'.repeat(55))).toBe(node('x'.repeat(55)));
  });
});

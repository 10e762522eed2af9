/** Join codes a volunteer reads aloud or types on a tablet: "K7QF-M4", no look-alike characters. */
import { randomBytes } from 'node:crypto';
import { JOIN_CODE_ALPHABET } from '../core/protocol.ts';

/** `length` uniformly random characters of `alphabet` (under 256 characters). */
export function randomChars(length: number, alphabet: string): string {
  // Bytes at or above the largest multiple of the alphabet's size would favour some characters.
  const cutoff = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < cutoff && out.length < length) out += alphabet[byte % alphabet.length] ?? '';
    }
  }
  return out;
}

export function newJoinCode(): string {
  const code = randomChars(6, JOIN_CODE_ALPHABET);
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

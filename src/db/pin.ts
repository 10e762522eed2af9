/**
 * The volunteer PIN is kept only as a salted PBKDF2 hash (WebCrypto), so a tablet left behind
 * does not give away a PIN a volunteer may reuse elsewhere. A short PIN is still guessable from
 * the hash with enough effort; the on-screen lockout is what protects the volunteer area.
 */
import type { PinHash } from './database.ts';

/**
 * High enough to make each offline guess cost real time, low enough that unlocking on an old
 * tablet takes well under a second. Stored with each hash so it can be raised later.
 */
export const PIN_ITERATIONS = 100_000;

const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string): Uint8Array =>
  Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

export async function hashPin(pin: string, iterations = PIN_ITERATIONS): Promise<PinHash> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(pin, salt, iterations);
  return { algorithm: 'PBKDF2-SHA-256', iterations, salt: toBase64(salt), hash: toBase64(hash) };
}

export async function pinMatches(pin: string, stored: PinHash): Promise<boolean> {
  const actual = await derive(pin, fromBase64(stored.salt), stored.iterations);
  const expected = fromBase64(stored.hash);
  if (actual.length !== expected.length) return false;
  // Compare every byte so the time taken does not hint at how much of the PIN was right.
  let difference = 0;
  actual.forEach((byte, i) => (difference |= byte ^ (expected[i] ?? 0)));
  return difference === 0;
}

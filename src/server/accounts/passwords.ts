/**
 * Account passwords (docs/accounts.md, "Passwords"): hashed with Node's scrypt, memory-hard, so a
 * copied accounts.json is slow to guess from; checked asynchronously (scrypt runs on libuv's
 * thread pool, never blocking the event loop) and compared in constant time. Stored as
 * `scrypt$N$r$p$salt$hash` (base64url), so the cost can grow later without losing old hashes.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../core/accounts-api.ts';
import { graphemeCount } from '../../core/text/name.ts';

/** 2^15 × 8 × 128 bytes = 32 MiB and about 50–100 ms per hash on the 2-core reference machine. */
export const SCRYPT = { N: 2 ** 15, r: 8, p: 1, saltBytes: 16, keyBytes: 32 } as const;

/** Node refuses more than 32 MiB by default; the hash itself needs 128 × N × r bytes and a little. */
const maxmemFor = (N: number, r: number) => 128 * N * r * 2;

function derive(password: string, salt: Buffer, N: number, r: number, p: number, keyBytes: number) {
  const options: ScryptOptions = { N, r, p, maxmem: maxmemFor(N, r) };
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (error, key) =>
      error === null ? resolve(key) : reject(error),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p, saltBytes, keyBytes } = SCRYPT;
  const salt = randomBytes(saltBytes);
  const key = await derive(password, salt, N, r, p, keyBytes);
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface Parsed {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parse(stored: string): Parsed | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const key = Buffer.from(parts[5] ?? '', 'base64url');
  // Bounds: a damaged or hostile file must not make one check take minutes or gigabytes.
  const sane =
    Number.isInteger(Math.log2(N)) &&
    N >= 2 ** 10 &&
    N <= 2 ** 20 &&
    Number.isInteger(r) &&
    r >= 1 &&
    r <= 32 &&
    Number.isInteger(p) &&
    p >= 1 &&
    p <= 16 &&
    salt.length >= 8 &&
    key.length >= 16 &&
    key.length <= 64;
  return sane ? { N, r, p, salt, key } : null;
}

/** A hash to check against when there is no account, so its absence takes as long to learn. */
let dummy: Promise<string> | null = null;
const dummyHash = () => (dummy ??= hashPassword(randomBytes(16).toString('hex')));

/** Whether `password` is the one `stored` was made from; a malformed `stored` matches nothing. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored) ?? parse(await dummyHash());
  if (parsed === null) return false;
  const { N, r, p, salt, key } = parsed;
  const given = await derive(password, salt, N, r, p, key.length);
  return timingSafeEqual(given, key) && parse(stored) !== null;
}

/**
 * The same work as checking a real password, for a name with no account (or one that cannot sign
 * in): the answer's timing must not tell which names exist.
 */
export async function verifyNothing(password: string): Promise<false> {
  await verifyPassword(password, await dummyHash());
  return false;
}

export type WeakPasswordReason = 'too-short' | 'too-long' | 'common' | 'same-as-name';

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordWeakness(
  password: string,
  accountName: string,
  common: ReadonlySet<string>,
): WeakPasswordReason | undefined {
  const length = graphemeCount(password.normalize('NFC'));
  if (length < PASSWORD_MIN) return 'too-short';
  if (length > PASSWORD_MAX) return 'too-long';
  const folded = password.normalize('NFC').toLowerCase();
  if (folded.trim() === accountName.normalize('NFC').toLowerCase().trim()) return 'same-as-name';
  if (common.has(folded) || common.has(folded.trim())) return 'common';
  return undefined;
}

/**
 * The shipped list (common-passwords.txt beside this file). The built server runs from
 * .build/node/, two folders below the project like src/server/, so the file is looked for beside
 * this module first (tests run the source) and then at its place in the project.
 */
const LIST_PLACES = [
  './common-passwords.txt',
  '../../src/server/accounts/common-passwords.txt',
  '../src/server/accounts/common-passwords.txt',
];

let common: Promise<ReadonlySet<string>> | null = null;

export function commonPasswords(): Promise<ReadonlySet<string>> {
  common ??= (async () => {
    const path = LIST_PLACES.map((p) => fileURLToPath(new URL(p, import.meta.url))).find((p) =>
      existsSync(p),
    );
    if (path === undefined)
      throw new Error('common-passwords.txt is missing from src/server/accounts/');
    const text = await readFile(path, 'utf8');
    return new Set(
      text
        .split('\n')
        .map((line) => line.trim().toLowerCase())
        .filter((line) => line !== '' && !line.startsWith('#')),
    );
  })();
  return common;
}

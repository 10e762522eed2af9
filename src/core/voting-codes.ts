/**
 * Voting codes (docs/check-in.md, "Voting codes"): single-use codes printed on cards, checked by a
 * station with no network and without the station being able to make a valid one.
 *
 * - A code is 12 characters of CODE_ALPHABET in three groups of four, "KFQ7-M4TX-9CJR": 25^12 ≈
 *   6 × 10^16 codes (55.7 bits), drawn with `crypto.getRandomValues`.
 * - A code's **tag** is PBKDF2-SHA-256(code, the event's random salt, `iterations`) truncated to
 *   16 bytes (32 hex): what a ballot carries in its `code` field and all a station holds. From a
 *   tag nobody can get back the code except by guessing codes and paying the slow hash for each.
 * - What a person typed is forgiven its case, spaces and dashes. The look-alike characters the
 *   alphabet leaves out (0 O 1 I L 2 Z 5 S 8 B) are NOT mapped to a guess: none of them has one
 *   single twin in the alphabet (an O might be a D or a Q), so the voter is told which character
 *   to check on the card instead of being let in, or refused, on a guess.
 *
 * Pure: WebCrypto's global `crypto` only, so the station, the server and the tests share it.
 */

/** No look-alikes (the join code's alphabet): 0/O, 1/I/L, 2/Z, 5/S, 8/B are all left out. */
export const CODE_ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY';
export const CODE_GROUPS = 3;
export const CODE_GROUP_LENGTH = 4;
export const CODE_LENGTH = CODE_GROUPS * CODE_GROUP_LENGTH;
/** "KFQ7-M4TX-9CJR" */
export const VOTING_CODE_PATTERN = new RegExp(
  `^[${CODE_ALPHABET}]{${CODE_GROUP_LENGTH}}(-[${CODE_ALPHABET}]{${CODE_GROUP_LENGTH}}){${CODE_GROUPS - 1}}$`,
);
/** Characters a code never has because they are easily misread as one of its own. */
export const LOOK_ALIKES = '01258BILOSZ';

/** Bits of chance in one code: log2(25^12). */
export const CODE_ENTROPY_BITS = CODE_LENGTH * Math.log2(CODE_ALPHABET.length);

/**
 * PBKDF2 rounds for a new event's codes: one check takes about 20 ms on a laptop's Node and a few
 * tens of ms on a tablet, and each guess costs an attacker the same (see docs/check-in.md).
 */
export const DEFAULT_CODE_ITERATIONS = 50_000;
/** Bytes of a tag: 128 bits, more than enough that two codes never share one. */
export const TAG_BYTES = 16;
export const TAG_PATTERN = /^[0-9a-f]{32}$/;
export const SALT_PATTERN = /^[0-9a-f]{32}$/;

export type CodeKind = 'valid' | 'test' | 'voided';

/** A new random code, e.g. "KFQ7-M4TX-9CJR". Rejection sampling keeps every character equally likely. */
export function generateCode(
  random: (bytes: Uint8Array<ArrayBuffer>) => void = fillRandom,
): string {
  const chars: string[] = [];
  const n = CODE_ALPHABET.length;
  // The largest multiple of 25 below 256: bytes at or above it are thrown away (no bias).
  const limit = 256 - (256 % n);
  const buffer = new Uint8Array(32);
  while (chars.length < CODE_LENGTH) {
    random(buffer);
    for (const byte of buffer) {
      if (byte < limit && chars.length < CODE_LENGTH) chars.push(CODE_ALPHABET[byte % n] ?? '');
    }
  }
  return groupCode(chars.join(''));
}

function fillRandom(bytes: Uint8Array<ArrayBuffer>): void {
  crypto.getRandomValues(bytes);
}

/** A fresh salt for an event's codes: 16 random bytes as hex. */
export function newSalt(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return toHex(bytes);
}

const groupCode = (plain: string): string =>
  Array.from({ length: CODE_GROUPS }, (_, i) =>
    plain.slice(i * CODE_GROUP_LENGTH, (i + 1) * CODE_GROUP_LENGTH),
  ).join('-');

/** Why what a person typed is not a code. Params are facts for the sentence, never English. */
export type TypedCodeProblem =
  /** Nothing typed. */
  | { code: 'code-empty'; params: Record<string, never> }
  /** `chars`: the look-alike characters typed (e.g. "O0"), to check on the card. */
  | { code: 'code-look-alike'; params: { chars: string } }
  /** `chars`: characters no code has (punctuation, other letters). */
  | { code: 'code-bad-character'; params: { chars: string } }
  /** `length`: how many code characters were typed; `expected`: 12. */
  | { code: 'code-wrong-length'; params: { length: number; expected: number } };

export type Normalised = { ok: true; code: string } | { ok: false; problem: TypedCodeProblem };

/**
 * What a person typed, as a code in its printed form ("kfq7 m4tx9cjr" → "KFQ7-M4TX-9CJR").
 * Case, spaces, dashes and dots between groups are forgiven; look-alikes are reported (not mapped).
 */
export function normaliseCode(typed: string): Normalised {
  const plain = typed.toUpperCase().replace(/[\s\-–—_.·]/g, '');
  if (plain === '') return { ok: false, problem: { code: 'code-empty', params: {} } };
  const lookAlikes = unique([...plain].filter((c) => LOOK_ALIKES.includes(c)));
  if (lookAlikes.length > 0) {
    return { ok: false, problem: { code: 'code-look-alike', params: { chars: lookAlikes } } };
  }
  const foreign = unique([...plain].filter((c) => !CODE_ALPHABET.includes(c)));
  if (foreign.length > 0) {
    return { ok: false, problem: { code: 'code-bad-character', params: { chars: foreign } } };
  }
  if (plain.length !== CODE_LENGTH) {
    return {
      ok: false,
      problem: {
        code: 'code-wrong-length',
        params: { length: plain.length, expected: CODE_LENGTH },
      },
    };
  }
  return { ok: true, code: groupCode(plain) };
}

const unique = (chars: string[]): string => [...new Set(chars)].join('');

/**
 * The tag of a code (in its printed form, as normaliseCode returns it): PBKDF2-SHA-256 over the
 * 12 code characters, with the event's salt, truncated to 16 bytes, as 32 lower-case hex.
 */
export async function codeTag(code: string, salt: string, iterations: number): Promise<string> {
  const plain = code.replace(/-/g, '');
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(plain),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: fromHex(salt), iterations },
    key,
    TAG_BYTES * 8,
  );
  return toHex(new Uint8Array(bits));
}

/** What a station holds to check codes (and what an event package may carry): tags only. */
export interface CodeList {
  eventId: string;
  /** Goes up with every change (a batch, a void), so a station asks only for news. */
  version: number;
  salt: string;
  iterations: number;
  valid: string[];
  voided: string[];
  test: string[];
}

/** The list's tags as sets, built once per list version (20,000 tags take a few ms). */
export interface CodeIndex {
  version: number;
  valid: ReadonlySet<string>;
  voided: ReadonlySet<string>;
  test: ReadonlySet<string>;
}

export function indexCodeList(list: CodeList): CodeIndex {
  return {
    version: list.version,
    valid: new Set(list.valid),
    voided: new Set(list.voided),
    test: new Set(list.test),
  };
}

/** A tag's kind in the list; `unknown` is also what another event's code is here. */
export function classifyTag(index: CodeIndex, tag: string): CodeKind | 'unknown' {
  // Voided first: a voided code stays voided even if it was also listed as valid.
  if (index.voided.has(tag)) return 'voided';
  if (index.valid.has(tag)) return 'valid';
  if (index.test.has(tag)) return 'test';
  return 'unknown';
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

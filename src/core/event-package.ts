/**
 * The event package: one JSON file holding an event's definition, its pictures and the
 * definition's hash, so a volunteer can load the event onto a station that never sees a network
 * (USB stick, share sheet), and a server can take in an event made on another. Format in
 * docs/events-api.md. Pure (zod, @noble/hashes): the station verifies a package offline with the
 * same code the server uses.
 *
 * Integrity: `eventHash` is sha256Hex(canonicalJson(event)), exactly the hash the tally file pins;
 * each picture is named by the SHA-256 of its bytes (`api/pictures/<sha256>.<ext>`), and the event
 * names its pictures, so the one hash covers everything. Editing any byte by hand is detected.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { canonicalJson } from './canonical-json.ts';
import { checkEventDefinition, type EventCheckProblem } from './event-check.ts';
import { problemOf, type Problem } from './problem.ts';
import { codeListSchema } from './protocol.ts';
import { err, ok, type Result } from './result.ts';
import type { EventDefinition } from './schema.ts';
import { eventHash as hashEvent } from './tally-file/format.ts';
import type { CodeList } from './voting-codes.ts';

export const EVENT_PACKAGE_FORMAT = 'decision-day-event-package';
export const EVENT_PACKAGE_VERSION = 1;

/** Picture kinds the server stores and a package may hold, with their file name endings. */
export const PICTURE_TYPES = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
} as const;
export type PictureType = keyof typeof PICTURE_TYPES;

/** Where the server serves a picture: a path under the app's origin, as `bid.image` holds it. */
export const PICTURE_PATH = /^api\/pictures\/([0-9a-f]{64})\.(jpg|png|webp)$/;

export const picturePath = (sha256Hex: string, type: PictureType): string =>
  `api/pictures/${sha256Hex}.${PICTURE_TYPES[type]}`;

export const pictureTypeOfPath = (path: string): PictureType | null => {
  const ext = PICTURE_PATH.exec(path)?.[2];
  const entry = Object.entries(PICTURE_TYPES).find(([, e]) => e === ext);
  return entry === undefined ? null : (entry[0] as PictureType);
};

export interface PackagePicture {
  /** `api/pictures/<sha256>.<ext>`, as the bids name it. */
  path: string;
  type: PictureType;
  bytes: Uint8Array;
}

export interface EventPackageFile {
  format: typeof EVENT_PACKAGE_FORMAT;
  version: typeof EVENT_PACKAGE_VERSION;
  eventHash: string;
  event: EventDefinition;
  pictures: { path: string; type: PictureType; base64: string }[];
  /**
   * Optional: the event's voting-code tags (core/voting-codes CodeList), so a station that never
   * sees a network can check codes. Not covered by the event hash: the tally server checks every
   * code again on arrival, so an edited list lets no extra ballot be counted.
   */
  codes?: CodeList;
}

export interface EventPackage {
  event: EventDefinition;
  eventHash: string;
  /** A short form of the hash for people to compare by eye: "3F9A-12BC-77D0". */
  fingerprint: string;
  pictures: PackagePicture[];
  /** The voting-code tags, when the package carries them. */
  codes?: CodeList;
}

/**
 * not-a-package; unsupported-version {version, supported}; bad-event (problems: the definition's);
 * event-hash-mismatch {expected, actual}; picture-hash-mismatch {path}; picture-not-used {path};
 * picture-missing {bid, image}; bad-picture {path}.
 */
export type EventPackageProblemCode =
  | 'not-a-package'
  | 'unsupported-version'
  | 'bad-event'
  | 'event-hash-mismatch'
  | 'picture-hash-mismatch'
  | 'picture-not-used'
  | 'picture-missing'
  | 'bad-picture';

export interface EventPackageProblem extends Problem<EventPackageProblemCode> {
  /** For bad-event: what is wrong with the definition. */
  readonly problems?: EventCheckProblem[];
}

export type Sha256Bytes = (bytes: Uint8Array) => string;
const noble: Sha256Bytes = (bytes) => bytesToHex(sha256(bytes));

/** The first 12 hex digits of an event hash in three groups, for a volunteer to compare. */
export function eventFingerprint(eventHash: string): string {
  const digits = eventHash.slice(0, 12).toUpperCase();
  return `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8, 12)}`;
}

/** The pictures an event names in its bids' `image`, each once, in bid order. */
export function picturesNamedBy(event: EventDefinition): string[] {
  const paths = event.bids.flatMap((bid) =>
    bid.image !== undefined && PICTURE_PATH.test(bid.image) ? [bid.image] : [],
  );
  return [...new Set(paths)];
}

const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

export function base64ToBytes(text: string): Uint8Array | null {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The package file's text for an event and the pictures it names (others are left out). */
export function buildEventPackage(
  event: EventDefinition,
  pictures: readonly PackagePicture[],
  codes?: CodeList,
): string {
  const named = new Set(picturesNamedBy(event));
  const file: EventPackageFile = {
    format: EVENT_PACKAGE_FORMAT,
    version: EVENT_PACKAGE_VERSION,
    eventHash: hashEvent(event),
    event,
    pictures: pictures
      .filter((p) => named.has(p.path))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((p) => ({ path: p.path, type: p.type, base64: bytesToBase64(p.bytes) })),
    ...(codes !== undefined && { codes }),
  };
  return `${canonicalJson(file as unknown as Parameters<typeof canonicalJson>[0])}\n`;
}

const packageSchema = z.object({
  format: z.literal(EVENT_PACKAGE_FORMAT),
  version: z.number(),
  eventHash: z.string(),
  event: z.unknown(),
  pictures: z
    .array(
      z.strictObject({
        path: z.string().max(200),
        type: z.enum(Object.keys(PICTURE_TYPES) as [PictureType, ...PictureType[]]),
        base64: z.string(),
      }),
    )
    .max(5000),
  codes: codeListSchema.optional(),
});

const problem = (
  code: EventPackageProblemCode,
  params: Record<string, string | number> = {},
  problems?: EventCheckProblem[],
): Result<never, EventPackageProblem> =>
  err(problems === undefined ? problemOf(code, params) : { ...problemOf(code, params), problems });

/**
 * Reads and verifies a package (already parsed from JSON): its definition is valid, its hash is
 * the definition's, every picture's bytes hash to its name, and every picture a bid names is there.
 */
export function readEventPackage(
  input: unknown,
  options: { sha256Bytes?: Sha256Bytes } = {},
): Result<EventPackage, EventPackageProblem> {
  const hashBytes = options.sha256Bytes ?? noble;
  const shape = packageSchema.safeParse(input);
  if (!shape.success) {
    const format = (input as { format?: unknown } | null)?.format;
    const version = (input as { version?: unknown } | null)?.version;
    if (format === EVENT_PACKAGE_FORMAT && typeof version === 'number' && version !== 1) {
      return problem('unsupported-version', { version, supported: EVENT_PACKAGE_VERSION });
    }
    return problem('not-a-package');
  }
  const file = shape.data;
  if (file.version !== EVENT_PACKAGE_VERSION) {
    return problem('unsupported-version', {
      version: file.version,
      supported: EVENT_PACKAGE_VERSION,
    });
  }
  const check = checkEventDefinition(file.event);
  if (check.definition === null) return problem('bad-event', {}, check.problems);
  const event = check.definition;
  // zod would drop unknown fields silently; a definition with extra ones is not the one hashed.
  if (canonicalJson(event) !== canonicalJson(file.event as Parameters<typeof canonicalJson>[0])) {
    return problem('bad-event', {}, []);
  }
  const actual = hashEvent(event);
  if (actual !== file.eventHash) {
    return problem('event-hash-mismatch', { expected: file.eventHash, actual });
  }
  const named = new Set(picturesNamedBy(event));
  const pictures: PackagePicture[] = [];
  const seen = new Set<string>();
  for (const picture of file.pictures) {
    const match = PICTURE_PATH.exec(picture.path);
    if (
      match === null ||
      pictureTypeOfPath(picture.path) !== picture.type ||
      seen.has(picture.path)
    ) {
      return problem('bad-picture', { path: picture.path });
    }
    if (!named.has(picture.path)) return problem('picture-not-used', { path: picture.path });
    const bytes = base64ToBytes(picture.base64);
    if (bytes === null) return problem('bad-picture', { path: picture.path });
    if (hashBytes(bytes) !== match[1])
      return problem('picture-hash-mismatch', { path: picture.path });
    seen.add(picture.path);
    pictures.push({ path: picture.path, type: picture.type, bytes });
  }
  for (const bid of event.bids) {
    if (bid.image !== undefined && named.has(bid.image) && !seen.has(bid.image)) {
      return problem('picture-missing', { bid: bid.id, image: bid.image });
    }
  }
  // Another event's codes would check nothing here: such a package is not this event's.
  if (file.codes !== undefined && file.codes.eventId !== event.id) return problem('not-a-package');
  return ok({
    event,
    eventHash: actual,
    fingerprint: eventFingerprint(actual),
    pictures,
    ...(file.codes !== undefined && { codes: file.codes }),
  });
}

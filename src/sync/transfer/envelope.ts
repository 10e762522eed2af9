/**
 * The bytes a camera transfer carries (before bc-ur's CBOR and fountain code): a fixed header
 * that says what the content is, then the content's text compressed with deflate-raw.
 *
 *   0      format version (TRANSFER_VERSION)
 *   1      kind: 'b' ballots, 'e' event package (ASCII)
 *   2–5    the text's length in UTF-8 bytes (big-endian)
 *   6–9    ballots in the text (big-endian; 0xFFFFFFFF: not a count, an event package)
 *   10–41  SHA-256 of the text's UTF-8 bytes
 *   42     the event id's length in UTF-8 bytes (1–255)
 *   43…    the event id, then the compressed text
 */
import { problemOf, type Problem } from '../../core/problem.ts';
import { err, ok, type Result } from '../../core/result.ts';

export const TRANSFER_VERSION = 1;
const NO_COUNT = 0xffffffff;
const HEAD = 43;

export type TransferKind = 'ballots' | 'event';
export const KIND_LETTER: Record<TransferKind, string> = { ballots: 'b', event: 'e' };
export const kindOfLetter = (letter: string): TransferKind | undefined =>
  letter === 'b' ? 'ballots' : letter === 'e' ? 'event' : undefined;

export interface Envelope {
  version: number;
  kind: TransferKind;
  eventId: string;
  textBytes: number;
  ballots?: number;
  sha256: Uint8Array;
  compressed: Uint8Array;
}

export function writeEnvelope(e: Omit<Envelope, 'version'>): Uint8Array {
  const id = new TextEncoder().encode(e.eventId);
  if (id.length < 1 || id.length > 255) throw new Error('writeEnvelope: event id of 1–255 bytes');
  const out = new Uint8Array(HEAD + id.length + e.compressed.length);
  const view = new DataView(out.buffer);
  out[0] = TRANSFER_VERSION;
  out[1] = KIND_LETTER[e.kind].charCodeAt(0);
  view.setUint32(2, e.textBytes);
  view.setUint32(6, e.ballots ?? NO_COUNT);
  out.set(e.sha256, 10);
  out[42] = id.length;
  out.set(id, HEAD);
  out.set(e.compressed, HEAD + id.length);
  return out;
}

/** Params: version {version, supported}; damaged {part: 'envelope'}. */
export function readEnvelope(bytes: Uint8Array): Result<Envelope, Problem<'version' | 'damaged'>> {
  if (bytes.length >= 1 && bytes[0] !== TRANSFER_VERSION) {
    return err(problemOf('version', { version: bytes[0] ?? 0, supported: TRANSFER_VERSION }));
  }
  const damaged = err(problemOf('damaged', { part: 'envelope' }));
  if (bytes.length < HEAD) return damaged;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kind = kindOfLetter(String.fromCharCode(bytes[1] ?? 0));
  const idLength = bytes[42] ?? 0;
  if (kind === undefined || idLength === 0 || bytes.length < HEAD + idLength) return damaged;
  let eventId: string;
  try {
    eventId = new TextDecoder('utf-8', { fatal: true }).decode(
      bytes.subarray(HEAD, HEAD + idLength),
    );
  } catch {
    return damaged;
  }
  const count = view.getUint32(6);
  return ok({
    version: TRANSFER_VERSION,
    kind,
    eventId,
    textBytes: view.getUint32(2),
    ...(count === NO_COUNT ? {} : { ballots: count }),
    sha256: bytes.slice(10, 42),
    compressed: bytes.subarray(HEAD + idLength),
  });
}

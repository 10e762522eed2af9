/**
 * The UR type every frame carries, e.g. `dd1-b-3f9a0c21-500`: format version, kind, an 8-hex-digit
 * tag of the event id (the first 32 bits of its SHA-256) and, for ballots, their count. So a
 * receiver refuses another event's transfer, or the wrong kind, from its first frame, and shows
 * "412 of 500 ballots" before the last one.
 */
import { sha256Hex } from '../../core/hash.ts';
import { KIND_LETTER, kindOfLetter, TRANSFER_VERSION, type TransferKind } from './envelope.ts';

export interface FrameType {
  version: number;
  kind: TransferKind;
  tag: string;
  ballots?: number;
}

export const eventTag = (eventId: string): string => sha256Hex(eventId).slice(0, 8);

export function frameType(kind: TransferKind, eventId: string, ballots?: number): string {
  const base = `dd${TRANSFER_VERSION}-${KIND_LETTER[kind]}-${eventTag(eventId)}`;
  return kind === 'ballots' && ballots !== undefined ? `${base}-${ballots}` : base;
}

/** Our frame's type read back; 'other' for any other UR (not Decision Day's). */
export function readFrameType(type: string): FrameType | { version: number } | 'other' {
  const m = /^dd(\d{1,3})-([a-z])-([0-9a-f]{8})(?:-(\d{1,9}))?$/.exec(type);
  if (m === null) return 'other';
  const version = Number(m[1]);
  if (version !== TRANSFER_VERSION) return { version };
  const kind = kindOfLetter(m[2] ?? '');
  if (kind === undefined) return 'other';
  return {
    version,
    kind,
    tag: m[3] ?? '',
    ...(m[4] === undefined ? {} : { ballots: Number(m[4]) }),
  };
}

/** Identifies one transfer's message from any of its frames: kind, CRC-32 and length. */
export const transferIdOf = (kind: TransferKind, checksum: number, length: number): string =>
  `${KIND_LETTER[kind]}${(checksum >>> 0).toString(16).padStart(8, '0')}${length.toString(36)}`;

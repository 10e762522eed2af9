import { sha256Hex } from '../../core/hash.ts';
import { problemOf } from '../../core/problem.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { bcUr } from './bc-ur-ready.ts';
import { deflateRaw } from './compression.ts';
import { writeEnvelope } from './envelope.ts';
import { bytesOfHex } from './verify.ts';
import { frameType, transferIdOf } from './frame-type.ts';
import { DEFAULT_FRAGMENT_BYTES, MAX_TEXT_BYTES, MAX_TRANSFER_BYTES } from './limits.ts';
import type { Sender, TransferContent, TransferProblem } from './types.ts';

/** A sender, or too-large {maxKilobytes} when the content is more than a camera should carry. */
export async function prepareSender(
  content: TransferContent,
  options: { fragmentBytes?: number } = {},
): Promise<Result<Sender, TransferProblem>> {
  const tooLarge = err(problemOf('too-large', { maxKilobytes: MAX_TRANSFER_BYTES / 1024 }));
  const textBytes = new TextEncoder().encode(content.text);
  if (textBytes.length > MAX_TEXT_BYTES) return tooLarge;
  const ballots = content.kind === 'ballots' ? content.ballots : undefined;
  const envelope = writeEnvelope({
    kind: content.kind,
    eventId: content.eventId,
    textBytes: textBytes.length,
    ...(ballots === undefined ? {} : { ballots }),
    sha256: bytesOfHex(sha256Hex(content.text)),
    compressed: await deflateRaw(textBytes),
  });
  if (envelope.length > MAX_TRANSFER_BYTES) return tooLarge;
  const ur = bcUr.urOf(envelope, frameType(content.kind, content.eventId, ballots));
  const encoder = new bcUr.UREncoder(ur, options.fragmentBytes ?? DEFAULT_FRAGMENT_BYTES, 0);
  const transferId = transferIdOf(content.kind, bcUr.crc32(ur.cbor), ur.cbor.length);
  return ok({
    transferId,
    parts: encoder.fragmentsLength,
    nextFrame: () => encoder.nextPart().toUpperCase(),
  });
}

/** Thrown by createSender for content too large to show (check with prepareSender first). */
export class TransferTooLarge extends Error {
  constructor(readonly problem: TransferProblem) {
    super('The content is too large for a camera transfer.');
  }
}

export async function createSender(
  content: TransferContent,
  options: { fragmentBytes?: number } = {},
): Promise<Sender> {
  const prepared = await prepareSender(content, options);
  if (!prepared.ok) throw new TransferTooLarge(prepared.error);
  return prepared.value;
}

/**
 * A whole transfer's message checked before anyone sees 'done': the envelope agrees with the type
 * every frame carried, the event is the one expected, the text inflates to exactly the declared
 * length and SHA-256, and a ballots transfer is a valid tally file (chain, seals, every ballot) of
 * that event holding the declared number of ballots. Import then goes through the file route.
 */
import { sha256Hex } from '../../core/hash.ts';
import { problemOf } from '../../core/problem.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { verifyTallyFile } from '../../core/tally-file/read.ts';
import { bcUr } from './bc-ur-ready.ts';
import { inflateRaw } from './compression.ts';
import { readEnvelope } from './envelope.ts';
import { eventTag, type FrameType } from './frame-type.ts';
import { MAX_TEXT_BYTES } from './limits.ts';
import type { ReceiverOptions, TransferContent, TransferProblem } from './types.ts';

export function bytesOfHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const hexOf = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export async function verifyMessage(
  urBytes: Uint8Array,
  frame: FrameType,
  options: Pick<ReceiverOptions, 'eventId' | 'kind'>,
): Promise<Result<TransferContent, TransferProblem>> {
  let bytes: Uint8Array;
  try {
    bytes = bcUr.cborBytes(urBytes);
  } catch {
    return err(problemOf('damaged', { part: 'envelope' }));
  }
  const read = readEnvelope(bytes);
  if (!read.ok) return read;
  const envelope = read.value;
  if (
    envelope.kind !== frame.kind ||
    eventTag(envelope.eventId) !== frame.tag ||
    envelope.ballots !== frame.ballots
  ) {
    return err(problemOf('damaged', { part: 'envelope' }));
  }
  if (envelope.kind !== options.kind) {
    return err(problemOf('wrong-kind', { expected: options.kind, actual: envelope.kind }));
  }
  if (options.eventId !== undefined && envelope.eventId !== options.eventId) {
    return err(problemOf('other-event', { expected: options.eventId, event: envelope.eventId }));
  }
  if (envelope.textBytes > MAX_TEXT_BYTES) {
    return err(problemOf('too-large', { maxKilobytes: MAX_TEXT_BYTES / 1024 }));
  }
  const textBytes = await inflateRaw(envelope.compressed, envelope.textBytes);
  if (textBytes === null || textBytes.length !== envelope.textBytes) {
    return err(problemOf('damaged', { part: 'content' }));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(textBytes);
  } catch {
    return err(problemOf('damaged', { part: 'content' }));
  }
  if (sha256Hex(text) !== hexOf(envelope.sha256)) {
    return err(problemOf('damaged', { part: 'content' }));
  }
  if (envelope.kind === 'ballots') {
    const file = verifyTallyFile(text);
    if (!file.ok) return err(problemOf('damaged', { part: 'tally-file' }, file.error));
    if (file.value.eventId !== envelope.eventId || file.value.ballots !== envelope.ballots) {
      return err(problemOf('damaged', { part: 'tally-file' }));
    }
  }
  return ok({
    kind: envelope.kind,
    eventId: envelope.eventId,
    text,
    ...(envelope.ballots === undefined ? {} : { ballots: envelope.ballots }),
  });
}

/**
 * Reads frames from the camera. Frames of several transfers (two stations in view) are kept apart
 * by their message's CRC-32 and length, which every fountain frame carries; a finished transfer's
 * later frames are 'ignored', so nothing is 'done' twice. Another event's or the wrong kind's
 * transfer is refused from its first frame (the frame's type names both); the whole payload is
 * checked (verify.ts) before 'done'.
 */
import type FountainDecoder from '@ngraveio/bc-ur/dist/fountainDecoder.js';
import { problemOf } from '../../core/problem.ts';
import { bcUr } from './bc-ur-ready.ts';
import { eventTag, readFrameType, transferIdOf, type FrameType } from './frame-type.ts';
import { MAX_OPEN_TRANSFERS, MAX_TRANSFER_BYTES } from './limits.ts';
import type { ReceiveUpdate, ReceiverOptions, SettledUpdate, TransferProblem } from './types.ts';
import { bytesOfHex, verifyMessage } from './verify.ts';

const IGNORED: ReceiveUpdate = { type: 'ignored' };

interface Open {
  decoder: FountainDecoder;
  frame: FrameType;
  transferId: string;
  /** The event id as far as it is known (the one expected; the tag otherwise). */
  eventId: string;
  /** Sequence numbers taken in: the camera reads each frame shown several times. */
  seen: Set<number>;
}

/** One frame's parts once its text is read. */
interface Piece {
  frame: FrameType;
  transferId: string;
  length: number;
  /** A multi-part frame's fountain part; a single-part frame's whole message (UR bytes). */
  part?: InstanceType<typeof bcUr.FountainEncoderPart>;
  whole?: Uint8Array;
}

export class Receiver {
  private readonly open = new Map<string, Open>();
  /** Transfers finished or refused: what their later frames get. */
  private readonly closed = new Map<string, ReceiveUpdate>();
  private readonly waiting: SettledUpdate[] = [];
  private readonly checks = new Set<Promise<void>>();

  constructor(private readonly options: ReceiverOptions) {}

  receive(frameText: string): ReceiveUpdate {
    const update = this.read(frameText);
    // A finished check's answer goes first: the frame was still taken in.
    return this.waiting.shift() ?? update;
  }

  /** Resolves when every check started so far has given its answer (tests; the app need not). */
  async settled(): Promise<void> {
    while (this.checks.size > 0) await Promise.all([...this.checks]);
  }

  private read(frameText: string): ReceiveUpdate {
    const piece = this.parse(frameText);
    if (piece === null) return IGNORED;
    if ('type' in piece) return piece;
    const key = piece.transferId;
    const closed = this.closed.get(key);
    if (closed !== undefined) return closed;
    if (piece.whole !== undefined) return this.finish(key, piece.frame, piece.whole);

    let open = this.open.get(key);
    if (open === undefined) {
      open = {
        decoder: new bcUr.FountainDecoder(),
        frame: piece.frame,
        transferId: piece.transferId,
        eventId: this.options.eventId ?? piece.frame.tag,
        seen: new Set(),
      };
      this.open.set(key, open);
      this.forgetOldest();
    } else {
      // Most recently seen last, so the oldest is the first to give way.
      this.open.delete(key);
      this.open.set(key, open);
    }
    const part = piece.part;
    if (part === undefined || open.seen.has(part.seqNum)) return IGNORED;
    if (!open.decoder.receivePart(part)) return IGNORED;
    open.seen.add(part.seqNum);
    if (open.decoder.isSuccess()) {
      this.open.delete(key);
      return this.finish(key, piece.frame, new Uint8Array(open.decoder.resultMessage()));
    }
    if (open.decoder.isFailure()) {
      this.open.delete(key);
      return this.refuse(key, problemOf('damaged', { part: 'fountain' }));
    }
    // Fragments recovered, or frames taken in against the ~1.1 passes a fountain usually needs.
    const estimate = Math.max(open.decoder.getProgress(), open.seen.size / (part.seqLength * 1.1));
    const fraction = Math.min(0.99, estimate);
    return this.progress(open.transferId, open.frame, open.eventId, fraction);
  }

  /** The frame's type and body; null for text that is not a readable frame of ours. */
  private parse(text: string): Piece | Extract<ReceiveUpdate, { type: 'refused' }> | null {
    const lower = text.trim().toLowerCase();
    if (!lower.startsWith('ur:')) return null;
    let type: string;
    let components: string[];
    try {
      [type, components] = bcUr.URDecoder.parse(lower);
    } catch {
      return null;
    }
    const frame = readFrameType(type);
    if (frame === 'other') return null;
    if (!('kind' in frame)) {
      return refused(problemOf('version', { version: frame.version, supported: 1 }));
    }
    if (frame.kind !== this.options.kind) {
      return refused(problemOf('wrong-kind', { expected: this.options.kind, actual: frame.kind }));
    }
    const expected = this.options.eventId;
    if (expected !== undefined && frame.tag !== eventTag(expected)) {
      return refused(problemOf('other-event', { expected }));
    }
    try {
      if (components.length === 1) {
        const message = bytesOfHex(bcUr.decodeBytewords(components[0] ?? ''));
        if (message.length > MAX_TRANSFER_BYTES) return refused(tooLarge());
        const transferId = transferIdOf(frame.kind, bcUr.crc32(message), message.length);
        return { frame, transferId, length: message.length, whole: message };
      }
      if (components.length !== 2) return null;
      const [seqNum, seqLength] = bcUr.URDecoder.parseSequenceComponent(components[0] ?? '');
      const part = bcUr.FountainEncoderPart.fromCBOR(bcUr.decodeBytewords(components[1] ?? ''));
      if (part.seqNum !== seqNum || part.seqLength !== seqLength) return null;
      if (part.messageLength > MAX_TRANSFER_BYTES) return refused(tooLarge());
      const transferId = transferIdOf(frame.kind, part.checksum, part.messageLength);
      return { frame, transferId, length: part.messageLength, part };
    } catch {
      // A bytewords checksum that fails (a damaged or tampered frame), or a malformed part.
      return null;
    }
  }

  private finish(key: string, frame: FrameType, message: Uint8Array): ReceiveUpdate {
    // Until the check answers, later frames of this transfer change nothing.
    this.closed.set(key, IGNORED);
    const check = verifyMessage(message, frame, this.options).then((outcome) => {
      const settled: SettledUpdate = outcome.ok
        ? { type: 'done', transferId: key, content: outcome.value }
        : { type: 'refused', problem: outcome.error };
      if (!outcome.ok) this.closed.set(key, settled);
      if (this.options.onSettled) this.options.onSettled(settled);
      else this.waiting.push(settled);
    });
    const tracked = check.finally(() => this.checks.delete(tracked));
    this.checks.add(tracked);
    return this.progress(key, frame, this.options.eventId ?? frame.tag, 1);
  }

  private refuse(key: string, problem: TransferProblem): ReceiveUpdate {
    const update = refused(problem);
    this.closed.set(key, update);
    return update;
  }

  private progress(
    transferId: string,
    frame: FrameType,
    eventId: string,
    fraction: number,
  ): ReceiveUpdate {
    const ballots = frame.ballots;
    return {
      type: 'progress',
      transferId,
      kind: frame.kind,
      eventId,
      fraction,
      ...(ballots === undefined
        ? {}
        : { ballots, receivedBallots: Math.min(ballots, Math.floor(ballots * fraction)) }),
    };
  }

  private forgetOldest(): void {
    while (this.open.size > MAX_OPEN_TRANSFERS) {
      const oldest = this.open.keys().next().value;
      if (oldest === undefined) return;
      this.open.delete(oldest);
    }
  }
}

const refused = (problem: TransferProblem): Extract<ReceiveUpdate, { type: 'refused' }> => ({
  type: 'refused',
  problem,
});
const tooLarge = () => problemOf('too-large', { maxKilobytes: MAX_TRANSFER_BYTES / 1024 });

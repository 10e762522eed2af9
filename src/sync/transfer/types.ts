import type { Problem } from '../../core/problem.ts';
import type { TransferKind } from './envelope.ts';

export type { TransferKind } from './envelope.ts';

export interface TransferContent {
  kind: TransferKind;
  eventId: string;
  /** 'ballots': a station's export tally-file text (src/sync/export.ts exportStationBallots);
   *  'event': the event package text exactly as the file route carries it (src/sync/event-package.ts). */
  text: string;
  /** 'ballots': how many ballots the text holds (shown as "412 of 500 ballots"). */
  ballots?: number;
}

export interface Sender {
  /** Identifies this content (a hash of it): the acknowledgement names it. */
  readonly transferId: string;
  /** Fragments in one pass; the fountain goes on past it, so a receiver may start anywhere. */
  readonly parts: number;
  /** The next frame's QR text (call at the frame rate; never ends). */
  nextFrame(): string;
}

/**
 * Params: other-event {expected} from a frame's event tag, {expected, event} once the whole
 * transfer is read; wrong-kind {expected, actual} (ballots, event); damaged {part} (envelope,
 * fountain, content, tally-file — with the tally file's problem as cause); too-large {maxKilobytes};
 * version {version, supported}.
 */
export type TransferProblem = Problem<
  'other-event' | 'wrong-kind' | 'damaged' | 'too-large' | 'version'
>;
export const TRANSFER_PROBLEM_CODES = [
  'other-event',
  'wrong-kind',
  'damaged',
  'too-large',
  'version',
] as const;

export type ReceiveUpdate =
  /** Not one of our frames, unreadable (its checksum fails), or a repeat. */
  | { type: 'ignored' }
  | {
      type: 'progress';
      transferId: string;
      kind: TransferKind;
      eventId: string;
      /** 0..1 estimate. */
      fraction: number;
      /** Total in the transfer, where known (from the first frame on). */
      ballots?: number;
      /** Estimate for "412 of 500 ballots". */
      receivedBallots?: number;
    }
  | { type: 'done'; transferId: string; content: TransferContent }
  | { type: 'refused'; problem: TransferProblem };

export type SettledUpdate = Extract<ReceiveUpdate, { type: 'done' } | { type: 'refused' }>;

export interface ReceiverOptions {
  kind: TransferKind;
  /** Refuse transfers of other events. */
  eventId?: string;
  /**
   * API (addition): the whole payload is checked asynchronously (decompression is asynchronous in
   * browsers) once the last fragment has arrived. With `onSettled`, its answer ('done' or
   * 'refused') is given here as soon as it is known; without it, the next `receive` call returns it.
   */
  onSettled?: (update: SettledUpdate) => void;
}

/** readAck's codes: not-an-ack {}; other-event {expected, event}. */
export const ACK_PROBLEM_CODES = ['not-an-ack', 'other-event'] as const;

/** The organiser's short acknowledgement QR, and the station's reading of it. */
export interface TransferAck {
  eventId: string;
  transferId: string;
  stored: number;
  alreadyHad: number;
}

/**
 * Camera transfer (issue 13): a station's ballots, or an event package, as an animated QR code —
 * compressed, in a versioned envelope, fountain-coded with bc-ur so a receiver may start anywhere
 * and miss frames. Browser and Node; loaded lazily (bc-ur and its Buffer never reach the voter's
 * first chunk). Format: docs/camera-transfer.md. This is the only import path others use.
 */
export type {
  ReceiveUpdate,
  ReceiverOptions,
  Sender,
  SettledUpdate,
  TransferAck,
  TransferContent,
  TransferKind,
  TransferProblem,
} from './types.ts';
export { ACK_PROBLEM_CODES, TRANSFER_PROBLEM_CODES } from './types.ts';
export { createSender, prepareSender, TransferTooLarge } from './sender.ts';
export { Receiver } from './receiver.ts';
export { ackText, readAck } from './ack.ts';
export { DEFAULT_FPS, DEFAULT_FRAGMENT_BYTES, MAX_TRANSFER_BYTES } from './limits.ts';

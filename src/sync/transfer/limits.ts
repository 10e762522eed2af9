import { MAX_IMPORT_BYTES } from '../../core/protocol.ts';

/**
 * The largest message (envelope with the compressed text) a camera transfer carries: 512 KiB,
 * about 1,100 frames, two and a half minutes at 8 frames a second. 1,000 ballots take about a
 * tenth of it (docs/camera-transfer.md); a bigger station uses the file route.
 */
export const MAX_TRANSFER_BYTES = 512 * 1024;
/** The text once inflated: the file route's own limit. */
export const MAX_TEXT_BYTES = MAX_IMPORT_BYTES;
/** Bytes of content per frame: QR version 19–20 at error correction L (docs/camera-transfer.md). */
export const DEFAULT_FRAGMENT_BYTES = 500;
/** Frames a second the station shows. */
export const DEFAULT_FPS = 8;
/** Transfers a receiver follows at once (two or three stations in view); the oldest gives way. */
export const MAX_OPEN_TRANSFERS = 6;

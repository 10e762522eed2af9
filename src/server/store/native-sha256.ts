/**
 * Node's native SHA-256, for the tally file's hash chain on the ingest path. It writes exactly the
 * bytes core's portable hash would (tests/server/native-sha256.test.ts), several times faster.
 */
import { createHash } from 'node:crypto';
import type { Sha256 } from '../../core/tally-file/index.ts';

export const nativeSha256: Sha256 = (text) =>
  createHash('sha256').update(text, 'utf8').digest('hex');

/** The same over bytes (pictures), as the event package's verifier wants it. */
export const nativeSha256Bytes = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex');

/**
 * Node's native SHA-256, for the tally file's hash chain on the ingest path. It writes exactly the
 * bytes core's portable hash would (tests/server/native-sha256.test.ts), several times faster.
 */
import { createHash, hash } from 'node:crypto';
import type { Sha256 } from '../../core/tally-file/index.ts';

/**
 * One call per record: crypto.hash (Node 20.12+) skips making a Hash object, which costs more
 * than hashing a ballot's few hundred bytes (`decision-day verify` hashes one per ballot).
 */
export const nativeSha256: Sha256 = (text) => hash('sha256', text, 'hex');

/** The same over bytes (pictures), as the event package's verifier wants it. */
export const nativeSha256Bytes = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex');

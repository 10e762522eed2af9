/**
 * SHA-256 as lowercase hex, synchronous and identical in browser and Node (@noble/hashes is
 * audited, dependency-free and does not need the async WebCrypto API).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

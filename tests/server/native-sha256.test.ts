import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { sha256Hex } from '../../src/core/hash.ts';
import {
  appendBallots,
  readTallyFile,
  startTallyFile,
  verifyTallyFile,
} from '../../src/core/tally-file/index.ts';
import { nativeSha256 } from '../../src/server/store/native-sha256.ts';
import { demoBallots } from './support/tally-server.ts';

describe("the server's native SHA-256", () => {
  it('hashes exactly as the portable one, including non-ASCII text', () => {
    for (const text of ['', 'abc', 'St Cuthbert’s Church — £2,400 ✓', 'x'.repeat(10_000)]) {
      expect(nativeSha256(text)).toBe(sha256Hex(text));
    }
  });

  it('writes byte-identical tally lines, which verify', () => {
    const start = startTallyFile(DEMO_EVENT);
    const ballots = demoBallots('hall-1', 25);
    const portable = appendBallots(start.head, ballots);
    const native = appendBallots(start.head, ballots, { sha256: nativeSha256 });
    expect(native.text).toBe(portable.text);
    expect(verifyTallyFile(start.text + native.text).ok).toBe(true);
  });

  it('reads and refuses files exactly as the portable one does', () => {
    const start = startTallyFile(DEMO_EVENT);
    const text = start.text + appendBallots(start.head, demoBallots('hall-1', 5)).text;
    const tampered = text.replace('"hall-1"', '"hall-2"');
    for (const file of [text, tampered]) {
      expect(readTallyFile(file, { sha256: nativeSha256 })).toEqual(readTallyFile(file));
    }
    expect(readTallyFile(tampered, { sha256: nativeSha256 }).ok).toBe(false);
  });
});

// What the server does with a tally file found on disk after a crash (or after someone edited it).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { appendBallots, startTallyFile } from '../../src/core/tally-file/index.ts';
import { recoverTallyFile } from '../../src/server/store/recover-tally.ts';
import { demoBallots } from './support/tally-server.ts';

/** A file with two sealed batches, and the text of a third append. */
function fileAndNextAppend() {
  const start = startTallyFile(DEMO_EVENT);
  const one = appendBallots(start.head, demoBallots('st-a', 3));
  const two = appendBallots(one.head, demoBallots('st-b', 2));
  const next = appendBallots(two.head, demoBallots('st-c', 4));
  return { sound: start.text + one.text + two.text, next: next.text };
}

describe('recovering the central tally file on start', () => {
  it('leaves a sound file alone', () => {
    const { sound } = fileAndNextAppend();
    const r = recoverTallyFile(sound);
    expect(r.kind).toBe('intact');
    if (r.kind === 'intact') expect(r.contents.ballots).toHaveLength(5);
  });

  it('cuts an append interrupted at any byte back to the last seal, keeping every sealed ballot', () => {
    const { sound, next } = fileAndNextAppend();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: next.length - 1 }), (cutAt) => {
        const r = recoverTallyFile(sound + next.slice(0, cutAt));
        expect(r.kind).toBe('cut');
        if (r.kind !== 'cut') return;
        expect(r.keepBytes).toBe(Buffer.byteLength(sound));
        expect(r.tail).toBe(next.slice(0, cutAt));
        expect(r.contents.ballots).toHaveLength(5);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a file edited inside a sealed batch instead of cutting sealed ballots away', () => {
    const { sound } = fileAndNextAppend();
    const lines = sound.split('\n');
    // Lines: header, seal, 3 ballots, seal, 2 ballots, seal.
    for (const at of [2, 4, 6]) {
      const edited = [...lines];
      edited[at] = (edited[at] ?? '').replace('T14:00Z', 'T09:00Z');
      expect(edited[at]).not.toBe(lines[at]);
      const r = recoverTallyFile(edited.join('\n'));
      expect(r.kind, `line ${at + 1}`).toBe('damaged');
      if (r.kind === 'damaged') expect(r.problem.line).toBe(at + 1);
    }
  });

  it('refuses an empty file or one that is not a tally file', () => {
    for (const text of ['', 'hello\n', '{"type":"header"}\n']) {
      expect(recoverTallyFile(text).kind).toBe('damaged');
    }
  });
});

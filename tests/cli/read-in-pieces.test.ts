/**
 * The command line reads a tally file a piece at a time (src/cli/io.ts, readInPieces): every
 * character comes through whole, even one whose bytes are cut between two 64 KB reads, and a file
 * that cannot be read is named as a person would say it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInPieces } from '../../src/cli/io.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dd-pieces-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const PIECE = 64 * 1024;

describe('reading a file in pieces', () => {
  it.each([1, 2, 3])(
    'keeps a character whole when its bytes are cut between two reads (%i of them before the cut)',
    async (before) => {
      // Welsh ŵ (2 bytes), the euro sign (3) and an emoji (4), one of them straddling the cut.
      const straddling = ['ŵ', '€', '😀'][before - 1] ?? '';
      const text = `\uFEFF${'a'.repeat(PIECE - before - 3)}${straddling}£ Caerdydd\n`.repeat(3);
      const path = join(dir, `cut-${before}.txt`);
      await writeFile(path, text);
      const read = readInPieces(path, (pieces) => {
        const all = [...pieces];
        return { text: all.join(''), pieces: all.length };
      });
      expect(read).toEqual({ ok: true, value: { text, pieces: expect.any(Number) as number } });
      // It was read in more than one piece: the cut was really there.
      expect(read.ok && read.value.pieces).toBeGreaterThan(2);
    },
  );

  it('reads an empty file as no text', async () => {
    const path = join(dir, 'empty.txt');
    await writeFile(path, '');
    expect(readInPieces(path, (pieces) => [...pieces].join(''))).toEqual({ ok: true, value: '' });
  });

  it('names a missing file (the reader is never called) and a folder', () => {
    let called = false;
    const reader = (pieces: Iterable<string>) => {
      called = true;
      return [...pieces].length;
    };
    const missing = readInPieces(join(dir, 'nope.jsonl'), reader);
    expect(missing.ok || missing.error.message).toMatch(/nope\.jsonl: there is no such file/);
    expect(called).toBe(false);
    // A folder opens, but cannot be read: the reader has started when that is found.
    const folder = readInPieces(dir, reader);
    expect(folder.ok || folder.error.message).toMatch(/it is a folder, not a file/);
  });
});

/**
 * A log written and read a piece at a time (durable-file.ts). Read for a download
 * (AppendOnlyFile.pieces): the same bytes as reading it whole, the file as it stood when asked
 * (appends after that are not part of it). Written in slices (an import's 50 MB append): the same
 * bytes as the text, no character cut in two at a slice's edge.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppendOnlyFile, textSlices } from '../../src/server/store/durable-file.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function log(text: string): Promise<AppendOnlyFile> {
  const dir = mkdtempSync(join(tmpdir(), 'dd-pieces-'));
  dirs.push(dir);
  const file = await AppendOnlyFile.open(join(dir, 'tally.jsonl'));
  await file.append(text);
  return file;
}

async function collect(pieces: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const piece of pieces) out.push(piece);
  return out;
}

// Lines with two-byte letters, so a piece's edge falls inside a character now and then.
const TEXT = Array.from({ length: 500 }, (_, i) => `{"n":${i},"name":"Łódź ${i}"}\n`).join('');

describe("a log's pieces", () => {
  it('are the same bytes as the whole file, in pieces of the size asked', async () => {
    const file = await log(TEXT);
    const pieces = await collect(file.pieces(1000));
    expect(pieces.length).toBe(Math.ceil(Buffer.byteLength(TEXT) / 1000));
    expect(pieces.slice(0, -1).every((p) => p.length === 1000)).toBe(true);
    expect(Buffer.concat(pieces).toString('utf8')).toBe(await file.read());
    expect(Buffer.concat(pieces).toString('utf8')).toBe(TEXT);
    await file.close();
  });

  it('are the file as it stood when asked: an append after that is not in them', async () => {
    const file = await log(TEXT);
    const pieces = file.pieces(1000);
    await file.append('{"late":true}\n');
    expect(Buffer.concat(await collect(pieces)).toString('utf8')).toBe(TEXT);
    expect(await file.read()).toBe(`${TEXT}{"late":true}\n`);
    await file.close();
  });

  it('are none for an empty file', async () => {
    const file = await log('');
    expect(await collect(file.pieces())).toEqual([]);
    await file.close();
  });
});

describe('a large append', () => {
  it('is cut into slices that never split a character of two UTF-16 units', () => {
    const text = 'a😀b😀😀c'.repeat(50);
    for (const size of [1, 2, 3, 7]) {
      const slices = [...textSlices(text, size)];
      expect(slices.join('')).toBe(text);
      // A lone surrogate would be written as U+FFFD: every slice is whole text on its own.
      for (const slice of slices) expect(slice.isWellFormed()).toBe(true);
      expect(slices.every((slice) => slice.length <= size + 1)).toBe(true);
    }
  });

  it('is written whole: the file holds the text byte for byte, over several slices', async () => {
    const big = Array.from({ length: 90_000 }, (_, i) => `{"n":${i},"w":"Łódź 😀"}\n`).join('');
    expect(big.length).toBeGreaterThan(2_000_000);
    const file = await log(TEXT);
    await file.append(big);
    expect(file.size).toBe(Buffer.byteLength(TEXT + big));
    expect(await file.read()).toBe(TEXT + big);
    await file.close();
  });
});

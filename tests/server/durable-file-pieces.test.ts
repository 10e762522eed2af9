/**
 * A log read for a download a piece at a time (AppendOnlyFile.pieces, durable-file.ts): the same
 * bytes as reading it whole, the file as it stood when asked (appends after that are not part of
 * it), and nothing past what is durable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppendOnlyFile } from '../../src/server/store/durable-file.ts';

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

/**
 * The central tally file's download compressed for the trip (src/server/http/compressed-body.ts):
 * Brotli or gzip as the client accepts, the same bytes once decompressed, nothing for a client that
 * accepts neither or for a small answer.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { writeTallyFile } from '../../src/core/tally-file/index.ts';
import {
  chooseEncoding,
  COMPRESS_FROM_BYTES,
  compressedBody,
} from '../../src/server/http/compressed-body.ts';
import { approvalBallot, demoBidIds } from '../fixtures/tally/ballots.ts';

const file = writeTallyFile(
  DEMO_EVENT,
  Array.from({ length: 400 }, (_, i) =>
    approvalBallot(`ballot-${i}`, [demoBidIds[i % demoBidIds.length] ?? '']),
  ),
);
const small = 'a small answer\n';

const app = new Hono();
app.get('/file', (c) => compressedBody(c, file));
app.get('/small', (c) => compressedBody(c, small));

async function get(path: string, acceptEncoding?: string) {
  const response = await app.request(
    path,
    acceptEncoding === undefined ? {} : { headers: { 'Accept-Encoding': acceptEncoding } },
  );
  return {
    encoding: response.headers.get('Content-Encoding'),
    vary: response.headers.get('Vary'),
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

describe('choosing an encoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip;q=0.5', 'gzip'],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['identity', null],
    ['br;q=0, gzip;q=0', null],
    ['', null],
    [undefined, null],
  ])('%s: %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

describe('a tally file compressed for the trip', () => {
  it('is Brotli for a browser, and the same bytes once decompressed', async () => {
    const answer = await get('/file', 'gzip, deflate, br, zstd');
    expect(answer.encoding).toBe('br');
    expect(answer.vary).toBe('Accept-Encoding');
    expect(answer.bytes.length).toBeLessThan(file.length / 3);
    expect(brotliDecompressSync(answer.bytes).toString('utf8')).toBe(file);
  });

  it('is gzip for a client without Brotli', async () => {
    const answer = await get('/file', 'gzip');
    expect(answer.encoding).toBe('gzip');
    expect(gunzipSync(answer.bytes).toString('utf8')).toBe(file);
  });

  it('is the text as it is for a client that accepts neither, or when it is small', async () => {
    const plain = await get('/file');
    expect(plain.encoding).toBeNull();
    expect(plain.bytes.toString('utf8')).toBe(file);
    expect(small.length).toBeLessThan(COMPRESS_FROM_BYTES);
    const tiny = await get('/small', 'br');
    expect(tiny.encoding).toBeNull();
    expect(tiny.bytes.toString('utf8')).toBe(small);
  });
});

/**
 * The central tally file's download compressed for the trip (src/server/http/compressed-body.ts):
 * Brotli or gzip as the client accepts, the same bytes once decompressed, nothing for a client that
 * accepts neither or for a small answer; the file's pieces streamed as they come, and a download
 * that cannot be read to its end broken off, never cut short to look whole.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
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

/** `text`'s bytes in pieces of `size`, as the tally store hands them out. */
async function* piecesOf(text: string, size: number, failAfter = Infinity) {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0, n = 0; at < bytes.length; at += size, n++) {
    // Each piece comes later, as from a disk.
    await new Promise((resolve) => setImmediate(resolve));
    if (n === failAfter) throw new Error('EIO: the disk failed part way');
    yield bytes.subarray(at, at + size);
  }
}

const app = new Hono();
// The server's own handler answers 500 too (src/server/http/app.ts); this one keeps the log quiet.
app.onError((_, c) => c.text('Internal Server Error', 500));
app.get('/file', (c) => compressedBody(c, piecesOf(file, 4096)));
app.get('/small', (c) => compressedBody(c, piecesOf(small, 4096)));
// Fails once 40 KB have gone: after the answer has started.
app.get('/fails-late', (c) => compressedBody(c, piecesOf(file, 4096, 10)));
// Never ends, and says when it was told to stop: a client that leaves part way.
const endless = { stopped: false };
app.get('/endless', (c) =>
  compressedBody(
    c,
    (async function* () {
      try {
        for (;;) {
          await new Promise((resolve) => setImmediate(resolve));
          yield Buffer.from(file.slice(0, 4096), 'utf8');
        }
      } finally {
        endless.stopped = true;
      }
    })(),
  ),
);
// Fails on the first piece: before anything is answered.
app.get('/fails-early', (c) => compressedBody(c, piecesOf(file, 4096, 0)));

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
    // Many pieces: each is compressed as it comes, in order.
    expect(file.length).toBeGreaterThan(20 * 4096);
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

  it.each([['br'], ['gzip'], [undefined]])(
    'breaks off (%s) when the file cannot be read to its end, rather than end short',
    async (acceptEncoding) => {
      const response = await app.request(
        '/fails-late',
        acceptEncoding === undefined ? {} : { headers: { 'Accept-Encoding': acceptEncoding } },
      );
      expect(response.status).toBe(200);
      await expect(response.arrayBuffer()).rejects.toThrow();
    },
  );

  it.each([['br'], [undefined]])(
    'stops reading the file (%s) when the client goes away part way',
    async (acceptEncoding) => {
      endless.stopped = false;
      const response = await app.request(
        '/endless',
        acceptEncoding === undefined ? {} : { headers: { 'Accept-Encoding': acceptEncoding } },
      );
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      expect((await reader.read()).done).toBe(false);
      await reader.cancel();
      await vi.waitFor(() => expect(endless.stopped).toBe(true));
    },
  );

  it('is a server error when the file cannot be read at all', async () => {
    const response = await app.request('/fails-early', { headers: { 'Accept-Encoding': 'br' } });
    expect(response.status).toBe(500);
  });
});

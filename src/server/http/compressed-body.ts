/**
 * A large text answer compressed for the trip, when the client accepts it: the central tally file
 * of 100,000 ballots is 32 MB, and at a fun day it crosses the venue's Wi-Fi to the organiser's
 * laptop. Brotli at quality 1 makes it 6.5 MB for about 0.15–0.25 s of one core (gzip at level 1:
 * 7.0 MB for about 0.4 s; Brotli at quality 4: 6.2 MB for over 1 s — measured on that file), so
 * Brotli where the client takes it, else gzip, else the text as it is. The compression runs on
 * zlib's thread pool, not the event loop, and the answer is streamed as it is made: the browser
 * decompresses and the organiser's page counts while the rest is still coming
 * (src/app/organiser/results/count-in-worker.ts).
 */
import { Readable } from 'node:stream';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import type { Context } from 'hono';

export type Encoding = 'br' | 'gzip';

/** Smaller answers go as they are: compressing them saves nothing worth the work. */
export const COMPRESS_FROM_BYTES = 16 * 1024;

/**
 * The encoding to use for an `Accept-Encoding` header: `br`, else `gzip`, if the client accepts it
 * (named, or by `*`, with a quality above 0); null for none.
 */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  const quality = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (name === '') continue;
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v);
    quality.set(name, q === undefined ? 1 : Number(q));
  }
  const accepts = (name: Encoding) => (quality.get(name) ?? quality.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return null;
}

/** The answer's body: `text`, compressed as the request accepts (headers set on `c`). */
export function compressedBody(c: Context, text: string): Response {
  c.header('Vary', 'Accept-Encoding');
  const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
  const bytes = Buffer.from(text, 'utf8');
  if (encoding === null || bytes.length < COMPRESS_FROM_BYTES) return c.body(bytes);
  const compressor =
    encoding === 'br'
      ? createBrotliCompress({
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 1,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          },
        })
      : createGzip({ level: 1 });
  compressor.end(bytes);
  c.header('Content-Encoding', encoding);
  return c.body(Readable.toWeb(compressor) as ReadableStream<Uint8Array>);
}

/**
 * A large text answer compressed for the trip, when the client accepts it: the central tally file
 * of 100,000 ballots is 32 MB, and at a fun day it crosses the venue's Wi-Fi to the organiser's
 * laptop. Brotli at quality 1 makes it 6.5 MB for about 0.15–0.25 s of one core (gzip at level 1:
 * 7.0 MB for about 0.4 s; Brotli at quality 4: 6.2 MB for over 1 s — measured on that file), so
 * Brotli where the client takes it, else gzip, else the bytes as they are. The file is read a
 * piece at a time and each piece compressed as it comes (on zlib's thread pool, not the event
 * loop), so the answer starts at once: the browser decompresses and the organiser's page counts
 * while the rest is still being read (src/app/organiser/results/count-in-worker.ts).
 */
import { pipeline, Readable } from 'node:stream';
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

/** The pieces already taken, then the rest of the iterator's. */
async function* joined(
  taken: Uint8Array[],
  rest: AsyncIterator<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  try {
    yield* taken;
    yield* { [Symbol.asyncIterator]: () => rest };
  } finally {
    // A client that went away ends this early, perhaps still in `taken`: the source is told to
    // stop reading too (calling return on a source already ended does nothing).
    await rest.return?.();
  }
}

/**
 * The answer's body: the bytes of `pieces`, compressed as the request accepts (headers set on `c`),
 * streamed as the pieces come. Pieces are read up to at least 16 KB before answering, so a small
 * answer goes as it is and an error that early is a 500. A later one breaks the download off: the client sees
 * an incomplete answer, never a short one that looks whole.
 */
export async function compressedBody(
  c: Context,
  pieces: AsyncIterable<Uint8Array>,
): Promise<Response> {
  c.header('Vary', 'Accept-Encoding');
  const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
  const iterator = pieces[Symbol.asyncIterator]();
  const taken: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  while (size < COMPRESS_FROM_BYTES && !ended) {
    const next = await iterator.next();
    if (next.done === true) ended = true;
    else {
      taken.push(next.value);
      size += next.value.length;
    }
  }
  if (ended) {
    const bytes = Buffer.concat(taken);
    if (encoding === null || bytes.length < COMPRESS_FROM_BYTES) return c.body(bytes);
  }
  const source = Readable.from(joined(taken, iterator), { objectMode: false });
  if (encoding === null) return c.body(Readable.toWeb(source) as ReadableStream<Uint8Array>);
  const compressor =
    encoding === 'br'
      ? createBrotliCompress({
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 1,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          },
        })
      : createGzip({ level: 1 });
  // pipeline, not pipe: a read error destroys the compressor with it, so the answer breaks off.
  pipeline(source, compressor, () => {});
  c.header('Content-Encoding', encoding);
  return c.body(Readable.toWeb(compressor) as ReadableStream<Uint8Array>);
}

/**
 * deflate-raw through CompressionStream / DecompressionStream: browsers and Node 20 have both, so
 * no compression library travels with the app. Inflating stops as soon as the output passes the
 * length the sender declared, so a small payload cannot unfold into a huge one.
 */

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

async function collect(
  stream: ReadableStream<Uint8Array>,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<Uint8Array | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

export async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const out = await collect(
    streamOf(bytes).pipeThrough(
      new CompressionStream('deflate-raw') as unknown as TransformStream<Uint8Array, Uint8Array>,
    ),
  );
  if (out === null) throw new Error('deflateRaw: unreachable');
  return out;
}

/** The inflated bytes, or null when they are not valid deflate-raw or exceed `maxBytes`. */
export async function inflateRaw(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array | null> {
  try {
    return await collect(
      streamOf(bytes).pipeThrough(
        new DecompressionStream('deflate-raw') as unknown as TransformStream<
          Uint8Array,
          Uint8Array
        >,
      ),
      maxBytes,
    );
  } catch {
    return null;
  }
}

/**
 * Loads @ngraveio/bc-ur (CommonJS, written for Node) so it runs in the browser too. It expects a
 * global Node `Buffer`, and its `assert` dependency pulls in `util`, which reads `process.env` when
 * it is evaluated: both are provided BEFORE the library is imported (dynamically, so the import
 * runs after them), and the `process` stand-in is removed again once it has been evaluated.
 * Node has both already. Only this module touches globals; everything else asks it for the library.
 */
import type UR from '@ngraveio/bc-ur/dist/ur.js';
import type UREncoder from '@ngraveio/bc-ur/dist/urEncoder.js';
import type URDecoder from '@ngraveio/bc-ur/dist/urDecoder.js';
import type FountainDecoder from '@ngraveio/bc-ur/dist/fountainDecoder.js';
import type { FountainEncoderPart } from '@ngraveio/bc-ur/dist/fountainEncoder.js';

export interface BcUr {
  UR: typeof UR;
  UREncoder: typeof UREncoder;
  URDecoder: typeof URDecoder;
  FountainDecoder: typeof FountainDecoder;
  FountainEncoderPart: typeof FountainEncoderPart;
  /** Minimal bytewords (two letters a byte, CRC-32 at the end): hex of the bytes, throws if bad. */
  decodeBytewords(text: string): string;
  /** CBOR of a byte string: its bytes. */
  cborBytes(cbor: Uint8Array): Uint8Array;
  /** CRC-32 of bytes, as bc-ur computes a message's checksum. */
  crc32(bytes: Uint8Array): number;
  /** A UR of the given type holding these bytes (as CBOR). */
  urOf(bytes: Uint8Array, type: string): UR;
}

/** A CommonJS module's `exports.default` as Node (namespace.default.default) or Vite gives it. */
function defaultOf<T>(ns: unknown): T {
  const outer = (ns as { default?: unknown }).default;
  const inner = (outer as { default?: unknown } | undefined)?.default;
  return (inner ?? outer ?? ns) as T;
}

/** A named CommonJS export, whichever way the namespace wraps it. */
function namedOf<T>(ns: unknown, name: string): T {
  const direct = (ns as Record<string, unknown>)[name];
  if (direct !== undefined) return direct as T;
  return defaultOf<Record<string, unknown>>(ns)[name] as T;
}

let loading: Promise<BcUr> | undefined;

export function loadBcUr(): Promise<BcUr> {
  loading ??= load();
  return loading;
}

async function load(): Promise<BcUr> {
  const g = globalThis as { Buffer?: unknown; process?: unknown };
  if (g.Buffer === undefined) {
    g.Buffer = (await import('buffer')).Buffer;
  }
  const addedProcess = g.process === undefined;
  if (addedProcess) g.process = { env: {} };
  try {
    const [index, bytewords, cbor, utils, fountainDecoder, fountainEncoder] = await Promise.all([
      import('@ngraveio/bc-ur'),
      import('@ngraveio/bc-ur/dist/bytewords.js'),
      import('@ngraveio/bc-ur/dist/cbor.js'),
      import('@ngraveio/bc-ur/dist/utils.js'),
      import('@ngraveio/bc-ur/dist/fountainDecoder.js'),
      import('@ngraveio/bc-ur/dist/fountainEncoder.js'),
    ]);
    const Bytewords = defaultOf<{
      decode(s: string, style: string): string;
      STYLES: { MINIMAL: string };
    }>(bytewords);
    const cborDecode = namedOf<(payload: Uint8Array) => Uint8Array>(cbor, 'cborDecode');
    const getCRC = namedOf<(message: Uint8Array) => number>(utils, 'getCRC');
    const BufferClass = g.Buffer as { from(bytes: Uint8Array): Uint8Array };
    return {
      UR: namedOf<typeof UR>(index, 'UR'),
      UREncoder: namedOf<typeof UREncoder>(index, 'UREncoder'),
      URDecoder: namedOf<typeof URDecoder>(index, 'URDecoder'),
      FountainDecoder: defaultOf<typeof FountainDecoder>(fountainDecoder),
      FountainEncoderPart: namedOf<typeof FountainEncoderPart>(
        fountainEncoder,
        'FountainEncoderPart',
      ),
      decodeBytewords: (text) => Bytewords.decode(text, Bytewords.STYLES.MINIMAL),
      cborBytes: (bytes) => new Uint8Array(cborDecode(BufferClass.from(bytes))),
      crc32: (bytes) => getCRC(BufferClass.from(bytes)),
      urOf: (bytes, type) => {
        const URClass = namedOf<typeof UR>(index, 'UR');
        return new URClass(URClass.fromBuffer(BufferClass.from(bytes) as Buffer).cbor, type);
      },
    };
  } finally {
    if (addedProcess) delete g.process;
  }
}

/**
 * Counting the central tally file without freezing the organiser's page. Reading and checking
 * 100,000 ballots and tallying them with both rules takes seconds; on the main thread the page
 * could not scroll, type or even paint "Counting…" meanwhile. So the count runs in a Web Worker
 * (results.worker.ts, its own chunk, loaded the first time results are counted):
 *
 * - One worker, made on the first count and reused; requests carry an id and replies are matched
 *   by it, so two overlapping counts (a refresh while the first is still counting) each get their
 *   own answer. The worker counts one file at a time, in order.
 * - The file is counted while it downloads (`countResults` given the response's body): each
 *   piece's bytes are handed to the worker as they arrive (transferred, not copied; the page never
 *   decodes them), and the worker decodes them and reads each complete line at once
 *   (`tallyFileReader`), so reading and checking overlap the transfer. The answer still comes only
 *   after the last line, with every check of `readTallyFile`. The bytes come back with the result
 *   (transferred again) and become the file's text only if someone downloads it.
 * - Given the file's text instead (a test double's API), it is posted in (one copy: strings
 *   cannot be transferred) and the result comes back without it (the page re-attaches the string
 *   it already holds). The counted ballots come back as one JSON string, parsed only when read (the
 *   exports): rebuilding 100,000 ballot objects from a structured clone blocked the main thread
 *   for over a second (results-wire.ts). The rest of `EventResults` is plain data and clones as is.
 * - A worker that fails (a bug, out of memory, its script not loading) rejects every count waiting
 *   on it with `CountFailed`, which the results screen shows as a problem instead of waiting
 *   forever; the next count starts a fresh worker. An abandoned count (the query was cancelled)
 *   that leaves nothing else waiting ends the worker, so a refresh does not queue behind it.
 * - Where there is no `Worker` (jsdom in the component tests) the count runs inline, on purpose
 *   and in the same code: `where` says which way it ran.
 *
 * Each count leaves a `decision-day:count` performance measure, from posting the file to having the
 * result back; `detail.countMs` is the count alone, timed inside the worker, `detail.receiveMs` the
 * main thread's time reading the reply, and `detail.where` says where it ran. DevTools shows it, and `npm run bench` reads it.
 */
import { useSyncExternalStore } from 'react';
import type { Result } from '../../../core/result.ts';
import { computeResults, type EventResults, type ResultsProblem } from './compute-results.ts';
import { fromWire, type WireResults } from './results-wire.ts';

export type CountResult = Result<EventResults, ResultsProblem>;

/**
 * What the page posts to the worker: a whole file's text, or a file as it downloads (`start`, its
 * pieces in order, then `end`; `lost` if the download broke off, and no reply is wanted).
 */
export type CountRequest =
  | { id: number; kind: 'text'; fileText: string }
  | { id: number; kind: 'start' }
  | { id: number; kind: 'piece'; bytes: ArrayBuffer }
  | { id: number; kind: 'end' }
  | { id: number; kind: 'lost' };

/** What the worker posts back: the result without the file's text, or why it could not count. */
export type CountReply =
  | {
      id: number;
      ok: true;
      result: Result<WireResults, ResultsProblem>;
      /** Milliseconds the count took inside the worker (for a download, its time busy reading). */
      countMs: number;
      /** A downloaded file's bytes, piece by piece, handed back for the page's download. */
      pieces?: ArrayBuffer[];
    }
  | { id: number; ok: false; message: string };

/** The browser could not count (the worker failed); the file itself may be fine. */
export class CountFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CountFailed';
  }
}

/** The file's download broke off part-way: nothing was counted. */
export class DownloadLost extends Error {
  constructor() {
    super('the tally file stopped arriving part-way');
    this.name = 'DownloadLost';
  }
}

/** The parts of a `Worker` the counter uses, so a test can stand in for one. */
export type CountWorker = Pick<Worker, 'postMessage' | 'terminate' | 'addEventListener'>;

export interface Counted {
  result: CountResult;
  countMs: number;
  /** Milliseconds the page spent reading the worker's reply (0 inline). */
  receiveMs: number;
  where: 'worker' | 'inline';
}

export interface Counter {
  count(file: string | ReadableStream<Uint8Array>, signal?: AbortSignal): Promise<Counted>;
}

interface Waiting {
  /** The text posted, or null for a download (its bytes come back with the result). */
  fileText: string | null;
  resolve: (counted: Counted) => void;
  reject: (error: unknown) => void;
}

const abortError = () => new DOMException('The count was abandoned', 'AbortError');

/**
 * A counter on workers made by `makeWorker`, or inline when it is null. Exported for tests; the
 * app uses `countResults`.
 */
export function createCounter(makeWorker: (() => CountWorker) | null): Counter {
  let worker: CountWorker | null = null;
  let nextId = 1;
  const waiting = new Map<number, Waiting>();

  const failAll = (message: string) => {
    worker?.terminate();
    worker = null;
    for (const w of waiting.values()) w.reject(new CountFailed(message));
    waiting.clear();
  };

  const started = (make: () => CountWorker): CountWorker => {
    if (worker !== null) return worker;
    const made = make();
    made.addEventListener('message', (event: MessageEvent<CountReply>) => {
      // Chromium rebuilds the posted result on first reading `data`: main-thread time, timed.
      const reading = performance.now();
      const reply = event.data;
      const receiveMs = performance.now() - reading;
      const w = waiting.get(reply.id);
      if (w === undefined) return; // abandoned meanwhile
      waiting.delete(reply.id);
      if (!reply.ok) {
        w.reject(new CountFailed(reply.message));
        return;
      }
      const { result, countMs } = reply;
      const text = w.fileText;
      const pieces = reply.pieces ?? [];
      w.resolve({
        result: result.ok
          ? { ok: true, value: fromWire(result.value, text ?? (() => decodePieces(pieces))) }
          : result,
        countMs,
        receiveMs,
        where: 'worker',
      });
    });
    made.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      failAll(event.message || 'the counting worker failed');
    });
    made.addEventListener('messageerror', () => failAll('the count could not be read back'));
    worker = made;
    return made;
  };

  /** A request to the worker, or a failed worker (every count waiting on it fails). */
  const post = (to: CountWorker, request: CountRequest, transfer: Transferable[] = []) => {
    try {
      to.postMessage(request, transfer);
    } catch (error) {
      failAll(error instanceof Error ? error.message : 'the counting worker did not start');
    }
  };

  /**
   * Hands the download's pieces to the worker as they arrive, then `end`; stops (and cancels the
   * download) as soon as nobody waits for this count any more.
   */
  const pump = async (
    id: number,
    to: CountWorker,
    body: ReadableStream<Uint8Array>,
    lost: () => void,
  ) => {
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (!waiting.has(id)) {
          void reader.cancel().catch(() => {});
          return;
        }
        if (done) break;
        const bytes = ownBuffer(value);
        post(to, { id, kind: 'piece', bytes }, [bytes]);
      }
      post(to, { id, kind: 'end' });
    } catch {
      // The connection dropped part-way: the worker forgets the file, the count fails.
      if (!waiting.has(id)) return;
      post(to, { id, kind: 'lost' });
      lost();
    }
  };

  return {
    count(file, signal) {
      if (signal?.aborted === true) return Promise.reject(abortError());
      if (makeWorker === null) return countInline(file);
      const id = nextId++;
      return new Promise<Counted>((resolve, reject) => {
        const fileText = typeof file === 'string' ? file : null;
        waiting.set(id, { fileText, resolve, reject });
        signal?.addEventListener('abort', () => {
          if (!waiting.delete(id)) return;
          reject(abortError());
          // Nothing else wants this worker's answer: stop it rather than make the next count wait.
          if (waiting.size === 0) {
            worker?.terminate();
            worker = null;
          }
        });
        let to: CountWorker;
        try {
          to = started(makeWorker);
        } catch (error) {
          failAll(error instanceof Error ? error.message : 'the counting worker did not start');
          return;
        }
        if (typeof file === 'string') {
          post(to, { id, kind: 'text', fileText: file });
          return;
        }
        post(to, { id, kind: 'start' });
        void pump(id, to, file, () => {
          waiting.delete(id);
          reject(new DownloadLost());
        });
      });
    },
  };
}

/** Inline (no `Worker`): the same count on this thread, a download read whole first. */
async function countInline(file: string | ReadableStream<Uint8Array>): Promise<Counted> {
  let fileText: string;
  try {
    fileText = typeof file === 'string' ? file : await new Response(file).text();
  } catch {
    throw new DownloadLost();
  }
  const begun = performance.now();
  const result = computeResults(fileText);
  return { result, countMs: performance.now() - begun, receiveMs: 0, where: 'inline' };
}

/** The piece's bytes in a buffer of their own, to be transferred whole. */
function ownBuffer(piece: Uint8Array): ArrayBuffer {
  const { buffer, byteOffset, byteLength } = piece;
  return buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength
    ? buffer
    : piece.slice().buffer;
}

/** A downloaded file's text, decoded as `Response.text()` decodes it. */
export function decodePieces(pieces: readonly ArrayBuffer[]): string {
  const decoder = new TextDecoder();
  let text = '';
  for (const piece of pieces) text += decoder.decode(piece, { stream: true });
  return text + decoder.decode();
}

const makeResultsWorker =
  typeof Worker === 'undefined'
    ? null
    : () => new Worker(new URL('./results.worker.ts', import.meta.url), { type: 'module' });

const counter = createCounter(makeResultsWorker);

/** How many counts are under way, for the "Counting…" status. */
let counting = 0;
const listeners = new Set<() => void>();
const setCounting = (change: number) => {
  counting += change;
  for (const listener of listeners) listener();
};

/**
 * Counts the central file in the worker (inline where there is none), given its text or its
 * download's body; see the top of the file. A download that breaks off is `DownloadLost`.
 */
export async function countResults(
  file: string | ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): Promise<CountResult> {
  setCounting(+1);
  const begun = performance.now();
  try {
    const counted = await counter.count(file, signal);
    try {
      performance.measure('decision-day:count', {
        start: begun,
        end: performance.now(),
        detail: { where: counted.where, countMs: counted.countMs, receiveMs: counted.receiveMs },
      });
    } catch {
      // A browser without User Timing level 3 still gets its results.
    }
    return counted.result;
  } finally {
    setCounting(-1);
  }
}

/** True while the page is counting a tally file (it is arriving or has arrived; the results have not). */
export function useCounting(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => counting > 0,
  );
}

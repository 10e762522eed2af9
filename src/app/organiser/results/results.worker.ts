/**
 * The organiser's count, off the main thread: reads and checks the central tally file and tallies
 * it with both rules (`computeResults`, the CLI's own calls), then posts the result back in the
 * shape of results-wire.ts (the page already holds the file's text; the ballots travel as JSON).
 *
 * A file given as it downloads (count-in-worker.ts) is decoded piece by piece and each complete
 * line read at once (`tallyFileReader`); the results come from its answer after the last piece,
 * exactly as from `readTallyFile` of the whole text. Its bytes go back with the result.
 */
import { tallyFileReader, type TallyFileReader } from '../../../core/tally-file/index.ts';
import type { Result } from '../../../core/result.ts';
import {
  computeResults,
  resultsOf,
  type EventResults,
  type ResultsProblem,
} from './compute-results.ts';
import { toWire } from './results-wire.ts';
import type { CountReply, CountRequest } from './count-in-worker.ts';

/** The dedicated worker's scope, typed here because the project's lib is the DOM's, not WebWorker. */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<CountRequest>) => void) | null;
  postMessage: (reply: CountReply, transfer?: Transferable[]) => void;
};

/** A file arriving: its decoder, its reader, its bytes so far and the time spent on it. */
interface Download {
  decoder: TextDecoder;
  reader: TallyFileReader;
  pieces: ArrayBuffer[];
  busyMs: number;
}

const downloads = new Map<number, Download>();

/** Runs `work`, adding its time to the download's. */
function timed<T>(download: Download, work: () => T): T {
  const started = performance.now();
  try {
    return work();
  } finally {
    download.busyMs += performance.now() - started;
  }
}

/** Counts and posts the answer (a download's bytes handed back with it), or why it failed. */
function reply(
  id: number,
  count: () => Result<EventResults, ResultsProblem>,
  pieces: ArrayBuffer[] = [],
  spentMs = 0,
): void {
  const started = performance.now();
  try {
    const result = count();
    const countMs = spentMs + performance.now() - started;
    const done = pieces.length === 0 ? {} : { pieces };
    if (!result.ok) {
      scope.postMessage({ id, ok: true, result, countMs, ...done }, pieces);
      return;
    }
    const value = toWire(result.value);
    scope.postMessage({ id, ok: true, result: { ok: true, value }, countMs, ...done }, pieces);
  } catch (error) {
    // A bug or running out of memory: the page turns this into a problem, never a wait forever.
    scope.postMessage({
      id,
      ok: false,
      message: error instanceof Error ? error.message : 'failed',
    });
  }
}

scope.onmessage = ({ data }) => {
  const { id } = data;
  switch (data.kind) {
    case 'text':
      reply(id, () => computeResults(data.fileText));
      return;
    case 'start':
      downloads.set(id, {
        decoder: new TextDecoder(),
        reader: tallyFileReader(),
        pieces: [],
        busyMs: 0,
      });
      return;
    case 'piece': {
      const download = downloads.get(id);
      if (download === undefined) return;
      download.pieces.push(data.bytes);
      try {
        timed(download, () =>
          download.reader.push(download.decoder.decode(data.bytes, { stream: true })),
        );
      } catch (error) {
        downloads.delete(id);
        reply(id, () => {
          throw error;
        });
      }
      return;
    }
    case 'end': {
      const download = downloads.get(id);
      if (download === undefined) return;
      downloads.delete(id);
      reply(
        id,
        () => {
          download.reader.push(download.decoder.decode());
          // The page keeps the bytes for the download; the results need no text.
          return resultsOf(download.reader.end(), '');
        },
        download.pieces,
        download.busyMs,
      );
      return;
    }
    case 'lost':
      downloads.delete(id);
  }
};

/**
 * The organiser's count, off the main thread: reads and checks the central tally file and tallies
 * it with both rules (`computeResults`, the CLI's own calls), then posts the result back in the
 * shape of results-wire.ts (the page already holds the file's text; the ballots travel as JSON).
 */
import { computeResults } from './compute-results.ts';
import { toWire } from './results-wire.ts';
import type { CountReply, CountRequest } from './count-in-worker.ts';

/** The dedicated worker's scope, typed here because the project's lib is the DOM's, not WebWorker. */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<CountRequest>) => void) | null;
  postMessage: (reply: CountReply) => void;
};

scope.onmessage = ({ data: { id, fileText } }) => {
  const started = performance.now();
  try {
    const result = computeResults(fileText);
    const countMs = performance.now() - started;
    if (!result.ok) {
      scope.postMessage({ id, ok: true, result, countMs });
      return;
    }
    const value = toWire(result.value);
    scope.postMessage({ id, ok: true, result: { ok: true, value }, countMs });
  } catch (error) {
    // A bug or running out of memory: the page turns this into a problem, never a wait forever.
    scope.postMessage({
      id,
      ok: false,
      message: error instanceof Error ? error.message : 'failed',
    });
  }
};

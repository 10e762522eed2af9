/**
 * The organiser's count, off the main thread: reads and checks the central tally file and tallies
 * it with both rules (`computeResults`, the CLI's own calls), then posts the result back. The file's
 * text is not posted back: the page already holds it (see count-in-worker.ts).
 */
import { computeResults, type EventResults } from './compute-results.ts';
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
    // Every other field (whatever computeResults adds) goes back as it is.
    const counted: Omit<EventResults, 'fileText'> & { fileText?: string } = { ...result.value };
    delete counted.fileText;
    scope.postMessage({ id, ok: true, result: { ok: true, value: counted }, countMs });
  } catch (error) {
    // A bug or running out of memory: the page turns this into a problem, never a wait forever.
    scope.postMessage({
      id,
      ok: false,
      message: error instanceof Error ? error.message : 'failed',
    });
  }
};

/**
 * The worker thread run-off-thread.ts starts (built as .build/node/tally-worker.js): it takes one
 * tally job, posts the ballots of its result in slices (each when the caller asks for the next), then
 * the rest of the result, and is ended.
 * An exception (a file too deep for the reader, memory) reaches the caller as the worker's error.
 */
import { parentPort } from 'node:worker_threads';
import { BALLOTS_PER_MESSAGE, detachBallots, type WorkerMessage } from './run-off-thread.ts';
import { runTallyJob, type TallyJob } from './tally-tasks.ts';

parentPort?.once('message', (job: TallyJob) => {
  const result = runTallyJob(job);
  const ballots = detachBallots(result);
  const post = (message: WorkerMessage) => parentPort?.postMessage(message);
  // One slice at a time, the next when the caller asks for it: slices all queued at once would be
  // taken in by the caller in one go, holding its event loop as long as one big message would.
  let from = 0;
  const next = () => {
    if (from >= ballots.length) {
      parentPort?.off('message', next);
      post({ done: result });
      return;
    }
    post({ ballots: ballots.slice(from, from + BALLOTS_PER_MESSAGE) });
    from += BALLOTS_PER_MESSAGE;
  };
  parentPort?.on('message', next);
  next();
});

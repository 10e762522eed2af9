/**
 * Runs a tally job (tally-tasks.ts) in a worker thread, so the event loop stays free to answer
 * stations, /health and other organisers while a large file is read and verified on the other core.
 *
 * The file's bytes are moved to the worker, not copied (the caller's buffer is empty afterwards).
 * The ballots come back in slices of BALLOTS_PER_MESSAGE (each some 10 ms to take in), each its own
 * message, the next one asked for after a turn of the event loop: taking in 140,000 ballots at once
 * would hold the loop for half a second. A new worker is started for each job and ends with it:
 * jobs are rare (an import, an event opened at start), and a worker's memory is given back whole.
 *
 * The server runs as built by src/build.js, where the worker is .build/node/tally-worker.js beside
 * the code that starts it. Run from the TypeScript sources (in-process tests), there is no built
 * worker and the job runs on the calling thread: same result, only the loop is not kept free.
 */
import { Worker } from 'node:worker_threads';
import type { Ballot } from '../../core/schema.ts';
import { runTallyJob, type TallyJob, type TallyJobResult } from './tally-tasks.ts';

export const BALLOTS_PER_MESSAGE = 5_000;

/** What the worker posts: slices of the ballots, then the rest of the result, or the error. */
export type WorkerMessage = { ballots: Ballot[] } | { done: unknown };

/** The result's ballot list, taken out to travel in slices (and left empty in the result). */
export function detachBallots(result: TallyJobResult<TallyJob>): Ballot[] {
  if ('valid' in result) {
    const ballots = result.valid;
    result.valid = [];
    return ballots;
  }
  if ('contents' in result) {
    const ballots = result.contents.ballots;
    result.contents.ballots = [];
    return ballots;
  }
  return [];
}

function attachBallots(result: TallyJobResult<TallyJob>, ballots: Ballot[]): void {
  if ('valid' in result) result.valid = ballots;
  else if ('contents' in result) result.contents.ballots = ballots;
}

const BUILT_WORKER = import.meta.url.endsWith('.ts')
  ? null
  : new URL('./tally-worker.js', import.meta.url);

/** The job's bytes as a buffer of their own, so that they can be moved to the worker. */
function ownBytes(bytes: Uint8Array): Uint8Array {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return whole && bytes.buffer instanceof ArrayBuffer ? bytes : new Uint8Array(bytes);
}

export function runOffThread<J extends TallyJob>(job: J): Promise<TallyJobResult<J>> {
  if (BUILT_WORKER === null) return Promise.resolve().then(() => runTallyJob(job));
  const moved = { ...job, bytes: ownBytes(job.bytes) };
  return new Promise((resolve, reject) => {
    const worker = new Worker(BUILT_WORKER);
    const ballots: Ballot[] = [];
    let settled = false;
    worker.on('message', (message: WorkerMessage) => {
      if ('ballots' in message) {
        for (const ballot of message.ballots) ballots.push(ballot);
        // The next slice after a turn of the event loop, so requests waiting get their turn.
        setImmediate(() => worker.postMessage('next'));
        return;
      }
      settled = true;
      const result = message.done as TallyJobResult<J>;
      attachBallots(result, ballots);
      resolve(result);
      void worker.terminate();
    });
    worker.on('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`The tally file worker stopped (exit code ${code}).`));
    });
    worker.postMessage(moved, [moved.bytes.buffer as ArrayBuffer]);
  });
}

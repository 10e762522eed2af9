/**
 * The worker thread of mes-parallel.ts: for each pot it is sent, it claims the next step of "add
 * one unit" nobody has claimed, runs the float solver on it and posts the outcome, staying at
 * most AHEAD steps beyond what the search has taken, until the search stops. Built as its own
 * file beside the command line (src/build.js: .build/node/mes-worker.js).
 */
import { parentPort } from 'node:worker_threads';
import { fastScratch, runFast } from '../core/tally/mes-fast.ts';
import {
  AHEAD,
  WARM_UP_MS,
  warmUp,
  warmUpInstance,
  CONSUMED,
  DONE,
  NEXT,
  STOP,
  type PotMessage,
  type StepMessage,
} from './mes-parallel.ts';

// While the command line reads the file (a few hundred milliseconds), the solver is compiled here
// on a small made-up pot, so the worker's first real steps run at full speed rather than
// interpreted: its first steps took 50-80 ms each, against about 7 ms once warm. The pot goes
// through structuredClone, as the real one comes through postMessage, so that both have the same
// object shapes and the compiled code fits the real one.
warmUp(structuredClone(warmUpInstance()), WARM_UP_MS);

// Loaded and listening: mes-parallel.ts's `ready`.
parentPort?.postMessage('ready');

parentPort?.on('message', ({ inst, control: buffer, port }: PotMessage) => {
  const control = new Int32Array(buffer);
  const scratch = fastScratch(inst);
  while (Atomics.load(control, STOP) === 0) {
    const step = Atomics.add(control, NEXT, 1);
    let message: StepMessage;
    try {
      message = { step, outcome: runFast(inst, step, scratch) };
    } catch {
      message = { step };
    }
    port.postMessage(message);
    Atomics.add(control, DONE, 1);
    Atomics.notify(control, DONE);
    for (;;) {
      const consumed = Atomics.load(control, CONSUMED);
      if (Atomics.load(control, STOP) !== 0 || Atomics.load(control, NEXT) < consumed + AHEAD) {
        break;
      }
      Atomics.wait(control, CONSUMED, consumed);
    }
  }
  port.close();
});

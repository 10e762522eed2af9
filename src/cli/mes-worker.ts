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
  CONSUMED,
  DONE,
  NEXT,
  STOP,
  type PotMessage,
  type StepMessage,
} from './mes-parallel.ts';

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

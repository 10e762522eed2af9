/**
 * Equal shares' "add one unit" on two cores. The search (src/core/tally/equal-shares.ts) asks for
 * the float solver's outcome at step 0, 1, 2 … and stops at the first that funds too much or
 * leaves nothing to fund; each step is a whole run of equal shares, most of the count's time.
 * Here a worker thread (mes-worker.ts) runs the next steps while this thread runs one too, so
 * step k + 1 is usually ready when the search asks for it. The search itself, and so the result,
 * are unchanged: the worker runs the same `runFast` on a copy of the same instance, and a step it
 * has not finished in reasonable time is simply run here as well (same outcome either way).
 *
 * Protocol, on a shared Int32Array per pot: NEXT, the next step nobody has claimed (both threads
 * claim with Atomics.add); DONE, bumped by the worker after posting an outcome on the pot's
 * port (this thread sleeps on it, then reads the port synchronously: receiveMessageOnPort);
 * CONSUMED, the steps the search has taken (the worker stays at most AHEAD steps beyond, so a
 * search that stops early wastes little); STOP, set when the search ends.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from 'node:worker_threads';
import { fastScratch, runFast } from '../core/tally/mes-fast.ts';
import type { FastSteps, MesInstance, MesRun } from '../core/tally/mes-instance.ts';

export const NEXT = 0;
export const DONE = 1;
export const CONSUMED = 2;
export const STOP = 3;
export const AHEAD = 2;

/** What the worker posts for a step: its outcome, or that it failed (then it is run here). */
export interface StepMessage {
  step: number;
  outcome?: MesRun | 'ambiguous';
}

/** What this thread sends the worker for each pot. */
export interface PotMessage {
  inst: MesInstance;
  control: SharedArrayBuffer;
  port: MessagePort;
}

/**
 * Below this many supporter entries (Σ supporters over the pot's bids) a step takes well under a
 * millisecond and copying the instance to the worker would cost more than it saves.
 */
const MIN_ENTRIES = 20_000;

/** A pot's steps, and how many of those the search took came from the worker. */
export interface ParallelSteps extends FastSteps {
  readonly fromWorker: number;
}

export interface MesWorker {
  fastSteps: (inst: MesInstance) => ParallelSteps | undefined;
  /** Settles when the worker has loaded and listens (a test's wait; the count never waits). */
  ready: Promise<void>;
  /** Stops the worker; the process may exit meanwhile (it is unref'd). */
  close(): void;
}

/**
 * Starts the worker, or returns undefined where it cannot help: one core, or no built worker
 * beside this module (the TypeScript run directly, as in unit tests: see mes-worker.ts).
 */
export function startMesWorker(
  options: { minEntries?: number; url?: URL; patienceMs?: number } = {},
): MesWorker | undefined {
  const url = options.url ?? new URL('./mes-worker.js', import.meta.url);
  if (availableParallelism() < 2 || !existsSync(fileURLToPath(url))) return undefined;
  const worker = new Worker(url);
  worker.unref();
  // A worker that fails is only a lost helper: every step it took is run here after a wait.
  worker.on('error', () => undefined);
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  ready.catch(() => undefined);
  const minEntries = options.minEntries ?? MIN_ENTRIES;
  const post = (m: PotMessage, t: MessagePort[]) => worker.postMessage(m, t);
  return {
    fastSteps: (inst) =>
      entries(inst) < minEntries ? undefined : potSteps(inst, post, options.patienceMs ?? 20),
    ready,
    close: () => void worker.terminate(),
  };
}

const entries = (inst: MesInstance) => inst.projects.reduce((n, p) => n + p.groups.length, 0);

function potSteps(
  inst: MesInstance,
  post: (message: PotMessage, transfer: MessagePort[]) => void,
  patienceMs: number,
): ParallelSteps {
  const control = new Int32Array(new SharedArrayBuffer(4 * 4));
  const { port1, port2 } = new MessageChannel();
  post({ inst, control: control.buffer, port: port2 }, [port2]);
  const scratch = fastScratch(inst);
  const outcomes = new Map<number, MesRun | 'ambiguous'>();
  // How long a step takes here (a running average), to judge when waiting for the worker no
  // longer pays.
  let stepMs = 0;
  let taken = 0;
  let fromWorker = 0;
  const mine = new Set<number>();
  const local = (step: number) => {
    const started = performance.now();
    const outcome = runFast(inst, step, scratch);
    mine.add(step);
    const ms = performance.now() - started;
    stepMs = stepMs === 0 ? ms : 0.75 * stepMs + 0.25 * ms;
    return outcome;
  };
  const drain = () => {
    for (let m = receiveMessageOnPort(port1); m !== undefined; m = receiveMessageOnPort(port1)) {
      const { step, outcome } = m.message as StepMessage;
      if (step >= taken && outcome !== undefined && !outcomes.has(step)) {
        outcomes.set(step, outcome);
      }
    }
  };
  return {
    get fromWorker() {
      return fromWorker;
    },
    run(step) {
      let waited = 0;
      for (;;) {
        drain();
        const outcome = outcomes.get(step);
        if (outcome !== undefined) {
          outcomes.delete(step);
          if (!mine.delete(step)) fromWorker += 1;
          taken = step + 1;
          Atomics.store(control, CONSUMED, taken);
          Atomics.notify(control, CONSUMED);
          return outcome;
        }
        // Nobody has this step yet, or the worker has it and this thread can take the next.
        if (Atomics.load(control, NEXT) <= step + 1) {
          const k = Atomics.add(control, NEXT, 1);
          outcomes.set(k, local(k));
          continue;
        }
        // The worker has it and the next is taken: wait, but not much longer than a step
        // takes here (a busy machine may not give the worker a core); then run it here too.
        if (waited > 2 * stepMs + patienceMs) {
          outcomes.set(step, local(step));
          continue;
        }
        const done = Atomics.load(control, DONE);
        drain();
        if (outcomes.has(step)) continue;
        const started = performance.now();
        Atomics.wait(control, DONE, done, 2 * stepMs + patienceMs - waited);
        waited += performance.now() - started;
      }
    },
    close() {
      Atomics.store(control, STOP, 1);
      Atomics.notify(control, CONSUMED);
      port1.close();
    },
  };
}

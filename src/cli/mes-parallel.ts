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
 * CONSUMED, the steps the search has taken; STOP, set when the search ends. Either thread claims
 * the next step while it is fewer than AHEAD beyond the one the search waits for, so neither
 * waits on the other while there is work: at the start this thread is still compiling the solver
 * (its first steps take 50-80 ms against about 7 ms warm) while the worker, warmed up on a
 * made-up pot as the file was read, runs ahead. At most AHEAD - 1 steps beyond the last are run
 * for nothing. Warszawa 2026 by equal shares, seven runs each, interleaved: with AHEAD 2 and no
 * warm-up 1.13-1.52 s (median 1.33); AHEAD 4, 1.11-1.41 (1.28); AHEAD 8, 0.96-1.27 (1.11);
 * AHEAD 16, 1.01-1.23 (1.14).
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
import { MINOR_PER_MAJOR } from '../core/money.ts';

export const NEXT = 0;
export const DONE = 1;
export const CONSUMED = 2;
export const STOP = 3;
export const AHEAD = 8;

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
        // A step nobody has claimed yet, near enough to be needed: run it here.
        if (Atomics.load(control, NEXT) < step + AHEAD) {
          const k = Atomics.add(control, NEXT, 1);
          outcomes.set(k, local(k));
          continue;
        }
        // The worker has it and every step near enough is taken: wait, but not much longer
        // than a step takes here (a busy machine may not give the worker a core); then run it
        // here too.
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

/** How long the worker spends compiling the solver before its first pot (mes-worker.ts). */
export const WARM_UP_MS = 60;

/**
 * A small made-up equal-shares pot of approval ballots, laid out as buildMesInstance lays out a
 * real one (the same fields in the same order), for the worker to warm up on: 40 bids, 3,000
 * voter groups of one to five bids each, numbers from a fixed linear congruential sequence.
 */
export function warmUpInstance(): MesInstance {
  let state = 12345;
  const next = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % n;
  };
  const bids = 40;
  const groups = 3_000;
  const supporters: number[][] = Array.from({ length: bids }, () => []);
  for (let g = 0; g < groups; g++) {
    const picks = new Set<number>();
    for (let k = 1 + next(5); k > 0; k--) picks.add(next(bids));
    for (const b of picks) supporters[b]?.push(g);
  }
  const projects = supporters.map((of, bid) => {
    const cost = (5_000 + next(40_000)) * MINOR_PER_MAJOR + next(MINOR_PER_MAJOR);
    return {
      bid,
      cost,
      groups: Int32Array.from(of),
      utilities: new Float64Array(of.length).fill(1),
      weights: new Float64Array(of.length).fill(1),
      scale: cost,
      totalUtility: of.length,
      totalWeight: of.length,
    };
  });
  // Enough for about a third of the bids: voters run short, as in a real count.
  const budget = Math.round(projects.reduce((sum, p) => sum + p.cost, 0) * 0.35);
  return {
    budget,
    ballots: groups,
    unitsPerVoter: 1,
    increment: MINOR_PER_MAJOR,
    weights: new Float64Array(groups).fill(1),
    projects: projects.filter((p) => p.totalUtility > 0),
    rank: Int32Array.from({ length: bids }, (_, i) => i),
  };
}

/** Runs the solver's steps on `inst` for about `ms` milliseconds; returns how many it ran. */
export function warmUp(inst: MesInstance, ms: number): number {
  const scratch = fastScratch(inst);
  const until = performance.now() + ms;
  let step = 0;
  while (performance.now() < until) runFast(inst, step++ % 200, scratch);
  return step;
}

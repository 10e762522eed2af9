/**
 * The station's sync engine: sends the outbox to the tally server whenever a connection works,
 * in shuffled batches, and marks ballots sent only for the ids the server says are durable.
 *
 * It runs in the background of the kiosk and never blocks voting: each database step is one short
 * transaction, and the network wait happens outside any transaction. A voter never sees it.
 *
 * When to try: at start, on the browser's `online` event, when a volunteer presses "Sync now",
 * and on a timer — every `heartbeatMs` after a success (an empty push is the heartbeat that keeps
 * the organiser's "last contact" fresh), or after a backoff delay after a failure. `navigator.onLine`
 * is only a hint (it says "online" on a Wi-Fi with no route to the server), so every attempt
 * starts with a health check with a short timeout.
 */
import type { StationDatabase } from '../db/database.ts';
import {
  countWaiting,
  getSyncSettings,
  markNeedsRejoin,
  waitingBallots,
  watchOutboxSize,
} from '../db/sync-repo.ts';
import { MAX_BATCH_BALLOTS } from '../core/protocol.ts';
import { backoffDelay } from './backoff.ts';
import { refreshCodesInSync } from './code-list.ts';
import type { FetchLike, Timers } from './http.ts';
import {
  NEEDS_REJOIN,
  NO_PROGRESS,
  STATION_REVOKED,
  STATION_STORAGE,
  type SyncProblem,
} from './problems.ts';
import { checkHealth, pushBatch, refreshEventStatus, TOO_LARGE } from './server-calls.ts';
import { pushRegistrations } from './register-sync.ts';
import { pushClosing } from './closing-sync.ts';
import { pushEqualities } from './equalities-sync.ts';
import { deliverCarried } from './carried-sync.ts';

export interface SyncOptions {
  batchSize: number;
  healthTimeoutMs: number;
  pushTimeoutMs: number;
  heartbeatMs: number;
  /** A new ballot is sent this long after it is cast (ballots cast close together go together). */
  newBallotDelayMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export const DEFAULT_SYNC_OPTIONS: SyncOptions = {
  batchSize: MAX_BATCH_BALLOTS,
  healthTimeoutMs: 4_000,
  // 500 ballots wait for the server's fsync; a slow SD card on a Raspberry Pi can take seconds.
  pushTimeoutMs: 30_000,
  heartbeatMs: 30_000,
  newBallotDelayMs: 2_000,
  backoffBaseMs: 2_000,
  backoffMaxMs: 120_000,
};

/** The browser's online/offline events, or a test's. Returns an unsubscribe function. */
export interface NetworkSignals {
  subscribe(onChange: (online: boolean) => void): () => void;
}

export interface SyncDeps {
  db: StationDatabase;
  fetch: FetchLike;
  now: () => Date;
  timers: Timers;
  /** In [0, 1): for shuffling batches and jitter. */
  random: () => number;
  network?: NetworkSignals;
  /**
   * Runs `run` while no other tab of this station runs one (Web Locks in the browser). Without it
   * two open tabs would send the same ballots twice: harmless to the tally, but twice the traffic.
   */
  exclusive?: <T>(run: () => Promise<T>) => Promise<T>;
  options?: Partial<SyncOptions>;
}

export type SyncActivity =
  | { kind: 'idle' }
  | { kind: 'checking' }
  /** `done` resolved so far in this run, `sending` in the batch now in flight. */
  | { kind: 'sending'; done: number; sending: number; total: number };

export interface SyncSnapshot {
  activity: SyncActivity;
  /** Why the last attempt failed; null after a success. */
  problem: SyncProblem | null;
  /** Epoch ms of the next automatic attempt, if one is planned. */
  nextAttemptAt: number | null;
  /** The browser says it is offline. Only a hint: attempts continue. */
  offline: boolean;
}

export type RunOutcome =
  | { kind: 'synced'; stored: number; rejected: number }
  | { kind: 'not-joined' }
  | { kind: 'failed'; problem: SyncProblem };

const IDLE: SyncActivity = { kind: 'idle' };

/** Refusals no retry can change: the token is unknown, or the organiser removed this tablet. */
const stopsSync = (problem: SyncProblem): boolean =>
  problem.code === 'needs-rejoin' || problem.code === 'station-revoked';

/** Remembers such a refusal on the tablet, so no later attempt (or reload) repeats it. */
async function rememberRefusal(db: StationDatabase, problem: SyncProblem): Promise<void> {
  if (stopsSync(problem)) await markNeedsRejoin(db, problem.code === 'station-revoked');
}

export class SyncEngine {
  private readonly options: SyncOptions;
  private snapshot: SyncSnapshot = {
    activity: IDLE,
    problem: null,
    nextAttemptAt: null,
    offline: false,
  };
  private readonly listeners = new Set<() => void>();
  private running: Promise<RunOutcome> | null = null;
  private runAgain = false;
  private failures = 0;
  private timer: unknown = null;
  private started = false;
  private unsubscribeNetwork: (() => void) | null = null;
  private unwatchOutbox: (() => void) | null = null;

  constructor(private readonly deps: SyncDeps) {
    this.options = { ...DEFAULT_SYNC_OPTIONS, ...deps.options };
  }

  /** Starts background syncing. Safe to call twice (React's StrictMode does). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.unsubscribeNetwork =
      this.deps.network?.subscribe((online) => {
        this.update({ offline: !online });
        if (online) {
          // A fresh connection deserves a fresh start, not the tail of a long backoff.
          this.failures = 0;
          void this.syncNow();
        }
      }) ?? null;
    let lastSize: number | null = null;
    this.unwatchOutbox = watchOutboxSize(this.deps.db, (size) => {
      if (lastSize !== null && size > lastSize) this.newBallot();
      lastSize = size;
    });
    void this.syncNow();
  }

  stop(): void {
    this.started = false;
    this.unsubscribeNetwork?.();
    this.unsubscribeNetwork = null;
    this.unwatchOutbox?.();
    this.unwatchOutbox = null;
    this.cancelTimer();
    this.update({ nextAttemptAt: null });
  }

  /**
   * Syncs now. If a run is in progress it makes one more pass before settling (ballots may have
   * been cast since it read the outbox), and the caller gets that run's outcome.
   */
  syncNow(): Promise<RunOutcome> {
    this.cancelTimer();
    if (this.running) {
      this.runAgain = true;
      return this.running;
    }
    const run = this.runUntilSettled().finally(() => {
      this.running = null;
    });
    this.running = run;
    return run;
  }

  /**
   * A ballot was cast: send it soon rather than at the next heartbeat, so it is on the server
   * before anything can happen to the tablet. During a backoff the backoff stands: a server that
   * is down is not helped by every vote knocking.
   */
  private newBallot(): void {
    if (this.running) {
      this.runAgain = true;
      return;
    }
    if (this.failures > 0) return;
    const soon = this.deps.now().getTime() + this.options.newBallotDelayMs;
    const planned = this.snapshot.nextAttemptAt;
    if (planned === null || planned > soon) this.schedule(this.options.newBallotDelayMs);
  }

  /** Resolves once no run is in progress (a screen closing, a test checking the result). */
  async whenSettled(): Promise<void> {
    while (this.running) await this.running;
  }

  getSnapshot = (): SyncSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private async runUntilSettled(): Promise<RunOutcome> {
    let outcome: RunOutcome;
    do {
      this.runAgain = false;
      outcome = await this.runGuarded();
    } while (this.runAgain && outcome.kind === 'synced');
    this.afterRun(outcome);
    return outcome;
  }

  private async runGuarded(): Promise<RunOutcome> {
    try {
      const run = () => this.runOnce();
      return await (this.deps.exclusive ? this.deps.exclusive(run) : run());
    } catch (cause) {
      // IndexedDB failing under the sync is a fault of this tablet, not of the network; it is
      // still retried, because the engine must outlive one bad moment.
      console.error('Sync failed reading the station database', cause);
      return { kind: 'failed', problem: STATION_STORAGE };
    } finally {
      this.update({ activity: IDLE });
    }
  }

  private afterRun(outcome: RunOutcome): void {
    switch (outcome.kind) {
      case 'synced':
        this.failures = 0;
        this.update({ problem: null, offline: false });
        this.schedule(this.options.heartbeatMs);
        return;
      case 'not-joined':
        this.update({ problem: null, nextAttemptAt: null });
        return;
      case 'failed': {
        this.update({ problem: outcome.problem });
        // Only a volunteer (or the organiser) can answer these; retrying would only repeat them.
        if (stopsSync(outcome.problem)) {
          this.update({ nextAttemptAt: null });
          return;
        }
        this.failures += 1;
        const delay = backoffDelay(
          this.failures,
          { baseMs: this.options.backoffBaseMs, maxMs: this.options.backoffMaxMs },
          this.deps.random,
        );
        this.schedule(Math.max(delay, outcome.problem.retryAfterMs));
        return;
      }
    }
  }

  private async runOnce(): Promise<RunOutcome> {
    const { db } = this.deps;
    const settings = await getSyncSettings(db);
    if (!settings) return { kind: 'not-joined' };
    if (settings.needsRejoin) {
      return {
        kind: 'failed',
        problem: settings.revoked === true ? STATION_REVOKED : NEEDS_REJOIN,
      };
    }

    this.update({ activity: { kind: 'checking' } });
    const healthy = await checkHealth(this.deps, settings.serverUrl, this.options.healthTimeoutMs);
    if (!healthy.ok) return { kind: 'failed', problem: healthy.error };
    // Voting codes first: a tablet about to lose its network still takes the newest list.
    await refreshCodesInSync(this.deps, settings, this.options.pushTimeoutMs);

    let batchSize = this.options.batchSize;
    let done = 0;
    let total = await countWaiting(db, settings.eventId);
    let rejectedCount = 0;
    let checkedState = false;
    for (let first = true; ; first = false) {
      let waiting = await waitingBallots(db, settings.eventId, batchSize);
      if (waiting.rehearsals > 0 && !checkedState) {
        // Rehearsals go only while the event is still a draft; if it opened, they are cleared.
        checkedState = true;
        const state = await refreshEventStatus(this.deps, settings, this.options.pushTimeoutMs);
        if (!state.ok) {
          await rememberRefusal(db, state.error);
          return { kind: 'failed', problem: state.error };
        }
        if (state.value !== 'draft') {
          waiting = await waitingBallots(db, settings.eventId, batchSize);
          total = Math.max(done + waiting.ballots.length, await countWaiting(db, settings.eventId));
        }
      }
      const batch = waiting.ballots;
      // An empty outbox still gets one (empty) push: that is the heartbeat.
      if (batch.length === 0 && !first) break;
      total = Math.max(total, done + batch.length);
      this.update({ activity: { kind: 'sending', done, sending: batch.length, total } });
      const pushed = await pushBatch(this.deps, settings, waiting, this.options.pushTimeoutMs);
      if (!pushed.ok) {
        // Too big for the server's body limit: halve the batch and carry on.
        if (pushed.error === TOO_LARGE && batch.length > 1) {
          batchSize = Math.ceil(batch.length / 2);
          continue;
        }
        if (pushed.error === TOO_LARGE) return { kind: 'failed', problem: NO_PROGRESS };
        await rememberRefusal(db, pushed.error);
        return { kind: 'failed', problem: pushed.error };
      }
      const resolved = pushed.value.stored + pushed.value.rejected + pushed.value.setAside;
      done += resolved;
      rejectedCount += pushed.value.rejected + pushed.value.setAside;
      if (batch.length === 0) break;
      if (resolved === 0) {
        return { kind: 'failed', problem: NO_PROGRESS };
      }
      // Ballots cast during the run join it.
      total = Math.max(total, done + (await countWaiting(db, settings.eventId)));
    }
    // The registration desk's register, on its own endpoint after the ballots.
    const register = await pushRegistrations(this.deps, settings, this.options.pushTimeoutMs);
    if (!register.ok) {
      await rememberRefusal(db, register.error);
      return { kind: 'failed', problem: register.error };
    }
    // Equalities answers, on their own endpoint too, never beside a ballot.
    const equalities = await pushEqualities(this.deps, settings, this.options.pushTimeoutMs);
    if (!equalities.ok) {
      await rememberRefusal(db, equalities.error);
      return { kind: 'failed', problem: equalities.error };
    }
    // This station's closing sheet, once, after its ballots.
    const closing = await pushClosing(this.deps, settings, this.options.pushTimeoutMs);
    if (!closing.ok) {
      await rememberRefusal(db, closing.error);
      return { kind: 'failed', problem: closing.error };
    }
    // Other stations' tally files this station carries (a courier), each imported whole.
    const carried = await deliverCarried(this.deps, settings, this.options.pushTimeoutMs);
    if (!carried.ok) {
      await rememberRefusal(db, carried.error);
      return { kind: 'failed', problem: carried.error };
    }
    return { kind: 'synced', stored: done - rejectedCount, rejected: rejectedCount };
  }

  private schedule(delayMs: number): void {
    this.cancelTimer();
    if (!this.started) {
      this.update({ nextAttemptAt: null });
      return;
    }
    this.update({ nextAttemptAt: this.deps.now().getTime() + delayMs });
    this.timer = this.deps.timers.setTimeout(() => {
      this.timer = null;
      void this.syncNow();
    }, delayMs);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.deps.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private update(change: Partial<SyncSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }
}

/**
 * Sign-in throttling (docs/accounts.md, "Sessions"), per account name and per address, on
 * rate-limiter-flexible's counters (limits.ts: in memory, or in PostgreSQL shared by every
 * instance). Each key has three counters:
 * - `login-free`: 5 failures come free in a 15-minute window (from the key's first failure);
 * - from the 5th failure on, a streak (`login-streak`, its count) and a gate (`login-gate`): the
 *   next attempt must wait twice as long after the last failure as the one before (1 s, 2 s, 4 s …
 *   at most 15 minutes). The gate is one atomic consume (1 point per wait), so guesses sent in
 *   parallel, to one instance or several, get one attempt per wait. A streak is forgotten once the
 *   key has been quiet for 15 minutes beyond its current wait, so an attacker who waits out the
 *   delays gains nothing: at the cap it is one guess per 15 minutes.
 * An attempt is counted as it starts, before its password is checked (which takes tens of
 * milliseconds): otherwise guesses sent in parallel would all pass before any was counted. A right
 * password is forgiven by `succeeded`. A refused attempt counts nothing.
 *
 * When the counters cannot be read (PostgreSQL unreachable) sign-in fails closed: StorageError,
 * answered 503 storage-failed.
 */
import { createHash } from 'node:crypto';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { StorageError } from '../store/tally-store.ts';
import type { Counters } from '../limits.ts';

export interface ThrottleRules {
  /** Failures allowed in the window before delays begin. */
  free: number;
  windowMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export const LOGIN_THROTTLE: ThrottleRules = {
  free: 5,
  windowMs: 15 * 60 * 1000,
  firstDelayMs: 1000,
  maxDelayMs: 15 * 60 * 1000,
};

/** What one attempt counted against one key, so that a right password can give it back. */
export interface Counted {
  key: string;
  /** The streak before this attempt; `null` when it was one of the free failures. */
  streak: number | null;
  /** This attempt was the last free one, and began the streak. */
  began: boolean;
}

export interface SignInAttempt {
  /** Whole seconds to wait; 0 when the attempt may go ahead (and has been counted). */
  wait: number;
  counted: readonly Counted[];
}

/** Long names are hashed: a key is a primary key in PostgreSQL (a name may be 1,000 characters). */
const storedKey = (key: string): string =>
  key.length <= 200 ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;

const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/** A counter's state when it is live (the in-memory counter may keep an expired one briefly). */
const live = (res: RateLimiterRes | null): RateLimiterRes | null =>
  res !== null && res.msBeforeNext > 0 ? res : null;

export class LoginThrottle {
  private readonly free: RateLimiterAbstract;
  private readonly streaks: RateLimiterAbstract;
  private readonly gates: RateLimiterAbstract;

  constructor(
    counters: Counters,
    private readonly rules: ThrottleRules = LOGIN_THROTTLE,
  ) {
    const window = rules.windowMs / 1000;
    this.free = counters({ keyPrefix: 'login-free', points: rules.free, duration: window });
    // Set, never consumed: points unused. Durations are given per key.
    this.streaks = counters({ keyPrefix: 'login-streak', points: 1, duration: window });
    this.gates = counters({ keyPrefix: 'login-gate', points: 1, duration: 1 });
  }

  /** The wait (ms) after a streak's last failure: 1 s after the 5th, doubling, capped. */
  private delay(count: number): number {
    const beyond = count - this.rules.free;
    return Math.min(this.rules.maxDelayMs, this.rules.firstDelayMs * 2 ** Math.max(0, beyond));
  }

  /** Remembers a streak of `count` failures, forgotten after the wait and a quiet window. */
  private remember(key: string, count: number): Promise<unknown> {
    return this.streaks.set(key, count, (this.delay(count) + this.rules.windowMs) / 1000);
  }

  /** Counts one attempt against `key`, or says how long to wait (nothing counted). */
  private async take(key: string): Promise<Counted | { wait: number }> {
    const streak = live(await this.streaks.get(key));
    if (streak === null) {
      const free = await consume(this.free, key);
      if (free.consumedPoints < this.rules.free) return { key, streak: null, began: false };
      if (free.consumedPoints === this.rules.free) {
        // The gate before the streak: a guess that sees the streak must find its gate shut, or
        // it would pass through the streak's branch as a sixth free one.
        await this.gates.set(key, 1, this.delay(this.rules.free) / 1000);
        await this.remember(key, this.rules.free);
        return { key, streak: null, began: true };
      }
      // Beyond the free ones while the streak is being begun (guesses in parallel).
      await this.free.reward(key);
      const gate = live(await this.gates.get(key));
      return { wait: seconds(gate?.msBeforeNext ?? this.rules.firstDelayMs) };
    }
    const count = streak.consumedPoints;
    const wait = this.delay(count + 1);
    const gate = await consume(this.gates, key, { customDuration: wait / 1000 });
    if (gate.consumedPoints > 1) return { wait: seconds(gate.msBeforeNext) };
    await this.remember(key, count + 1);
    return { key, streak: count, began: false };
  }

  /**
   * Takes back what `take` counted. An attempt that was `made` (a right password) still sets the
   * wait after it, as the streak's last failure would: only its count is given back.
   */
  private async giveBack(counted: Counted, made: boolean): Promise<void> {
    const { key, streak } = counted;
    if (streak === null) {
      await this.free.reward(key);
      if (counted.began) await Promise.all([this.streaks, this.gates].map((c) => c.delete(key)));
      return;
    }
    await this.remember(key, streak);
    if (made) await this.gates.set(key, 1, this.delay(streak) / 1000);
    else await this.gates.delete(key);
  }

  /**
   * Counts the attempt against every key, before its password is checked; when any key must wait,
   * nothing is counted and `wait` says how long (whole seconds).
   */
  async attempt(keys: readonly string[]): Promise<SignInAttempt> {
    return guarded(async () => {
      const counted: Counted[] = [];
      for (const key of keys) {
        const taken = await this.take(storedKey(key));
        if ('wait' in taken) {
          for (const done of counted) await this.giveBack(done, false);
          return { wait: taken.wait, counted: [] };
        }
        counted.push(taken);
      }
      return { wait: 0, counted };
    });
  }

  /**
   * A right password clears its first key (the account's name) whole, and gives back what the
   * attempt counted against the others (the address): an address's earlier failures stay.
   */
  async succeeded(attempt: SignInAttempt): Promise<void> {
    await guarded(async () => {
      const [name, ...others] = attempt.counted;
      if (name !== undefined) {
        await Promise.all([this.free, this.streaks, this.gates].map((c) => c.delete(name.key)));
      }
      for (const other of others) await this.giveBack(other, true);
    });
  }
}

/** A consume's answer, refused or not; a store's error is thrown. */
async function consume(
  counter: RateLimiterAbstract,
  key: string,
  options?: { customDuration: number },
): Promise<RateLimiterRes> {
  try {
    return await counter.consume(key, 1, options);
  } catch (refused) {
    if (refused instanceof RateLimiterRes) return refused;
    throw refused;
  }
}

/** Sign-in fails closed when its counters cannot be reached. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new StorageError(
      `Sign-in is unavailable: its failure counts cannot be read or written (${reason}). Try again shortly.`,
    );
  }
}

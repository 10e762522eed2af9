/**
 * Sign-in throttling (docs/accounts.md, "Sessions"): per account name and per address, 5 failures
 * come free; after that each further attempt must wait twice as long after the last failure as
 * the one before (1 s, 2 s, 4 s … at most 15 minutes). A key's failures are forgotten once it has
 * been quiet for 15 minutes beyond its current wait, so an attacker who waits out the delays gains
 * nothing: at the cap it is one guess per 15 minutes. The counts sit behind FailureCounts so
 * several servers can share them (PostgreSQL, issue 12); the file store keeps them in memory (a
 * restart forgets them).
 */

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

/** A key's failures: how many in a row, and when the last was (ms). */
export interface FailureStreak {
  count: number;
  last: number;
}

export interface FailureCounts {
  get(key: string): FailureStreak | undefined;
  set(key: string, streak: FailureStreak): void;
  delete(key: string): void;
}

/** Keys kept at most; the stalest are forgotten first (a flood of made-up names). */
const MAX_KEYS = 50_000;

export class MemoryFailureCounts implements FailureCounts {
  private readonly map = new Map<string, FailureStreak>();
  get(key: string): FailureStreak | undefined {
    return this.map.get(key);
  }
  set(key: string, streak: FailureStreak): void {
    this.map.delete(key);
    this.map.set(key, streak);
    if (this.map.size > MAX_KEYS) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
  }
  delete(key: string): void {
    this.map.delete(key);
  }
}

export class LoginThrottle {
  constructor(
    private readonly now: () => number,
    private readonly counts: FailureCounts = new MemoryFailureCounts(),
    private readonly rules: ThrottleRules = LOGIN_THROTTLE,
  ) {}

  /** The wait (ms) after a streak's last failure. */
  private delay(count: number): number {
    const beyond = count - this.rules.free;
    return beyond < 0 ? 0 : Math.min(this.rules.maxDelayMs, this.rules.firstDelayMs * 2 ** beyond);
  }

  /** The key's streak, unless it has been quiet long enough to be forgotten. */
  private streak(key: string, now: number): FailureStreak | undefined {
    const streak = this.counts.get(key);
    if (streak === undefined) return undefined;
    if (now - streak.last >= this.rules.windowMs + this.delay(streak.count)) {
      this.counts.delete(key);
      return undefined;
    }
    return streak;
  }

  /** Whole seconds to wait before the next attempt for any of `keys`; 0 when it may go ahead. */
  wait(keys: readonly string[]): number {
    const now = this.now();
    let until = now;
    for (const key of keys) {
      const streak = this.streak(key, now);
      if (streak !== undefined) until = Math.max(until, streak.last + this.delay(streak.count));
    }
    return Math.ceil((until - now) / 1000);
  }

  /**
   * Whole seconds to wait, like `wait`; when it is 0 the attempt is counted at once as a failure,
   * before the password is checked (which takes tens of milliseconds): otherwise guesses sent in
   * parallel would all pass the check before any of them was counted. A right password is
   * forgiven by `succeeded`.
   */
  attempt(keys: readonly string[]): number {
    const wait = this.wait(keys);
    if (wait === 0) this.failed(keys);
    return wait;
  }

  failed(keys: readonly string[]): void {
    const now = this.now();
    for (const key of keys) {
      this.counts.set(key, { count: (this.streak(key, now)?.count ?? 0) + 1, last: now });
    }
  }

  /**
   * A right password clears that key (the account's name), not the address's count; the attempt
   * counted in advance (`attempt`) is taken back from each of `counted`.
   */
  succeeded(key: string, counted: readonly string[] = []): void {
    this.counts.delete(key);
    for (const other of counted) {
      const streak = this.counts.get(other);
      if (streak === undefined) continue;
      if (streak.count <= 1) this.counts.delete(other);
      else this.counts.set(other, { count: streak.count - 1, last: streak.last });
    }
  }
}

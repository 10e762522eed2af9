/**
 * Sign-in throttling (docs/accounts.md, "Sessions"): per account name and per address, 5 failures
 * within 15 minutes are free; after that each further attempt must wait twice as long after the
 * last failure as the one before (1 s, 2 s, 4 s … at most 15 minutes). Failures older than the
 * window are forgotten. The counts sit behind FailureCounts so several servers can share them
 * (PostgreSQL, issue 12); the file store keeps them in memory (a restart forgets them).
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

/** Failure times (ms) per key, oldest first. */
export interface FailureCounts {
  get(key: string): readonly number[];
  set(key: string, failures: readonly number[]): void;
  delete(key: string): void;
}

/** Keys kept at most; the stalest are forgotten first (a flood of made-up names). */
const MAX_KEYS = 50_000;

export class MemoryFailureCounts implements FailureCounts {
  private readonly map = new Map<string, readonly number[]>();
  get(key: string): readonly number[] {
    return this.map.get(key) ?? [];
  }
  set(key: string, failures: readonly number[]): void {
    this.map.delete(key);
    this.map.set(key, failures);
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

  private recent(key: string, now: number): number[] {
    return this.counts.get(key).filter((at) => at > now - this.rules.windowMs);
  }

  /** Whole seconds to wait before the next attempt for any of `keys`; 0 when it may go ahead. */
  wait(keys: readonly string[]): number {
    const now = this.now();
    let until = now;
    for (const key of keys) {
      const failures = this.recent(key, now);
      const beyond = failures.length - this.rules.free;
      const last = failures.at(-1);
      if (beyond < 0 || last === undefined) continue;
      const delay = Math.min(this.rules.maxDelayMs, this.rules.firstDelayMs * 2 ** beyond);
      until = Math.max(until, last + delay);
    }
    return Math.ceil((until - now) / 1000);
  }

  failed(keys: readonly string[]): void {
    const now = this.now();
    for (const key of keys) this.counts.set(key, [...this.recent(key, now), now].slice(-64));
  }

  /** A right password clears that key (the account's name), not the address's count. */
  succeeded(key: string): void {
    this.counts.delete(key);
  }
}

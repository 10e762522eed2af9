/**
 * A token bucket per client: `burst` requests at once, refilled at `perSecond`. Keys are a station
 * or organiser (when the bearer token is valid) or else the client's address, so a flood of
 * made-up tokens from one machine shares one bucket.
 */
export interface RateLimit {
  burst: number;
  perSecond: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept at most; full (idle) ones are forgotten first when there are more. */
const MAX_KEYS = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number,
  ) {}

  /** `null` when the request may go ahead, otherwise the seconds to wait. */
  take(key: string): number | null {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    const refill = ((now - bucket.at) / 1000) * this.limit.perSecond;
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + refill);
    bucket.at = now;
    if (!this.buckets.has(key)) {
      if (this.buckets.size >= MAX_KEYS) this.forgetIdle(now);
      this.buckets.set(key, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.perSecond));
  }

  private forgetIdle(now: number): void {
    const refillMs = (this.limit.burst / this.limit.perSecond) * 1000;
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.at >= refillMs) this.buckets.delete(key);
    }
    // Everyone busy (a flood of addresses): start afresh rather than grow without bound.
    if (this.buckets.size >= MAX_KEYS) this.buckets.clear();
  }
}

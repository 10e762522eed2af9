/**
 * The request rate limit, per client: a station (valid station token), an organiser's session, or
 * else the client's address, so a flood of made-up tokens from one machine shares one count
 * (principal.ts). Fixed windows (rate-limiter-flexible, limits.ts): RATE_LIMIT_BURST requests at
 * once, RATE_LIMIT_PER_SECOND on average, as
 * `PER_SECOND × window` requests per window of `ceil(BURST / PER_SECOND)` seconds (at least 1):
 * with the defaults 60 requests per 3 s. A client can make up to twice that across the edge of
 * two windows, never more on average.
 */
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { Counters } from '../limits.ts';

export interface RateLimit {
  burst: number;
  perSecond: number;
}

/** The window (whole seconds) and the requests allowed in it for `limit`. */
export function rateWindow(limit: RateLimit): { points: number; duration: number } {
  const duration = Math.max(1, Math.ceil(limit.burst / limit.perSecond));
  return { points: limit.perSecond * duration, duration };
}

export class RequestLimiter {
  private readonly counter;

  constructor(limit: RateLimit, counters: Counters) {
    this.counter = counters({ keyPrefix: 'requests', ...rateWindow(limit), insured: true });
  }

  /** `null` when the request may go ahead, otherwise the whole seconds to wait (at least 1). */
  async take(key: string): Promise<number | null> {
    try {
      await this.counter.consume(key);
      return null;
    } catch (refused) {
      // A database error never arrives here: the insurance counts in memory instead (limits.ts).
      if (!(refused instanceof RateLimiterRes)) throw refused;
      return Math.max(1, Math.ceil(refused.msBeforeNext / 1000));
    }
  }
}

/**
 * The server's counters, on rate-limiter-flexible (issue 11: a maintained limiter; issue 12: shared
 * through the database): the request rate limit (http/rate-limit.ts) and the sign-in throttle
 * (accounts/throttle.ts). With the file store they are counted in this process (a restart forgets
 * them); with DATABASE_URL in PostgreSQL's `rate_limit` table (migration 5), so every instance
 * counts against the same numbers and nothing in one process's memory is needed.
 *
 * When PostgreSQL cannot be reached the two fail differently, on purpose:
 * - the request limit falls back to counting in this process (the library's insuranceLimiter):
 *   a ballot push is never refused for want of a counter, and a flood is still limited per instance;
 * - the sign-in throttle fails closed (503 storage-failed, accounts/throttle.ts): counted per
 *   instance, N instances would allow N times the guesses, and a sign-in could not store its session
 *   anyway.
 */
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Pool } from './store/pg/database.ts';
import { LoginThrottle } from './accounts/throttle.ts';
import { RequestLimiter, type RateLimit } from './http/rate-limit.ts';

/** One kind of counter: keys prefixed `keyPrefix`, `points` per window of `duration` seconds. */
export interface CounterOptions {
  keyPrefix: string;
  points: number;
  /** Whole seconds. */
  duration: number;
  /** When the database fails, count in this process instead of failing (the request limit). */
  insured?: boolean;
}

/** Makes counters, in memory or in PostgreSQL. */
export type Counters = (options: CounterOptions) => RateLimiterAbstract;

export const memoryCounters: Counters = ({ keyPrefix, points, duration }) =>
  new RateLimiterMemory({ keyPrefix, points, duration });

/** The table made by migration 5 (store/pg/migrations/005-rate-limits.ts). */
const TABLE = 'rate_limit';

export function postgresCounters(pool: Pool): Counters {
  let cleaner = true;
  return (options) => {
    const limiter = new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      tableName: TABLE,
      tableCreated: true,
      // Expired rows of every prefix share the table: one limiter deleting them is enough.
      clearExpiredByTimeout: cleaner,
      keyPrefix: options.keyPrefix,
      points: options.points,
      duration: options.duration,
      ...(options.insured === true ? { insuranceLimiter: memoryCounters(options) } : {}),
    });
    cleaner = false;
    return limiter;
  };
}

export interface Limits {
  /** Requests per station, session or address (principal.ts). */
  requests: RequestLimiter;
  /** Sign-in attempts per name and per address (account-routes.ts). */
  signIn: LoginThrottle;
}

/** The request limit and the sign-in throttle: in PostgreSQL when `pool` is given, else in memory. */
export function openLimits(options: { pool: Pool | null; rateLimit: RateLimit }): Limits {
  const counters = options.pool === null ? memoryCounters : postgresCounters(options.pool);
  return {
    requests: new RequestLimiter(options.rateLimit, counters),
    signIn: new LoginThrottle(counters),
  };
}

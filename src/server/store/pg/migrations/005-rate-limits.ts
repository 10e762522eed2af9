import type { Migration } from './index.ts';

/**
 * Counters of the request rate limit and the sign-in throttle (src/server/http/limits.ts), shared
 * by every instance. The columns are the ones rate-limiter-flexible's RateLimiterPostgres reads and
 * writes (`key`, `points`, `expire` in ms since 1970, NULL for never); it is told the table exists
 * (`tableCreated: true`) so that its shape changes only by a migration here. Each limiter's keys
 * start with its own prefix (`requests:`, `login-free:`…). `key` is text, not the library's
 * varchar(255): the throttle's keys include a name, and long ones are hashed before they get here.
 * Expired rows are deleted by the library an hour after they expire (the index on `expire`).
 */
export const rateLimits: Migration = {
  version: 5,
  name: 'rate limits',
  sql: `CREATE TABLE rate_limit (
    key text PRIMARY KEY,
    points integer NOT NULL DEFAULT 0,
    expire bigint
  );
  CREATE INDEX rate_limit_expire ON rate_limit (expire)`,
};

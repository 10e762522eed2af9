import type { Migration } from './index.ts';

/**
 * Counters of the request rate limit and the sign-in throttle (src/server/http/limits.ts), shared
 * by every instance. The columns are the ones rate-limiter-flexible's RateLimiterPostgres reads and
 * writes (`key`, `points`, `expire` in ms since 1970, NULL for never); it is told the table exists
 * (`tableCreated: true`) so that its shape changes only by a migration here. Each limiter's keys
 * start with its own prefix (`requests:`, `login-free:`…). `key` is text, not the library's
 * varchar(255): the throttle's keys include a name, and long ones are hashed before they get here.
 * Expired rows are deleted by the library an hour after they expire (the index on `expire`).
 *
 * UNLOGGED: no write-ahead log, so a count (one upsert per API request) does not wait for a flush
 * to disk: 0.7–1.5 ms a request instead of 5.4–6.6 ms (1,000 in a row at load 12–13; 20 clients at
 * once 1,500–5,200 a second instead of 700–1,600). The price: a crash of PostgreSQL (not a clean
 * restart) empties the table, and a standby has none of it — the counts start afresh, as they do
 * when the file store's server restarts. Nothing here is a record anyone needs kept.
 */
export const rateLimits: Migration = {
  version: 5,
  name: 'rate limits',
  sql: `CREATE UNLOGGED TABLE rate_limit (
    key text PRIMARY KEY,
    points integer NOT NULL DEFAULT 0,
    expire bigint
  );
  CREATE INDEX rate_limit_expire ON rate_limit (expire)`,
};

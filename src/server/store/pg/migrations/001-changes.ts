import type { Migration } from './index.ts';

/**
 * The change feed (changes.ts): one row per kept thing (`accounts`, `sessions`, `event:<id>`…)
 * whose version goes up in every transaction that changes it, so an instance learns with one
 * query before each request what other instances changed.
 */
export const changes: Migration = {
  version: 1,
  name: 'change feed',
  sql: `CREATE TABLE store_change (
    name text PRIMARY KEY,
    version bigint NOT NULL
  )`,
};

import type { Migration } from './index.ts';

/**
 * Two costs of every push, taken off (ingest bench, 20 stations, 100,000 ballots: PostgreSQL's CPU
 * 3.1 s -> 1.0-1.2 s, one instance 14,800 -> 31,700-32,800 ballots/s, two 16,600 -> 25,100-26,400):
 *
 * - The logs' text (ledger_line.text: an append's tally lines, about 1.6 MB for a group of 5,000
 *   ballots) is stored as it is. PostgreSQL's default compresses such a value (pglz) before moving
 *   it out of line: about a third of its work on a push, for lines that are mostly SHA-256 hashes
 *   and ids and compress poorly. Rows written before keep their compression; both read the same.
 * - The ballot table no longer checks its event_id against ledger_event row by row (a foreign
 *   key is a trigger per inserted row: 5,000 a group). Its rows are only ever written in the
 *   transaction that writes their tally lines, holding the event's row locked (or creating it, in
 *   a store copy), and events are never deleted: the check could never fail. The primary key, one
 *   ballot id once per event, stays.
 */
export const ledgerWrites: Migration = {
  version: 6,
  name: 'ledger writes: text uncompressed, ballot rows unchecked against the event',
  sql: `ALTER TABLE ledger_line ALTER COLUMN text SET STORAGE EXTERNAL;
  ALTER TABLE ballot DROP CONSTRAINT ballot_event_id_fkey`,
};

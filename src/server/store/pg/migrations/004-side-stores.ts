import type { Migration } from './index.ts';

/**
 * The side stores (pg/pg-register-store.ts, pg-equalities-store.ts, pg-publication-store.ts),
 * each kept apart from the tally: no table here names a ballot, and none is joined to the tally's.
 *
 * - `register_row`: the registration desks' rows, one per row id and event, with the station that
 *   sent it (JSON, as the file store's lines hold it) and no time but the row's own day. `seq`
 *   orders the rows as they arrived (the file store's line order), for a cache to catch up.
 * - `register_deletion`: who deleted an event's register, when, and how many rows went; the rows
 *   themselves are deleted in the same transaction, never flagged.
 * - `equalities_batch`: a station's batch of equalities answers, stored once per batch id; no
 *   station, no time.
 * - `publication`: an event's published snapshot, replaced whole when published again.
 *
 * JSON is kept as `json` (the text as written), not `jsonb`, which cannot hold a \u0000 that a
 * name may carry.
 */
export const sideStores: Migration = {
  version: 4,
  name: 'registers, equalities answers, publications',
  sql: `
  CREATE TABLE register_row (
    event_id text NOT NULL,
    row_id text NOT NULL,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    station json NOT NULL,
    registration json NOT NULL,
    PRIMARY KEY (event_id, row_id)
  );
  CREATE INDEX register_row_by_seq ON register_row (event_id, seq);
  CREATE TABLE register_deletion (
    event_id text PRIMARY KEY,
    deleted_at timestamptz NOT NULL,
    deleted_by json NOT NULL,
    row_count integer NOT NULL
  );
  CREATE TABLE equalities_batch (
    event_id text NOT NULL,
    batch text NOT NULL,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    answers json NOT NULL,
    PRIMARY KEY (event_id, batch)
  );
  CREATE INDEX equalities_batch_by_seq ON equalities_batch (event_id, seq);
  CREATE TABLE publication (
    event_id text PRIMARY KEY,
    snapshot json NOT NULL
  );`,
};

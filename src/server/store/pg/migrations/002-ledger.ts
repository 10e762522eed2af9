import type { Migration } from './index.ts';

/**
 * The tally store (pg/ledger/): each event's records as the file store keeps them in its folder,
 * so that the tally file downloaded from PostgreSQL is the file, byte for byte.
 *
 * - `ledger_event`: one row per event, locked (`SELECT … FOR UPDATE`) by every write to it, with
 *   how many lines each of its logs holds: a writer compares them with what it decided against,
 *   so one instance never appends after another's lines it has not seen. `epoch` goes up when the
 *   tally file is rewritten whole (a draft's new definition, before any ballot); `doc_version`
 *   when one of its documents is replaced. The join code is unique.
 * - `ledger_line`: the logs' lines in order (`log` is `tally`, `quarantine`, `rehearsal` or
 *   `activity`), one row per append: `seq` is the number of its first line (from 1), `lines` how
 *   many it holds, `text` exactly those lines, each with its line break. A log is its rows'
 *   texts joined in `seq` order.
 * - `ledger_doc`: documents replaced whole (`meta.json`, `stations.json`, `codes.json`,
 *   `tally.v<N>.jsonl`), each with the `doc_version` it was written at.
 * - `ballot`: every ballot id in an event's tally, written in the transaction of its tally line:
 *   even a bug could not store one ballot twice.
 * - `picture`: pictures by the SHA-256 of their bytes.
 */
export const ledger: Migration = {
  version: 2,
  name: 'tally ledger',
  sql: `
  CREATE TABLE ledger_event (
    event_id text PRIMARY KEY,
    join_code text NOT NULL UNIQUE,
    epoch bigint NOT NULL DEFAULT 1,
    tally_lines bigint NOT NULL DEFAULT 0,
    quarantine_lines bigint NOT NULL DEFAULT 0,
    rehearsal_lines bigint NOT NULL DEFAULT 0,
    activity_lines bigint NOT NULL DEFAULT 0,
    doc_version bigint NOT NULL DEFAULT 0
  );
  CREATE TABLE ledger_line (
    event_id text NOT NULL REFERENCES ledger_event (event_id),
    log text NOT NULL CHECK (log IN ('tally', 'quarantine', 'rehearsal', 'activity')),
    seq bigint NOT NULL,
    lines integer NOT NULL CHECK (lines > 0),
    text text NOT NULL,
    PRIMARY KEY (event_id, log, seq)
  );
  CREATE TABLE ledger_doc (
    event_id text NOT NULL REFERENCES ledger_event (event_id),
    name text NOT NULL,
    version bigint NOT NULL,
    text text NOT NULL,
    PRIMARY KEY (event_id, name)
  );
  CREATE TABLE ballot (
    event_id text NOT NULL REFERENCES ledger_event (event_id),
    ballot_id text NOT NULL,
    tally_seq bigint NOT NULL,
    PRIMARY KEY (event_id, ballot_id)
  );
  CREATE TABLE picture (
    sha256 text NOT NULL,
    type text NOT NULL,
    bytes bytea NOT NULL,
    PRIMARY KEY (sha256, type)
  )`,
};

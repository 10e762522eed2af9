import type { Migration } from './index.ts';

/**
 * The logs' text (ledger_line.text: an append's tally lines, about 1.6 MB for a group of 5,000
 * ballots) is stored as it is, not compressed. PostgreSQL's default compresses such values before
 * moving them out of line (pglz), which was about a third of the database's CPU time on a push
 * (ingest bench: 3.1 s of PostgreSQL CPU per 100,000 ballots before, 2.0 s after). The lines
 * are mostly SHA-256 hashes and ids, which compress poorly anyway. Rows written before keep their
 * compression; both read the same.
 */
export const ledgerTextStorage: Migration = {
  version: 6,
  name: 'ledger text uncompressed',
  sql: `ALTER TABLE ledger_line ALTER COLUMN text SET STORAGE EXTERNAL`,
};

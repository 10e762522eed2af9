/**
 * Every command's usage text, apart from the commands themselves: `decision-day --help` prints
 * these without loading any command (and so without their libraries), which keeps it instant.
 * Only light imports here.
 */
import { BID_FIELDS } from '../core/bids-import/types.ts';

export const TALLY_USAGE = `decision-day tally FILE [--rule greedy|equal-shares] [--json] [--explain]
  Counts the ballots in a tally file or a Pabulib .pb file (one pot with the file's budget).
  --rule     the allocation rule; default: the one the event (or .pb file) names
  --json     print one JSON object (amounts in major units) instead of a table
  --explain  also say, per pot, how many voters supported a funded bid and the money left, and
             why each bid was or was not funded (with --json: codes, numbers and the sentence)`;

export const VERIFY_USAGE = `decision-day verify FILE [--expect-head HASH]
  Checks a tally file's hash chain, every ballot and the final seal, and names the first bad line.
  --expect-head HASH   also check the file ends at this published head hash`;

export const MERGE_USAGE = `decision-day merge OUT FILE...
  Merges tally files of one event (station exports, server copies) into OUT, each ballot once.
  Refuses files of another event and ballot ids with two different contents; OUT is replaced
  only when the merge succeeds. OUT may be one of the inputs.`;

export const EXPORT_USAGE = `decision-day export FILE --format csv|ballots-csv|pb [--rule RULE] [--out PATH]
  csv          the results: one row per bid with pot, amount, support and whether it is funded
  ballots-csv  the ballots, anonymised: no ids, stations or times, rows shuffled
  pb           a Pabulib file of the ballots, with the funded bids marked; a ballot with
               sections gives one file per pot and section (needs --out: PATH-pot-P-section-S.pb)
  --rule       greedy or equal-shares, for csv and pb; default: the event's own rule
  --out PATH   write there (replacing it safely) instead of printing`;

export const EVENT_CHECK_USAGE = `decision-day event check FILE
  Checks an event definition (JSON, e.g. saved from "event import") and prints every problem.`;

export const EVENT_IMPORT_USAGE = `decision-day event import FILE [options]
  Reads bids from a CSV or Excel (.xlsx) sheet, or a Pabulib .pb file, and prints the draft event
  definition it would make, with each row's problems. Nothing is saved.
  --budget AMOUNT     the pot's budget, e.g. "£30,000" (a .pb file's own budget wins)
  --currency CODE     ISO 4217 currency of the costs (default GBP)
  --locale TAG        how numbers are written, e.g. en-GB (2,400.50) or pl (2 400,50); default en-GB
  --name TEXT         the event's name (default: from the file)
  --pot-name TEXT     the pot's name (default "Main fund")
  --sheet NAME        the workbook sheet to read (default: the first with bid columns)
  --map FIELD=COLUMN  which column holds a field, by header or number from 1; repeatable.
                      Fields: ${BID_FIELDS.join(', ')}
  --json              print the draft, columns and problems as JSON`;

/** `decision-day event --help`. */
export const EVENT_USAGE = `${EVENT_IMPORT_USAGE}

${EVENT_CHECK_USAGE}`;

export const STORE_BACKUP_USAGE = `decision-day store backup --from DATA_DIR --to DIR
  Copies a data folder to a new folder DIR, safely while the tally server runs: every ballot
  acknowledged before it began is in the copy, and each tally file in it verifies. To restore,
  start the server with DATA_DIR=DIR. (PostgreSQL: pg_dump, see docs/backups.md.)`;

export const STORE_COPY_USAGE = `decision-day store copy --from SOURCE --to TARGET
  Moves everything (events with their tally files line for line, pictures, accounts and invites,
  the audit trail, registers, equalities answers, publications) between a data folder and a
  PostgreSQL database: SOURCE and TARGET are each a DATA_DIR or a postgres://… URL. Sessions are
  not copied (organisers sign in again). An event already on the other side is left as it is if
  identical, and refused (nothing is copied) if it differs. Stop the tally server first.`;

/** `decision-day store --help`. */
export const STORE_USAGE = `${STORE_BACKUP_USAGE}

${STORE_COPY_USAGE}`;

/** `decision-day --help`. */
export const USAGE = `Decision Day command line: check, merge, count and export tally files.

${TALLY_USAGE}

${VERIFY_USAGE}

${MERGE_USAGE}

${EXPORT_USAGE}

${EVENT_USAGE}

${STORE_USAGE}

Exit status: 0 success, 1 bad or failing data, 2 wrong command line.
`;

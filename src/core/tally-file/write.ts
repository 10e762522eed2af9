/**
 * Writing tally files: a new file, a batch appended to an open one, and the canonical file that
 * `merge` and a station's export produce. Pure string building with no zod, so the station's
 * bundle can export without the schema library.
 */
import { canonicalJson, canonicalObject } from '../canonical-json.ts';
import { sha256Hex } from '../hash.ts';
import type { Ballot, EventDefinition } from '../schema.ts';
import {
  chainHashOf,
  eventHash,
  GENESIS,
  TALLY_FILE_FORMAT,
  TALLY_FILE_VERSION,
  type ChainHead,
  type Sha256,
  type TallyRecord,
} from './format.ts';
import { appendVoids, type VoidChange } from './void-record.ts';
import { appendClosings, type ClosingChange } from './closing-record.ts';
import { appendWithdrawals, type WithdrawalChange } from './withdrawal-record.ts';

/** One line: the record with its chain hash, in canonical JSON so equal files are equal bytes. */
function line(prev: string, record: TallyRecord, sha256: Sha256): { text: string; hash: string } {
  const canonical = canonicalObject(record);
  const hash = chainHashOf(prev, canonical.json, sha256);
  return { text: `${canonical.withKey('hash', hash)}\n`, hash };
}

function appendRecords(
  head: ChainHead,
  records: readonly TallyRecord[],
  sha256: Sha256 = sha256Hex,
) {
  let text = '';
  let { hash, records: count, ballots } = head;
  for (const record of records) {
    const written = line(hash, record, sha256);
    text += written.text;
    hash = written.hash;
    count += 1;
    if (record.type === 'ballot') ballots += 1;
  }
  return { text, head: { hash, records: count, ballots } };
}

function header(event: EventDefinition): { text: string; head: ChainHead } {
  return appendRecords({ hash: GENESIS, records: 0, ballots: 0 }, [
    {
      type: 'header',
      format: TALLY_FILE_FORMAT,
      version: TALLY_FILE_VERSION,
      eventHash: eventHash(event),
      event,
    },
  ]);
}

/** A new file with no ballots yet: the header and a seal, so even an empty file verifies. */
export function startTallyFile(event: EventDefinition): { text: string; head: ChainHead } {
  const start = header(event);
  const seal = appendBallots(start.head, []);
  return { text: start.text + seal.text, head: seal.head };
}

/**
 * The lines to append for one batch: its ballot records, then a seal with the running count.
 * The caller has already validated the ballots and dropped ones the file holds.
 */
export function appendBallots(
  head: ChainHead,
  ballots: readonly Ballot[],
  options: { sha256?: Sha256 } = {},
): { text: string; head: ChainHead } {
  const records: TallyRecord[] = ballots.map((ballot) => ({ type: 'ballot', ballot }));
  records.push({ type: 'seal', ballots: head.ballots + ballots.length });
  return appendRecords(head, records, options.sha256);
}

const byId = (a: Ballot, b: Ballot) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The canonical file for a set of ballots: header, ballots sorted by id, one seal. Sorting hides
 * the order ballots arrived in and makes the file a function of the set alone. Voids (of ballots
 * in the set, each once) follow sorted by ballot id, with their own seal; then stations' closing
 * sheets (one per station) sorted by station, with theirs; then withdrawn bids (each once) sorted
 * by bid id, with theirs.
 */
export function writeTallyFile(
  event: EventDefinition,
  ballots: readonly Ballot[],
  voids: readonly VoidChange[] = [],
  closings: readonly ClosingChange[] = [],
  withdrawals: readonly WithdrawalChange[] = [],
): string {
  const sorted = [...ballots].sort(byId);
  sorted.forEach((ballot, i) => {
    // Callers de-duplicate first; two records with one id would be counted twice.
    if (i > 0 && sorted[i - 1]?.id === ballot.id) {
      throw new Error(`writeTallyFile: ballot id "${ballot.id}" given twice`);
    }
  });
  const start = header(event);
  const body = appendBallots(start.head, sorted);
  const byBallot = [...voids].sort((a, b) => (a.ballot < b.ballot ? -1 : 1));
  const voided = voids.length === 0 ? body : appendVoids(body.head, byBallot);
  const withVoids = start.text + body.text + (voids.length === 0 ? '' : voided.text);
  const byStation = [...closings].sort((a, b) => (a.sheet.station < b.sheet.station ? -1 : 1));
  const closed = closings.length === 0 ? voided : appendClosings(voided.head, byStation);
  const withClosings = withVoids + (closings.length === 0 ? '' : closed.text);
  if (withdrawals.length === 0) return withClosings;
  const byBid = [...withdrawals].sort((a, b) => (a.bid < b.bid ? -1 : 1));
  return withClosings + appendWithdrawals(closed.head, byBid).text;
}

/**
 * The seed for the tally's lot: a hash of the event and the set of ballots, independent of their
 * order, so any file holding the same ballots draws the same lot. Ballots must be in canonical
 * form (as `validateBallot` and `readTallyFile` return them).
 */
export function contentSeed(
  eventHashHex: string,
  ballots: readonly Ballot[],
  sha256: Sha256 = sha256Hex,
): string {
  const ballotHashes = ballots.map((b) => sha256(canonicalJson(b))).sort();
  return sha256([eventHashHex, ...ballotHashes].join('\n'));
}

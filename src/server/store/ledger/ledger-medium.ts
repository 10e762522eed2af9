/**
 * Where one event's ledger keeps its records (event-ledger.ts decides; a medium only stores):
 * named append-only logs (the tally file's lines, the quarantine, the rehearsal log, the station
 * activity log), named documents replaced whole (meta.json, stations.json, codes.json), and the
 * tally file's rewrite while it holds no ballot. Two media: files in the event's folder
 * (file-ledger-medium.ts, the default) and PostgreSQL rows (pg/pg-ledger-medium.ts).
 *
 * `commitGroup` writes one group's appends. On files, the three logs are appended side by side
 * and each may fail alone (the ledger undoes exactly what failed); in PostgreSQL they are one
 * transaction, all or nothing, which first locks the event and, when another instance appended
 * since this ledger last caught up, hands the ledger those lines to take in and chain the group on
 * after (`rebase`); when they touch what the ledger decided, `StaleLedger`: the ledger undoes the
 * group, catches up and decides again.
 */
import type { TallyFileContents } from '../../../core/tally-file/index.ts';
import type { StationRecord } from '../station-book.ts';
import { StorageError } from '../tally-store.ts';

/** Names of the event's records, as files in its folder (and as rows in PostgreSQL). */
export const TALLY = 'tally.jsonl';
export const QUARANTINE = 'quarantine.jsonl';
export const REHEARSAL = 'rehearsal.jsonl';
export const ACTIVITY = 'station-log.jsonl';
export const REGISTRY = 'stations.json';
export const META = 'meta.json';
export const CODES = 'codes.json';

/** The append-only logs, by their names in PostgreSQL. */
export const LOG_NAMES = {
  tally: TALLY,
  quarantine: QUARANTINE,
  rehearsal: REHEARSAL,
  activity: ACTIVITY,
} as const;

/** What a ledger is opened from. */
export interface LoadedLedger {
  /** The tally file, read and verified (a crash's unsealed tail already cut, on files). */
  contents: TallyFileContents;
  joinCode: string;
  stations: StationRecord[];
  quarantine: string;
  activity: string;
  rehearsal: string;
  /** codes.json, or null when the event has no codes yet. */
  codes: string | null;
}

/** One group's appends, each the text of whole lines ('' for nothing). */
export interface GroupAppends {
  tally: string;
  quarantine: string;
  activity: string;
  /** Ids of the ballots the tally text adds (PostgreSQL keeps them under a primary key). */
  ballotIds: readonly string[];
}

export type Settled = PromiseSettledResult<void>;

/** Lines another instance appended (and documents it replaced) since this ledger last looked. */
export interface ForeignChanges {
  tally: string[];
  quarantine: string[];
  activity: string[];
  rehearsal: string[];
  docs: Map<string, string>;
}

/**
 * Another instance appended to (or changed) this event since this instance last caught up: nothing
 * was written; catch up and decide again. A StorageError, so that one not retried in the end is a
 * 503 (send it again), never a 500.
 */
export class StaleLedger extends StorageError {}

/** The tally file was replaced but cannot be written again: the event needs a restart. */
export class BrokenLedger extends StorageError {}

export interface LedgerMedium {
  /** For messages: the event's folder, or where in the database. */
  readonly where: string;
  /** The event's first records (refused with `event-exists` when it exists). */
  create(files: { meta: string; stations: string; tally: string }): Promise<void>;
  load(log: (line: string) => void): Promise<LoadedLedger>;
  /**
   * The writes below take `current`: asked once this write's turn has come (after any catch-up
   * before it), whether what it writes was decided against the ledger as it now stands; false:
   * nothing is written (StaleLedger). Files never catch up: always true.
   */
  appendRehearsal(text: string, current: () => boolean): Promise<void>;
  /**
   * `build` works out the group's appends once this write's turn has come, so that they are
   * chained on from the ledger's head as it then stands (a catch-up may have moved it).
   * `rebase` (PostgreSQL): when another instance appended since this ledger last looked, the medium
   * — holding the event's lock, in the write's transaction — hands it what was appended; it
   * resolves to the group's appends chained on after those lines (which it has taken in), or null
   * to give up (then StaleLedger, as without it). Files never change under their writer.
   */
  commitGroup(
    build: () => Promise<GroupAppends>,
    current: () => boolean,
    rebase?: (changes: ForeignChanges) => Promise<GroupAppends | null>,
  ): Promise<[tally: Settled, quarantine: Settled, activity: Settled]>;
  /**
   * Replaces the tally file whole (it holds no ballot), keeping the old one as `keepOldAs` when
   * given. Throws StorageError when nothing changed, BrokenLedger when it changed but cannot be
   * appended to again.
   */
  rewriteTally(text: string, keepOldAs: string | null, current: () => boolean): Promise<void>;
  /** Replaces a document whole, durably. */
  writeDoc(name: string, text: string): Promise<void>;
  readTally(): Promise<string>;
  /**
   * The tally file as it stands now, as bytes in pieces, for a download: read as they are asked
   * for where the medium allows (a file), so the answer starts before the last byte is read.
   */
  tallyPieces(): AsyncIterable<Uint8Array>;
  /**
   * What other instances changed since the last look, handed to `apply` while no write of this
   * medium is in progress; `reload` when the tally file was replaced (a rewrite): open it again.
   * Files never change under their single writer: nothing.
   */
  catchUp(apply: (changes: ForeignChanges) => void): Promise<'caught-up' | 'reload'>;
  /**
   * Whether this medium has taken in everything up to `version` of the event in the change feed
   * (PostgreSQL: its own writes, or a catch-up that read it), so a catch-up would find nothing.
   * Files have no change feed: absent.
   */
  holdsVersion?(version: bigint): boolean;
  /** Every record of the event by name (its files' names), for copying between media. */
  dump(): Promise<Record<string, string>>;
  close(): Promise<void>;
}

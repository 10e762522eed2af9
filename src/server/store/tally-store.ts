/**
 * The storage the tally server needs, as a small interface so the default (files on the local disk,
 * `FileTallyStore`) could be swapped for a database without touching the HTTP layer.
 *
 * Contract every implementation keeps:
 * - `store` resolves only once the batch is durable; it is idempotent by ballot id (an id already
 *   held with the same canonical content is "already there", with different content a conflict
 *   that is quarantined and never overwrites); concurrent calls for one event are serialised.
 * - Nothing but validated, canonical ballots reach the tally; rejected ones go to the quarantine.
 * - Station tokens are stored only as SHA-256 hashes.
 * - Every change to an event (a saved definition, a change of state) is conditional on the version
 *   the organiser started from and is decided atomically with the ballots arriving: a stale
 *   version is refused (`edit-conflict`), and a definition never changes under a ballot, nor
 *   once one has arrived. Refusals are `EventChangeRefused` errors carrying a code and facts.
 * - A draft's ballots are rehearsals: kept in a log of their own, never in the tally.
 * - Pictures are stored once each by the SHA-256 of their bytes.
 *
 * Two implementations, one ledger (event-ledger.ts, which takes every decision) on two media:
 * - `FileTallyStore` (file-tally-store.ts): each event's folder under DATA_DIR, the default;
 * - `PgTallyStore` (pg/pg-tally-store.ts, migration 002-ledger.ts): the same records as rows, for
 *   several server instances on one database. Every write is one transaction that locks the
 *   event's row and checks that no other instance wrote since this one caught up (else it catches
 *   up on the new rows only and decides again); COMMIT is the durability point; a `ballot`
 *   table's primary key (event_id, ballot_id) makes a second copy of a ballot impossible even by
 *   a bug; `tallyFile` returns the stored lines, byte for byte what the file store would hold.
 *   `refresh(changes)` before each request takes in what other instances wrote.
 * tests/server/tally-store-contract.test.ts runs the same contract on both.
 */
import type { QuarantinedBallot, StationStatus } from '../../core/protocol.ts';
import type { EventState, StateChange } from '../../core/event-lifecycle.ts';
import type { PictureType } from '../../core/event-package.ts';
import type { Ballot, EventDefinition } from '../../core/schema.ts';
import type { CodeBook, CodeUse } from './code-book.ts';
import type { StationRecord } from './station-book.ts';
import type {
  ClosingChange,
  TallyFileProblem,
  VoidChange,
  WithdrawalChange,
} from '../../core/tally-file/index.ts';
import type { VoidRequest } from './void-book.ts';
import type { WithdrawalRequest } from './withdrawal-book.ts';

export interface EventInfo {
  event: EventDefinition;
  eventHash: string;
  joinCode: string;
  /** Ballots in the central tally (voided ones included). */
  ballots: number;
  /** Of them, voided by the organiser: in the file, never counted (void-book.ts). */
  voided: number;
  state: EventState;
  /** Goes up by one with every saved change of the definition or the state. */
  version: number;
  /** Recorded changes of state, oldest first (as in the tally file). */
  history: StateChange[];
  /** Ballots kept apart (quarantined). */
  rejected: number;
  /** Rehearsal ballots received while a draft. */
  rehearsalBallots: number;
}

/** An event found in storage but not opened: its tally file is damaged, or its folder unreadable. */
export interface UnopenedEvent {
  /** Its folder's name: the event's id. */
  folder: string;
  /** Why, in English, for the log. */
  reason: string;
  /** What is wrong with its tally file (code and facts, with the line), when that is why. */
  problem?: TallyFileProblem;
  /** Its join code and name, when they could still be read. */
  joinCode?: string;
  name?: string;
}

export interface BatchToStore {
  /**
   * The hash of the definition the ballots were validated against. If the event's definition is
   * no longer that one when the batch is taken in, the store throws `EventChangeRefused`
   * ('event-changed') and keeps nothing: validate again against the new one.
   */
  eventHash: string;
  /** Validated and canonical (as `validateBallot` returns them). */
  ballots: readonly Ballot[];
  /** Already found invalid: kept apart with their reasons. */
  rejected: readonly QuarantinedBallot[];
  /** Set for a station's push: its reported cast count and what it has now delivered. */
  station: { stationId: string; castCount: number; languages?: Record<string, number> } | null;
}

export interface BatchOutcome {
  /**
   * Ids durable in the tally, new or already there, each once. While the event is a draft: ids
   * durable in the rehearsal log (never counted).
   */
  stored: string[];
  added: number;
  duplicates: number;
  /** The batch's rejected ballots plus any id conflicts found while storing. */
  rejected: QuarantinedBallot[];
  /** The station's distinct delivered ballots, when the batch came from a station. */
  received: number | null;
  /** The state the batch was taken in under ('draft' means it was a rehearsal). */
  state: EventState;
}

/** Writing failed (disk full, I/O error): nothing in the batch may be reported as stored. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
}

export type RefusalCode =
  | 'edit-conflict'
  | 'event-frozen'
  | 'event-has-ballots'
  | 'bad-transition'
  | 'event-exists'
  | 'event-changed';

/** A change the event's current state or version does not allow; nothing was changed. */
export class EventChangeRefused extends Error {
  override readonly name = 'EventChangeRefused';
  constructor(
    readonly code: RefusalCode,
    readonly params: Record<string, string | number>,
  ) {
    super(`${code} ${JSON.stringify(params)}`);
  }
}

export interface CreateEventOptions {
  /** 'draft' for an organiser's new event; 'open' for one that must take ballots at once. */
  state: 'draft' | 'open';
  /** Who created it, for the tally file's state record. */
  by: string;
}

export interface ReplaceDefinition {
  event: EventDefinition;
  /** The version the change started from. */
  expectedVersion: number;
  by: string;
  /**
   * Allows replacing an open event's definition (a new version the organiser confirmed), which
   * is still refused once any ballot has arrived.
   */
  newVersion: boolean;
}

export interface ChangeState {
  to: EventState;
  expectedVersion: number;
  by: string;
}

/**
 * One event whole, as its records are named in the file store's folder (DATA_DIR/events/<id>/):
 * `tally.jsonl` (the tally file, line for line: the same chain and head hash whatever the store),
 * `meta.json` (the join code), `stations.json`, and when the event has them `quarantine.jsonl`,
 * `rehearsal.jsonl`, `station-log.jsonl`, `codes.json` and `tally.v<N>.jsonl` (an open event's
 * file before a confirmed new version N+1). For `decision-day store copy` between the stores.
 */
export interface EventDump {
  eventId: string;
  files: Record<string, string>;
}

/** The names an event's records may have (a dump with any other name is refused). */
export const EVENT_RECORD_NAME =
  /^(tally(\.v[0-9]+)?\.jsonl|quarantine\.jsonl|rehearsal\.jsonl|station-log\.jsonl|stations\.json|meta\.json|codes\.json)$/;

/** Copying whole events and pictures between stores (the file store and PostgreSQL). */
export interface StoreCopying {
  /** Every opened event's records (waits for writes in progress first). */
  dumpEvent(eventId: string): Promise<EventDump>;
  /**
   * Stores an event from its records, verified first (a damaged tally file is refused with
   * DamagedTallyFile and nothing is written), then opened as at start. An event with this id that
   * holds exactly these records: 'already-there', nothing written. One that differs (or is held
   * but not opened, or another event with its join code): EventChangeRefused('event-exists',
   * { event, differs: the names of the records that differ, comma-separated }), nothing written.
   */
  restoreEvent(dump: EventDump): Promise<'copied' | 'already-there'>;
  /** Every stored picture; its bytes through `picture()`, stored again with `putPicture()`. */
  pictureList(): { sha256: string; type: PictureType }[];
}

export interface TallyStore {
  events(): EventInfo[];
  /** Events found in storage but not opened (damaged), with the reason: never overwritten. */
  unopened(): UnopenedEvent[];
  event(eventId: string): EventInfo | undefined;
  eventByJoinCode(joinCode: string): EventInfo | undefined;
  /** Refused with 'event-exists' when the id is taken (by an open or an unopened event). */
  createEvent(
    event: EventDefinition,
    joinCode: string,
    options?: CreateEventOptions,
  ): Promise<EventInfo>;
  /** The definition's id must stay the event's id. */
  replaceDefinition(eventId: string, change: ReplaceDefinition): Promise<EventInfo>;
  changeState(eventId: string, change: ChangeState): Promise<EventInfo>;
  store(eventId: string, batch: BatchToStore): Promise<BatchOutcome>;
  hasBallot(eventId: string, ballotId: string): boolean;
  /** Every ballot in the tally, voided ones included, each with its void if it has one. */
  ballots(eventId: string): { ballot: Ballot; void: VoidChange | undefined }[];
  /**
   * Voids a ballot with a reason, durable in the tally file before it resolves; the ballot stays.
   * Refused (VoidRefused, void-book.ts) for a ballot not in the tally or voided already, in a
   * draft or once final.
   */
  voidBallot(eventId: string, request: VoidRequest): Promise<VoidChange>;
  /**
   * Withdraws a bid after voting began, with a reason: durable in the tally file before it
   * resolves; every ballot still counts, no pot funds the bid. Refused (WithdrawalRefused,
   * withdrawal-book.ts) in a draft, for a bid the event does not have, or one withdrawn already.
   */
  withdrawBid(eventId: string, request: WithdrawalRequest): Promise<WithdrawalChange>;
  /**
   * Records a station's closing sheet in the tally file (closing-book.ts): durable before it
   * resolves; the same sheet again is `added: false`; throws ClosingRefused otherwise.
   */
  recordClosing(
    eventId: string,
    change: ClosingChange,
  ): Promise<{ added: boolean; held: ClosingChange }>;
  /** Every station's closing sheet, one per station. */
  closings(eventId: string): ClosingChange[];
  /** The central tally file as it stands after the last durable append. */
  tallyFile(eventId: string): Promise<string>;
  /**
   * The same bytes, in pieces read as they are asked for (where the storage allows): a download
   * of 100,000 ballots (32 MB) starts at once instead of after the whole file is read, decoded
   * and encoded again. Appends after the call are not included. An error while reading ends the
   * pieces with it (a download then breaks off, and the client asks again).
   */
  tallyFilePieces(eventId: string): AsyncIterable<Uint8Array>;
  addStation(record: StationRecord): Promise<void>;
  /**
   * Revokes a station of an opened event (a lost tablet), durably: its token is refused from then
   * on, its delivered ballots stay. The record as it now stands (revoked already: unchanged);
   * undefined for a station the event does not have.
   */
  revokeStation(
    eventId: string,
    stationId: string,
    by: { at: string; by: string },
  ): Promise<StationRecord | undefined>;
  /**
   * The station with this token. Its event may be one not opened (`event()` is undefined, the
   * event is in `unopened()`): the station is then told its event is unavailable, not to join
   * again.
   */
  stationByTokenHash(tokenHash: string): StationRecord | undefined;
  stations(eventId: string): StationStatus[];
  /** Each joined station's latest ballots per language (station-book.ts): inclusion report only. */
  stationLanguages(eventId: string): { stationId: string; languages: Record<string, number> }[];
  quarantine(eventId: string): QuarantinedBallot[];
  /** The event's voting codes and the tags its counted ballots used (code-book.ts). */
  codes(eventId: string): { book: CodeBook; used: ReadonlyMap<string, CodeUse> };
  /** Stores a picture (already checked) by the SHA-256 of its bytes; returns that hash. */
  putPicture(bytes: Uint8Array, type: PictureType): Promise<string>;
  /** A stored picture's bytes, or undefined. */
  picture(sha256: string, type: PictureType): Promise<Uint8Array | undefined>;
  hasPicture(sha256: string, type: PictureType): boolean;
  /** Waits for writes in progress, then closes every file. */
  close(): Promise<void>;
}

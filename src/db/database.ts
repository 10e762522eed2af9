/**
 * The station's IndexedDB database, "decision-day". What is stored where:
 * - `events` + `bids`: the event this station runs (first start loads the demo event);
 * - `ballots`: every ballot cast on this tablet — the only copy until it is synced;
 * - `station`: this tablet's name, random station id and the volunteer PIN's salted hash;
 * - `outbox` (v2): the ids of ballots the tally server has not acknowledged yet;
 * - `sync` (v2): the tally server's address and this station's token there;
 * - `pictures` (v3): bid pictures from an event package, shown with no network;
 * - `eventStatus` (v3): per event, the definition's hash, where it came from and its lifecycle state.
 * - `codeLists`, `usedCodes` (v4): voting-code tags to check codes offline, and those used here;
 * - `counters`, `closings` (v4): ballots released by volunteers, and the station's closing sheet;
 * - `paperEntries` (v4): paper ballots being keyed in, before they are agreed and cast;
 * - `registrations` (v4): the registration desk's register; `equalities` (v4): equalities answers.
 * None of the v4 tables holds a ballot id: check-in data is never linked to a ballot.
 * - `carried` (v5): other stations' tally files this station carries on (a courier), kept whole.
 * Only code in src/db touches these tables; the UI calls the repository functions.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { EventState } from '../core/event-lifecycle.ts';
import type { ProblemParams } from '../core/problem.ts';
import type { Ballot, Bid, EventDefinition } from '../core/schema.ts';
import type { CarriedRow } from './carried-repo.ts';
import type { ClosingRow, CounterRow } from './closing-repo.ts';
import type { CodeListRow, UsedCodeRow } from './code-repo.ts';
import type { EqualitiesRow } from './equalities-repo.ts';
import type { PaperEntryRow } from './paper-repo.ts';
import type { RegistrationRow } from './register-repo.ts';
import { SCHEMA_VERSIONS } from './versions.ts';

export const DATABASE_NAME = 'decision-day';

export type EventRow = Omit<EventDefinition, 'bids'>;

export interface BidRow extends Bid {
  eventId: EventDefinition['id'];
  /** The bid's place in the organiser's list; voters see a shuffled order instead. */
  position: number;
}

export interface PinHash {
  algorithm: 'PBKDF2-SHA-256';
  iterations: number;
  /** Base64. */
  salt: string;
  /** Base64. */
  hash: string;
}

export interface StationRow {
  key: 'this';
  /** Random, so a ballot's station id says nothing about where or who. */
  stationId: string;
  name: string;
  eventId: EventDefinition['id'];
  pin: PinHash;
  /** Wrong PIN tries in a row; kept on disk so a reload does not reset the lockout. */
  failedPinAttempts: number;
  /** Epoch ms; PIN entry is refused until then. */
  pinLockedUntil: number;
  /** How long a ballot may sit untouched here, as a volunteer chose; absent (older rows): normal. */
  voterTime?: 'normal' | 'longer' | 'much-longer';
}

/** A ballot not yet acknowledged by the tally server. Deleted once the server has stored it. */
export interface OutboxRow {
  ballotId: Ballot['id'];
  eventId: EventDefinition['id'];
  /**
   * `rejected`: the server kept it apart; shown to the volunteer, never sent again on its own.
   * `rehearsed`: a rehearsal ballot the server has kept in its rehearsal log (never counted); the
   * row stays only to remember that the ballot was a rehearsal, until the event opens.
   */
  state: 'waiting' | 'rejected' | 'rehearsed';
  /** The hash of the definition it was cast on, when the station knew it (v3). */
  eventHash?: string;
  /** Cast while the event was a draft: a rehearsal, never counted, cleared when voting opens. */
  rehearsal?: boolean;
  /** ISO time it was last saved to a file by the volunteer: it may then leave with the tablet. */
  exportedAt?: string;
  /**
   * Why the server kept it apart: a rejection code (core/protocol.ts) and its facts. Rows stored
   * before codes had params may also carry the server's English `message`, never shown.
   */
  rejection?: { code: string; params?: ProblemParams };
}

/** Where this station syncs to. Only there once a volunteer has joined an event. */
export interface SyncRow {
  key: 'this';
  /** Absolute origin of the tally server, e.g. "https://tally.example" (no trailing slash). */
  serverUrl: string;
  /** Bearer secret from the join; lets anyone holding it push ballots as this station. */
  token: string;
  /** The id the server gave this station; ballots keep the station's own random id. */
  serverStationId: string;
  eventId: EventDefinition['id'];
  joinedAt: string;
  /** ISO time of the last push or heartbeat the server acknowledged. */
  lastSyncedAt: string | null;
  /** The server refused the token (401/403): nothing is sent until a volunteer joins again. */
  needsRejoin: boolean;
  /**
   * Why: the organiser removed this tablet from the event (403 station-revoked). Its volunteers
   * are told so; a new join (with the organiser's say-so) clears it.
   */
  revoked?: boolean;
}

/** A bid picture from an event package, served to the voter's screens from the tablet. */
export interface PictureRow {
  /** `api/pictures/<sha256>.<ext>`, as the bids name it. */
  path: string;
  type: 'image/jpeg' | 'image/png' | 'image/webp';
  bytes: Uint8Array;
}

/** Where an event stands, as far as this station knows. */
export interface EventStatusRow {
  eventId: EventDefinition['id'];
  /** sha256 of the canonical definition: the one the tally file pins and ballots are cast on. */
  eventHash: string;
  /** The last state the tally server told this station; null: not heard (loaded from a file). */
  state: EventState | null;
  /** The server's version of the definition, when it said. */
  version: number | null;
  /** `package`: loaded from a file; `join`: from the tally server. */
  source: 'package' | 'join';
  /** How many rehearsal ballots were cleared from this tablet when the event opened. */
  rehearsalsCleared?: number;
}

export class StationDatabase extends Dexie {
  events!: EntityTable<EventRow, 'id'>;
  bids!: Dexie.Table<BidRow, [string, string]>;
  ballots!: EntityTable<Ballot, 'id'>;
  station!: EntityTable<StationRow, 'key'>;
  outbox!: EntityTable<OutboxRow, 'ballotId'>;
  sync!: EntityTable<SyncRow, 'key'>;
  pictures!: EntityTable<PictureRow, 'path'>;
  eventStatus!: EntityTable<EventStatusRow, 'eventId'>;
  codeLists!: EntityTable<CodeListRow, 'eventId'>;
  usedCodes!: Dexie.Table<UsedCodeRow, [string, string]>;
  counters!: Dexie.Table<CounterRow, [string, string]>;
  closings!: EntityTable<ClosingRow, 'eventId'>;
  paperEntries!: EntityTable<PaperEntryRow, 'id'>;
  registrations!: EntityTable<RegistrationRow, 'id'>;
  equalities!: EntityTable<EqualitiesRow, 'id'>;
  carried!: EntityTable<CarriedRow, 'transferId'>;

  constructor(name = DATABASE_NAME) {
    // 'strict' makes Chromium flush each commit to disk before reporting it complete; the
    // default ('relaxed' in recent Chromium) could lose a ballot the voter saw acknowledged
    // if the tablet loses power straight after.
    super(name, { chromeTransactionDurability: 'strict' });
    for (const v of SCHEMA_VERSIONS) {
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
  }
}

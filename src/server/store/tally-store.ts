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
 *
 * A PostgreSQL adapter (not built) would keep the same shape:
 * - tables `event(id, definition jsonb, event_hash, join_code unique)`,
 *   `ballot(event_id, id, canonical text, seq bigserial, primary key (event_id, id))`,
 *   `quarantine(event_id, id, station_id, code, message, raw jsonb)`,
 *   `station(id, event_id, name, token_hash unique, joined_at)` and
 *   `station_activity(station_id, cast_count, last_contact)` + `station_received(station_id, ballot_id)`;
 * - `store` = one transaction: `INSERT … ON CONFLICT (event_id, id) DO NOTHING RETURNING id`, then
 *   compare the canonical text of the ids that were not inserted to tell duplicates from
 *   conflicts; COMMIT is the durability point (synchronous_commit = on) and the response waits
 *   for it;
 * - `tallyFile` rebuilds the file with `writeTallyFile(event, ballots ordered by id)` (the
 *   hash chain is a file property, so a database-backed server exports rather than appends).
 */
import type { QuarantinedBallot, StationStatus } from '../../core/protocol.ts';
import type { Ballot, EventDefinition } from '../../core/schema.ts';
import type { StationRecord } from './station-book.ts';

export interface EventInfo {
  event: EventDefinition;
  eventHash: string;
  joinCode: string;
  /** Ballots in the central tally. */
  ballots: number;
}

export interface BatchToStore {
  /** Validated and canonical (as `validateBallot` returns them). */
  ballots: readonly Ballot[];
  /** Already found invalid: kept apart with their reasons. */
  rejected: readonly QuarantinedBallot[];
  /** Set for a station's push: its reported cast count and what it has now delivered. */
  station: { stationId: string; castCount: number } | null;
}

export interface BatchOutcome {
  /** Ids durable in the tally, new or already there, each once. */
  stored: string[];
  added: number;
  duplicates: number;
  /** The batch's rejected ballots plus any id conflicts found while storing. */
  rejected: QuarantinedBallot[];
  /** The station's distinct delivered ballots, when the batch came from a station. */
  received: number | null;
}

/** Writing failed (disk full, I/O error): nothing in the batch may be reported as stored. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
}

export interface TallyStore {
  events(): EventInfo[];
  /** Events found in storage but not opened (damaged), with the reason: never overwritten. */
  unopened(): { folder: string; reason: string }[];
  event(eventId: string): EventInfo | undefined;
  eventByJoinCode(joinCode: string): EventInfo | undefined;
  createEvent(event: EventDefinition, joinCode: string): Promise<EventInfo>;
  store(eventId: string, batch: BatchToStore): Promise<BatchOutcome>;
  hasBallot(eventId: string, ballotId: string): boolean;
  /** The central tally file as it stands after the last durable append. */
  tallyFile(eventId: string): Promise<string>;
  addStation(record: StationRecord): Promise<void>;
  stationByTokenHash(tokenHash: string): StationRecord | undefined;
  stations(eventId: string): StationStatus[];
  quarantine(eventId: string): QuarantinedBallot[];
  /** Waits for writes in progress, then closes every file. */
  close(): Promise<void>;
}

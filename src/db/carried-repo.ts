/**
 * Other stations' ballots that this station carries on (a courier, docs/camera-transfer.md,
 * "Carrying"). Each transfer received by camera is kept WHOLE, as the other station's own tally
 * file (its own hash chain and seal), keyed by the transfer's id: never split into this station's
 * ballots or outbox, so what reaches the tally server is exactly what the other station made, and
 * its file import's idempotence and refusals apply. Only transfers of this station's own event
 * are kept; the same transfer received twice is kept once. A transfer's file leaves the tablet
 * once the tally server has imported it; its id stays (`delivered`), so the same station shown
 * again later is recognised and nothing is sent twice.
 */
import { problemOf, type Problem, type ProblemParams } from '../core/problem.ts';
import { err, ok, type Result } from '../core/result.ts';
import type { EventDefinition } from '../core/schema.ts';
import type { StationDatabase } from './database.ts';

export interface CarriedRow {
  /** The transfer's id (a hash of its content): the same content is the same row. */
  transferId: string;
  eventId: EventDefinition['id'];
  /** The other station's tally file, exactly as received; empty once delivered. */
  text: string;
  /** How many ballots the file holds. */
  ballots: number;
  /** ISO time it was received here. */
  receivedAt: string;
  /**
   * `waiting`: to deliver at the next sync. `refused`: the tally server refused it for good
   * (a damaged file, another event's, a sealed count); kept to show a volunteer, never sent again.
   * `delivered`: the tally server has it; only the id is kept, to recognise it if shown again.
   */
  state: 'waiting' | 'refused' | 'delivered';
  /** Why the server refused it: its code and facts. */
  refusal?: { code: string; params?: ProblemParams };
  /** ISO time a volunteer last saved it to a file. */
  savedAt?: string;
}

export interface CarriedTransfer {
  transferId: string;
  eventId: EventDefinition['id'];
  text: string;
  ballots: number;
}

/** other-event {event, joined}: the transfer is of `event`, this station runs `joined`. */
export type CarryProblem = Problem<'other-event' | 'no-station'>;

/**
 * Keeps a received transfer to carry on. `added: false`: this transfer was kept already, or
 * already delivered (`delivered: true`); nothing changes. Refused when the station has not been
 * set up or runs another event.
 */
export async function carryTransfer(
  db: StationDatabase,
  transfer: CarriedTransfer,
  now: Date,
): Promise<Result<{ added: boolean; delivered: boolean }, CarryProblem>> {
  return db.transaction('rw', db.station, db.carried, async () => {
    const station = await db.station.get('this');
    if (station === undefined) return err(problemOf('no-station'));
    if (station.eventId !== transfer.eventId) {
      return err(problemOf('other-event', { event: transfer.eventId, joined: station.eventId }));
    }
    const held = await db.carried.get(transfer.transferId);
    if (held !== undefined) return ok({ added: false, delivered: held.state === 'delivered' });
    await db.carried.add({
      transferId: transfer.transferId,
      eventId: transfer.eventId,
      text: transfer.text,
      ballots: transfer.ballots,
      receivedAt: now.toISOString(),
      state: 'waiting',
    });
    return ok({ added: true, delivered: false });
  });
}

/** Every carried transfer of an event still on the tablet (not delivered), oldest first. */
export async function listCarried(
  db: StationDatabase,
  eventId: EventDefinition['id'],
): Promise<CarriedRow[]> {
  const all = await db.carried.where('eventId').equals(eventId).toArray();
  const rows = all.filter((r) => r.state !== 'delivered');
  return rows.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
}

/** The transfers still to deliver to the tally server. */
export async function waitingCarried(
  db: StationDatabase,
  eventId: EventDefinition['id'],
): Promise<CarriedRow[]> {
  return (await listCarried(db, eventId)).filter((r) => r.state === 'waiting');
}

/** The tally server has imported it: the file leaves the tablet, its id stays. */
export async function carriedDelivered(db: StationDatabase, transferId: string): Promise<void> {
  await db.carried.update(transferId, { state: 'delivered', text: '' });
}

/** The tally server refused it for good: kept, shown, never sent again. */
export async function carriedRefused(
  db: StationDatabase,
  transferId: string,
  refusal: { code: string; params?: ProblemParams },
): Promise<void> {
  await db.carried.update(transferId, { state: 'refused', refusal });
}

/** A volunteer saved these transfers to a file. */
export async function markCarriedSaved(
  db: StationDatabase,
  transferIds: readonly string[],
  at: Date,
): Promise<void> {
  const savedAt = at.toISOString();
  await db.carried.where('transferId').anyOf(transferIds).modify({ savedAt });
}

export interface CarriedSummary {
  /** Transfers (one per station and pass) carried. */
  transfers: number;
  ballots: number;
  /** Of them, refused by the tally server. */
  refused: number;
}

export function summariseCarried(rows: readonly CarriedRow[]): CarriedSummary {
  return {
    transfers: rows.length,
    ballots: rows.reduce((sum, r) => sum + r.ballots, 0),
    refused: rows.filter((r) => r.state === 'refused').length,
  };
}

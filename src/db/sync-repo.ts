/**
 * The station's side of syncing, as stored: the outbox (ballots the tally server has not yet
 * acknowledged) and the join settings. Every function is one short transaction, so the sync never
 * holds the ballots table while it waits for the network and a voter can always cast.
 */
import { liveQuery } from 'dexie';
import type { ProblemParams } from '../core/problem.ts';
import type { Ballot, EventDefinition } from '../core/schema.ts';
import type { OutboxRow, StationDatabase, SyncRow } from './database.ts';
import { putEvent } from './event-repo.ts';

export type JoinSettings = Omit<SyncRow, 'key' | 'lastSyncedAt' | 'needsRejoin'>;

export function getSyncSettings(db: StationDatabase): Promise<SyncRow | undefined> {
  return db.sync.get('this');
}

/**
 * Saves a join and makes `event` the station's event, in one transaction. The server's copy of the
 * event replaces the station's even when the id is the same: it is the one ballots are checked
 * against. Ballots already cast (for this or any other event) are left exactly as they are.
 */
export async function saveJoin(
  db: StationDatabase,
  settings: JoinSettings,
  event: EventDefinition,
): Promise<void> {
  await db.transaction('rw', [db.events, db.bids, db.station, db.sync], async () => {
    await putEvent(db, event);
    await db.station.update('this', { eventId: event.id });
    await db.sync.put({ key: 'this', ...settings, lastSyncedAt: null, needsRejoin: false });
  });
}

export async function markNeedsRejoin(db: StationDatabase): Promise<void> {
  await db.sync.update('this', { needsRejoin: true });
}

export async function recordContact(db: StationDatabase, at: Date): Promise<void> {
  await db.sync.update('this', { lastSyncedAt: at.toISOString() });
}

const waiting = (db: StationDatabase, eventId: string) =>
  db.outbox.where('[eventId+state]').equals([eventId, 'waiting']);

export function countWaiting(db: StationDatabase, eventId: EventDefinition['id']): Promise<number> {
  return waiting(db, eventId).count();
}

/**
 * Up to `limit` waiting ballots of one event. Outbox rows whose ballot is gone (which only a bug
 * could cause) are dropped rather than blocking the queue for ever.
 */
export async function waitingBallots(
  db: StationDatabase,
  eventId: EventDefinition['id'],
  limit: number,
): Promise<Ballot[]> {
  const { ids, ballots } = await db.transaction('r', db.outbox, db.ballots, async () => {
    const ids = await waiting(db, eventId).limit(limit).primaryKeys();
    return { ids, ballots: await db.ballots.bulkGet(ids) };
  });
  const orphans = ids.filter((_, i) => ballots[i] === undefined);
  if (orphans.length > 0) {
    console.error('Outbox rows without a ballot, dropped:', orphans);
    await db.outbox.bulkDelete(orphans);
  }
  return ballots.filter((b): b is Ballot => b !== undefined);
}

/**
 * Calls `onSize` with the outbox's size now and after every change to it, from any tab or code
 * path (a ballot cast, a sync acknowledged). Returns a function that stops watching.
 */
export function watchOutboxSize(db: StationDatabase, onSize: (size: number) => void): () => void {
  const subscription = liveQuery(() => db.outbox.count()).subscribe({
    next: onSize,
    error: (cause: unknown) => console.error('Watching the outbox failed', cause),
  });
  return () => subscription.unsubscribe();
}

export interface Acknowledgement {
  /** Durable on the server: leave the outbox. */
  stored: readonly string[];
  /** Kept apart by the server: stay on the station, marked, and are not sent again. */
  rejected: readonly { id: string; code: string; params?: ProblemParams }[];
}

export async function acknowledge(db: StationDatabase, ack: Acknowledgement): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    await db.outbox.bulkDelete([...ack.stored]);
    await db.outbox.bulkUpdate(
      ack.rejected.map(({ id, code, params }) => ({
        key: id,
        changes: { state: 'rejected' as const, rejection: { code, params: params ?? {} } },
      })),
    );
  });
}

export function listRejected(
  db: StationDatabase,
  eventId: EventDefinition['id'],
): Promise<OutboxRow[]> {
  return db.outbox.where('[eventId+state]').equals([eventId, 'rejected']).toArray();
}

export interface EventOnStation {
  id: EventDefinition['id'];
  name: string;
  ballots: number;
}

/** Every event on the station with how many ballots were cast for it here, for exporting. */
export async function eventsOnStation(db: StationDatabase): Promise<EventOnStation[]> {
  return db.transaction('r', db.events, db.ballots, async () => {
    const events = await db.events.toArray();
    return Promise.all(
      events.map(async ({ id, name }) => ({
        id,
        name,
        ballots: await db.ballots.where('eventId').equals(id).count(),
      })),
    );
  });
}

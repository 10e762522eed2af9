/**
 * The station's side of syncing, as stored: the outbox (ballots the tally server has not yet
 * acknowledged) and the join settings. Every function is one short transaction, so the sync never
 * holds the ballots table while it waits for the network and a voter can always cast.
 */
import { liveQuery } from 'dexie';
import type { ProblemParams } from '../core/problem.ts';
import type { Ballot, EventDefinition } from '../core/schema.ts';
import type { OutboxRow, StationDatabase, SyncRow } from './database.ts';
import type { EventState } from '../core/event-lifecycle.ts';
import { ok, type Result } from '../core/result.ts';
import { loadEvent, loadEventTables, type SwitchProblem } from './event-status.ts';

export type JoinSettings = Omit<SyncRow, 'key' | 'lastSyncedAt' | 'needsRejoin' | 'revoked'>;

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
  status: { eventHash: string; state: EventState | null; version: number | null },
): Promise<Result<void, SwitchProblem>> {
  return db.transaction('rw', [db.sync, db.ballots, ...loadEventTables(db)], async () => {
    const loaded = await loadEvent(db, event, { ...status, source: 'join' }, []);
    if (!loaded.ok) return loaded;
    await db.sync.put({ key: 'this', ...settings, lastSyncedAt: null, needsRejoin: false });
    return ok(undefined);
  });
}

/** `revoked`: because the organiser removed this tablet from the event (403 station-revoked). */
export async function markNeedsRejoin(db: StationDatabase, revoked = false): Promise<void> {
  await db.sync.update('this', { needsRejoin: true, ...(revoked && { revoked: true }) });
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
): Promise<WaitingBatch> {
  const { rows, ballots } = await db.transaction('r', db.outbox, db.ballots, async () => {
    const rows = await waiting(db, eventId).limit(limit).toArray();
    return { rows, ballots: await db.ballots.bulkGet(rows.map((r) => r.ballotId)) };
  });
  const orphans = rows.filter((_, i) => ballots[i] === undefined).map((r) => r.ballotId);
  if (orphans.length > 0) {
    console.error('Outbox rows without a ballot, dropped:', orphans);
    await db.outbox.bulkDelete(orphans);
  }
  // One push names one definition: the batch is the ballots cast on the first one's.
  const eventHash = rows[0]?.eventHash;
  const same = rows.flatMap((r, i) => (r.eventHash === eventHash ? [{ r, b: ballots[i] }] : []));
  return {
    ballots: same.flatMap(({ b }) => (b === undefined ? [] : [b])),
    eventHash,
    rehearsal: same.length > 0 && same.every(({ r }) => r.rehearsal === true),
    rehearsals: same.filter(({ r }) => r.rehearsal === true).length,
  };
}

/** Waiting ballots of one event cast on one definition (`eventHash`, when the station knew it). */
export interface WaitingBatch {
  ballots: Ballot[];
  eventHash: string | undefined;
  /** Every one is a rehearsal ballot. */
  rehearsal: boolean;
  /** How many are rehearsal ballots. */
  rehearsals: number;
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
    const rows = await db.outbox.bulkGet([...ack.stored]);
    // A rehearsal's row stays, marked, so the ballot is still known as a rehearsal at opening.
    const rehearsed = rows.filter((r) => r?.rehearsal === true).map((r) => r?.ballotId ?? '');
    const delivered = ack.stored.filter((id) => !rehearsed.includes(id));
    await db.outbox.bulkDelete(delivered);
    await db.outbox.bulkUpdate(
      rehearsed.map((id) => ({ key: id, changes: { state: 'rehearsed' as const } })),
    );
    await db.outbox.bulkUpdate(
      ack.rejected.map(({ id, code, params }) => ({
        key: id,
        changes: { state: 'rejected' as const, rejection: { code, params: params ?? {} } },
      })),
    );
  });
}

/**
 * Rehearsal ballots cast on a draft definition the organiser has since changed: the server refuses
 * them whole (`event-changed`), and they would never count anyway. They stop being sent.
 */
export async function setAsideRehearsals(
  db: StationDatabase,
  ids: readonly string[],
): Promise<void> {
  await db.outbox.bulkUpdate(
    ids.map((id) => ({ key: id, changes: { state: 'rehearsed' as const } })),
  );
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

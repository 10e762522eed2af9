/**
 * Which event the station runs, where it stands, and switching to another one safely.
 *
 * - A station never switches event while ballots of its current event could be lost: ballots not
 *   yet acknowledged by the tally server and not saved to a file refuse the switch
 *   (`unsaved-ballots`). Rehearsal ballots never count, so they never hold a switch back.
 * - What the tally server says of the event's state is kept per event; when the station learns
 *   the event opened, its rehearsal ballots leave the tablet (the server never counts them, and
 *   an exported file must not carry them as real ones).
 */
import type { EventState } from '../core/event-lifecycle.ts';
import { problemOf, type Problem } from '../core/problem.ts';
import { err, ok, type Result } from '../core/result.ts';
import type { EventDefinition } from '../core/schema.ts';
import type { EventStatusRow, PictureRow, StationDatabase } from './database.ts';
import { putEvent } from './event-repo.ts';

/** Params: unsaved-ballots {count, event} (the current event's name). */
export type SwitchProblem = Problem<'unsaved-ballots'>;

export interface SwitchCheck {
  /** The station runs another event now (switching needs the volunteer's confirmation). */
  switching: boolean;
  /** The event the station runs now, and how many ballots were cast for it here. */
  current: { id: string; name: string; ballots: number } | null;
}

export function getEventStatus(
  db: StationDatabase,
  eventId: EventDefinition['id'],
): Promise<EventStatusRow | undefined> {
  return db.eventStatus.get(eventId);
}

/**
 * Ballots of an event that only this tablet holds: not acknowledged by the server, not saved to a
 * file since they were cast, and not rehearsals.
 */
export async function unsavedBallots(
  db: StationDatabase,
  eventId: EventDefinition['id'],
): Promise<number> {
  return db.outbox
    .where('[eventId+state]')
    .equals([eventId, 'waiting'])
    .filter((row) => row.rehearsal !== true && row.exportedAt === undefined)
    .count();
}

/** Whether making `to` the station's event is a switch, and whether it is allowed now. */
export async function checkSwitch(
  db: StationDatabase,
  to: EventDefinition['id'],
): Promise<Result<SwitchCheck, SwitchProblem>> {
  return db.transaction('r', [db.station, db.events, db.outbox, db.ballots], async () => {
    const station = await db.station.get('this');
    const currentId = station?.eventId;
    const current = currentId === undefined ? undefined : await db.events.get(currentId);
    if (current === undefined) return ok({ switching: false, current: null });
    const ballots = await db.ballots.where('eventId').equals(current.id).count();
    const facts = { id: current.id, name: current.name, ballots };
    if (current.id === to) return ok({ switching: false, current: facts });
    const count = await unsavedBallots(db, current.id);
    if (count > 0) return err(problemOf('unsaved-ballots', { count, event: current.name }));
    return ok({ switching: true, current: facts });
  });
}

/**
 * Makes `event` the station's event with its pictures and status, in one transaction that checks
 * again that no ballot would be stranded (a ballot may have been cast since the check shown to the
 * volunteer). Pictures of other events are removed: only the running event's are shown.
 */
export async function loadEvent(
  db: StationDatabase,
  event: EventDefinition,
  status: Omit<EventStatusRow, 'eventId'>,
  pictures: readonly PictureRow[],
): Promise<Result<void, SwitchProblem>> {
  return db.transaction('rw', [...loadEventTables(db), db.ballots], async () => {
    const check = await checkSwitch(db, event.id);
    if (!check.ok) return check;
    await putEvent(db, event);
    if (check.value.switching || pictures.length > 0) {
      await db.pictures.clear();
      await db.pictures.bulkPut([...pictures]);
    }
    const previous = await db.eventStatus.get(event.id);
    await db.eventStatus.put({
      ...status,
      eventId: event.id,
      // A file says nothing about the state: keep what the server said, if the hash is the same.
      state: status.state ?? (previous?.eventHash === status.eventHash ? previous.state : null),
    });
    await db.station.update('this', { eventId: event.id });
    return ok(undefined);
  });
}

/** The tables `loadEvent` writes, for a caller's wider transaction. */
export const loadEventTables = (db: StationDatabase) => [
  db.events,
  db.bids,
  db.station,
  db.outbox,
  db.pictures,
  db.eventStatus,
];

/** The volunteer saved these ballots to a file: they may now leave with the tablet. */
export async function markExported(
  db: StationDatabase,
  ballotIds: readonly string[],
  at: Date,
): Promise<void> {
  const exportedAt = at.toISOString();
  await db.transaction('rw', db.outbox, async () => {
    await db.outbox
      .where('ballotId')
      .anyOf([...ballotIds])
      .modify({ exportedAt });
  });
}

export interface LearntStatus {
  state: EventState;
  eventHash: string;
  version: number;
}

/**
 * What the tally server said of the event at a contact. Once it is no longer a draft, the
 * rehearsal ballots are removed from the tablet (ballots and outbox), and how many is kept for the
 * volunteer. Returns how many were removed now.
 */
export async function learnEventStatus(
  db: StationDatabase,
  eventId: EventDefinition['id'],
  learnt: LearntStatus,
): Promise<{ cleared: number }> {
  return db.transaction('rw', [db.eventStatus, db.outbox, db.ballots], async () => {
    const row = await db.eventStatus.get(eventId);
    // The server's answer is about its definition; the station's may be another (then the
    // volunteer is told to join again), but the state is the event's either way.
    const next: EventStatusRow = {
      eventId,
      eventHash: row?.eventHash ?? learnt.eventHash,
      source: row?.source ?? 'join',
      rehearsalsCleared: row?.rehearsalsCleared,
      state: learnt.state,
      version: learnt.version,
    };
    let cleared = 0;
    if (learnt.state !== 'draft') {
      const rehearsals = await db.outbox
        .filter((r) => r.eventId === eventId && r.rehearsal === true)
        .primaryKeys();
      cleared = rehearsals.length;
      if (cleared > 0) {
        await db.ballots.bulkDelete(rehearsals);
        await db.outbox.bulkDelete(rehearsals);
        next.rehearsalsCleared = (next.rehearsalsCleared ?? 0) + cleared;
      }
    }
    await db.eventStatus.put(next);
    return { cleared };
  });
}

/** Whether the station may offer new ballots for this event (unknown: yes). */
export const offersBallots = (status: EventStatusRow | undefined): boolean =>
  status?.state !== 'closed' && status?.state !== 'final';

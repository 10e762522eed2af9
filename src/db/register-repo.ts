/**
 * The registration desk's register on this device: stored apart from ballots and never linked to
 * one. See docs/check-in.md, "Registration desk".
 *
 * A row is the voter's answers (core/register.ts) plus whether the tally server has it. It holds
 * no ballot id, no voting code and no time finer than the day, so even this tablet, holding both
 * its register and the ballots cast on it, cannot tell whose ballot is whose.
 */
import type { Registration } from '../core/register.ts';
import type { EventDefinition } from '../core/schema.ts';
import type { StationDatabase } from './database.ts';

export interface RegistrationRow extends Registration {
  /** Random. */
  id: string;
  eventId: EventDefinition['id'];
  /** 'sent' once the tally server said the row is durable there. */
  sync: 'waiting' | 'sent';
}

/** Keeps a registration; resolves only once IndexedDB has committed it. */
export async function addRegistration(db: StationDatabase, row: Registration): Promise<void> {
  await db.registrations.add({ ...row, sync: 'waiting' });
}

export interface RegisterCounts {
  total: number;
  waiting: number;
}

export async function countRegistrations(
  db: StationDatabase,
  eventId: EventDefinition['id'],
): Promise<RegisterCounts> {
  const rows = await db.registrations.where('eventId').equals(eventId).toArray();
  return { total: rows.length, waiting: rows.filter((r) => r.sync === 'waiting').length };
}

/** Up to `limit` rows the tally server does not have yet, as sent (without the sync flag). */
export async function waitingRegistrations(
  db: StationDatabase,
  eventId: EventDefinition['id'],
  limit: number,
): Promise<Registration[]> {
  const rows = await db.registrations
    .where('eventId')
    .equals(eventId)
    .filter((r) => r.sync === 'waiting')
    .limit(limit)
    .toArray();
  return rows.map(({ sync: _sync, ...registration }) => registration);
}

/** The server has these rows durably: they are not sent again. */
export async function markRegistrationsSent(
  db: StationDatabase,
  ids: readonly string[],
): Promise<void> {
  await db.transaction('rw', db.registrations, async () => {
    for (const id of ids) await db.registrations.update(id, { sync: 'sent' });
  });
}

/** The organiser deleted the event's register: this tablet's copy goes too. */
export async function deleteRegister(
  db: StationDatabase,
  eventId: EventDefinition['id'],
): Promise<number> {
  return db.registrations.where('eventId').equals(eventId).delete();
}

/** Every row of the event, for the register file carried by hand (no network). */
export async function listRegistrations(
  db: StationDatabase,
  eventId: EventDefinition['id'],
): Promise<Registration[]> {
  const rows = await db.registrations.where('eventId').equals(eventId).toArray();
  return rows.map(({ sync: _sync, ...registration }) => registration);
}

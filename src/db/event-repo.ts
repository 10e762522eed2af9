/** Reading and replacing the event a station runs. An event is stored as one row plus its bids. */
import type { EventDefinition } from '../core/schema.ts';
import type { BidRow, StationDatabase } from './database.ts';

/** Replaces an event and all its bids in one transaction, so no one sees half an event. */
export async function putEvent(db: StationDatabase, event: EventDefinition): Promise<void> {
  const { bids, ...row } = event;
  const bidRows: BidRow[] = bids.map((bid, position) => ({ ...bid, eventId: event.id, position }));
  await db.transaction('rw', db.events, db.bids, async () => {
    await db.bids.where('eventId').equals(event.id).delete();
    await db.events.put(row);
    await db.bids.bulkPut(bidRows);
  });
}

export async function getEvent(
  db: StationDatabase,
  eventId: EventDefinition['id'],
): Promise<EventDefinition | undefined> {
  return db.transaction('r', db.events, db.bids, async () => {
    const row = await db.events.get(eventId);
    if (!row) return undefined;
    const bidRows = await db.bids.where('eventId').equals(eventId).sortBy('position');
    const bids = bidRows.map(({ eventId: _event, position: _position, ...bid }) => bid);
    return { ...row, bids };
  });
}

/**
 * On first start the station has no event yet: load the demo so it can be tried at once.
 * Returns the id of an event now on the station (the existing one if there was one).
 */
export async function ensureEventLoaded(
  db: StationDatabase,
  initial?: EventDefinition,
): Promise<EventDefinition['id']> {
  const existing = await db.events.toCollection().first();
  if (existing) return existing.id;
  // Only a brand-new station needs the demo: loaded on demand, it stays out of the voter's bundle.
  initial ??= await demoEvent();
  await putEvent(db, initial);
  return initial.id;
}

/**
 * Volunteer's "reset the demo": removes every ballot and every event, then loads the demo event.
 * One transaction: a crash half-way leaves the station as it was, never with half a reset.
 * The station's name, id and PIN stay.
 */
export async function resetDemo(db: StationDatabase, demo?: EventDefinition): Promise<void> {
  demo ??= await demoEvent();
  await db.transaction('rw', [db.events, db.bids, db.ballots, db.outbox, db.station], async () => {
    await db.ballots.clear();
    await db.outbox.clear();
    await db.bids.clear();
    await db.events.clear();
    await putEvent(db, demo);
    await db.station.update('this', { eventId: demo.id });
  });
}

async function demoEvent(): Promise<EventDefinition> {
  return (await import('../core/demo-event.ts')).DEMO_EVENT;
}

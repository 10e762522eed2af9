/**
 * The two facts the voter's first screen reads about attended start and closing (docs/check-in.md),
 * apart from closing-repo.ts so that the rest (releasing, counting, closing) stays out of the
 * voter's first download and loads only when used.
 */
import type { StationDatabase } from './database.ts';

/** Whether this station has closed for the event (its closing sheet is stored). */
export async function isStationClosed(db: StationDatabase, eventId: string): Promise<boolean> {
  return (await db.closings.get(eventId)) !== undefined;
}

/** Whether a released ballot waits for its voter to press Start (attended start). */
export async function releaseWaiting(db: StationDatabase, eventId: string): Promise<boolean> {
  return ((await db.counters.get([eventId, 'ready']))?.value ?? 0) > 0;
}

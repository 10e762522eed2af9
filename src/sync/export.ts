/**
 * With no network at all, a station's ballots travel as a tally file on a USB stick or by e-mail.
 * The file is the canonical tally file (sorted by id, hash-chained, sealed), so importing it twice,
 * or importing it after the same ballots were synced, adds nothing twice.
 */
import { problemOf, type Problem } from '../core/problem.ts';
import { err, ok, type Result } from '../core/result.ts';
import type { EventDefinition } from '../core/schema.ts';
// write.ts directly: the export needs no zod.
import { writeTallyFile } from '../core/tally-file/write.ts';
import { listBallots } from '../db/ballot-repo.ts';
import type { StationDatabase } from '../db/database.ts';
import { getEvent } from '../db/event-repo.ts';
import { getStation } from '../db/station-repo.ts';
import { getClosing } from '../db/closing-repo.ts';

export const TALLY_FILE_EXTENSION = '.ddtally';
export const TALLY_FILE_MIME = 'application/x-ndjson';

export interface StationExport {
  filename: string;
  text: string;
  ballots: number;
  /** The ballots in the file: once it is saved they may leave with the tablet. */
  ballotIds?: readonly string[];
}

/** Params: no-event {event} (its id); no-ballots {eventName}. */
export type ExportProblem = Problem<'no-event' | 'no-ballots'>;
export const EXPORT_PROBLEM_CODES = ['no-event', 'no-ballots'] as const;

export async function exportStationBallots(
  db: StationDatabase,
  eventId: EventDefinition['id'],
  now: Date,
  /** Only these ballots (the camera's "not yet confirmed"); all of the event's when absent. */
  only?: readonly string[],
): Promise<Result<StationExport, ExportProblem>> {
  const [event, all, station, closing] = await Promise.all([
    getEvent(db, eventId),
    listBallots(db, eventId),
    getStation(db),
    getClosing(db, eventId),
  ]);
  const chosen = only === undefined ? null : new Set(only);
  const ballots = chosen === null ? all : all.filter((b) => chosen.has(b.id));
  if (!event) {
    return err(problemOf('no-event', { event: eventId }));
  }
  // A closed station's file carries its closing sheet, even with no ballot to go with it.
  if (ballots.length === 0 && closing === undefined) {
    return err(problemOf('no-ballots', { eventName: event.name }));
  }
  return ok({
    filename: exportFileName(event.id, station?.name ?? '', now),
    text: writeTallyFile(
      event,
      ballots,
      [],
      closing === undefined ? [] : [{ sheet: closing.sheet }],
    ),
    ballots: ballots.length,
    ballotIds: ballots.map((b) => b.id),
  });
}

/** "burnfoot-2026-demo-station-hall-1-2026-06-13.ddtally": safe on every file system. */
export function exportFileName(eventId: string, stationName: string, now: Date): string {
  const station = slug(stationName) || 'unnamed';
  // The tablet's local date: the day the volunteer sees on the clock.
  const day = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
    .map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0'))
    .join('-');
  return `${slug(eventId)}-station-${station}-${day}${TALLY_FILE_EXTENSION}`;
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
}

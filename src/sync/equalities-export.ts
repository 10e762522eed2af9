/**
 * With no network at all, a station's equalities answers travel as a file of their own
 * (`.ddequalities`), never inside the ballots' tally file (docs/sync-protocol.md, "Equalities
 * answers"). The file holds the very batches a sync would push — shuffled answers under random
 * batch ids, nothing else: no row id, no station, no time — so the organiser importing it twice,
 * or after the station synced after all, stores nothing twice. The answers stay on the tablet
 * until the tally server says it holds them.
 */
import { EQUALITIES_FILE_FORMAT, type EqualitiesFile } from '../core/equalities-protocol.ts';
import { problemOf, type Problem } from '../core/problem.ts';
import { err, ok, type Result } from '../core/result.ts';
import type { EventDefinition } from '../core/schema.ts';
import type { StationDatabase } from '../db/database.ts';
import { batchAllEqualities } from '../db/equalities-repo.ts';
import { exportFileName, TALLY_FILE_EXTENSION } from './export.ts';

export const EQUALITIES_FILE_EXTENSION = '.ddequalities';
export const EQUALITIES_FILE_MIME = 'application/json';

export interface EqualitiesExport {
  filename: string;
  text: string;
  /** How many people's answers the file holds. */
  answers: number;
}

/** Params: no-equalities {} (no answers wait on this tablet for the event). */
export type EqualitiesExportProblem = Problem<'no-equalities'>;

export async function exportEqualities(
  db: StationDatabase,
  eventId: EventDefinition['id'],
  now: Date,
): Promise<Result<EqualitiesExport, EqualitiesExportProblem>> {
  const batches = await batchAllEqualities(db, eventId);
  if (batches.length === 0) return err(problemOf('no-equalities'));
  const file: EqualitiesFile = { format: EQUALITIES_FILE_FORMAT, version: 1, eventId, batches };
  // Named by the event and the day only: the station's name is not in it, nor in the file.
  const name = exportFileName(eventId, 'x', now)
    .slice(0, -TALLY_FILE_EXTENSION.length)
    .replace(/-station-x-(?=\d{4}-\d{2}-\d{2}$)/, '-equalities-');
  return ok({
    filename: `${name}${EQUALITIES_FILE_EXTENSION}`,
    text: `${JSON.stringify(file)}\n`,
    answers: batches.reduce((n, b) => n + b.answers.length, 0),
  });
}

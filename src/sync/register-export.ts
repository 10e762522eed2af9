/**
 * With no network at all, a desk's register travels as a file of its own (`.ddregister`), never
 * inside the ballots' tally file: the organiser imports it on the Register screen, and importing
 * it twice, or after the rows were synced, adds nothing twice (rows are kept by id).
 */
import { REGISTER_FILE_FORMAT, type RegisterFile } from '../core/protocol.ts';
import { problemOf, type Problem } from '../core/problem.ts';
import { err, ok, type Result } from '../core/result.ts';
import type { EventDefinition } from '../core/schema.ts';
import type { StationDatabase } from '../db/database.ts';
import { listRegistrations } from '../db/register-repo.ts';
import { getStation } from '../db/station-repo.ts';
import { exportFileName, TALLY_FILE_EXTENSION } from './export.ts';

export const REGISTER_FILE_EXTENSION = '.ddregister';
export const REGISTER_FILE_MIME = 'application/json';

export interface RegisterExport {
  filename: string;
  text: string;
  rows: number;
}

/** Params: empty-register {} (nothing registered on this tablet for the event). */
export type RegisterExportProblem = Problem<'empty-register'>;

export async function exportRegister(
  db: StationDatabase,
  eventId: EventDefinition['id'],
  now: Date,
): Promise<Result<RegisterExport, RegisterExportProblem>> {
  const [rows, station] = await Promise.all([listRegistrations(db, eventId), getStation(db)]);
  if (rows.length === 0) return err(problemOf('empty-register'));
  const desk = station?.name.trim() || 'desk';
  const file: RegisterFile = { format: REGISTER_FILE_FORMAT, version: 1, eventId, desk, rows };
  const tallyName = exportFileName(eventId, desk, now);
  return ok({
    filename: `${tallyName.slice(0, -TALLY_FILE_EXTENSION.length)}-register${REGISTER_FILE_EXTENSION}`,
    text: `${JSON.stringify(file)}\n`,
    rows: rows.length,
  });
}

/**
 * A courier station's carried transfers, saved as files (docs/camera-transfer.md, "Carrying"):
 * each one its own file, the other station's tally file exactly as received, so the organiser's
 * import checks its own hash chain and adds nothing twice (the same file imported again, or
 * after a sync delivered it, adds nothing).
 */
import type { CarriedRow } from '../db/carried-repo.ts';
import { exportFileName, type StationExport } from './export.ts';

/** "burnfoot-2026-demo-station-carried-1a2b3c4d-2026-06-13.ddtally": one file per transfer. */
export function carriedFile(row: CarriedRow, now: Date): StationExport {
  return {
    filename: exportFileName(row.eventId, `carried ${row.transferId.slice(0, 8)}`, now),
    text: row.text,
    ballots: row.ballots,
  };
}

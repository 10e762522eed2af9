/**
 * The tally file's closing record: `{ type: "closing", sheet, receivedAt?, joined? }`, hash-chained
 * like every record and followed by a seal. It keeps a station's closing sheet (core/closing.ts:
 * its counts at the end of the day, the volunteer's note, the tablet's time) in the audit file
 * beside the ballots it describes. See docs/tally-file.md and docs/check-in.md.
 *
 * - `sheet`: what the station's volunteer closed with, exactly as the station sent it;
 * - `receivedAt`: the tally server's own time when it took the sheet in (a tablet's clock may be
 *   wrong; both are kept). Absent in a station's own export file;
 * - `joined`: the server's id of the station that pushed it (absent when it came in a file).
 *
 * One closing per station (by `sheet.station`, the id its ballots carry): a second one is a file
 * edited by hand. Never in a draft's file (a rehearsal's closing is not part of the record).
 *
 * Writing needs no zod (like write.ts), so a station can export its sheet.
 */
import { checkClosingSheet, type ClosingSheet } from '../closing.ts';
import type { EventState } from '../event-lifecycle.ts';
import { sha256Hex } from '../hash.ts';
import { err, ok, type Result } from '../result.ts';
import { appendSealed, type ChainHead, type Sha256, type TallyFileProblem } from './format.ts';

export type ClosingChange = {
  sheet: ClosingSheet;
  receivedAt?: string;
  joined?: string;
};

export type ClosingRecord = { type: 'closing' } & ClosingChange;

/** The lines for some closings, then a seal (so the file stays complete after them). */
export function appendClosings(
  head: ChainHead,
  closings: readonly ClosingChange[],
  sha256: Sha256 = sha256Hex,
): { text: string; head: ChainHead } {
  return appendSealed(
    head,
    closings.map((c) => ({
      type: 'closing',
      sheet: c.sheet,
      receivedAt: c.receivedAt,
      joined: c.joined,
    })),
    sha256,
  );
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const KEYS = new Set(['type', 'sheet', 'receivedAt', 'joined', 'hash']);

const bad = (
  line: number,
  params: Record<string, string | number>,
): Result<never, TallyFileProblem> =>
  err({ code: 'bad-closing', line, params: { line, ...params } });

/**
 * A closing record read from line `line` (already chain-checked), in `state`, given the line of
 * each station's closing so far.
 */
export function readClosingRecord(
  record: { [key: string]: unknown },
  line: number,
  state: EventState | null,
  seen: ReadonlyMap<string, number>,
): Result<ClosingRecord, TallyFileProblem> {
  const { sheet, receivedAt, joined } = record;
  if (
    !Object.keys(record).every((k) => KEYS.has(k)) ||
    !checkClosingSheet(sheet) ||
    (receivedAt !== undefined && (typeof receivedAt !== 'string' || !ISO_TIME.test(receivedAt))) ||
    (joined !== undefined && (typeof joined !== 'string' || !ID.test(joined)))
  ) {
    return bad(line, { kind: 'malformed' });
  }
  if (state === 'draft') return bad(line, { kind: 'state', state });
  const first = seen.get(sheet.station);
  if (first !== undefined) return bad(line, { kind: 'duplicate', station: sheet.station, first });
  return ok({
    type: 'closing',
    sheet,
    ...(receivedAt === undefined ? {} : { receivedAt }),
    ...(joined === undefined ? {} : { joined }),
  });
}

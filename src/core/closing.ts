/**
 * A station's closing sheet (docs/check-in.md, "Closing a station"): the counts a volunteer reads
 * at the end of the day, what they wrote about any difference, and when (by the tablet's clock).
 * Pure and without zod, so the station's export can carry it; the server checks it with
 * `closingSheetSchema` (core/protocol.ts) and the tally-file reader with `checkClosingSheet`.
 */

/** Longest note a volunteer may write on a closing sheet. */
export const CLOSING_NOTE_MAX = 1000;
/** Longest station name (as set up on the tablet, plus room for older data). */
export const CLOSING_NAME_MAX = 80;

// A type alias, not an interface: only these are assignable to `Json` for hashing.
export type ClosingSheet = {
  /** The station's own random id: the `stationId` its ballots carry. */
  station: string;
  stationName: string;
  /** ISO time the volunteer closed the station, by the tablet's clock (which may be wrong). */
  closedAt: string;
  /** Attended start: ballots a volunteer released, and of those, ones never cast. */
  released?: number;
  unused?: number;
  /** Voters the registration desk on this tablet registered. */
  checkIns?: number;
  /** Voting codes used on this tablet. */
  codesUsed: number;
  /** Ballots cast on the screen, and paper ballots keyed in. */
  screenBallots: number;
  paperBallots: number;
  /** Ballots the tally server had acknowledged when the station closed, and still waiting. */
  synced: number;
  waiting: number;
  /** Why the counts differ, in the volunteer's words (needed when they do). */
  note?: string;
  /** SHA-256 of a photo of the paper tally sheet, stored like bid pictures. */
  photo?: string;
  /**
   * Screen ballots cast in each language (language tag → count), for the inclusion report: the
   * station counts them apart from the ballots, which never carry the language.
   */
  languages?: Record<string, number>;
};

/** Most languages a sheet or a push counts (an event offers at most 20). */
export const MAX_COUNTED_LANGUAGES = 20;
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** Whether `value` is a count of ballots per language tag (the reader's check, no zod). */
export function checkLanguageCounts(value: unknown): value is Record<string, number> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length <= MAX_COUNTED_LANGUAGES &&
    entries.every(
      ([tag, n]) =>
        LANGUAGE_TAG.test(tag) && typeof n === 'number' && Number.isSafeInteger(n) && n >= 0,
    )
  );
}

/** Which counts disagree: each needs the volunteer's note before the station may close. */
export type ClosingMismatch =
  | { kind: 'released'; expected: number; ballots: number }
  | { kind: 'codes'; expected: number; ballots: number };

/**
 * Released minus unused should be the screen ballots (attended start); codes used should be the
 * screen ballots (each code opens one). Paper ballots take neither, so they are left out.
 */
export function closingMismatches(
  sheet: Pick<ClosingSheet, 'released' | 'unused' | 'codesUsed' | 'screenBallots'>,
  options: { codes: boolean },
): ClosingMismatch[] {
  const out: ClosingMismatch[] = [];
  if (sheet.released !== undefined) {
    const expected = sheet.released - (sheet.unused ?? 0);
    if (expected !== sheet.screenBallots) {
      out.push({ kind: 'released', expected, ballots: sheet.screenBallots });
    }
  }
  if (options.codes && sheet.codesUsed !== sheet.screenBallots) {
    out.push({ kind: 'codes', expected: sheet.codesUsed, ballots: sheet.screenBallots });
  }
  return out;
}

const COUNT_KEYS = [
  'released',
  'unused',
  'checkIns',
  'codesUsed',
  'screenBallots',
  'paperBallots',
  'synced',
  'waiting',
] as const;
const REQUIRED = ['station', 'stationName', 'closedAt', 'codesUsed', 'screenBallots'] as const;
const ALLOWED = new Set<string>([...REQUIRED, ...COUNT_KEYS, 'note', 'photo', 'languages']);
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** Whether `value` is exactly a closing sheet (no other fields): the reader's check, no zod. */
export function checkClosingSheet(value: unknown): value is ClosingSheet {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const sheet = value as Record<string, unknown>;
  if (!Object.keys(sheet).every((k) => ALLOWED.has(k))) return false;
  if (!REQUIRED.every((k) => k in sheet) || !('paperBallots' in sheet)) return false;
  if (!('synced' in sheet) || !('waiting' in sheet)) return false;
  const { station, stationName, closedAt, note, photo } = sheet;
  if (typeof station !== 'string' || !ID.test(station)) return false;
  if (typeof stationName !== 'string' || stationName.length > CLOSING_NAME_MAX) return false;
  if (typeof closedAt !== 'string' || !ISO_TIME.test(closedAt)) return false;
  if (note !== undefined && (typeof note !== 'string' || note.length > CLOSING_NOTE_MAX)) {
    return false;
  }
  if (photo !== undefined && (typeof photo !== 'string' || !SHA256.test(photo))) return false;
  if (sheet['languages'] !== undefined && !checkLanguageCounts(sheet['languages'])) return false;
  return COUNT_KEYS.every((k) => {
    const n = sheet[k];
    return n === undefined || (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0);
  });
}

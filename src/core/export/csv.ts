/**
 * CSV for spreadsheets, safe to open: a cell that starts with = + - @, tab or CR is prefixed with
 * an apostrophe so a spreadsheet shows it as text instead of running it as a formula (OWASP "CSV
 * injection"). A bid title comes from the public, so it is untrusted.
 */
import Papa from 'papaparse';

export type Cell = string | number;

/**
 * papaparse's own `escapeFormulae: true` pattern ends in `.*$`, which does not match a cell with a
 * line break in it ("=HYPERLINK(…)\nx" slips through); this one only looks at the first character.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180 CSV (CRLF line ends, quotes where needed) with the header row first. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return Papa.unparse(
    { fields: [...header], data: rows.map((row) => [...row]) },
    { escapeFormulae: FORMULA_START, newline: '\r\n', quotes: false },
  );
}

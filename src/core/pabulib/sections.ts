/**
 * Splits a .pb file into its META, PROJECTS and VOTES sections: `;`-separated rows with standard
 * CSV quoting, each section a name line, a header line, then rows. Real files bring a BOM, CRLF,
 * blank lines and lower-case section names; all are accepted here so the readers above see clean
 * rows, each with the line it came from.
 */
import Papa from 'papaparse';
import { err, ok, type Result } from '../result.ts';
import type { PabulibProblem } from './types.ts';

export type SectionName = 'META' | 'PROJECTS' | 'VOTES';

export interface Row {
  line: number;
  cells: string[];
}

/**
 * A section's rows are kept as where they lie in the text (a city's VOTES section has a hundred
 * thousand): `rows` makes their cells on first use, and the votes reader reads the text itself.
 */
export class Section {
  /** Column names, trimmed and lower-cased. */
  header: string[] = [];
  /** Per row: its line number, and where it starts and ends in `text`. */
  readonly lines: number[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  /** The cells of the rows that hold quotes, by row index, read (and checked) already. */
  readonly quoted = new Map<number, string[]>();
  #rows: Row[] | undefined;

  constructor(
    readonly text: string,
    public headerLine: number,
  ) {}

  get size(): number {
    return this.lines.length;
  }

  /** Row `i`'s cells, trimmed. */
  cells(i: number): string[] {
    return this.quoted.get(i) ?? trimAll(this.text.slice(this.starts[i], this.ends[i]).split(';'));
  }

  get rows(): Row[] {
    this.#rows ??= this.lines.map((line, i) => ({ line, cells: this.cells(i) }));
    return this.#rows;
  }
}

export const emptySection = (): Section => new Section('', 0);

const NAMES = new Set<string>(['META', 'PROJECTS', 'VOTES']);

function trimAll(cells: string[]): string[] {
  for (let i = 0; i < cells.length; i++) cells[i] = (cells[i] as string).trim();
  return cells;
}

/** A row's cells, trimmed; undefined when its quoting is broken. */
function splitRow(text: string): string[] | undefined {
  const cells = text.includes('"') ? quotedCells(text) : text.split(';');
  return cells === undefined ? undefined : trimAll(cells);
}

function quotedCells(text: string): string[] | undefined {
  const parsed = Papa.parse<string[]>(text, { delimiter: ';' });
  const row = parsed.data[0];
  return parsed.errors.length > 0 ? undefined : row;
}

/** Where `search` next occurs at or after `from`, or past the end: for cursors that move on. */
const next = (text: string, search: string, from: number): number => {
  const at = text.indexOf(search, from);
  return at === -1 ? text.length : at;
};

/**
 * Written for speed as well as clarity: each line is found with indexOf (lines end at LF, CR or
 * CRLF), and a row is only noted where it lies; nothing is made per line but for the few lines
 * without a `;` (names, blanks) and rows with quotes, which are read (and checked) here.
 */
export function readSections(text: string): Result<Map<SectionName, Section>, PabulibProblem> {
  const sections = new Map<SectionName, Section>();
  const length = text.length;
  let current: Section | undefined;
  let expectHeader = false;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let nl = -1;
  let cr = -1;
  let semi = -1;
  let quote = -1;
  for (let line = 1; ; line++) {
    if (nl < pos) nl = next(text, '\n', pos);
    if (cr < pos) cr = next(text, '\r', pos);
    if (semi < pos) semi = next(text, ';', pos);
    if (quote < pos) quote = next(text, '"', pos);
    const end = nl < cr ? nl : cr;
    const from = pos;
    pos = end + (end === cr && cr + 1 === nl ? 2 : 1);
    const hasQuote = quote < end;
    let raw: string | undefined;
    if (semi >= end) {
      // No `;`: a section's name, a blank line, or a row of one cell.
      raw = text.slice(from, end);
      const name = raw.trim().toUpperCase();
      if (NAMES.has(name)) {
        if (sections.has(name as SectionName)) {
          return err({
            code: 'bad-row',
            line,
            params: { line, kind: 'second-section', section: name },
          });
        }
        current = new Section(text, line);
        sections.set(name as SectionName, current);
        expectHeader = true;
        if (end >= length) break;
        continue;
      }
      if (name === '') {
        if (end >= length) break;
        continue;
      }
    }
    if (current === undefined) {
      return err({ code: 'missing-section', line, params: { line, kind: 'before-any' } });
    }
    if (expectHeader || hasQuote) {
      const cells = splitRow(raw ?? text.slice(from, end));
      if (cells === undefined) {
        return err({ code: 'bad-row', line, params: { line, kind: 'quote' } });
      }
      if (expectHeader) {
        current.header = cells.map((c) => c.toLowerCase());
        current.headerLine = line;
        expectHeader = false;
        if (end >= length) break;
        continue;
      }
      current.quoted.set(current.lines.length, cells);
    }
    current.lines.push(line);
    current.starts.push(from);
    current.ends.push(end);
    if (end >= length) break;
  }
  if (sections.size === 0) {
    return err({ code: 'empty', params: {} });
  }
  for (const name of ['META', 'PROJECTS', 'VOTES'] as const) {
    if (!sections.has(name)) {
      return err({ code: 'missing-section', params: { kind: 'missing', section: name } });
    }
  }
  return ok(sections);
}

/** Reads a column by name from a row; missing cells and the literal `None` read as ''. */
export function cellReader(section: Section) {
  const at = new Map(section.header.map((name, i) => [name, i]));
  return {
    has: (name: string) => at.has(name),
    get(row: Row, name: string): string {
      const i = at.get(name);
      const value = i === undefined ? '' : (row.cells[i] ?? '');
      return value === 'None' ? '' : value;
    },
  };
}

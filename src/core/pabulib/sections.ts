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

export interface Section {
  /** Column names, trimmed and lower-cased. */
  header: string[];
  headerLine: number;
  rows: Row[];
}

const NAMES = new Set<string>(['META', 'PROJECTS', 'VOTES']);

/** A row's cells, trimmed; undefined when its quoting is broken. */
function splitRow(text: string): string[] | undefined {
  // Most rows have no quotes; splitting them directly keeps big files fast.
  const cells = text.includes('"') ? quotedCells(text) : text.split(';');
  if (cells === undefined) return undefined;
  for (let i = 0; i < cells.length; i++) cells[i] = (cells[i] as string).trim();
  return cells;
}

function quotedCells(text: string): string[] | undefined {
  const parsed = Papa.parse<string[]>(text, { delimiter: ';' });
  const row = parsed.data[0];
  return parsed.errors.length > 0 ? undefined : row;
}

/** A section's name when the line is one (any case, blanks around), else undefined. */
function sectionName(raw: string): SectionName | undefined {
  // Cheap test first: a big file's lines are nearly all rows, and rows hold `;`.
  if (raw.includes(';')) return undefined;
  const name = raw.trim().toUpperCase();
  return NAMES.has(name) ? (name as SectionName) : undefined;
}

/**
 * Written for speed as well as clarity: a city's file has a hundred thousand vote rows, so each
 * line is looked at once, and no object is made per line beyond its row.
 */
export function readSections(text: string): Result<Map<SectionName, Section>, PabulibProblem> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
  const sections = new Map<SectionName, Section>();
  let current: Section | undefined;
  let expectHeader = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const line = i + 1;
    const name = sectionName(raw);
    if (name !== undefined) {
      if (sections.has(name)) {
        return err({
          code: 'bad-row',
          line,
          params: { line, kind: 'second-section', section: name },
        });
      }
      current = { header: [], headerLine: line, rows: [] };
      sections.set(name, current);
      expectHeader = true;
      continue;
    }
    if (raw.trim() === '') continue;
    if (current === undefined) {
      return err({ code: 'missing-section', line, params: { line, kind: 'before-any' } });
    }
    const cells = splitRow(raw);
    if (cells === undefined) return err({ code: 'bad-row', line, params: { line, kind: 'quote' } });
    if (expectHeader) {
      current.header = cells.map((c) => c.toLowerCase());
      current.headerLine = line;
      expectHeader = false;
    } else {
      current.rows.push({ line, cells });
    }
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

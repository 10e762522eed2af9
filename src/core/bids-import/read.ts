/**
 * Reads a file of bids into a header and rows, whatever it is: CSV (any of `,` `;` tab `|`, with a
 * BOM, CRLF, quoted separators and line breaks, UTF-8 or UTF-16 or an old Windows encoding), an
 * Excel workbook (.xlsx, recognised by its zip signature, never by its name), or a Pabulib .pb
 * file. Nothing is evaluated: a workbook's formula cell gives the result Excel saved with it, and
 * a CSV cell that is a formula stays text for the row checks to refuse.
 * The header is the first of the first ten non-empty rows that names bid fields, so a title line
 * above it is fine; blank rows are dropped everywhere but keep their row numbers.
 */
import Papa from 'papaparse';
import { readSections } from '../pabulib/sections.ts';
import { err, ok, type Result } from '../result.ts';
import { looksLikeHeader } from './columns.ts';
import {
  declaredSize,
  inflatesAsDeclared,
  MAX_XLSX_UNZIPPED_BYTES,
  zipEntries,
} from './zip-size.ts';
import type {
  BidsFileInput,
  Cell,
  ImportProblem,
  ReadOptions,
  Sheet,
  SheetFormat,
  SheetRow,
} from './types.ts';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_ROWS = 5000;
const HEADER_SEARCH_ROWS = 10;

type ReadResult = Result<Sheet, ImportProblem>;

const fatal = (code: ImportProblem['code'], params: ImportProblem['params'] = {}): ReadResult =>
  err({ code, severity: 'error', params });

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) =>
  signature.every((b, i) => bytes[at + i] === b);

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** PDF, PNG, JPEG, GIF, gzip: files people pick by mistake. */
const NOT_TEXT = [
  ascii('%PDF'),
  [0x89, 0x50, 0x4e, 0x47],
  [0xff, 0xd8, 0xff],
  ascii('GIF8'),
  [0x1f, 0x8b],
];

export async function readBidsFile(
  input: BidsFileInput,
  options: ReadOptions = {},
): Promise<ReadResult> {
  const fileName = input.fileName;
  const named = fileName === undefined ? {} : { fileName };
  let text: string;
  const problems: ImportProblem[] = [];
  if ('bytes' in input) {
    const bytes = input.bytes;
    if (bytes.length > MAX_FILE_BYTES) {
      return fatal('file-too-large', { bytes: bytes.length, max: MAX_FILE_BYTES });
    }
    if (bytes.length === 0) return fatal('file-empty');
    if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
      // An OpenDocument file stores its type uncompressed as the zip's first entry.
      if (startsWith(bytes, ascii('mimetype'), 30)) {
        const head = new TextDecoder('latin1').decode(bytes.subarray(38, 120));
        if (head.includes('opendocument')) return fatal('file-is-ods');
      }
      return readWorkbook(bytes, named, options);
    }
    if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
      return fatal('file-is-xls');
    }
    if (NOT_TEXT.some((signature) => startsWith(bytes, signature))) {
      return fatal('file-not-spreadsheet');
    }
    const decoded = decode(bytes);
    text = decoded.text;
    if (decoded.guessed) {
      problems.push({
        code: 'encoding-guessed',
        severity: 'warning',
        params: { encoding: decoded.guessed },
      });
    }
    // Text never holds NUL: this is some other binary file.
    if (text.slice(0, 65536).includes('\u0000')) return fatal('file-not-spreadsheet');
  } else {
    text = input.text;
    if (text.length > MAX_FILE_BYTES || new TextEncoder().encode(text).length > MAX_FILE_BYTES) {
      return fatal('file-too-large', {
        bytes: new TextEncoder().encode(text).length,
        max: MAX_FILE_BYTES,
      });
    }
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') return fatal('file-empty');
  if (isPabulib(fileName, text)) return readPabulibSheet(text, named);
  return readCsv(text, named, problems);
}

function decode(bytes: Uint8Array): { text: string; guessed?: string } {
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes) };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(bytes) };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // Excel's "CSV" on Windows writes the ANSI code page: £ is the byte A3.
    return { text: new TextDecoder('windows-1252').decode(bytes), guessed: 'windows-1252' };
  }
}

function isPabulib(fileName: string | undefined, text: string): boolean {
  if (fileName?.toLowerCase().endsWith('.pb')) return true;
  const first =
    text
      .trimStart()
      .slice(0, 20)
      .split(/\r?\n|\r/)[0] ?? '';
  return first.trim().toUpperCase() === 'META';
}

const isBlank = (cells: readonly Cell[]) =>
  cells.every((c) => typeof c === 'string' && c.trim() === '');

/** Finds the header among the first rows, checks the row limit, and builds the sheet. */
function toSheet(
  format: SheetFormat,
  all: SheetRow[],
  extra: Partial<Sheet>,
  problems: ImportProblem[],
): ReadResult {
  const rows = all.filter((r) => !isBlank(r.cells));
  const first = rows[0];
  if (first === undefined) return fatal('file-empty');
  const headerAt = Math.max(
    0,
    rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => looksLikeHeader(r.cells)),
  );
  const header = rows[headerAt] ?? first;
  const data = rows.slice(headerAt + 1);
  if (data.length > MAX_ROWS) return fatal('too-many-rows', { count: data.length, max: MAX_ROWS });
  if (data.length === 0) return fatal('no-rows');
  return ok({
    format,
    ...extra,
    header: header.cells.map((c) => String(c).trim()),
    headerRow: header.row,
    rows: data,
    problems,
  });
}

function readCsv(text: string, named: Partial<Sheet>, problems: ImportProblem[]): ReadResult {
  // Papa guesses the separator badly when blank lines are counted, so guess on the first
  // non-blank lines, then read every line (blank ones too, so row numbers stay true).
  const { delimiter } = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', preview: 20 }).meta;
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimiter });
  const unclosed = parsed.errors.find((e) => e.code === 'MissingQuotes');
  if (unclosed) return fatal('csv-quote-unclosed', { row: (unclosed.row ?? 0) + 1 });
  const rows = parsed.data.map((cells, i) => ({ row: i + 1, cells }));
  return toSheet('csv', rows, named, problems);
}

function readPabulibSheet(text: string, named: Partial<Sheet>): ReadResult {
  const sections = readSections(text);
  if (!sections.ok) {
    const { code, line } = sections.error;
    return fatal(
      'pabulib-unreadable',
      line === undefined ? { reason: code } : { reason: code, line },
    );
  }
  const meta: Record<string, string> = {};
  for (const row of sections.value.get('META')?.rows ?? []) {
    const [key, ...rest] = row.cells;
    if (key) meta[key.toLowerCase()] = rest.join(';');
  }
  const projects = sections.value.get('PROJECTS');
  const rows = (projects?.rows ?? []).map((r) => ({
    row: r.line,
    cells: r.cells.map((c) => (c === 'None' ? '' : c)),
  }));
  // The PROJECTS header is always the header, whatever its columns are called.
  const data = rows.filter((r) => !isBlank(r.cells));
  if (data.length > MAX_ROWS) return fatal('too-many-rows', { count: data.length, max: MAX_ROWS });
  if (data.length === 0) return fatal('no-rows');
  return ok({
    format: 'pabulib',
    ...named,
    header: projects?.header ?? [],
    headerRow: projects?.headerLine ?? 1,
    rows: data,
    problems: [],
    meta,
  });
}

type XlsxCell = string | number | boolean | Date | null;

async function readWorkbook(
  bytes: Uint8Array,
  named: Partial<Sheet>,
  options: ReadOptions,
): Promise<ReadResult> {
  // How large it unzips to, before anything is unzipped: a small zip can hold gigabytes.
  const entries = zipEntries(bytes);
  if (entries === null) return fatal('xlsx-unreadable');
  const unzipped = declaredSize(entries);
  if (unzipped > MAX_XLSX_UNZIPPED_BYTES) {
    return fatal('xlsx-too-large', { bytes: unzipped, max: MAX_XLSX_UNZIPPED_BYTES });
  }
  if ((await inflatesAsDeclared(bytes, entries)) === false) return fatal('xlsx-unreadable');
  // Loaded only when a workbook arrives: the reader is ~18 KB gzip the CSV path never needs.
  const { default: readXlsxFile } = await import('read-excel-file/universal');
  let sheets: { sheet: string; data: XlsxCell[][] }[];
  try {
    sheets = (await readXlsxFile(new Uint8Array(bytes).buffer)) as typeof sheets;
  } catch {
    return fatal('xlsx-unreadable');
  }
  const tables = sheets.map(({ sheet, data }) => ({
    sheet,
    rows: data.map((cells, i) => ({ row: i + 1, cells: cells.map(xlsxCell) })),
  }));
  const nonEmpty = (t: (typeof tables)[number]) => t.rows.filter((r) => !isBlank(r.cells));
  const chosen =
    tables.find((t) => t.sheet === options.sheet) ??
    tables.find((t) =>
      nonEmpty(t)
        .slice(0, HEADER_SEARCH_ROWS)
        .some((r) => looksLikeHeader(r.cells)),
    ) ??
    tables.find((t) => nonEmpty(t).length > 0);
  if (chosen === undefined) return fatal('file-empty');
  return toSheet(
    'xlsx',
    chosen.rows,
    { ...named, sheetName: chosen.sheet, sheetNames: tables.map((t) => t.sheet) },
    [],
  );
}

function xlsxCell(cell: XlsxCell): Cell {
  if (cell === null) return '';
  if (typeof cell === 'number' || typeof cell === 'string') return cell;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
}

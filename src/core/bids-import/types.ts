/**
 * The shapes of a bids import: a file read into rows, its columns matched to bid fields, and a
 * preview of every row with its problems. Problems are codes with parameters, never sentences:
 * the organiser's screen and the CLI each word them in their own language.
 */
import type { EventDefinition } from '../schema.ts';

/** The bid fields a column can hold. `id` is only ever read from a file that has ids (e.g. .pb). */
export const BID_FIELDS = [
  'id',
  'title',
  'group',
  'cost',
  'category',
  'summary',
  'description',
  'ward',
  'easyRead',
] as const;
export type BidField = (typeof BID_FIELDS)[number];

/** Fields without which a row cannot become a bid. */
export const REQUIRED_FIELDS: readonly BidField[] = ['title', 'cost'];

/** Field → index of the column that holds it (0-based, in `Sheet.header`). */
export type ColumnMapping = Partial<Record<BidField, number>>;

/** A cell as read: text, or a number when a spreadsheet stored one (so no float ever becomes text). */
export type Cell = string | number;

export interface SheetRow {
  /** 1-based row number as the organiser sees it in their spreadsheet (line number for .pb). */
  row: number;
  cells: Cell[];
}

export type SheetFormat = 'csv' | 'xlsx' | 'pabulib';

/** A file read into a header and its non-empty data rows. */
export interface Sheet {
  format: SheetFormat;
  /** The file's name, when the caller gave one. */
  fileName?: string;
  /** For a workbook: the sheet read, and every sheet's name (so a screen can offer the others). */
  sheetName?: string;
  sheetNames?: string[];
  header: string[];
  /** 1-based row number of the header. */
  headerRow: number;
  rows: SheetRow[];
  /** Things worth knowing about the file as a whole (e.g. the text encoding had to be guessed). */
  problems: ImportProblem[];
  /** A .pb file's META section, key by key (keys lower-case). */
  meta?: Record<string, string>;
}

export type ImportProblemCode =
  // The file as a whole: each of these stops the import.
  | 'file-empty'
  | 'file-too-large'
  | 'file-not-spreadsheet'
  | 'file-is-xls'
  | 'file-is-ods'
  | 'xlsx-unreadable'
  | 'xlsx-too-large'
  | 'csv-quote-unclosed'
  | 'pabulib-unreadable'
  | 'no-rows'
  | 'too-many-rows'
  | 'column-missing'
  | 'mapping-invalid'
  | 'draft-invalid'
  // The file as a whole: worth knowing, does not stop it.
  | 'encoding-guessed'
  | 'column-ignored'
  | 'budget-not-set'
  // One row.
  | 'title-missing'
  | 'title-duplicate'
  | 'row-duplicate'
  | 'row-total-skipped'
  | 'row-too-many-cells'
  | 'cost-missing'
  | 'cost-not-a-number'
  | 'cost-zero'
  | 'cost-negative'
  | 'cost-too-large'
  | 'cost-too-precise'
  | 'cost-ambiguous'
  | 'cost-shorthand'
  | 'cost-other-currency'
  | 'formula-cell'
  | 'formula-prefix-removed'
  | 'text-too-long'
  | 'text-cut'
  | 'id-changed'
  | 'id-generated'
  | 'id-duplicate';

/**
 * Parameters a problem's words may use. Amounts (`max`, `suggestion` for costs) are integer minor
 * units (pence) to format with the event's currency; `row`/`firstRow` are spreadsheet row numbers.
 */
export interface ImportProblemParams {
  row?: number;
  firstRow?: number;
  line?: number;
  field?: BidField;
  /** A column's header as written in the file. */
  column?: string;
  /** The cell as written (cut to 100 characters). */
  value?: string;
  /** What the value became, when the import changed it (an id, a category kept). */
  becomes?: string;
  max?: number;
  count?: number;
  length?: number;
  bytes?: number;
  /** A cost the organiser probably meant, in minor units (for `cost-shorthand`). */
  suggestion?: number;
  currency?: string;
  encoding?: string;
  /** For `pabulib-unreadable`: the .pb reader's own code (see src/core/pabulib/types.ts). */
  reason?: string;
  /** For `draft-invalid`: where in the event definition the schema found the problem. */
  path?: string;
}

export interface ImportProblem {
  code: ImportProblemCode;
  /** `error`: the row (or, with no row, the file) cannot be imported as it is. */
  severity: 'error' | 'warning';
  params: ImportProblemParams;
}

/** What the caller gives: the bytes of a file (any format), or its text (CSV or .pb). */
export type BidsFileInput = { fileName?: string } & ({ bytes: Uint8Array } | { text: string });

export interface ReadOptions {
  /** For a workbook: read this sheet (by name) instead of the first one with bid columns. */
  sheet?: string;
}

export interface DetectedColumn {
  index: number;
  header: string;
  /** The field this column is matched to, or null when it is left out. */
  field: BidField | null;
  /** Up to 3 non-empty values from the first rows, for a mapping screen. */
  samples: string[];
}

export interface ColumnDetection {
  columns: DetectedColumn[];
  mapping: ColumnMapping;
  /** Required fields no column matched: a mapping step is needed. */
  missing: BidField[];
  problems: ImportProblem[];
}

export interface ImportOptions {
  /** ISO 4217; default GBP (a .pb file's META currency wins). */
  currency?: string;
  /** BCP 47; decides whether `2.400` or `2,400` is two thousand four hundred. Default en-GB. */
  locale?: string;
  /** Event content defaults: the organiser edits them. */
  eventName?: string;
  eventId?: string;
  potName?: string;
  /** The pot's budget in minor units (a .pb file's META budget wins). */
  budget?: number;
  /** A cost above this (minor units) is refused as a likely mistake. Default £10,000,000. */
  maxCost?: number;
}

/** One row's values after cleaning, as the preview shows them. */
export interface ImportedBid {
  id: string;
  title: string;
  group: string;
  /** Minor units, or null when the cost could not be read. */
  amount: number | null;
  /** The main category; a .pb file's further categories are in `tags`. */
  category: string;
  tags: string[];
  summary: string;
  description: string;
  ward: string;
  easyRead: string;
}

export interface PreviewRow {
  row: number;
  bid: ImportedBid;
  problems: ImportProblem[];
  /** False when the row has an error, or was left out (a total line). */
  included: boolean;
}

export interface ImportPreview {
  rows: PreviewRow[];
  /** Problems of the file as a whole (columns, limits, defaults). */
  problems: ImportProblem[];
  /** The event the included rows make, valid for `eventSchema`; null when no row can be used. */
  draft: EventDefinition | null;
  /** Any error anywhere: a screen asks the organiser to fix the file or confirm skipping rows. */
  blocking: boolean;
  counts: { rows: number; included: number; errors: number; warnings: number };
}

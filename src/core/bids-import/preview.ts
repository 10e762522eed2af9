/**
 * Every row of a read sheet checked and cleaned, with its problems, and the draft event the good
 * rows make. Nothing here changes anything: a screen shows the preview, and only what the
 * organiser confirms is saved.
 */
import { plainBidId } from '../pabulib/parse.ts';
import { detectColumns } from './columns.ts';
import { buildDraft, draftSettings } from './draft.ts';
import { isValidId, slugOf, uniqueSlug } from './ids.ts';
import { decimalMarkOf, parseMoney, type MoneyReading } from './money.ts';
import {
  BID_FIELDS,
  REQUIRED_FIELDS,
  type BidField,
  type Cell,
  type ColumnMapping,
  type ImportedBid,
  type ImportOptions,
  type ImportPreview,
  type ImportProblem,
  type ImportProblemParams,
  type PreviewRow,
  type Sheet,
  type SheetRow,
} from './types.ts';

/** Above this a cost is far more likely a slip (a phone number, pence typed as pounds). */
export const DEFAULT_MAX_COST = 10_000_000_00;
/** The schema's ceiling, for research files (.pb) whose costs are what they are. */
const SCHEMA_MAX_MONEY = 1e13;

/** Limits from src/core/schema.ts, per text field. */
const MAX_LENGTH: Record<Exclude<BidField, 'cost'>, number> = {
  id: 64,
  title: 200,
  group: 200,
  category: 100,
  summary: 1000,
  description: 5000,
  ward: 100,
  easyRead: 1000,
};
const MULTILINE = new Set<BidField>(['summary', 'description', 'easyRead']);

/** Lines people add under a list of bids: never a bid themselves. */
const TOTAL_WORDS = new Set([
  'total',
  'totals',
  'grand total',
  'sub total',
  'subtotal',
  'sum',
  'total cost',
  'cyfanswm',
  'suma',
  'razem',
  'łącznie',
]);

const isTotalWord = (text: string) =>
  TOTAL_WORDS.has(
    titleKey(text)
      .replace(/[^\p{L} ]/gu, '')
      .trim(),
  );

const clip = (value: string) => (value.length > 100 ? `${value.slice(0, 99)}…` : value);
const problem = (
  code: ImportProblem['code'],
  severity: ImportProblem['severity'],
  params: ImportProblemParams,
): ImportProblem => ({ code, severity, params });

/** A text cell made safe to store: no control characters, no formula, within its length. */
function cleanText(cell: Cell, field: Exclude<BidField, 'cost'>, row: number, cut: boolean) {
  const problems: ImportProblem[] = [];
  let text = String(cell)
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
  text = MULTILINE.has(field)
    ? text
        .split('\n')
        .map((l) => l.replace(/[ \t]+$/, ''))
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim()
    : text.replace(/\s+/g, ' ').trim();
  // A cell starting = + - @ is a formula to a spreadsheet that later opens an export of it.
  if (/^=/.test(text) || /^@\s*[A-Za-z_.]+\s*\(/.test(text)) {
    problems.push(problem('formula-cell', 'error', { row, field, value: clip(text) }));
    return { text: '', problems };
  }
  if (/^[+\-@]/.test(text)) {
    problems.push(problem('formula-prefix-removed', 'warning', { row, field, value: clip(text) }));
    text = text.replace(/^[\s+\-@]+/, '');
  }
  const max = MAX_LENGTH[field];
  if (text.length > max) {
    // A .pb file is published data the organiser cannot easily edit: cut it, and say so.
    const params = { row, field, length: text.length, max, value: clip(text) };
    problems.push(problem(cut ? 'text-cut' : 'text-too-long', cut ? 'warning' : 'error', params));
    if (cut) text = text.slice(0, max).trimEnd();
  }
  return { text, problems };
}

const titleKey = (title: string) => title.toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();

function checkMapping(sheet: Sheet, mapping: ColumnMapping): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const used = new Map<number, BidField>();
  for (const field of BID_FIELDS) {
    const index = mapping[field];
    if (index === undefined) continue;
    const column = sheet.header[index];
    if (!Number.isInteger(index) || column === undefined || used.has(index)) {
      problems.push(
        problem('mapping-invalid', 'error', { field, ...(column === undefined ? {} : { column }) }),
      );
    }
    used.set(index, field);
  }
  for (const field of REQUIRED_FIELDS) {
    if (mapping[field] === undefined) problems.push(problem('column-missing', 'error', { field }));
  }
  return problems;
}

interface RowWork {
  source: SheetRow;
  bid: ImportedBid;
  /** The id as the file wrote it, when it has an id column. */
  givenId: string;
  problems: ImportProblem[];
  total: boolean;
}

function readRow(
  source: SheetRow,
  mapping: ColumnMapping,
  money: MoneyReading,
  pabulib: boolean,
  headerLength: number,
): RowWork {
  const { row, cells } = source;
  const problems: ImportProblem[] = [];
  const raw = (field: BidField): Cell => {
    const index = mapping[field];
    return index === undefined ? '' : (cells[index] ?? '');
  };
  const text = (field: Exclude<BidField, 'cost'>) => {
    const cleaned = cleanText(raw(field), field, row, pabulib && field !== 'id');
    problems.push(...cleaned.problems);
    return cleaned.text;
  };
  const bid: ImportedBid = {
    id: '',
    title: text('title'),
    group: text('group'),
    amount: null,
    category: text('category'),
    tags: [],
    summary: text('summary'),
    description: text('description'),
    ward: text('ward'),
    easyRead: text('easyRead'),
  };
  const givenId = String(raw('id')).trim();

  const total =
    bid.title === ''
      ? cells.some((c) => typeof c === 'string' && isTotalWord(c))
      : isTotalWord(bid.title);
  if (total) {
    return {
      source,
      bid,
      givenId,
      total: true,
      problems: [problem('row-total-skipped', 'warning', { row })],
    };
  }
  // More filled cells than the header has columns: a separator in an unquoted cell (£1,200)
  // has shifted everything after it, so no cell of this row can be trusted.
  const beyond = cells.slice(headerLength).filter((c) => String(c).trim() !== '').length;
  if (beyond > 0) {
    problems.push(
      problem('row-too-many-cells', 'error', {
        row,
        count: headerLength + beyond,
        max: headerLength,
      }),
    );
  }
  if (bid.title === '' && !problems.some((p) => p.params.field === 'title')) {
    problems.push(problem('title-missing', 'error', { row }));
  }
  if (pabulib && bid.category.includes(',')) {
    // Pabulib lists every category a project is in: the first is its main one, the rest tags.
    const [first = '', ...rest] = bid.category.split(',').map((c) => c.trim());
    bid.category = first;
    bid.tags = [...new Set(rest.filter((c) => c !== '' && c !== first))];
  }

  const cost = raw('cost');
  const read = parseMoney(cost, money);
  if (read.ok) bid.amount = read.minor;
  else {
    const params: ImportProblemParams = { row, value: clip(String(cost).trim()) };
    if (read.code === 'formula-cell') params.field = 'cost';
    if (read.code === 'cost-too-large') params.max = money.max;
    if (read.suggestion !== undefined) params.suggestion = read.suggestion;
    if (read.currency !== undefined) params.currency = read.currency;
    problems.push(problem(read.code, 'error', params));
  }
  return { source, bid, givenId, problems, total: false };
}

/** Ids: the file's own where it has them (kept exactly when the schema allows), else slugs. */
function assignIds(work: RowWork[], hasIdColumn: boolean): void {
  const taken = new Set<string>();
  const firstRowOf = new Map<string, number>();
  const pending: RowWork[] = [];
  for (const w of work) {
    if (w.total) continue;
    const row = w.source.row;
    if (!hasIdColumn || w.givenId === '') {
      pending.push(w);
      continue;
    }
    const first = firstRowOf.get(w.givenId);
    if (first !== undefined) {
      w.problems.push(
        problem('id-duplicate', 'error', { row, firstRow: first, value: clip(w.givenId) }),
      );
      continue;
    }
    firstRowOf.set(w.givenId, row);
    if (isValidId(w.givenId)) {
      w.bid.id = w.givenId;
      taken.add(w.givenId);
    } else pending.push(w);
  }
  for (const w of pending) {
    const row = w.source.row;
    const fromFile = w.givenId === '' ? '' : plainBidId(w.givenId).replace(/[^A-Za-z0-9]+$/, '');
    const base = fromFile !== '' ? fromFile : slugOf(w.bid.title, 'bid');
    w.bid.id = uniqueSlug(base, taken);
    if (!hasIdColumn) continue;
    w.problems.push(
      w.givenId === ''
        ? problem('id-generated', 'warning', { row, becomes: w.bid.id })
        : problem('id-changed', 'warning', { row, value: clip(w.givenId), becomes: w.bid.id }),
    );
  }
}

/** Two rows with the same title: the same bid twice, or two bids a voter cannot tell apart. */
function checkDuplicates(work: RowWork[]): void {
  const first = new Map<string, RowWork>();
  for (const w of work) {
    if (w.total || w.bid.title === '') continue;
    const key = titleKey(w.bid.title);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, w);
      continue;
    }
    const same =
      JSON.stringify({ ...w.bid, id: '' }) === JSON.stringify({ ...earlier.bid, id: '' });
    const params = { row: w.source.row, firstRow: earlier.source.row, value: clip(w.bid.title) };
    w.problems.push(problem(same ? 'row-duplicate' : 'title-duplicate', 'error', params));
  }
}

export interface PreviewOptions extends ImportOptions {
  /** Which column holds which field; by default, what `detectColumns` finds in the header. */
  mapping?: ColumnMapping;
}

export function previewImport(sheet: Sheet, options: PreviewOptions = {}): ImportPreview {
  const detection = options.mapping === undefined ? detectColumns(sheet) : null;
  const mapping = options.mapping ?? detection?.mapping ?? {};
  const problems: ImportProblem[] = [...sheet.problems, ...(detection?.problems ?? [])];
  const mappingProblems = checkMapping(sheet, mapping);
  problems.push(...mappingProblems);
  const empty = (): ImportPreview => ({
    rows: [],
    problems,
    draft: null,
    blocking: true,
    counts: {
      rows: sheet.rows.length,
      included: 0,
      errors: problems.filter((p) => p.severity === 'error').length,
      warnings: problems.filter((p) => p.severity === 'warning').length,
    },
  });
  if (mappingProblems.some((p) => p.severity === 'error')) return empty();

  const pabulib = sheet.format === 'pabulib';
  const settings = draftSettings(sheet, options);
  const money: MoneyReading = {
    decimal: pabulib ? 'either' : decimalMarkOf(settings.locale),
    currency: settings.currency,
    max: pabulib ? SCHEMA_MAX_MONEY : (options.maxCost ?? DEFAULT_MAX_COST),
  };
  // Only in CSV does a cell past the header mean a shifted row; a workbook may have notes there.
  const width = sheet.format === 'csv' ? sheet.header.length : Infinity;
  const work = sheet.rows.map((r) => readRow(r, mapping, money, pabulib, width));
  assignIds(work, mapping.id !== undefined);
  checkDuplicates(work);

  const rows: PreviewRow[] = work.map((w) => ({
    row: w.source.row,
    bid: w.bid,
    problems: w.problems,
    included: !w.total && !w.problems.some((p) => p.severity === 'error'),
  }));
  if (!pabulib && options.budget === undefined) {
    problems.push(problem('budget-not-set', 'warning', {}));
  }
  const included = rows.filter((r) => r.included);
  if (included.length === 0 && !rows.some((r) => r.problems.some((p) => p.severity === 'error'))) {
    problems.push(problem('no-rows', 'error', {}));
  }
  const draft = included.length === 0 ? null : buildDraft(included, settings);
  if (draft !== null && !draft.ok) problems.push(draft.error);

  const all = [...problems, ...rows.flatMap((r) => r.problems)];
  const errors = all.filter((p) => p.severity === 'error').length;
  return {
    rows,
    problems,
    draft: draft?.ok ? draft.value : null,
    blocking: errors > 0,
    counts: {
      rows: rows.length,
      included: included.length,
      errors,
      warnings: all.length - errors,
    },
  };
}

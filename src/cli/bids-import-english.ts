/**
 * The command line's English for bids-import problem codes (src/core/bids-import). Screens word
 * the same codes through the app's message catalogue; this is for `decision-day event import`.
 * The switch is exhaustive: a new code does not compile until it has a sentence here.
 */
import type { BidField, ImportProblem, ImportProblemParams } from '../core/bids-import/index.ts';
import { formatMoney } from '../core/money.ts';
import { assertNever } from '../core/result.ts';

const FIELD: Record<BidField, string> = {
  id: 'id',
  title: 'title',
  group: 'group',
  cost: 'cost',
  category: 'category',
  summary: 'summary',
  description: 'description',
  ward: 'ward or area',
  easyRead: 'easy-read summary',
};

const PABULIB_REASON: Record<string, string> = {
  empty: 'it has no META, PROJECTS or VOTES section',
  'missing-section':
    'it lacks one of the META, PROJECTS and VOTES sections, or has a line before them',
  'bad-row': 'a line has an unclosed quote or starts a section twice',
};

export interface MoneyContext {
  currency: string;
  locale: string;
}

const field = (p: ImportProblemParams) => (p.field === undefined ? 'cell' : FIELD[p.field]);
const value = (p: ImportProblemParams) => `"${p.value ?? ''}"`;
const count = (n: number | undefined) => (n ?? 0).toLocaleString('en-GB');
const megabytes = (bytes: number | undefined) =>
  `${Math.round(((bytes ?? 0) / 1048576) * 10) / 10} MB`;

/** One sentence, without the row: `englishImportProblemAt` adds "Row 7: " where there is one. */
export function englishImportProblem(problem: ImportProblem, money: MoneyContext): string {
  const p = problem.params;
  const amount = (minor: number | undefined) =>
    formatMoney(minor ?? 0, money.currency, money.locale);
  switch (problem.code) {
    case 'file-empty':
      return 'The file is empty: there is no row of bids in it.';
    case 'file-too-large':
      return `The file is ${megabytes(p.bytes)}; a file of bids can be at most ${megabytes(p.max)}.`;
    case 'file-not-spreadsheet':
      return 'This is not a spreadsheet: save the bids as CSV or Excel (.xlsx) and try again.';
    case 'file-is-xls':
      return 'This is an old Excel file (.xls): open it in Excel and save it as .xlsx or CSV.';
    case 'file-is-ods':
      return 'This is an OpenDocument spreadsheet (.ods): save it as .xlsx or CSV.';
    case 'xlsx-too-large':
      return `This workbook unzips to ${megabytes(p.bytes)}; a workbook of bids can unzip to at most ${megabytes(p.max)}. Save only the sheet of bids as .xlsx or CSV.`;
    case 'xlsx-unreadable':
      return 'This Excel file cannot be read: it may be damaged or password-protected. Save it again as .xlsx or CSV.';
    case 'csv-quote-unclosed':
      return `Row ${p.row ?? '?'} opens a quote (") that is never closed, so the rows after it cannot be told apart.`;
    case 'pabulib-unreadable':
      return `This Pabulib file cannot be read${p.line === undefined ? '' : ` (line ${p.line})`}: ${PABULIB_REASON[p.reason ?? ''] ?? p.reason ?? 'unknown problem'}.`;
    case 'no-rows':
      return 'There are no bids under the header row.';
    case 'too-many-rows':
      return `The file has ${count(p.count)} rows of bids; an event can have at most ${count(p.max)}.`;
    case 'column-missing':
      return `No column holds the ${field(p)}: name a column for it (--map ${p.field ?? 'field'}=COLUMN).`;
    case 'mapping-invalid':
      return p.column === undefined
        ? `The column chosen for the ${field(p)} is not in the file.`
        : `The column "${p.column}" is chosen for the ${field(p)} and for another field too.`;
    case 'draft-invalid':
      return `The rows make no valid event (at ${p.path ?? '?'}); please report this.`;
    case 'encoding-guessed':
      return `The file is not UTF-8; it was read as ${p.encoding ?? '?'}. Check that accented letters and £ look right.`;
    case 'column-ignored':
      return `The column "${p.column ?? ''}" also looks like the ${field(p)}; another column was used for it.`;
    case 'budget-not-set':
      return `No budget was given: the pot starts at ${amount(0)} for you to set (--budget).`;
    case 'title-missing':
      return 'The title is empty.';
    case 'title-duplicate':
      return `The title ${value(p)} is already used in row ${p.firstRow ?? '?'}; voters could not tell them apart.`;
    case 'row-duplicate':
      return `This row repeats row ${p.firstRow ?? '?'}.`;
    case 'row-total-skipped':
      return 'This looks like a total line, so it is left out.';
    case 'row-too-many-cells':
      return `This row has ${p.count ?? '?'} cells but the header ${p.max ?? '?'}: a comma in an unquoted cell (like £1,200) has shifted the columns.`;
    case 'cost-missing':
      return 'The cost is empty.';
    case 'cost-not-a-number':
      return `The cost ${value(p)} is not an amount of money.`;
    case 'cost-zero':
      return 'The cost is zero.';
    case 'cost-negative':
      return `The cost ${value(p)} is below zero.`;
    case 'cost-too-large':
      return `The cost ${value(p)} is more than ${amount(p.max)}, which looks like a mistake.`;
    case 'cost-too-precise':
      return `The cost ${value(p)} has fractions of a penny.`;
    case 'cost-ambiguous':
      return `The cost ${value(p)} could be read two ways (thousands or decimals): write it like ${amount(240000)}.`;
    case 'cost-shorthand':
      return `Write the cost ${value(p)} out in full (${amount(p.suggestion)}?).`;
    case 'cost-other-currency':
      return `The cost ${value(p)} is in ${p.currency ?? 'another currency'}, not ${money.currency}.`;
    case 'formula-cell':
      return `The ${field(p)} ${value(p)} is a formula, not its value: type the value itself.`;
    case 'formula-prefix-removed':
      return `The ${field(p)} ${value(p)} started with a sign spreadsheets treat as a formula; it was removed.`;
    case 'text-too-long':
      return `The ${field(p)} is ${count(p.length)} characters long; at most ${count(p.max)} fit.`;
    case 'text-cut':
      return `The ${field(p)} was ${count(p.length)} characters long and is cut to ${count(p.max)}.`;
    case 'id-changed':
      return `The id ${value(p)} has characters an event cannot use; it becomes "${p.becomes ?? ''}".`;
    case 'id-generated':
      return `The id is empty; it becomes "${p.becomes ?? ''}".`;
    case 'id-duplicate':
      return `The id ${value(p)} is already used in row ${p.firstRow ?? '?'}.`;
    default:
      return assertNever(problem.code);
  }
}

/** "Row 7: The cost "£2,4OO" is not an amount of money." */
export function englishImportProblemAt(problem: ImportProblem, money: MoneyContext): string {
  const text = englishImportProblem(problem, money);
  const row = problem.params.row;
  return row === undefined || problem.code === 'csv-quote-unclosed' ? text : `Row ${row}: ${text}`;
}

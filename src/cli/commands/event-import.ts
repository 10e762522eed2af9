/**
 * `decision-day event import FILE`: what event a spreadsheet of bids (CSV, .xlsx) or a Pabulib
 * .pb file would make, and each row's problems in English. It creates nothing: it prints the
 * draft definition (save it with `> event.json`, check it with `decision-day event check`).
 * Exit 0 when every row can be imported; 1 when any problem stops a row or the file.
 */
import { readFile } from 'node:fs/promises';
import {
  BID_FIELDS,
  detectColumns,
  parseMoney,
  previewImport,
  readBidsFile,
  decimalMarkOf,
  type BidField,
  type ColumnMapping,
  type ImportPreview,
  type ImportProblem,
  type PreviewOptions,
  type Sheet,
} from '../../core/bids-import/index.ts';
import { formatMoney } from '../../core/money.ts';
import { ok, type Result } from '../../core/result.ts';
import {
  englishImportProblem,
  englishImportProblemAt,
  type MoneyContext,
} from '../bids-import-english.ts';
import {
  dataError,
  parseCommand,
  usageError,
  type CliFailure,
  type CliOutcome,
  printOut,
} from '../io.ts';
// The usage text lives in ../usage.ts, so that `decision-day --help` loads no command.
import { EVENT_IMPORT_USAGE } from '../usage.ts';

const OPTIONS = {
  json: { type: 'boolean' },
  budget: { type: 'string' },
  currency: { type: 'string' },
  locale: { type: 'string' },
  name: { type: 'string' },
  'pot-name': { type: 'string' },
  sheet: { type: 'string' },
  map: { type: 'string', multiple: true },
} as const;

async function readBytes(path: string): Promise<Result<Uint8Array, CliFailure>> {
  try {
    return ok(new Uint8Array(await readFile(path)));
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code;
    const why =
      code === 'ENOENT'
        ? 'there is no such file or folder'
        : code === 'EISDIR'
          ? 'it is a folder, not a file'
          : e instanceof Error
            ? e.message
            : String(e);
    return dataError(`Cannot read ${path}: ${why}.`);
  }
}

const FIELD_NAMES = new Map<string, BidField>(
  BID_FIELDS.flatMap((f) => [
    [f.toLowerCase(), f],
    [f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), f],
  ]),
);

/** `--map title="Project"` or `--map cost=3` on top of what the header says. */
function applyMaps(
  sheet: Sheet,
  detected: ColumnMapping,
  maps: readonly string[],
): Result<ColumnMapping, CliFailure> {
  const mapping: ColumnMapping = { ...detected };
  for (const map of maps) {
    const eq = map.indexOf('=');
    const field = FIELD_NAMES.get(map.slice(0, eq).trim().toLowerCase());
    const column = map.slice(eq + 1).trim();
    if (eq < 1 || field === undefined) {
      return usageError(
        `--map "${map}" should be FIELD=COLUMN with FIELD one of ${BID_FIELDS.join(', ')}.`,
      );
    }
    const byName = sheet.header.findIndex((h) => h.toLowerCase() === column.toLowerCase());
    const index = byName !== -1 ? byName : /^\d+$/.test(column) ? Number(column) - 1 : -1;
    if (index < 0 || index >= sheet.header.length) {
      return usageError(
        `--map ${field}: there is no column "${column}". Columns: ${sheet.header.map((h, i) => `${i + 1} "${h}"`).join(', ')}.`,
      );
    }
    for (const f of BID_FIELDS) if (mapping[f] === index) delete mapping[f];
    mapping[field] = index;
  }
  return ok(mapping);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What one import read and found, for either way of printing it. */
interface Imported {
  path: string;
  sheet: Sheet;
  mapping: ColumnMapping;
  preview: ImportPreview;
  money: MoneyContext;
}

/** Column index → the field it holds. */
const fieldsByColumn = (mapping: ColumnMapping) => new Map(BID_FIELDS.map((f) => [mapping[f], f]));

function report({ path, sheet, mapping, preview, money }: Imported): string {
  const fieldOf = fieldsByColumn(mapping);
  const format = { csv: 'CSV', xlsx: 'Excel workbook', pabulib: 'Pabulib file' }[sheet.format];
  const where = sheet.sheetName === undefined ? '' : `, sheet "${sheet.sheetName}"`;
  const lines = [
    `${path}: ${format}${where}, header on row ${sheet.headerRow}, ${plural(sheet.rows.length, 'row')}.`,
    `Columns: ${sheet.header.map((h, i) => `"${h}" → ${fieldOf.get(i) ?? '(not imported)'}`).join(', ')}`,
  ];
  const all = [...preview.problems, ...preview.rows.flatMap((r) => r.problems)];
  const errors = all.filter((p) => p.severity === 'error');
  const warnings = all.filter((p) => p.severity === 'warning');
  const list = (title: string, problems: ImportProblem[]) => {
    if (problems.length === 0) return;
    lines.push('', title);
    for (const p of problems) lines.push(`  ${englishImportProblemAt(p, money)}`);
  };
  const stopped = preview.rows.filter(
    (r) => !r.included && r.problems.some((p) => p.severity === 'error'),
  );
  list(
    stopped.length > 0
      ? `Problems (${plural(stopped.length, 'row')} cannot be imported as written):`
      : 'Problems:',
    errors,
  );
  list('Warnings:', warnings);
  const draft = preview.draft;
  lines.push('');
  if (draft === null) lines.push('No draft event: no row can be imported yet.');
  else {
    const pot = draft.pots[0];
    lines.push(
      `Draft event "${draft.name}" (${draft.id}): ${plural(draft.bids.length, 'bid')}, ` +
        `${plural(draft.categories.length, 'category', 'categories')}, pot "${pot?.name ?? ''}" of ` +
        `${formatMoney(pot?.budget ?? 0, draft.currency, money.locale)}.`,
      '',
      JSON.stringify(draft, null, 2),
    );
  }
  return `${lines.join('\n')}\n`;
}

function asJson({ path, sheet, mapping, preview, money }: Imported): string {
  const worded = (p: ImportProblem) => ({ ...p, message: englishImportProblemAt(p, money) });
  const fieldOf = fieldsByColumn(mapping);
  return `${JSON.stringify(
    {
      file: path,
      format: sheet.format,
      ...(sheet.sheetName === undefined ? {} : { sheet: sheet.sheetName }),
      headerRow: sheet.headerRow,
      columns: sheet.header.map((header, i) => ({ header, field: fieldOf.get(i) ?? null })),
      blocking: preview.blocking,
      counts: preview.counts,
      problems: preview.problems.map(worded),
      rows: preview.rows
        .filter((r) => r.problems.length > 0)
        .map((r) => ({ row: r.row, included: r.included, problems: r.problems.map(worded) })),
      draft: preview.draft,
    },
    null,
    2,
  )}\n`;
}

export async function eventImport(args: readonly string[]): Promise<CliOutcome> {
  const parsed = parseCommand('event import', EVENT_IMPORT_USAGE, args, OPTIONS, {
    min: 1,
    max: 1,
    what: 'one FILE',
  });
  if (parsed.done) return parsed.done;
  const { values, positionals } = parsed;
  const path = positionals[0] ?? '';
  const currency = (values.currency ?? 'GBP').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) {
    return usageError(`--currency "${values.currency ?? ''}" is not a three-letter code like GBP.`);
  }
  const locale = values.locale ?? 'en-GB';
  try {
    new Intl.NumberFormat(locale);
  } catch {
    return usageError(`--locale "${locale}" is not a language tag like en-GB.`);
  }
  const options: PreviewOptions = { currency, locale };
  if (values.name !== undefined) options.eventName = values.name;
  if (values['pot-name'] !== undefined) options.potName = values['pot-name'];
  if (values.budget !== undefined) {
    const budget = parseMoney(values.budget, {
      decimal: decimalMarkOf(locale),
      currency,
      max: 1e13,
    });
    if (!budget.ok) {
      return usageError(`--budget "${values.budget}" is not an amount of money above zero.`);
    }
    options.budget = budget.minor;
  }

  const bytes = await readBytes(path);
  if (!bytes.ok) return bytes;
  const money: MoneyContext = { currency, locale };
  const read = await readBidsFile(
    { bytes: bytes.value, fileName: path },
    values.sheet === undefined ? {} : { sheet: values.sheet },
  );
  if (!read.ok) return dataError(`${path}: ${englishImportProblem(read.error, money)}`);
  const sheet = read.value;
  const detected = detectColumns(sheet);
  const mapping = applyMaps(sheet, detected.mapping, values.map ?? []);
  if (!mapping.ok) return mapping;
  // With no --map, the preview matches the header itself (and notes columns it left out).
  const preview = previewImport(
    sheet,
    values.map === undefined ? options : { ...options, mapping: mapping.value },
  );
  const draftMoney = preview.draft === null ? money : { currency: preview.draft.currency, locale };
  const imported = { path, sheet, mapping: mapping.value, preview, money: draftMoney };
  const out = values.json ? asJson(imported) : report(imported);
  if (!preview.blocking) return ok(out);
  printOut(out);
  const rows = preview.rows.filter((r) => r.problems.some((p) => p.severity === 'error')).length;
  return dataError(
    rows > 0
      ? `${path}: ${plural(rows, 'row')} cannot be imported as written (listed above); nothing was created.`
      : `${path}: the file cannot be imported as it is (see above); nothing was created.`,
  );
}

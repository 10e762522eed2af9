/**
 * Importing an organiser's spreadsheet of bids (CSV, .xlsx or Pabulib .pb) into a draft event.
 * A screen drives it in steps: `readBidsFile` → `detectColumns` (show the mapping step when
 * `missing` is not empty) → `previewImport` with the organiser's mapping (each row's problems) →
 * save `preview.draft` only when the organiser confirms. `importBids` does all three at once.
 * See docs/bids-import.md for the recognised columns, money forms, problem codes and limits.
 */
import { previewImport, type PreviewOptions } from './preview.ts';
import { readBidsFile } from './read.ts';
import type { BidsFileInput, ImportPreview, ImportProblem, ReadOptions, Sheet } from './types.ts';

export { bidsTemplateCsv, detectColumns, matchHeader, TEMPLATE_HEADERS } from './columns.ts';
export { DEFAULT_EVENT_NAME, DEFAULT_POT_NAME } from './draft.ts';
export { slugOf, uniqueSlug } from './ids.ts';
export { decimalMarkOf, parseMoney } from './money.ts';
export { DEFAULT_MAX_COST, previewImport, type PreviewOptions } from './preview.ts';
export { MAX_FILE_BYTES, MAX_ROWS, readBidsFile } from './read.ts';
export { MAX_XLSX_UNZIPPED_BYTES } from './zip-size.ts';
export * from './types.ts';

export type ImportOutcome =
  { ok: true; sheet: Sheet; preview: ImportPreview } | { ok: false; problem: ImportProblem };

/** Reads a file and previews it with the columns its header names (or the mapping given). */
export async function importBids(
  input: BidsFileInput,
  options: PreviewOptions & ReadOptions = {},
): Promise<ImportOutcome> {
  const sheet = await readBidsFile(input, options);
  if (!sheet.ok) return { ok: false, problem: sheet.error };
  return { ok: true, sheet: sheet.value, preview: previewImport(sheet.value, options) };
}

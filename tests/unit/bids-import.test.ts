/**
 * Importing bids from the spreadsheets organisers really have: messy CSV exports, workbooks,
 * Pabulib files. Each row's problems are codes with parameters; the draft is a valid event.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  bidsTemplateCsv,
  detectColumns,
  importBids,
  matchHeader,
  MAX_FILE_BYTES,
  previewImport,
  readBidsFile,
  type BidsFileInput,
  type ImportPreview,
  type ImportProblem,
  type PreviewOptions,
  type Sheet,
} from '../../src/core/bids-import/index.ts';
import { eventSchema } from '../../src/core/schema.ts';
import { bidsCsv, bidsXlsx, makeXlsx, storedZip } from '../fixtures/bids/xlsx.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/bids');
const fixture = (name: string): BidsFileInput => ({
  fileName: name,
  bytes: new Uint8Array(readFileSync(join(FIXTURES, name))),
});

async function sheetOf(input: BidsFileInput): Promise<Sheet> {
  const read = await readBidsFile(input);
  if (!read.ok) throw new Error(`could not read: ${JSON.stringify(read.error)}`);
  return read.value;
}

async function preview(input: BidsFileInput, options: PreviewOptions = {}) {
  return previewImport(await sheetOf(input), options);
}

async function failure(input: BidsFileInput): Promise<ImportProblem> {
  const read = await readBidsFile(input);
  if (read.ok) throw new Error('expected the file to be refused');
  return read.error;
}

const codesOfRow = (p: ImportPreview, row: number) =>
  p.rows.find((r) => r.row === row)?.problems.map((x) => x.code);

const csv = (text: string, fileName = 'bids.csv'): BidsFileInput => ({ text, fileName });

describe('headers', () => {
  it.each([
    ['Project name', 'title'],
    ['Bid title', 'title'],
    ['NAME', 'title'],
    ['Organisation name', 'group'],
    ['Name of organization', 'group'],
    ['Applicant', 'group'],
    ['Amount requested (£)', 'cost'],
    ['Cost (£)', 'cost'],
    ['£', 'cost'],
    ['Budget requested', 'cost'],
    ['Price', 'cost'],
    ['Category / theme', 'category'],
    ['Short description', 'summary'],
    ['Summary of bid', 'summary'],
    ['Full description', 'description'],
    ['Project description', 'description'],
    ['Details', 'description'],
    ['Ward / area', 'ward'],
    ['Easy-read summary', 'easyRead'],
    ['Project ID', 'id'],
    ['project_id', 'id'],
    ["Enw'r prosiect", 'title'],
    ["Enw'r grŵp", 'group'],
    ['Crynodeb', 'summary'],
    ['Nazwa projektu', 'title'],
    ['Krótki opis', 'summary'],
    ['Budżet', 'cost'],
    ['Wnioskodawca', 'group'],
  ])('%j is the %s', (header, field) => {
    expect(matchHeader(header)?.field).toBe(field);
  });

  it.each(['Contact name', 'Email address', 'Phone', 'Votes', 'Selected', 'Notes', ''])(
    '%j is left out',
    (header) => {
      expect(matchHeader(header)).toBeNull();
    },
  );

  it('the template names every field a sheet can bring, and public/ holds that template', () => {
    const template = bidsTemplateCsv();
    const sheet: Sheet = {
      format: 'csv',
      header: template.trim().split(','),
      headerRow: 1,
      rows: [],
      problems: [],
    };
    const detected = detectColumns(sheet);
    expect(detected.columns.map((c) => c.field)).toEqual([
      'title',
      'group',
      'cost',
      'category',
      'summary',
      'description',
      'ward',
      'easyRead',
    ]);
    const published = readFileSync(
      join(import.meta.dirname, '../../public/templates/bids-template.csv'),
      'utf8',
    );
    expect(published, 'regenerate public/templates/bids-template.csv from bidsTemplateCsv()').toBe(
      template,
    );
  });
});

describe('a messy council export (BOM, CRLF, title line, blank rows, formulas, totals)', () => {
  it('finds the header under the title line and keeps spreadsheet row numbers', async () => {
    const sheet = await sheetOf(fixture('council-export.csv'));
    expect(sheet.format).toBe('csv');
    expect(sheet.headerRow).toBe(3);
    expect(sheet.header[0]).toBe('Ref');
    expect(sheet.rows[0]?.row).toBe(4);
    // Row 8 is blank: the next row keeps its own number.
    expect(sheet.rows.map((r) => r.row)).toContain(9);
    expect(sheet.rows.map((r) => r.row)).not.toContain(8);
  });

  it('maps the columns, leaving the contact email out', async () => {
    const detected = detectColumns(await sheetOf(fixture('council-export.csv')));
    expect(detected.missing).toEqual([]);
    expect(detected.columns.map((c) => c.field)).toEqual([
      'id',
      'title',
      'group',
      'cost',
      'category',
      'summary',
      'ward',
      null,
    ]);
    expect(detected.columns[3]?.samples).toEqual(['£2,400', '2400', '2,400.50']);
  });

  it('gives each row its problems as codes with parameters', async () => {
    const p = await preview(fixture('council-export.csv'), { budget: 30_000_00 });
    const ok = (row: number) => expect(codesOfRow(p, row)).toEqual([]);
    ok(4);
    ok(5);
    ok(6);
    ok(7);
    expect(p.rows.find((r) => r.row === 9)?.problems).toEqual([
      {
        code: 'formula-cell',
        severity: 'error',
        params: {
          row: 9,
          field: 'group',
          value: '=HYPERLINK("http://example.org","Burnfoot Scouts")',
        },
      },
    ]);
    expect(p.rows.find((r) => r.row === 10)?.problems).toEqual([
      {
        code: 'formula-cell',
        severity: 'error',
        params: { row: 10, field: 'cost', value: '=SUM(D4:D7)' },
      },
    ]);
    expect(p.rows.find((r) => r.row === 11)?.problems[0]).toEqual({
      code: 'cost-shorthand',
      severity: 'error',
      params: { row: 11, value: '£1.2k', suggestion: 120000 },
    });
    expect(codesOfRow(p, 12)).toEqual(['cost-negative']);
    expect(codesOfRow(p, 13)).toEqual(['cost-zero']);
    expect(codesOfRow(p, 14)).toEqual(['cost-missing']);
    expect(p.rows.find((r) => r.row === 15)?.problems[0]).toMatchObject({
      code: 'title-duplicate',
      params: { row: 15, firstRow: 4, value: 'Youth cooking club' },
    });
    // Row 16 repeats row 6 exactly (same ref too).
    expect(codesOfRow(p, 16)).toEqual(['id-duplicate', 'row-duplicate']);
    expect(p.rows.find((r) => r.row === 17)?.problems).toEqual([
      {
        code: 'formula-prefix-removed',
        severity: 'warning',
        params: { row: 17, field: 'title', value: '- Walking group' },
      },
      {
        code: 'formula-prefix-removed',
        severity: 'warning',
        params: { row: 17, field: 'summary', value: '@ weekly walks' },
      },
    ]);
    expect(p.rows.find((r) => r.row === 17)?.bid).toMatchObject({
      title: 'Walking group',
      summary: 'weekly walks',
    });
    expect(p.rows.find((r) => r.row === 18)?.problems[0]).toMatchObject({
      code: 'cost-other-currency',
      params: { currency: 'EUR', value: '€300' },
    });
    expect(codesOfRow(p, 19)).toEqual(['row-total-skipped']);
    expect(codesOfRow(p, 20)).toEqual(['row-total-skipped']);
    expect(p.problems.map((x) => x.code)).toEqual([]);
    expect(p.blocking).toBe(true);
  });

  it('drafts a valid event from the good rows only, with ids as the sheet wrote them', async () => {
    const p = await preview(fixture('council-export.csv'), {
      budget: 30_000_00,
      eventName: 'Burnfoot 2026',
      potName: 'Community fund',
    });
    const draft = p.draft;
    expect(draft).not.toBeNull();
    expect(eventSchema.safeParse(draft).success).toBe(true);
    expect(draft?.bids.map((b) => [b.id, b.title, b.amount])).toEqual([
      ['B01', 'Youth cooking club', 240000],
      ['B02', 'New benches for the park', 240000],
      ['B03', 'Community fridge', 240050],
      ['B04', 'Litter pickers', 240000],
      ['B12', 'Walking group', 30000],
    ]);
    expect(draft?.bids[1]).toEqual({
      id: 'B02',
      title: 'New benches for the park',
      group: 'Friends of Burnfoot Park, Hawick',
      amount: 240000,
      summary: 'Five benches\nalong the river path',
      category: 'environment',
      ward: 'Burnfoot',
    });
    expect(draft?.categories).toEqual([
      { id: 'health', name: 'Health' },
      { id: 'environment', name: 'Environment' },
      { id: 'community-life', name: 'Community life' },
    ]);
    expect(draft).toMatchObject({
      id: 'burnfoot-2026',
      name: 'Burnfoot 2026',
      currency: 'GBP',
      locale: 'en-GB',
      method: { kind: 'approval', min: 1, max: 5 },
      rule: 'greedy',
      pots: [{ id: 'main', name: 'Community fund', budget: 30_000_00, eligible: { kind: 'all' } }],
    });
    expect(p.counts).toMatchObject({ rows: 16, included: 5 });
  });

  it('says when no budget was given, and fills the pot with zero for the organiser to set', async () => {
    const p = await preview(fixture('council-export.csv'));
    expect(p.problems.map((x) => x.code)).toContain('budget-not-set');
    expect(p.draft?.pots[0]?.budget).toBe(0);
    expect(p.draft?.name).toBe('council-export');
  });
});

describe('other languages and separators', () => {
  it('reads a Polish sheet with semicolons and złoty', async () => {
    const p = await preview(fixture('polish-semicolons.csv'), { currency: 'PLN', locale: 'pl' });
    expect(p.rows.map((r) => r.bid.amount)).toEqual([240050, 1500000, null]);
    expect(p.rows[0]?.bid).toMatchObject({
      id: 'lawki-w-parku',
      title: 'Ławki w parku',
      group: 'Rada Osiedla',
      description: 'Pięć ławek; wzdłuż rzeki',
      ward: 'Śródmieście',
    });
    expect(codesOfRow(p, 4)).toEqual(['cost-ambiguous']);
  });

  it('reads Welsh headers', async () => {
    const p = await preview(fixture('welsh.csv'), { budget: 100_00 });
    expect(p.rows[0]?.bid).toMatchObject({
      title: 'Clwb coginio',
      group: 'Prosiect Ieuenctid',
      amount: 120000,
      category: 'Iechyd',
      summary: 'Sesiynau coginio wythnosol',
      description: 'Mwy o fanylion',
      ward: 'Canol',
    });
    expect(p.draft?.bids[0]?.details).toBe('Mwy o fanylion');
    // The ward is kept on the bid, for pots and ballot parts by ward.
    expect(p.draft?.bids[0]?.ward).toBe('Canol');
  });

  it('reads tab-separated UTF-16 (Excel "Unicode text") and Windows-1252 CSV', async () => {
    const text = 'Title\tCost\r\nPark benches\t£2,400\r\n';
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, 'utf16le'))]);
    const p16 = await preview({ bytes: utf16, fileName: 'bids.txt' }, { budget: 1 });
    expect(p16.rows[0]?.bid.amount).toBe(240000);

    const ansi = new Uint8Array(Buffer.from('Title,Cost\r\nCafé,£300\r\n', 'latin1'));
    const sheet = await sheetOf({ bytes: ansi });
    expect(sheet.problems).toEqual([
      { code: 'encoding-guessed', severity: 'warning', params: { encoding: 'windows-1252' } },
    ]);
    const p = previewImport(sheet, { budget: 1 });
    expect(p.rows[0]?.bid).toMatchObject({ title: 'Café', amount: 30000 });
  });
});

describe('when the header is not recognised', () => {
  it('returns the columns for a mapping step, then imports with the mapping given', async () => {
    const sheet = await sheetOf(fixture('unknown-headers.csv'));
    const detected = detectColumns(sheet);
    expect(detected.missing).toEqual(['title', 'cost']);
    expect(detected.columns).toEqual([
      { index: 0, header: 'Column A', field: null, samples: ['Park benches', 'Cooking club'] },
      {
        index: 1,
        header: 'Column B',
        field: null,
        samples: ['Friends of the Park', 'Youth Project'],
      },
      { index: 2, header: 'Column C', field: null, samples: ['2400', '£1'] },
    ]);
    const unmapped = previewImport(sheet);
    expect(unmapped.problems.filter((p) => p.severity === 'error')).toEqual([
      { code: 'column-missing', severity: 'error', params: { field: 'title' } },
      { code: 'column-missing', severity: 'error', params: { field: 'cost' } },
    ]);
    expect(unmapped.draft).toBeNull();

    const mapped = previewImport(sheet, { mapping: { title: 0, group: 1, cost: 2 }, budget: 5 });
    expect(mapped.rows[0]?.bid).toMatchObject({ title: 'Park benches', amount: 240000 });
    // "£1,200" was not quoted, so its comma made a fourth cell: the row cannot be trusted.
    expect(mapped.rows[1]?.problems[0]).toEqual({
      code: 'row-too-many-cells',
      severity: 'error',
      params: { row: 3, count: 4, max: 3 },
    });
    expect(mapped.draft?.bids).toHaveLength(1);
  });

  it('refuses a mapping to a column that is not there, or two fields on one column', async () => {
    const sheet = await sheetOf(fixture('unknown-headers.csv'));
    const p = previewImport(sheet, { mapping: { title: 0, cost: 7, group: 0 } });
    expect(p.problems.map((x) => [x.code, x.params.field])).toEqual([
      ['mapping-invalid', 'group'],
      ['mapping-invalid', 'cost'],
    ]);
    expect(p.blocking).toBe(true);
    expect(p.rows).toEqual([]);
  });
});

describe('ids', () => {
  it('makes stable, unique slugs from titles', async () => {
    const text =
      'Title,Cost\nPark benches!,100\nPARK  benches!,200\nŻółw & Café — ideas,300\n' +
      `${'A very long title '.repeat(10)},400\n"   ",500\n`;
    const first = await preview(csv(text));
    const again = await preview(csv(text));
    expect(first.rows.map((r) => r.bid.id)).toEqual([
      'park-benches',
      'park-benches-2',
      'zolw-cafe-ideas',
      'a-very-long-title-a-very-long-title-a-very-long',
      'bid',
    ]);
    expect(again.rows.map((r) => r.bid.id)).toEqual(first.rows.map((r) => r.bid.id));
    // The same title, told apart only by case and spaces, is still a duplicate.
    expect(codesOfRow(first, 3)).toEqual(['title-duplicate']);
    expect(codesOfRow(first, 6)).toEqual(['title-missing']);
  });
});

describe('Pabulib .pb files', () => {
  it('keeps project ids exactly where the schema allows, and says how it changed the others', async () => {
    const p = await preview(fixture('slash-ids.pb'));
    // "M/01/X" is a valid bid id, so it stays as the city wrote it; a space is not allowed.
    expect(p.rows.map((r) => r.bid.id)).toEqual(['M/01/X', 'M/02/X', '7', 'R-8']);
    // Every category is kept: the first as the bid's own, the rest as tags.
    expect(p.rows[0]?.problems).toEqual([]);
    expect(p.draft?.bids[0]).toMatchObject({ category: 'environment', tags: ['public-space'] });
    expect(p.draft?.categories.map((c) => c.name)).toEqual([
      'environment',
      'public space',
      'children',
      'sport',
    ]);
    expect(p.rows[3]?.problems).toEqual([
      {
        code: 'id-changed',
        severity: 'warning',
        params: { row: 20, value: 'R 8', becomes: 'R-8' },
      },
    ]);
    expect(codesOfRow(p, 19)).toEqual(['cost-missing']);
    expect(p.rows[1]?.bid.amount).toBe(2500050);
  });

  it('makes the draft from META: name, budget, currency, language, ballot and rule', async () => {
    const p = await preview(fixture('slash-ids.pb'));
    expect(p.draft).toMatchObject({
      id: 'slash-ids-test',
      name: 'Slash ids test',
      currency: 'PLN',
      locale: 'pl',
      method: { kind: 'approval', min: 1, max: 3 },
      rule: 'equal-shares',
      pots: [{ budget: 10000050 }],
    });
    expect(p.draft?.bids.map((b) => b.id)).toEqual(['M/01/X', 'M/02/X', 'R-8']);
    expect(eventSchema.safeParse(p.draft).success).toBe(true);
    expect(p.problems.map((x) => x.code)).toEqual([]);
    // Pabulib's district is the ward.
    expect(p.draft?.bids.map((b) => b.ward)).toEqual(['Północ', 'Południe', undefined]);
  });

  it('imports every real .pb fixture whole, with ids as written', async () => {
    for (const name of [
      'Netherlands_Assen_2024.pb',
      'Poland_Swiecie_2023.pb',
      'Poland_Wieliczka_2023_Green_Budget.pb',
      'Switzerland_Zurich_D10.pb',
    ]) {
      const path = join(import.meta.dirname, '../fixtures/pabulib', name);
      const text = readFileSync(path, 'utf8');
      const p = await preview({ text, fileName: name });
      expect(p.blocking, name).toBe(false);
      expect(eventSchema.safeParse(p.draft).success, name).toBe(true);
      const ids = [...text.matchAll(/^PROJECTS\r?\n[^\n]*\n([\s\S]*?)\r?\nVOTES/gm)]
        .flatMap((m) => (m[1] ?? '').split(/\r?\n/))
        .map((line) => line.split(';')[0]);
      expect(
        p.draft?.bids.map((b) => b.id),
        name,
      ).toEqual(ids);
    }
  });

  it('cuts a .pb title longer than an event allows, and says so', async () => {
    const name = 'Poland_Wieliczka_2023_Green_Budget.pb';
    const text = readFileSync(join(import.meta.dirname, '../fixtures/pabulib', name), 'utf8');
    const p = await preview({ text, fileName: name });
    const row = p.rows.find((r) => r.bid.id === '40');
    expect(row?.problems.map((x) => [x.code, x.severity, x.params.field, x.params.length])).toEqual(
      [['text-cut', 'warning', 'title', 247]],
    );
    expect(row?.bid.title.length).toBeLessThanOrEqual(200);
    expect(row?.bid.title).toMatch(/^Projekt zapobiegania bezdomności/);
  });

  it('names the .pb reader’s own problem and line', async () => {
    const problem = await failure({ text: 'META\nkey;value\nbudget;100\n', fileName: 'x.pb' });
    expect(problem).toEqual({
      code: 'pabulib-unreadable',
      severity: 'error',
      params: { reason: 'missing-section' },
    });
  });
});

describe('workbooks (.xlsx)', () => {
  it('reads a workbook written by another program, choosing the sheet with bids', async () => {
    const read = await readBidsFile(fixture('workbook-openpyxl.xlsx'));
    expect(read.ok && read.value).toMatchObject({
      format: 'xlsx',
      sheetName: 'Bids 2026',
      sheetNames: ['Instructions', 'Bids 2026'],
      headerRow: 1,
    });
    const p = await preview(fixture('workbook-openpyxl.xlsx'), { budget: 10_000_00 });
    expect(p.rows.map((r) => [r.row, r.bid.title, r.bid.amount])).toEqual([
      [2, 'Youth cooking club', 240000],
      [3, 'New benches', 240050],
      [5, 'Community fridge', 125000],
      [6, 'Allotment shed', null],
      [7, 'Summer trip', 85000],
      [8, 'Opening day', 30000],
    ]);
    expect(p.rows[0]?.bid).toMatchObject({
      description: 'Long text\nwith two lines',
      easyRead: 'We cook together.',
    });
    // This writer saved no result beside its formulas: nothing is evaluated, so nothing is read.
    expect(codesOfRow(p, 6)).toEqual(['cost-missing']);
    expect(codesOfRow(p, 7)).toEqual([]);
    expect(p.rows.find((r) => r.row === 7)?.bid.group).toBe('');
    expect(p.rows.find((r) => r.row === 8)?.bid.summary).toBe('2026-06-13');
    expect(p.draft?.bids.find((b) => b.title === 'Youth cooking club')?.easyRead).toBe(
      'We cook together.',
    );
  });

  it('uses the result Excel saved with a formula, and refuses a formula cell saved as text', async () => {
    const bytes = makeXlsx([
      {
        name: 'Sheet1',
        rows: [
          ['Title', 'Group', 'Cost'],
          ['Park benches', { formula: 'HYPERLINK("http://x","Friends")', cached: 'Friends' }, 2400],
          ['Cooking club', 'Youth', { formula: 'SUM(C2:C2)/2', cached: 1200 }],
          ['Library', '=A1', { formula: 'NOW()' }],
        ],
      },
    ]);
    const p = await preview({ bytes, fileName: 'bids.xlsx' }, { budget: 1 });
    expect(p.rows.map((r) => [r.bid.group, r.bid.amount])).toEqual([
      ['Friends', 240000],
      ['Youth', 120000],
      ['', null],
    ]);
    expect(codesOfRow(p, 4)).toEqual(['formula-cell', 'cost-missing']);
  });

  it('refuses a zip that is not a workbook, an old .xls and an OpenDocument sheet', async () => {
    const notXlsx = storedZip({ 'hello.txt': 'hello' });
    expect((await failure({ bytes: notXlsx })).code).toBe('xlsx-unreadable');
    const truncated = bidsXlsx(3).slice(0, 200);
    expect((await failure({ bytes: truncated })).code).toBe('xlsx-unreadable');
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    expect((await failure({ bytes: xls, fileName: 'bids.xls' })).code).toBe('file-is-xls');
    const ods = storedZip({
      mimetype: 'application/vnd.oasis.opendocument.spreadsheet',
      'content.xml': '<x/>',
    });
    expect((await failure({ bytes: ods, fileName: 'bids.ods' })).code).toBe('file-is-ods');
  });

  it('knows a workbook by its bytes, whatever its name says', async () => {
    const p = await preview({ bytes: bidsXlsx(3), fileName: 'bids.csv' }, { budget: 1 });
    expect(p.rows).toHaveLength(3);
    expect(p.blocking).toBe(false);
  });
});

describe('limits and bad files', () => {
  it('refuses an empty file, blank lines only, or a header with no rows', async () => {
    expect((await failure({ bytes: new Uint8Array() })).code).toBe('file-empty');
    expect((await failure(csv('\uFEFF\r\n\r\n , ,\r\n'))).code).toBe('file-empty');
    expect((await failure(csv('Title,Cost\r\n,\r\n'))).code).toBe('no-rows');
  });

  it('refuses more than 10 MB before reading it', async () => {
    const big = new Uint8Array(MAX_FILE_BYTES + 1).fill(0x41);
    expect(await failure({ bytes: big })).toEqual({
      code: 'file-too-large',
      severity: 'error',
      params: { bytes: MAX_FILE_BYTES + 1, max: MAX_FILE_BYTES },
    });
    expect((await failure({ text: 'é'.repeat(MAX_FILE_BYTES / 2 + 1) })).code).toBe(
      'file-too-large',
    );
  });

  it('imports 5,000 rows and refuses 5,001', async () => {
    const ok = await importBids({ text: bidsCsv(5000) }, { budget: 1 });
    expect(ok.ok && ok.preview.counts).toEqual({
      rows: 5000,
      included: 5000,
      errors: 0,
      warnings: 0,
    });
    expect(ok.ok && eventSchema.safeParse(ok.preview.draft).success).toBe(true);
    expect(await failure({ text: bidsCsv(5001) })).toEqual({
      code: 'too-many-rows',
      severity: 'error',
      params: { count: 5001, max: 5000 },
    });
  });

  it('imports thousands of workbook rows the same as the CSV of them', async () => {
    const fromCsv = await importBids({ text: bidsCsv(3000) }, { budget: 1 });
    // Compressed as Excel writes it (the 'knows a workbook by its bytes' test covers stored zips).
    const deflated = bidsXlsx(3000, (data) => new Uint8Array(deflateRawSync(data)));
    const fromXlsx = await importBids({ bytes: deflated }, { budget: 1 });
    expect(fromCsv.ok && fromXlsx.ok).toBe(true);
    if (!fromCsv.ok || !fromXlsx.ok) return;
    expect(fromXlsx.preview.draft?.bids).toEqual(fromCsv.preview.draft?.bids);
    expect(fromXlsx.preview.draft?.bids).toHaveLength(3000);
  });

  it('refuses pictures, PDFs and other binary files', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    expect((await failure({ bytes: png, fileName: 'bids.csv' })).code).toBe('file-not-spreadsheet');
    const pdf = new TextEncoder().encode('%PDF-1.7\n...');
    expect((await failure({ bytes: pdf })).code).toBe('file-not-spreadsheet');
    const binary = new Uint8Array([0x41, 0x42, 0x00, 0x43, 0x0a, 0x44]);
    expect((await failure({ bytes: binary })).code).toBe('file-not-spreadsheet');
  });

  it('refuses a CSV whose quote is never closed, naming the row', async () => {
    const problem = await failure(csv('Title,Cost\nPark,100\n"Benches,200\nLibrary,300\n'));
    expect(problem).toEqual({ code: 'csv-quote-unclosed', severity: 'error', params: { row: 3 } });
  });

  it('refuses text too long for the event, naming the field and the limit', async () => {
    const p = await preview(csv(`Title,Cost\n${'x'.repeat(201)},100\n`));
    expect(p.rows[0]?.problems[0]).toMatchObject({
      code: 'text-too-long',
      params: { row: 2, field: 'title', length: 201, max: 200 },
    });
  });

  it('strips control characters, and keeps quoted separators and line breaks', async () => {
    const p = await preview(
      csv('Title,Cost,Summary\n"Benches, new\u0007",100,"One;\r\ntwo, three"\n'),
      { budget: 1 },
    );
    expect(p.rows[0]?.bid).toMatchObject({ title: 'Benches, new', summary: 'One;\ntwo, three' });
  });

  it('refuses a cost above the ceiling the caller sets', async () => {
    const p = await preview(csv('Title,Cost\nPark,"£5,001"\n'), { maxCost: 5000_00 });
    expect(p.rows[0]?.problems[0]).toEqual({
      code: 'cost-too-large',
      severity: 'error',
      params: { row: 2, value: '£5,001', max: 5000_00 },
    });
  });

  it('warns when two columns name the same field, and uses the stronger', async () => {
    const p = await preview(csv('Project,Project name,Cost\nA,Benches,100\n'), { budget: 1 });
    expect(p.problems[0]).toEqual({
      code: 'column-ignored',
      severity: 'warning',
      params: { column: 'Project', field: 'title' },
    });
    expect(p.rows[0]?.bid.title).toBe('Benches');
  });
});

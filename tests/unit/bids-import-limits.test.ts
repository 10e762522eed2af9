/**
 * A workbook is a zip, and a small zip can unzip to gigabytes. The import refuses it by the sizes
 * the zip declares, before anything is unzipped, and catches a zip that lies about them.
 */
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  importBids,
  MAX_FILE_BYTES,
  MAX_XLSX_UNZIPPED_BYTES,
  type ImportOutcome,
} from '../../src/core/bids-import/index.ts';
import { declaredSize, zipEntries } from '../../src/core/bids-import/zip-size.ts';
import { englishImportProblem } from '../../src/cli/bids-import-english.ts';
import { bidsXlsx, makeXlsx, storedZip, withDeclaredSize } from '../fixtures/bids/xlsx.ts';

const deflate = (data: Uint8Array) => new Uint8Array(deflateRawSync(data));
const SHEET = 'xl/worksheets/sheet1.xml';

/** A workbook whose one sheet is a real header and row, then `padding` bytes of spaces. */
function bomb(padding: number): Uint8Array {
  const plain = makeXlsx([
    {
      name: 'Bids',
      rows: [
        ['Title', 'Cost'],
        ['Park benches', 100],
      ],
    },
  ]);
  const files: Record<string, Uint8Array> = {};
  for (const e of zipEntriesByName(plain)) files[e.name] = e.data;
  const sheet = new TextDecoder().decode(files[SHEET]);
  const padded = new Uint8Array(padding + sheet.length);
  padded.fill(0x20);
  padded.set(new TextEncoder().encode(sheet.replace('</worksheet>', '')));
  padded.set(new TextEncoder().encode('</worksheet>'), padded.length - '</worksheet>'.length);
  files[SHEET] = padded;
  return storedZip(files, deflate);
}

/** The stored (uncompressed) entries of a zip the fixtures built, by name. */
function zipEntriesByName(zip: Uint8Array): { name: string; data: Uint8Array }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out: { name: string; data: Uint8Array }[] = [];
  for (let at = 0; view.getUint32(at, true) === 0x04034b50;) {
    const size = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const name = new TextDecoder().decode(zip.subarray(at + 30, at + 30 + nameLength));
    const start = at + 30 + nameLength;
    out.push({ name, data: zip.slice(start, start + size) });
    at = start + size;
  }
  return out;
}

async function timed(bytes: Uint8Array): Promise<{ outcome: ImportOutcome; ms: number }> {
  const started = performance.now();
  const outcome = await importBids({ bytes, fileName: 'bids.xlsx' }, { budget: 1 });
  return { outcome, ms: performance.now() - started };
}

describe('a workbook that unzips to too much', () => {
  it('is refused by its declared size, quickly, with nothing drafted', async () => {
    // 40 MB of sheet in a file of about 40 KB: well under the 10 MB file limit.
    const bytes = bomb(40 * 1024 * 1024);
    expect(bytes.length).toBeLessThan(MAX_FILE_BYTES / 10);
    const entries = zipEntries(bytes);
    expect(entries && declaredSize(entries)).toBeGreaterThan(40 * 1024 * 1024);
    const { outcome, ms } = await timed(bytes);
    expect(outcome).toEqual({
      ok: false,
      problem: {
        code: 'xlsx-too-large',
        severity: 'error',
        params: { bytes: declaredSize(entries ?? []), max: MAX_XLSX_UNZIPPED_BYTES },
      },
    });
    // Nothing was unzipped: refused in the time it takes to read a directory.
    expect(ms).toBeLessThan(500);
    expect('preview' in outcome).toBe(false);
    if (outcome.ok) return;
    expect(englishImportProblem(outcome.problem, { currency: 'GBP', locale: 'en-GB' })).toMatch(
      /^This workbook unzips to 40 MB; a workbook of bids can unzip to at most 25 MB\./,
    );
  });

  it('is refused when it lies, declaring small parts that inflate to far more', async () => {
    const honest = bomb(60 * 1024 * 1024);
    const liar = withDeclaredSize(honest, SHEET, 4096);
    const entries = zipEntries(liar);
    expect(entries && declaredSize(entries)).toBeLessThan(MAX_XLSX_UNZIPPED_BYTES);
    const { outcome, ms } = await timed(liar);
    expect(outcome).toEqual({
      ok: false,
      problem: { code: 'xlsx-unreadable', severity: 'error', params: {} },
    });
    // Stopped a few KB into 60 MB.
    expect(ms).toBeLessThan(500);
  });

  it('is refused when a size says 4 GB, without a zip64 record to explain it', async () => {
    const claims = withDeclaredSize(bidsXlsx(3, deflate), SHEET, 0xffffffff);
    const { outcome } = await timed(claims);
    expect(outcome.ok ? null : outcome.problem).toMatchObject({
      code: 'xlsx-too-large',
      params: { bytes: declaredSize(zipEntries(claims) ?? []), max: MAX_XLSX_UNZIPPED_BYTES },
    });
  });

  it('leaves room for the largest sheet an event can take, and counts only what is unzipped', () => {
    const largest = zipEntries(bidsXlsx(5000, deflate));
    expect(largest && declaredSize(largest)).toBeLessThan(MAX_XLSX_UNZIPPED_BYTES / 10);
    // A 9 MB picture in the workbook is never unzipped by the reader, so it does not count.
    const picture = new Uint8Array(9 * 1024 * 1024).fill(7);
    const withPicture = storedZip({ 'xl/media/image1.png': picture });
    expect(declaredSize(zipEntries(withPicture) ?? [])).toBe(0);
  });
});

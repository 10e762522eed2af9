/**
 * `decision-day event import` and `event check`, run as an organiser would, on real-looking files.
 * The draft it prints is what the core import makes; every problem is a sentence with its row.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventSchema, type EventDefinition } from '../../src/core/schema.ts';
import { bidsXlsx } from '../fixtures/bids/xlsx.ts';
import { run } from './run-cli.ts';

const BIDS = join(import.meta.dirname, '../fixtures/bids');

/** The definition printed after the report: from the first line that is just "{". */
const draftOf = (stdout: string) =>
  JSON.parse(stdout.slice(stdout.indexOf('\n{\n') + 1)) as EventDefinition;

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'decision-day-event-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Each test starts the real CLI in a child process (the built JavaScript): give a busy machine time.
describe('decision-day event import', { timeout: 60_000 }, () => {
  it('prints the draft of a clean sheet and exits 0', async () => {
    const r = await run(
      'event',
      'import',
      join(BIDS, 'welsh.csv'),
      '--budget',
      '£5,000',
      '--name',
      'Dydd Penderfynu',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Columns: "Teitl" → title, "Enw\'r grŵp" → group, "Cost (£)" → cost',
    );
    expect(r.stdout).toContain(
      'Draft event "Dydd Penderfynu" (dydd-penderfynu): 2 bids, 2 categories',
    );
    const draft = draftOf(r.stdout);
    expect(eventSchema.safeParse(draft).success).toBe(true);
    expect(draft.pots[0]?.budget).toBe(5000_00);
    expect(draft.bids.map((b) => [b.id, b.amount])).toEqual([
      ['clwb-coginio', 120000],
      ['meinciau-newydd', 90000],
    ]);
  });

  it('lists each row’s problems in English and exits 1, still printing the draft of the good rows', async () => {
    const r = await run('event', 'import', join(BIDS, 'council-export.csv'));
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `decision-day event: ${join(BIDS, 'council-export.csv')}: 9 rows cannot be imported as written (listed above); nothing was created.`,
    ]);
    for (const line of [
      'Problems (9 rows cannot be imported as written):',
      '  Row 10: The cost "=SUM(D4:D7)" is a formula, not its value: type the value itself.',
      '  Row 11: Write the cost "£1.2k" out in full (£1,200?).',
      '  Row 12: The cost "-200" is below zero.',
      '  Row 15: The title "Youth cooking club" is already used in row 4; voters could not tell them apart.',
      '  Row 18: The cost "€300" is in EUR, not GBP.',
      '  Row 19: This looks like a total line, so it is left out.',
      '  No budget was given: the pot starts at £0 for you to set (--budget).',
    ]) {
      expect(r.stdout).toContain(line);
    }
    expect(draftOf(r.stdout).bids.map((b) => b.id)).toEqual(['B01', 'B02', 'B03', 'B04', 'B12']);
  });

  it('--json gives codes, parameters and sentences, for another program', async () => {
    const r = await run('event', 'import', join(BIDS, 'slash-ids.pb'), '--json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      format: string;
      blocking: boolean;
      rows: { row: number; problems: { code: string; params: object; message: string }[] }[];
      draft: EventDefinition;
    };
    expect(out.format).toBe('pabulib');
    expect(out.blocking).toBe(true);
    expect(out.rows.find((row) => row.row === 20)?.problems[0]).toEqual({
      code: 'id-changed',
      severity: 'warning',
      params: { row: 20, value: 'R 8', becomes: 'R-8' },
      message: 'Row 20: The id "R 8" has characters an event cannot use; it becomes "R-8".',
    });
    expect(out.draft.bids.map((b) => b.id)).toContain('M/01/X');
    expect(out.draft.currency).toBe('PLN');
  });

  it('reads a workbook, whatever it is called', async () => {
    const path = join(dir, 'bids-from-excel.xlsx');
    await writeFile(path, bidsXlsx(20));
    const r = await run(
      'event',
      'import',
      path,
      '--budget',
      '30000',
      '--pot-name',
      'Community fund',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Excel workbook, sheet "Bids", header on row 1, 20 rows.');
    const draft = draftOf(r.stdout);
    expect(draft.bids).toHaveLength(20);
    expect(draft.pots[0]).toMatchObject({ name: 'Community fund', budget: 30000_00 });
  });

  it('takes a column mapping when the header names nothing it knows', async () => {
    const file = join(BIDS, 'unknown-headers.csv');
    const unmapped = await run('event', 'import', file);
    expect(unmapped.code).toBe(1);
    expect(unmapped.stdout).toContain(
      'No column holds the title: name a column for it (--map title=COLUMN).',
    );
    expect(unmapped.stdout).toContain('No draft event');
    const mapped = await run(
      'event',
      'import',
      file,
      '--map',
      'title=column a',
      '--map',
      'cost=3',
      '--map',
      'group=Column B',
    );
    expect(mapped.stdout).toContain(
      'Columns: "Column A" → title, "Column B" → group, "Column C" → cost',
    );
    expect(draftOf(mapped.stdout).bids[0]).toMatchObject({
      title: 'Park benches',
      group: 'Friends of the Park',
    });
  });

  it('reads costs the way the locale writes them', async () => {
    const r = await run(
      'event',
      'import',
      join(BIDS, 'polish-semicolons.csv'),
      '--currency',
      'PLN',
      '--locale',
      'pl',
      '--budget',
      '50 000 zł',
    );
    expect(r.stdout).toContain(
      'Row 4: The cost "2,400" could be read two ways (thousands or decimals)',
    );
    const draft = draftOf(r.stdout);
    expect(draft.bids.map((b) => b.amount)).toEqual([240050, 1500000]);
    expect(draft.pots[0]?.budget).toBe(50000_00);
  });

  it('refuses a file it cannot read in one line', async () => {
    const binary = join(dir, 'photo.csv');
    await writeFile(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const [r, missing] = await Promise.all([
      run('event', 'import', binary),
      run('event', 'import', join(dir, 'missing.csv')),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `decision-day event: ${binary}: This is not a spreadsheet: save the bids as CSV or Excel (.xlsx) and try again.\n`,
    );
    expect(r.stdout).toBe('');
    expect(missing.stderr).toMatch(/no such file/);
  });

  it('exits 2 on a wrong command line, and explains itself on --help', async () => {
    const file = join(BIDS, 'welsh.csv');
    const runs = await Promise.all([
      run('event', 'import'),
      run('event', 'import', file, '--map', 'colour=1'),
      run('event', 'import', file, '--map', 'title=9'),
      run('event', 'import', file, '--budget', 'lots'),
      run('event', 'frobnicate'),
    ]);
    expect(runs.map((x) => x.code)).toEqual([2, 2, 2, 2, 2]);
    expect(runs[2]?.stderr).toMatch(/there is no column "9". Columns: 1 "Teitl", 2 "Enw'r grŵp"/);
    const help = await run('event', 'import', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--map FIELD=COLUMN');
  });
});

describe('decision-day event check', { timeout: 60_000 }, () => {
  it('accepts what event import made, saved as a definition or as its --json output', async () => {
    const [imported, asJson] = await Promise.all([
      run('event', 'import', join(BIDS, 'welsh.csv'), '--budget', '5000'),
      run('event', 'import', join(BIDS, 'welsh.csv'), '--json'),
    ]);
    const definition = join(dir, 'event.json');
    const json = join(dir, 'import.json');
    await writeFile(definition, JSON.stringify(draftOf(imported.stdout)));
    await writeFile(json, asJson.stdout);
    const [r, fromJson] = await Promise.all([
      run('event', 'check', definition),
      run('event', 'check', json),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `OK: ${definition} is a valid event definition: "welsh" (welsh), 2 bids, 1 pot, 2 categories.\n`,
    );
    expect(fromJson.code).toBe(0);
  });

  it('lists every problem with where it is, and exits 1', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(
      bad,
      JSON.stringify({
        id: 'x',
        name: 'X',
        currency: 'GBP',
        locale: 'en-GB',
        method: { kind: 'approval', min: 1, max: 5 },
        rule: 'greedy',
        categories: [],
        pots: [],
        bids: [],
      }),
    );
    const r = await run('event', 'check', bad);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^\s+pots: /m);
    expect(r.stdout).toMatch(/^\s+bids: /m);
    expect(r.stderr).toBe(
      `decision-day event: ${bad}: 2 problems (listed above); this is not a valid event definition.\n`,
    );
  });

  it('says when a file is not JSON', async () => {
    const r = await run('event', 'check', join(BIDS, 'welsh.csv'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/this is not JSON/);
  });
});

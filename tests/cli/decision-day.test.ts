/**
 * The real command line, run as a child process on temporary files, as an organiser would run it.
 * Expected values come from the core library called directly, or are worked out by hand.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { tally } from '../../src/core/tally/index.ts';
import {
  contentSeed,
  eventHash,
  readTallyFile,
  writeTallyFile,
} from '../../src/core/tally-file/index.ts';
import { BOOST_CHOICES, BOOST_EVENT, ballotsFor } from '../fixtures/sections/events.ts';
import { approvalBallot, demoBidIds } from '../fixtures/tally/ballots.ts';
import { run, type Run } from './run-cli.ts';

const TINY_PB = join(import.meta.dirname, '../fixtures/tally/tiny.pb');

/** A failure is one line on stderr, with no stack trace. */
function expectOneLineError(r: Run, exit: number, pattern: RegExp) {
  expect(r.code).toBe(exit);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

// 30 ballots with many equal supports, so the lot and the cost tie-break both matter.
const ballots = Array.from({ length: 30 }, (_, i) =>
  approvalBallot(
    `ballot-${String(i).padStart(2, '0')}`,
    [...new Set([demoBidIds[i % 13] ?? '', demoBidIds[(i * 5 + 2) % 13] ?? ''])],
    { stationId: i % 2 === 0 ? 'hall-1' : 'library' },
  ),
);
const stationA = ballots.slice(0, 20);
const stationB = ballots.slice(12);

let dir = '';
const at = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'decision-day-cli-'));
  await writeFile(at('a.jsonl'), writeTallyFile(DEMO_EVENT, stationA));
  await writeFile(at('b.jsonl'), writeTallyFile(DEMO_EVENT, stationB));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('decision-day tally', () => {
  it('prints, as JSON, the same result as the library, amounts in pounds', async () => {
    for (const rule of ['greedy', 'equal-shares'] as const) {
      const r = await run('tally', at('a.jsonl'), '--json', '--rule', rule);
      expect(r.code).toBe(0);
      const expected = tally(DEMO_EVENT, stationA, {
        rule,
        seed: contentSeed(eventHash(DEMO_EVENT), stationA),
      });
      const printed = JSON.parse(r.stdout) as Record<string, unknown>;
      expect(printed).toMatchObject({
        rule,
        selected: expected.selected,
        ties: expected.ties,
        pots: expected.pots.map((p) => ({
          id: p.potId,
          budget: p.budget / 100,
          selected: p.selected,
          spent: p.spent / 100,
        })),
      });
    }
  });

  it('uses the event’s own rule by default and prints a readable table', async () => {
    const r = await run('tally', at('a.jsonl'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${stationA.length} ballot(s) counted, rule: ${DEMO_EVENT.rule}`);
    expect(r.stdout).toContain('Pot: Health and wellbeing pot');
    expect(r.stdout).toContain('Budget £4,500');
  });

  it('counts a Pabulib file: one pot with its budget (worked out by hand)', async () => {
    // Support: Park 3, Library 2, Bench 2. Greedy fills 1000: Park (600), then Bench beats
    // Library on cost (400 < 500) and fits exactly; Library no longer fits.
    const r = await run('tally', TINY_PB, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      rule: 'greedy',
      pots: [{ budget: 1000, selected: ['1', '3'], spent: 1000 }],
      selected: ['1', '3'],
      ties: [{ bids: ['3', '2'], decidedBy: 'cost' }],
    });
  });

  it('refuses an unknown rule and an unknown option as command-line errors', async () => {
    expectOneLineError(
      await run('tally', at('a.jsonl'), '--rule', 'borda'),
      2,
      /Unknown rule "borda"/,
    );
    expectOneLineError(await run('tally', at('a.jsonl'), '--colour'), 2, /--colour/);
  });
});

describe('decision-day verify', () => {
  it('accepts a whole file and prints its head', async () => {
    const text = writeTallyFile(DEMO_EVENT, stationA);
    const read = readTallyFile(text);
    const r = await run('verify', at('a.jsonl'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`with ${stationA.length} ballot(s)`);
    expect(r.stdout).toContain(read.ok ? read.value.head.hash : 'unreadable');
  });

  it('names the file and the first bad line of a tampered file', async () => {
    const lines = writeTallyFile(DEMO_EVENT, stationA).split('\n');
    lines[3] = (lines[3] ?? '').replace('"hall-1"', '"hall-2"');
    await writeFile(at('tampered.jsonl'), lines.join('\n'));
    const r = await run('verify', at('tampered.jsonl'));
    expectOneLineError(r, 1, /tampered\.jsonl: Line 4 does not fit the chain/);
  });

  it('checks a published head', async () => {
    const r = await run('verify', at('a.jsonl'), '--expect-head', 'f'.repeat(64));
    expectOneLineError(r, 1, /not the published/);
  });
});

describe('decision-day merge', () => {
  it('merges station files, and merging again adds no duplicates', async () => {
    const first = await run('merge', at('all.jsonl'), at('a.jsonl'), at('b.jsonl'));
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`${ballots.length} ballot(s), 8 duplicate(s)`);
    const once = await readFile(at('all.jsonl'), 'utf8');
    const again = await run(
      'merge',
      at('all.jsonl'),
      at('all.jsonl'),
      at('b.jsonl'),
      at('a.jsonl'),
    );
    expect(again.code).toBe(0);
    expect(await readFile(at('all.jsonl'), 'utf8')).toBe(once);
    const read = readTallyFile(once);
    expect(read.ok && read.value.ballots.map((b) => b.id)).toEqual(ballots.map((b) => b.id));
  });

  it('refuses a file of another event and writes nothing', async () => {
    const other: EventDefinition = { ...DEMO_EVENT, id: 'hawick-2026', name: 'Hawick Decides' };
    const otherBallot = { ...approvalBallot('x-1', ['gala-day']), eventId: other.id };
    await writeFile(at('other.jsonl'), writeTallyFile(other, [otherBallot]));
    const r = await run('merge', at('refused.jsonl'), at('a.jsonl'), at('other.jsonl'));
    expectOneLineError(r, 1, /other\.jsonl: This file is from another event: Hawick Decides/);
    expect(existsSync(at('refused.jsonl'))).toBe(false);
  });

  it('refuses a ballot id with two contents, naming it', async () => {
    const changed = stationB.map((b) => (b.id === 'ballot-15' ? { ...b, stationId: 'school' } : b));
    await writeFile(at('conflict.jsonl'), writeTallyFile(DEMO_EVENT, changed));
    const r = await run('merge', at('refused.jsonl'), at('a.jsonl'), at('conflict.jsonl'));
    expectOneLineError(r, 1, /ballot-15/);
    expect(existsSync(at('refused.jsonl'))).toBe(false);
  });
});

describe('decision-day export', () => {
  it('writes the results CSV to a file', async () => {
    const r = await run('export', at('a.jsonl'), '--format', 'csv', '--out', at('results.csv'));
    expect(r.code).toBe(0);
    const csv = await readFile(at('results.csv'), 'utf8');
    expect(csv.startsWith('Pot,Bid id,Bid,Group,Amount,Support,Voters,Funded,Note\r\n')).toBe(true);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(DEMO_EVENT.bids.length + 1);
  });

  it('prints anonymised ballots with no ids or stations', async () => {
    const r = await run('export', at('a.jsonl'), '--format', 'ballots-csv');
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\r\n')).toHaveLength(stationA.length + 1);
    expect(r.stdout).not.toMatch(/ballot-|hall-1|library/);
  });

  it('writes a Pabulib file that tallies to the same funded bids', async () => {
    const out = at('round-trip.pb');
    expect((await run('export', TINY_PB, '--format', 'pb', '--out', out)).code).toBe(0);
    const again = await run('tally', out, '--json');
    expect(again.code).toBe(0);
    // The same hand-worked answer as the original file's.
    expect(JSON.parse(again.stdout)).toMatchObject({
      selected: ['1', '3'],
      pots: [{ spent: 1000 }],
    });
  });

  it('refuses an unknown format', async () => {
    expectOneLineError(await run('export', at('a.jsonl'), '--format', 'xlsx'), 2, /--format/);
  });
});

describe('a ballot with sections (tests/fixtures/sections)', () => {
  const boost = ballotsFor(BOOST_EVENT, BOOST_CHOICES);
  const seed = contentSeed(eventHash(BOOST_EVENT), boost);

  it('tallies a tally file to the same result as the library, pot by pot', async () => {
    await writeFile(at('boost.jsonl'), writeTallyFile(BOOST_EVENT, boost));
    for (const rule of ['greedy', 'equal-shares'] as const) {
      const r = await run('tally', at('boost.jsonl'), '--json', '--rule', rule);
      expect(r.code).toBe(0);
      const expected = tally(BOOST_EVENT, boost, { rule, seed });
      expect(JSON.parse(r.stdout)).toMatchObject({
        rule,
        selected: expected.selected,
        ties: expected.ties,
        pots: expected.pots.map((p) => ({ id: p.potId, selected: p.selected })),
      });
    }
    // The hand-worked answers of tests/unit/ballot-sections.test.ts.
    const greedy = await run('tally', at('boost.jsonl'), '--json');
    expect(JSON.parse(greedy.stdout)).toMatchObject({ selected: ['m2', 'b', 'm1', 't'] });
  });

  it('exports its Pabulib files beside --out, one per pot and section, and needs --out', async () => {
    const r = await run('export', at('boost.jsonl'), '--format', 'pb', '--out', at('boost.pb'));
    expect(r.code).toBe(0);
    const names = ['ring-section-choose', 'ring-section-boost', 'main-section-choose'];
    for (const name of names) expect(existsSync(at(`boost-pot-${name}.pb`))).toBe(true);
    expect(existsSync(at('boost.pb'))).toBe(false);
    expect(r.stdout).toContain('boost-pot-main-section-boost.pb');
    // The ring's choose file tallies on its own: m1, m2 and t with the ring's £50.
    const ring = await run('tally', at('boost-pot-ring-section-choose.pb'), '--json');
    expect(JSON.parse(ring.stdout)).toMatchObject({ pots: [{ budget: 50 }] });
    expectOneLineError(
      await run('export', at('boost.jsonl'), '--format', 'pb'),
      2,
      /sections.*--out/,
    );
  });
});

describe('the command line itself', () => {
  it('explains a missing file in one line', async () => {
    expectOneLineError(
      await run('tally', at('nowhere.jsonl')),
      1,
      /nowhere\.jsonl: there is no such file/,
    );
  });

  it('refuses an unknown command and a missing one', async () => {
    expectOneLineError(await run('count', 'x'), 2, /unknown command "count"/);
    expectOneLineError(await run(), 2, /no command given/);
  });

  it('explains a file that is not a tally file', async () => {
    await writeFile(at('notes.txt'), 'shopping list\n');
    expectOneLineError(
      await run('tally', at('notes.txt')),
      1,
      /notes\.txt: Line 1 is not valid JSON/,
    );
  });

  it('prints usage with --help', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    for (const command of ['tally', 'verify', 'merge', 'export']) {
      expect(r.stdout).toContain(`decision-day ${command}`);
    }
  });
});

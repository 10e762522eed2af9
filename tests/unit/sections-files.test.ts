/**
 * Ballots with sections in every file they travel in: the tally file (write, read, merge, and a
 * tampered ballot refused), the anonymised ballots CSV, and Pabulib .pb export (one file per pot
 * and section) and import, where project ids like "M/01/X" are kept exactly.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { englishTallyFileProblem } from '../../src/cli/english.ts';
import type { Json } from '../../src/core/canonical-json.ts';
import { ballotsCsv } from '../../src/core/export/index.ts';
import {
  parsePabulib,
  writePabulib,
  writePabulibFiles,
  type PabulibInstance,
} from '../../src/core/pabulib/index.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { tally } from '../../src/core/tally/index.ts';
import {
  appendBallots,
  contentSeed,
  eventHash,
  mergeTallyFiles,
  readTallyFile,
  startTallyFile,
  writeTallyFile,
} from '../../src/core/tally-file/index.ts';
import {
  BOOST_CHOICES,
  BOOST_EVENT,
  ballotsFor,
  onePartOf,
  WARDS_CHOICES,
  WARDS_EVENT,
} from '../fixtures/sections/events.ts';
import { forge, joinLines, linesOf } from '../fixtures/tally/forge.ts';

const boost = ballotsFor(BOOST_EVENT, BOOST_CHOICES);
const wards = ballotsFor(WARDS_EVENT, WARDS_CHOICES);
const parseCsv = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;

describe('a tally file of a ballot with sections', () => {
  it('round-trips the event and its ballots, and tallies the same', () => {
    const text = writeTallyFile(BOOST_EVENT, boost);
    const read = readTallyFile(text);
    if (!read.ok) throw new Error(read.error.code);
    expect(read.value.event).toEqual(BOOST_EVENT);
    expect(read.value.ballots).toEqual(boost);
    const seed = contentSeed(eventHash(BOOST_EVENT), boost);
    expect(tally(read.value.event, read.value.ballots, { seed })).toEqual(
      tally(BOOST_EVENT, boost, { seed }),
    );
  });

  it('merges two stations’ files, keeping each ballot once', () => {
    const a = writeTallyFile(WARDS_EVENT, wards.slice(0, 3));
    const b = writeTallyFile(WARDS_EVENT, wards.slice(1));
    const merged = mergeTallyFiles([a, b]);
    expect(merged.ok ? merged.value : merged.error).toMatchObject({ ballots: 4, duplicates: 2 });
    expect(merged.ok ? merged.value.text : '').toBe(writeTallyFile(WARDS_EVENT, wards));
  });

  it('refuses a ballot edited to boost a bid outside the boost, even with its hash redone', () => {
    const start = startTallyFile(BOOST_EVENT);
    const text = start.text + appendBallots(start.head, boost.slice(0, 1)).text;
    // Line 3 is v1's ballot: boost "a" (not minority-ethnic led) instead of m1.
    const forged = forge(linesOf(text), 2, (record) => {
      const ballot = record['ballot'] as { choice: { parts: { choice: { bids: string[] } }[] } };
      const boostPart = ballot.choice.parts[1];
      if (boostPart === undefined) throw new Error('v1 has a boost part');
      boostPart.choice.bids = ['a'];
    });
    const r = readTallyFile(joinLines(forged));
    expect(r.ok ? 'ok' : r.error).toMatchObject({
      code: 'invalid-ballot',
      line: 3,
      cause: { code: 'unknown-bid', params: { bid: 'a', section: 'boost' } },
    });
    expect(r.ok ? '' : englishTallyFileProblem(r.error)).toBe(
      'The ballot on line 3 is not valid: Ballot section "boost": Bid "a" is not one this part ' +
        'of the ballot offers.',
    );
  });

  it('refuses parts swapped or a ward changed, with or without the hash redone', () => {
    const start = startTallyFile(WARDS_EVENT);
    const text = start.text + appendBallots(start.head, wards.slice(0, 1)).text;
    const swapped = forge(linesOf(text), 2, (record) => {
      const ballot = record['ballot'] as { choice: { parts: Json[] } };
      ballot.choice.parts.reverse();
    });
    expect(readTallyFile(joinLines(swapped))).toMatchObject({
      ok: false,
      error: { code: 'invalid-ballot', line: 3, cause: { code: 'wrong-sections' } },
    });
    // The North voter's ballot said to be from South: n1 and n2 are not South's bids.
    const moved = forge(linesOf(text), 2, (record) => {
      const ballot = record['ballot'] as { choice: { parts: { ward?: string }[] } };
      const mine = ballot.choice.parts[0];
      if (mine) mine.ward = 'South';
    });
    expect(readTallyFile(joinLines(moved))).toMatchObject({
      ok: false,
      error: { code: 'invalid-ballot', cause: { code: 'unknown-bid', params: { bid: 'n1' } } },
    });
    // Edited in place, hash untouched: the chain breaks at that line.
    const lines = linesOf(text);
    lines[2] = (lines[2] ?? '').replace('"North"', '"South"');
    expect(readTallyFile(joinLines(lines))).toMatchObject({
      ok: false,
      error: { code: 'broken-chain', line: 3 },
    });
  });
});

describe('the anonymised ballots CSV of a ballot with sections', () => {
  it('has a column per section and bid, and the ward an own-ward part was over', () => {
    const rows = parseCsv(ballotsCsv(WARDS_EVENT, wards, () => 0.5));
    expect(rows[0]).toEqual([
      'your-ward ward',
      'your-ward:n1',
      'your-ward:n2',
      'your-ward:n3',
      'your-ward:s1',
      'your-ward:s2',
      'area:w1',
      'area:w2',
    ]);
    // Another ward's bids were not on offer: empty, not 0.
    expect(rows.slice(1)).toContainEqual(['North', '1', '1', '0', '', '', '1', '0']);
    expect(rows.slice(1)).toContainEqual(['South', '', '', '', '1', '0', '1', '0']);
    expect(rows).toHaveLength(wards.length + 1);
  });

  it('counts a bid chosen in one part and boosted in another once in each column', () => {
    const csv = ballotsCsv(BOOST_EVENT, boost, () => 0);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([
      'choose:a',
      'choose:b',
      'choose:c',
      'choose:m1',
      'choose:m2',
      'choose:t',
      'boost:m1',
      'boost:m2',
      'boost:t',
    ]);
    expect(rows.slice(1)).toContainEqual(['1', '1', '0', '1', '0', '0', '1', '0', '0']);
    // Nothing that could name a voter or a time: no ballot id, station or hour.
    expect(csv).not.toMatch(/v\d|hall-1|2026-06-13/);
  });
});

/** One .pb file read back, or the test fails with its code. */
function read(text: string, eventId?: string): PabulibInstance {
  const r = parsePabulib(text, eventId === undefined ? {} : { eventId });
  if (!r.ok) throw new Error(`${r.error.code} ${JSON.stringify(r.error.params)}`);
  return r.value;
}

describe('Pabulib export of a ballot with sections', () => {
  it('is one file per pot and section that covers some of its bids', () => {
    const files = writePabulibFiles(BOOST_EVENT, boost, { selected: ['m2', 'b'] });
    expect(files.map((f) => f.suffix)).toEqual([
      '-pot-ring-section-choose',
      '-pot-ring-section-boost',
      '-pot-main-section-choose',
      '-pot-main-section-boost',
    ]);
    // WARDS: a ward's pot meets only the own-ward section; the area pot only the area section.
    const wardFiles = writePabulibFiles(WARDS_EVENT, wards);
    expect(wardFiles.map((f) => [f.potId, f.sectionId])).toEqual([
      ['north', 'your-ward'],
      ['south', 'your-ward'],
      ['area', 'area'],
    ]);
  });

  it('holds the pot’s budget and rule, its bids in the section, and each part cut to them', () => {
    const event: EventDefinition = {
      ...BOOST_EVENT,
      pots: BOOST_EVENT.pots.map((p) => (p.id === 'ring' ? { ...p, rule: 'equal-shares' } : p)),
    };
    const result = tally(event, boost, { seed: 'ab' });
    const files = writePabulibFiles(event, boost, { pots: result.pots });
    const ringChoose = files.find((f) => f.suffix === '-pot-ring-section-choose');
    const pb = read(ringChoose?.text ?? '', 'ring-choose');
    expect(pb.meta).toMatchObject({
      budget: '50',
      vote_type: 'approval',
      // Only three of the section's six bids are here, so a voter may have none of them.
      min_length: '0',
      max_length: '3',
      rule: 'equalshares/add1',
      pot: 'ring',
      section: 'choose',
      subunit: 'Minority-ethnic fund',
    });
    expect(pb.event.bids.map((b) => b.id)).toEqual(['m1', 'm2', 't']);
    expect(pb.event.pots[0]?.budget).toBe(50_00);
    // Every ballot is a voter of every file (equal shares shares each pot among all of them).
    expect(pb.ballots.map((b) => [b.id, b.choice])).toEqual([
      ['pb-v1', { kind: 'approval', bids: ['m1'] }],
      ['pb-v2', { kind: 'approval', bids: ['m2'] }],
      ['pb-v3', { kind: 'approval', bids: [] }],
      ['pb-v4', { kind: 'approval', bids: ['m2', 't'] }],
      ['pb-v5', { kind: 'approval', bids: [] }],
    ]);
    // The ring funded t; the main pot's m2 is not marked in the ring's files.
    expect(result.pots.map((p) => p.selected)).toEqual([['t'], ['m2', 'b']]);
    expect(pb.selected).toEqual(['t']);
    const mainChoose = read(files.find((f) => f.suffix === '-pot-main-section-choose')?.text ?? '');
    expect(mainChoose.meta).toMatchObject({ budget: '100', min_length: '1', rule: 'greedy' });
    expect(mainChoose.selected).toEqual(['b', 'm2']);
    // Pabulib has no group, category or ward: the rest of each bid is there.
    expect(mainChoose.event.bids.map((b) => [b.id, b.title, b.amount, b.summary])).toEqual(
      BOOST_EVENT.bids.map((b) => [b.id, b.title, b.amount, b.summary]),
    );
  });

  it('leaves an event of one part exactly as one file, and refuses sections as one file', () => {
    const onePart = onePartOf(BOOST_EVENT, { kind: 'approval', min: 0, max: 3 });
    const ballots = boost.map((b) => ({
      ...b,
      choice: b.choice.kind === 'sections' ? (b.choice.parts[0]?.choice ?? b.choice) : b.choice,
    }));
    expect(writePabulibFiles(onePart, ballots, { selected: ['a'] })).toEqual([
      { suffix: '', text: writePabulib(onePart, ballots, { selected: ['a'] }) },
    ]);
    expect(() => writePabulib(BOOST_EVENT, boost)).toThrow(/writePabulibFiles/);
  });
});

describe('Pabulib project ids', () => {
  const text = [
    'META',
    'key;value',
    'description;Slash ids',
    'budget;1000',
    'vote_type;approval',
    'PROJECTS',
    'project_id;cost;name',
    'M/01/X;600;Park',
    'M/02/X+;500;Library',
    'N 3;400;Bench',
    'VOTES',
    'voter_id;vote',
    'v1;M/01/X,M/02/X+',
    'v2;N 3',
    '',
  ].join('\n');

  it('are kept exactly as written when they are valid bid ids, through import and export', () => {
    const pb = read(text, 'slash');
    // "N 3" has a space, which no bid id may hold: it is the one that changes.
    expect(pb.event.bids.map((b) => b.id)).toEqual(['M/01/X', 'M/02/X+', 'N-3']);
    expect(pb.ballots.map((b) => b.choice)).toEqual([
      { kind: 'approval', bids: ['M/01/X', 'M/02/X+'] },
      { kind: 'approval', bids: ['N-3'] },
    ]);
    const written = writePabulib(pb.event, pb.ballots, { selected: ['M/01/X'] });
    expect(written).toContain('\nM/01/X;600;1;Park;1;\n');
    expect(written).toContain('\nv1;M/01/X,M/02/X+\n');
    const again = read(written, 'slash');
    expect(again.event).toEqual(pb.event);
    expect(again.ballots).toEqual(pb.ballots);
    expect(again.selected).toEqual(['M/01/X']);
  });
});

/**
 * Every Pabulib file we hold survives export and re-import: read it, write it back out as a .pb
 * (what `decision-day export --format pb` writes), read that again, and nothing a researcher would
 * compare has moved: the project ids exactly as the file writes them (`M/01/X` stays `M/01/X`),
 * costs, budget, every vote, and the winners under greedy and equal shares.
 *
 * The fixtures (tests/fixtures/pabulib and slash-ids.pb) run every time. The city-sized files in
 * ../shared/pabulib (not in a user's clone) take tens of seconds to count twice by equal shares,
 * too long for the unit suite: they run with PABULIB_ROUND_TRIP=all, and are skipped, saying so,
 * otherwise or when the folder is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePabulib, writePabulib, type PabulibInstance } from '../../src/core/pabulib/index.ts';
import { problemSummary } from '../../src/core/problem.ts';
import { tally } from '../../src/core/tally/index.ts';
import type { Rule } from '../../src/core/schema.ts';

const FIXTURES = new URL('../fixtures/pabulib/', import.meta.url);
const SHARED = new URL('../../../shared/pabulib/', import.meta.url);
const SLASH_IDS = new URL('../fixtures/bids/slash-ids.pb', import.meta.url);
const RULES: Rule[] = ['greedy', 'equal-shares'];

const pbFiles = (dir: URL) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.pb'))
    .sort()
    .map((name) => ({ name, url: new URL(name, dir) }));

function read(text: string, eventId?: string): PabulibInstance {
  const r = parsePabulib(text, eventId === undefined ? {} : { eventId });
  if (!r.ok) throw new Error(problemSummary(r.error));
  return r.value;
}

/** The project_id cells of a file's PROJECTS section, exactly as written. */
function projectIdsAsWritten(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim().toUpperCase() === 'PROJECTS');
  const header = (lines[start + 1] ?? '').split(';').map((c) => c.trim().toLowerCase());
  const at = header.indexOf('project_id');
  const ids: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (line.trim().toUpperCase() === 'VOTES') break;
    if (line.trim() !== '') ids.push((line.split(';')[at] ?? '').trim());
  }
  return ids;
}

// One seed for both reads: the ballots are checked equal, so their content seeds would be too.
const winners = (pb: PabulibInstance, rule: Rule) =>
  tally(pb.event, pb.ballots, { rule, seed: 'round-trip' }).pots.map((pot) => pot.selected);

function expectRoundTrip(text: string) {
  const first = read(text);
  const exported = writePabulib(first.event, first.ballots, { selected: first.selected ?? [] });
  const second = read(exported, first.event.id);

  const ids = first.event.bids.map((b) => b.id);
  expect(second.event.bids.map((b) => b.id)).toEqual(ids);
  // Ids are kept exactly as the file writes them (only ids no bid id can hold are made plain).
  const written = projectIdsAsWritten(text);
  expect(ids.filter((id) => written.includes(id)).length).toBeGreaterThan(0);
  expect(projectIdsAsWritten(exported)).toEqual(ids);
  expect(second.event.bids.map((b) => b.amount)).toEqual(first.event.bids.map((b) => b.amount));
  expect(second.event.pots).toEqual(first.event.pots);
  expect(second.event.method).toEqual(first.event.method);
  expect(second.ballots).toEqual(first.ballots);
  expect(second.selected ?? []).toEqual(first.selected ?? []);
  for (const rule of RULES) expect(winners(second, rule), rule).toEqual(winners(first, rule));
  return { first, written };
}

describe('Pabulib round trip: export, re-import, same ids, votes and winners', () => {
  it.each(pbFiles(FIXTURES))('$name', ({ url }) => {
    const text = readFileSync(url, 'utf8');
    const { first, written } = expectRoundTrip(text);
    // These files' ids are all valid bid ids, so every one is kept exactly as written.
    expect(first.event.bids.map((b) => b.id)).toEqual(written);
  });

  it('keeps ids with slashes exactly as written (slash-ids.pb)', () => {
    // Its project "7" has no cost, which the tally reader refuses (the event import reports it):
    // the rest of the file is the round trip's case.
    const text = readFileSync(SLASH_IDS, 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith('7;'))
      .join('\n');
    const { first } = expectRoundTrip(text);
    const ids = first.event.bids.map((b) => b.id);
    expect(ids).toContain('M/01/X');
    expect(ids).toContain('M/02/X');
    expect(first.ballots.map((b) => b.choice)).toEqual([
      { kind: 'approval', bids: ['M/01/X', 'M/02/X'] },
      { kind: 'approval', bids: ['M/01/X'] },
    ]);
  });

  const shared = existsSync(SHARED) ? pbFiles(SHARED) : [];
  const runShared = process.env['PABULIB_ROUND_TRIP'] === 'all';
  describe.skipIf(!runShared || shared.length === 0)(
    `../shared/pabulib (${shared.length} files; set PABULIB_ROUND_TRIP=all to run)`,
    () => {
      it.each(shared)('$name', { timeout: 300_000 }, ({ url }) => {
        expectRoundTrip(readFileSync(url, 'utf8'));
      });
    },
  );
});

/**
 * Injection through exports (issue 11, the XSS and injection sweep): every text an organiser or a
 * station sets may reach a spreadsheet or a Pabulib file.
 *
 * - CSV (results, ballots, inclusion, activity: all written by core/export/csv.ts): a cell that
 *   starts with = + - @ TAB or CR is shown by a spreadsheet as text, never run (OWASP "CSV
 *   injection"): the cell is quoted and starts with an apostrophe; anything else is kept exactly.
 * - Pabulib .pb: a title or description holding `;`, quotes, line breaks or a line that names a
 *   section ("VOTES") can neither forge a row nor a section: the file reads back to the same
 *   projects and votes, each text on its own line.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { auditCsv } from '../../src/core/audit.ts';
import { ballotsCsv, resultsCsv } from '../../src/core/export/index.ts';
import { toCsv } from '../../src/core/export/csv.ts';
import { parsePabulib, writePabulib } from '../../src/core/pabulib/index.ts';
import { problemSummary } from '../../src/core/problem.ts';
import type { Ballot, EventDefinition } from '../../src/core/schema.ts';
import { tally } from '../../src/core/tally/index.ts';
import { FORMULA_CELLS, PAYLOADS, hostileText } from '../support/xss-payloads.ts';

const parse = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;

/** An event whose every text an export writes is hostile, titles starting with formulas. */
const event: EventDefinition = {
  id: 'xss-exports',
  name: `${PAYLOADS.formula} ${PAYLOADS.img}`,
  currency: 'GBP',
  locale: 'en-GB',
  rule: 'greedy',
  method: { kind: 'approval', min: 0, max: null },
  categories: [],
  pots: [{ id: 'main', name: '@SUM(A1:A2) pot', budget: 5000_00, eligible: { kind: 'all' } }],
  bids: FORMULA_CELLS.map((title, i) => ({
    id: `b${i}`,
    title,
    group: `-${i} group; "quoted"`,
    amount: (i + 1) * 100_00,
    summary: hostileText(`Summary ${i}\r\nVOTES\nvoter_id;vote`),
  })),
};

const ballots: Ballot[] = ['b0', 'b1', 'b2', 'b3'].map((bid, i) => ({
  id: `v${i}`,
  eventId: event.id,
  stationId: 'hall',
  castHour: '2026-06-13T14:00Z',
  choice: { kind: 'approval', bids: [bid, 'b5'] },
}));

describe('CSV exports neutralise formulas (OWASP)', () => {
  it('quotes and prefixes with an apostrophe every cell starting with = + - @ TAB or CR', () => {
    const csv = toCsv(
      ['text'],
      FORMULA_CELLS.map((cell) => [cell]),
    );
    const cells = parse(csv)
      .slice(1)
      .map((row) => row[0]);
    expect(cells).toEqual(FORMULA_CELLS.map((cell) => `'${cell}`));
    // Written quoted, so even a reader that ignores the apostrophe sees one text cell.
    for (const cell of FORMULA_CELLS) {
      expect(csv).toContain(`"'${cell.replace(/"/g, '""')}"`);
    }
  });

  it('keeps every other text exactly, markup and line breaks included', () => {
    const texts = [hostileText('plain'), 'a, b; "c"\r\nd', ' =not a formula', '＝1+1', '1-2'];
    const cells = parse(
      toCsv(
        ['text'],
        texts.map((t) => [t]),
      ),
    )
      .slice(1)
      .map((row) => row[0]);
    expect(cells).toEqual(texts);
  });

  it('writes the results with hostile bid titles, groups and pot names as text', () => {
    const result = tally(event, ballots, { seed: '00' });
    const rows = parse(resultsCsv(event, result));
    const [header, ...body] = rows;
    const at = (name: string) => header?.indexOf(name) ?? -1;
    expect(body).toHaveLength(event.bids.length);
    for (const row of body) {
      for (const column of ['Pot', 'Bid', 'Group']) {
        const cell = row[at(column)] ?? '';
        // Nothing a spreadsheet would run: a formula start is always behind an apostrophe.
        expect(cell, `${column}: ${cell}`).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
    const titles = body.map((row) => row[at('Bid')]);
    expect([...titles].sort()).toEqual(FORMULA_CELLS.map((t) => `'${t}`).sort());
    expect(body.filter((row) => row[at('Pot')] === "'@SUM(A1:A2) pot")).not.toHaveLength(0);
  });

  it('writes the ballots with a hostile ward answer as text', () => {
    const withWard: EventDefinition = {
      ...event,
      method: undefined,
      bids: event.bids.map((b) => ({ ...b, ward: '=1+1 ward' })),
      sections: [
        {
          id: 'mine',
          title: 'Your ward',
          scope: { kind: 'own-ward' },
          method: { kind: 'approval', min: 0, max: null },
        },
      ],
    };
    const sectioned: Ballot[] = [
      {
        ...ballots[0]!,
        choice: {
          kind: 'sections',
          parts: [
            { section: 'mine', ward: '=1+1 ward', choice: { kind: 'approval', bids: ['b0'] } },
          ],
        },
      },
    ];
    const rows = parse(ballotsCsv(withWard, sectioned, () => 0.5));
    expect(rows[1]?.[0]).toBe("'=1+1 ward");
  });

  it('writes the activity log with a hostile name, event and detail as text', () => {
    const csv = auditCsv([
      {
        seq: 1,
        at: '2026-06-13T14:00:00.000Z',
        by: '@admin',
        action: 'ballot-void',
        event: '+xss-exports',
        details: { reason: PAYLOADS.formula, note: '-1+1' },
        prev: '0'.repeat(64),
      },
    ]);
    for (const row of parse(csv).slice(1)) {
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });
});

describe('Pabulib .pb export cannot be forged by a text', () => {
  const text = writePabulib(event, ballots, { selected: ['b0'] });

  it('has exactly one of each section line, whatever the titles and descriptions hold', () => {
    const lines = text.split('\n');
    for (const name of ['META', 'PROJECTS', 'VOTES']) {
      expect(lines.filter((line) => line.trim().toUpperCase() === name)).toHaveLength(1);
    }
    // META (1 + header + keys), PROJECTS (1 + header + bids), VOTES (1 + header + ballots), end.
    const projects = lines.indexOf('PROJECTS');
    const votes = lines.indexOf('VOTES');
    expect(votes - projects - 2).toBe(event.bids.length);
    expect(lines.length - votes - 3).toBe(ballots.length);
  });

  it('reads back to the same projects and votes, texts kept on one line', () => {
    const read = parsePabulib(text, { eventId: event.id });
    if (!read.ok) throw new Error(problemSummary(read.error));
    const { event: back, ballots: votes } = read.value;
    expect(back.bids.map((b) => b.id)).toEqual(event.bids.map((b) => b.id));
    expect(back.bids.map((b) => b.title)).toEqual(
      event.bids.map((b) => b.title.replace(/[\r\n]+/g, ' ').trim()),
    );
    expect(back.bids.map((b) => b.summary)).toEqual(
      event.bids.map((b) => b.summary.replace(/[\r\n]+/g, ' ')),
    );
    expect(votes.map((b) => b.choice)).toEqual(ballots.map((b) => b.choice));
  });

  it('keeps a title that tries to close its quote and start a section as one cell', () => {
    const forged: EventDefinition = {
      ...event,
      bids: [{ ...event.bids[0]!, id: 'f', title: PAYLOADS.pbForge }],
    };
    const pb = writePabulib(forged, []);
    expect(pb.split('\n').filter((line) => line === 'VOTES')).toHaveLength(1);
    const read = parsePabulib(pb, { eventId: forged.id });
    if (!read.ok) throw new Error(problemSummary(read.error));
    expect(read.value.event.bids.map((b) => b.title)).toEqual([
      PAYLOADS.pbForge.replace(/[\r\n]+/g, ' '),
    ]);
    expect(read.value.ballots).toEqual([]);
  });
});

import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { ballotsCsv, resultsCsv } from '../../src/core/export/index.ts';
import type { Ballot, Choice, EventDefinition } from '../../src/core/schema.ts';
import type { Exclusion, TallyResult } from '../../src/core/tally/types.ts';
import { approvalBallot } from '../fixtures/tally/ballots.ts';

const parse = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;

/** A tally result written by hand for a three-bid event, so the test does not echo the tally. */
const event: EventDefinition = {
  ...DEMO_EVENT,
  pots: [
    { id: 'health', name: 'Health pot', budget: 1000_00, eligible: { kind: 'all' } },
    { id: 'main', name: 'Main fund', budget: 3000_00, eligible: { kind: 'all' } },
  ],
  bids: [
    { id: 'walks', title: 'Health walks', group: 'Walkers', amount: 900_00, summary: '' },
    { id: 'garden', title: 'Garden', group: 'Friends', amount: 2400_50, summary: '' },
    { id: 'gala', title: 'Gala, with "music"', group: 'Gala', amount: 5000_00, summary: '' },
    { id: 'mural', title: 'Mural', group: 'Arts', amount: 700_00, summary: '' },
  ],
};
const result: TallyResult = {
  eventId: event.id,
  rule: 'greedy',
  ballotsCounted: 10,
  support: [
    { bidId: 'walks', support: 6, voters: 6 },
    { bidId: 'garden', support: 7, voters: 7 },
    { bidId: 'gala', support: 9, voters: 9 },
    {
      bidId: 'mural',
      support: 1,
      voters: 1,
      excludedBy: { code: 'below-min-support', params: { voters: 1, ballots: 10, share: 0.2 } },
    },
  ],
  pots: [
    {
      potId: 'health',
      name: 'Health pot',
      budget: 1000_00,
      rolledIn: 0,
      selected: ['walks'],
      spent: 900_00,
      left: 100_00,
    },
    {
      potId: 'main',
      name: 'Main fund',
      budget: 3000_00,
      rolledIn: 0,
      selected: ['garden'],
      spent: 2400_50,
      left: 599_50,
    },
  ],
  selected: ['walks', 'garden'],
  ties: [],
};

describe('the results CSV', () => {
  it('lists funded bids pot by pot, then the rest by support, in pounds', () => {
    const note = (e: Exclusion) => `${e.code}: ${e.params['share']}`;
    expect(parse(resultsCsv(event, result, note))).toEqual([
      ['Pot', 'Bid id', 'Bid', 'Group', 'Amount', 'Support', 'Voters', 'Funded', 'Note'],
      ['Health pot', 'walks', 'Health walks', 'Walkers', '900', '6', '6', 'Yes', ''],
      ['Main fund', 'garden', 'Garden', 'Friends', '2400.5', '7', '7', 'Yes', ''],
      ['', 'gala', 'Gala, with "music"', 'Gala', '5000', '9', '9', 'No', ''],
      ['', 'mural', 'Mural', 'Arts', '700', '1', '1', 'No', 'below-min-support: 0.2'],
    ]);
  });

  it('notes a ruled-out bid by its code and facts when no words are given', () => {
    expect(resultsCsv(event, result)).toContain('below-min-support voters=1 ballots=10 share=0.2');
  });

  it('uses CRLF line ends and quotes cells with commas and quotes', () => {
    const csv = resultsCsv(event, result);
    expect(csv.split('\r\n')).toHaveLength(5);
    expect(csv).toContain('"Gala, with ""music"""');
  });

  it('treats a result naming a bid the event lacks as a bug', () => {
    const wrong = {
      ...result,
      selected: ['swimming-pool'],
      pots: [{ ...result.pots[0]!, selected: ['swimming-pool'] }],
    };
    expect(() => resultsCsv(event, wrong)).toThrow(/swimming-pool/);
  });
});

describe('spreadsheet formula injection', () => {
  const attacks = [
    '=HYPERLINK("http://evil.example","Click")',
    '+1+cmd|" /C calc"!A0',
    '-2+3',
    '@SUM(A1:A9)',
    '\t=1+1',
    '\r=1+1',
    '=1+1\nsecond line',
  ];

  it('neutralises every dangerous first character in a bid title, even with a line break', () => {
    for (const title of attacks) {
      const hostile = {
        ...event,
        bids: event.bids.map((b) => (b.id === 'gala' ? { ...b, title } : b)),
      };
      const rows = parse(resultsCsv(hostile, result));
      const cell = rows.find((r) => r[1] === 'gala')?.[2];
      expect(cell).toBe(`'${title}`);
    }
  });

  it('leaves ordinary titles and numbers alone', () => {
    const rows = parse(resultsCsv(event, result));
    expect(rows[1]?.[2]).toBe('Health walks');
    expect(rows[1]?.[4]).toBe('900');
  });
});

describe('the anonymised ballots CSV', () => {
  const ballots = [
    approvalBallot('ballot-aaa', ['gala-day', 'chair-yoga'], { stationId: 'library' }),
    approvalBallot('ballot-bbb', ['warm-space']),
    approvalBallot('ballot-ccc', ['bike-repair', 'gala-day'], { castHour: '2026-06-13T15:00Z' }),
  ];
  const fixed = () => 0.5;

  it('has one column per bid and one row per ballot, 1 for chosen', () => {
    const rows = parse(ballotsCsv(DEMO_EVENT, ballots, fixed));
    expect(rows[0]).toEqual(DEMO_EVENT.bids.map((b) => b.id));
    expect(rows).toHaveLength(4);
    const chosen = rows
      .slice(1)
      .map((row) => row.flatMap((cell, i) => (cell === '1' ? [rows[0]?.[i]] : [])).sort());
    expect(chosen.sort()).toEqual(
      [['bike-repair', 'gala-day'], ['chair-yoga', 'gala-day'], ['warm-space']].sort(),
    );
  });

  it('holds no ballot id, station or time', () => {
    const csv = ballotsCsv(DEMO_EVENT, ballots, fixed);
    for (const secret of ['ballot-aaa', 'ballot-bbb', 'library', 'hall-1', '2026-06-13', ':00Z']) {
      expect(csv).not.toContain(secret);
    }
  });

  it('shuffles rows with the injected random source', () => {
    const many = Array.from({ length: 12 }, (_, i) =>
      approvalBallot(`b${i}`, [DEMO_EVENT.bids[i]?.id ?? 'gala-day']),
    );
    const order = (csv: string) =>
      parse(csv)
        .slice(1)
        .map((row) => row.indexOf('1'));
    const inInput = many.map((_, i) => i);
    let state = 7;
    const lcg = () => (state = (state * 48271) % 2147483647) / 2147483647;
    const shuffled = order(ballotsCsv(DEMO_EVENT, many, lcg));
    expect(shuffled).not.toEqual(inInput);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(inInput);
    state = 7;
    expect(order(ballotsCsv(DEMO_EVENT, many, lcg))).toEqual(shuffled);
  });

  it('writes scores, ranking places and points for the other methods', () => {
    const three = { ...event, bids: event.bids.slice(0, 3) };
    const cells = (method: EventDefinition['method'], choice: Choice) => {
      const ballot: Ballot = {
        id: 'x',
        eventId: event.id,
        stationId: 's',
        castHour: '2026-06-13T10:00Z',
        choice,
      };
      return parse(ballotsCsv({ ...three, method }, [ballot], fixed))[1];
    };
    expect(
      cells(
        { kind: 'score', min: 0, max: 5, allowNoOpinion: true },
        {
          kind: 'score',
          scores: [
            { bid: 'walks', score: 4 },
            { bid: 'gala', score: null },
          ],
        },
      ),
    ).toEqual(['4', '', '']);
    expect(
      cells({ kind: 'ranking', maxRanks: 3 }, { kind: 'ranking', ranking: ['gala', 'walks'] }),
    ).toEqual(['2', '', '1']);
    expect(
      cells(
        { kind: 'cumulative', points: 10, maxPerBid: 10 },
        { kind: 'cumulative', points: [{ bid: 'garden', points: 7 }] },
      ),
    ).toEqual(['0', '7', '0']);
    expect(
      cells({ kind: 'knapsack', limit: null }, { kind: 'knapsack', bids: ['garden'] }),
    ).toEqual(['0', '1', '0']);
  });
});

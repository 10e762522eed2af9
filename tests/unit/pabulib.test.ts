import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateBallot } from '../../src/core/ballot.ts';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { englishPabulibProblem, englishSkippedVoter } from '../../src/cli/english.ts';
import { parsePabulib, writePabulib, type PabulibInstance } from '../../src/core/pabulib/index.ts';
import { problemSummary } from '../../src/core/problem.ts';
import {
  eventSchema,
  type Ballot,
  type BallotMethod,
  type Choice,
  type EventDefinition,
} from '../../src/core/schema.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/pabulib/${name}`, import.meta.url), 'utf8');

function read(text: string, eventId?: string): PabulibInstance {
  const r = parsePabulib(text, eventId ? { eventId } : {});
  if (!r.ok) throw new Error(problemSummary(r.error));
  return r.value;
}

function problemOf(text: string) {
  const r = parsePabulib(text);
  if (r.ok) throw new Error('Expected the file to be refused.');
  return r.error;
}

/** Every ballot a reader produces must be one our own intake would accept unchanged. */
function expectValid({ event, ballots }: PabulibInstance) {
  expect(eventSchema.safeParse(event).success).toBe(true);
  for (const b of ballots) expect(validateBallot(event, b)).toEqual({ ok: true, value: b });
}

const file = (meta: string, projects: string, votes: string) =>
  `META\nkey;value\n${meta}\nPROJECTS\n${projects}\nVOTES\n${votes}\n`;

describe('reading real Pabulib files', () => {
  it('reads Assen 2024: approval, equal shares, official winners', () => {
    const pb = read(fixture('Netherlands_Assen_2024.pb'));
    // Facts from the file's META and PROJECTS sections.
    expect(pb.event).toMatchObject({
      name: 'Assen Top Idee',
      id: 'assen-top-idee',
      currency: 'EUR',
      date: '2024-03-31',
      rule: 'equal-shares',
      method: { kind: 'approval', min: 2, max: null },
      pots: [{ budget: 100_000_00, eligible: { kind: 'all' } }],
    });
    expect(pb.event.bids).toHaveLength(14);
    expect(pb.event.bids[0]).toMatchObject({ id: '3', amount: 7200_00, title: 'PopUp Podium' });
    expect(pb.ballots).toHaveLength(84);
    expect(pb.selected).toHaveLength(9);
    expect(pb.selected).toContain('3');
    expect(pb.selected).not.toContain('8');
    expect(pb.skipped).toEqual([]);
    expect(pb.meta['rule']).toBe('equalshares/add1');
    expect(pb.ballots[0]).toMatchObject({
      id: 'pb-vote01006bcf-62b6-435d-a0de-2966c3e75249',
      stationId: 'pabulib',
      castHour: '2024-03-31T00:00Z',
      choice: { kind: 'approval', bids: ['1', '13', '2', '6', '9'] },
    });
    expectValid(pb);
  });

  it('reads Zurich D10: cumulative points, limits derived from the votes', () => {
    const pb = read(fixture('Switzerland_Zurich_D10.pb'));
    expect(pb.event.method).toMatchObject({ kind: 'cumulative', points: 10 });
    expect(pb.event.rule).toBe('greedy');
    expect(pb.event.currency).toBe('CHF');
    expect(pb.ballots).toHaveLength(180);
    // QGVT6BFJ;9,3,13;4,3,3
    expect(pb.ballots[0]?.choice).toEqual({
      kind: 'cumulative',
      points: [
        { bid: '13', points: 3 },
        { bid: '3', points: 3 },
        { bid: '9', points: 4 },
      ],
    });
    expectValid(pb);
  });

  it('reads Świecie and Wieliczka without skipping anyone', () => {
    for (const name of ['Poland_Swiecie_2023.pb', 'Poland_Wieliczka_2023_Green_Budget.pb']) {
      const pb = read(fixture(name));
      expect(pb.skipped).toEqual([]);
      expect(pb.ballots.length).toBe(Number(pb.meta['num_votes']));
      expect(pb.event.bids.length).toBe(Number(pb.meta['num_projects']));
      expectValid(pb);
    }
  });
});

describe('quirks of real files', () => {
  const quirky =
    '\uFEFFmeta\r\nkey;value\r\ndescription;Quirk Town\r\nbudget;2532645,83\r\nvote_type;cumulative\r\n' +
    'max_sum_points;None\r\n\r\nprojects\r\nproject_id;cost;name;selected\r\n' +
    '579;4000.0;"Benches; and bins";1\r\n12;1000;"A ""quoted"" name";0\r\n' +
    '\r\nvotes\r\nvoter_id;vote;points\r\nv1; 579 , 12 ;2, 1\r\nv2;579,579,579;1,1,1\r\n' +
    'v3;579,99;1,1\r\nv1;12;1\r\n';

  it('accepts BOM, CRLF, blank lines, lower-case sections, quoting, None and decimals', () => {
    const pb = read(quirky);
    expect(pb.event.pots[0]?.budget).toBe(253_264_583);
    expect(pb.event.bids.map((b) => [b.id, b.amount, b.title])).toEqual([
      ['579', 4000_00, 'Benches; and bins'],
      ['12', 1000_00, 'A "quoted" name'],
    ]);
    expect(pb.selected).toEqual(['579']);
    expect(pb.ballots.map((b) => b.choice)).toEqual([
      {
        kind: 'cumulative',
        points: [
          { bid: '12', points: 1 },
          { bid: '579', points: 2 },
        ],
      },
      // A vote repeating an id: the points add up.
      { kind: 'cumulative', points: [{ bid: '579', points: 3 }] },
    ]);
    expect(pb.event.method).toEqual({ kind: 'cumulative', points: 3, maxPerBid: 3 });
    expectValid(pb);
  });

  it('skips a voter naming an unknown project, and a repeated voter, saying why', () => {
    const skipped = read(quirky).skipped;
    expect(skipped).toEqual([
      {
        voterId: 'v3',
        line: 17,
        code: 'unknown-project',
        params: { line: 17, project: '99' },
      },
      { voterId: 'v1', line: 18, code: 'repeated-voter', params: { line: 18, voter: 'v1' } },
    ]);
    expect(skipped.map(englishSkippedVoter)).toEqual([
      'Line 17: the vote names project "99", which is not in PROJECTS.',
      'Line 18: voter "v1" appears twice; the first vote was kept.',
    ]);
  });

  it('reads choose-1 as approval of at most one, and dedupes a repeated approval', () => {
    const pb = read(
      file(
        'budget;100\nvote_type;choose-1',
        'project_id;cost\na;10\nb;20',
        'voter_id;vote\n1;a\n2;b,b\n3;',
      ),
    );
    expect(pb.event.method).toEqual({ kind: 'approval', min: 0, max: 1 });
    expect(pb.ballots.map((b) => b.choice)).toEqual([
      { kind: 'approval', bids: ['a'] },
      { kind: 'approval', bids: ['b'] },
      { kind: 'approval', bids: [] },
    ]);
  });

  it('gives voters whose ids clean up to the same ballot id distinct ballot ids', () => {
    const pb = read(
      file('budget;100', 'project_id;cost\na;10', 'voter_id;vote\nv 1;a\nv/1;a\nv-1;a'),
    );
    expect(pb.ballots.map((b) => b.id)).toEqual(['pb-v-1', 'pb-v-1-2', 'pb-v-1-3']);
    expectValid(pb);
  });

  // Voter ids are checked for repeats once, after reading (fast when they are whole numbers that
  // rise); a file that repeats one is read again voter by voter. Either way, the same skips.
  it.each([
    ['whole numbers out of order', ['7', '3', '12', '3', '5']],
    ['whole numbers, one written with a leading zero', ['1', '2', '02', '2', '3']],
    ['a mix of numbers and names', ['1', 'x', '2', 'x', '10']],
    ['a repeat of a voter skipped for an unknown project', ['1', '2', '3', '2', '4']],
  ])('skips a repeated voter among %s, keeping the first', (_, ids) => {
    const votes = ids.map((id, i) => `${id};${i === 1 ? 'zz' : 'a'}`).join('\n');
    const pb = read(file('budget;100', 'project_id;cost\na;10', `voter_id;vote\n${votes}`));
    const repeated = ids.findIndex((id, i) => ids.indexOf(id) !== i);
    const line = 9 + repeated;
    expect(pb.skipped).toContainEqual({
      voterId: ids[repeated],
      line,
      code: 'repeated-voter',
      params: { line, voter: ids[repeated] },
    });
    expect(pb.skipped.map((s) => s.code)).toEqual(['unknown-project', 'repeated-voter']);
    expect(pb.ballots.map((b) => b.id)).toEqual(
      ids.filter((id, i) => i !== 1 && i !== repeated).map((id) => `pb-${id}`),
    );
  });

  it('keeps distinct voters whose whole-number ids do not rise', () => {
    const pb = read(file('budget;100', 'project_id;cost\na;10', 'voter_id;vote\n9;a\n2;a\n5;a'));
    expect(pb.skipped).toEqual([]);
    expect(pb.ballots.map((b) => b.id)).toEqual(['pb-9', 'pb-2', 'pb-5']);
  });

  it('reads project ids that are not numbers, and names one it does not know', () => {
    const pb = read(
      file(
        'budget;100',
        'project_id;cost\nL005;10\nL007;10\nM/01/X;10',
        'voter_id;vote\n1;L007,M/01/X\n2;L006\n3;M/01/Y\n4; L005 ,L007',
      ),
    );
    expect(pb.ballots.map((b) => b.choice)).toEqual([
      { kind: 'approval', bids: ['L007', 'M/01/X'] },
      { kind: 'approval', bids: ['L005', 'L007'] },
    ]);
    expect(pb.skipped.map((s) => s.params)).toEqual([
      { line: 12, project: 'L006' },
      { line: 13, project: 'M/01/Y' },
    ]);
  });

  it('reads points written with leading zeros, spaces or a fraction as Number would', () => {
    const pb = read(
      file(
        'budget;100\nvote_type;cumulative',
        'project_id;cost\na;10\nb;10',
        'voter_id;vote;points\n1;a,b;007, 2\n2;a,b;1.5,1\n3;a,b;1e1,1\n4;a;-1',
      ),
    );
    expect(pb.ballots.map((b) => b.choice)).toEqual([
      {
        kind: 'cumulative',
        points: [
          { bid: 'a', points: 7 },
          { bid: 'b', points: 2 },
        ],
      },
      // 1e1 is 10 to Number, a whole number of points.
      {
        kind: 'cumulative',
        points: [
          { bid: 'a', points: 10 },
          { bid: 'b', points: 1 },
        ],
      },
    ]);
    expect(pb.skipped.map((s) => [s.voterId, s.code])).toEqual([
      ['2', 'bad-points'],
      ['4', 'bad-points'],
    ]);
  });

  it('reads scoring as scores with "no opinion" allowed, and ordinal as Borda rankings', () => {
    const scoring = read(
      file(
        'budget;100\nvote_type;scoring\nmin_points;0\nmax_points;5',
        'project_id;cost\na;10\nb;20',
        'voter_id;vote;points\n1;b,a;5,0',
      ),
    );
    expect(scoring.event.method).toEqual({ kind: 'score', min: 0, max: 5, allowNoOpinion: true });
    expect(scoring.ballots[0]?.choice).toEqual({
      kind: 'score',
      scores: [
        { bid: 'a', score: 0 },
        { bid: 'b', score: 5 },
      ],
    });
    const ordinal = read(
      file(
        'budget;100\nvote_type;ordinal',
        'project_id;cost\na;10\nb;20\nc;5',
        'voter_id;vote\n1;c,a',
      ),
    );
    expect(ordinal.event.method).toEqual({ kind: 'ranking', maxRanks: 3 });
    expect(ordinal.ballots[0]?.choice).toEqual({ kind: 'ranking', ranking: ['c', 'a'] });
  });

  it('widens META limits that the votes themselves break, rather than dropping voters', () => {
    const pb = read(
      file(
        'budget;100\nvote_type;approval\nmin_length;2\nmax_length;2',
        'project_id;cost\na;10\nb;20\nc;30',
        'voter_id;vote\n1;a\n2;a,b,c',
      ),
    );
    expect(pb.event.method).toEqual({ kind: 'approval', min: 1, max: 3 });
    expectValid(pb);
  });
});

describe('files that cannot be read', () => {
  it('say why as a code with facts, with the line when there is one', () => {
    expect(problemOf('')).toMatchObject({ code: 'empty' });
    expect(problemOf('hello;world\n')).toMatchObject({ code: 'missing-section', line: 1 });
    const noVotes = problemOf('META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\na;1\n');
    expect(noVotes).toEqual({
      code: 'missing-section',
      params: { kind: 'missing', section: 'VOTES' },
    });
    expect(englishPabulibProblem(noVotes)).toBe(
      'This Pabulib file has no VOTES section; it needs META, PROJECTS and VOTES.',
    );
    const badCost = problemOf(file('budget;100', 'project_id;cost\na;10\nb;ten', 'voter_id;vote'));
    expect(badCost).toEqual({
      code: 'bad-number',
      line: 7,
      params: { line: 7, kind: 'cost', cost: 'ten', project: 'b' },
    });
    expect(englishPabulibProblem(badCost)).toBe(
      'Line 7: the cost "ten" of project "b" is not an amount above zero.',
    );
    const badBudget = problemOf(file('budget;lots', 'project_id;cost\na;10', 'voter_id;vote'));
    expect(badBudget).toMatchObject({ code: 'bad-number', params: { budget: 'lots' } });
    expect(englishPabulibProblem(badBudget)).toBe(
      'The META budget "lots" is not an amount of money.',
    );
    expect(problemOf(file('budget;1', 'project_id;cost\n"a;10', 'voter_id;vote'))).toMatchObject({
      code: 'bad-row',
      line: 6,
    });
    expect(problemOf(file('budget;1', 'id;cost\na;10', 'voter_id;vote'))).toMatchObject({
      code: 'missing-column',
      line: 5,
    });
    expect(problemOf(file('budget;1', 'project_id;cost\na;1\na;2', 'voter_id;vote'))).toMatchObject(
      { code: 'duplicate-project', line: 7 },
    );
    expect(
      problemOf(file('budget;1\nvote_type;quadratic', 'project_id;cost\na;1', 'voter_id;vote')),
    ).toMatchObject({ code: 'unsupported' });
    const noPoints = problemOf(
      file('budget;1\nvote_type;cumulative', 'project_id;cost\na;1', 'voter_id;vote'),
    );
    expect(noPoints.code).toBe('missing-column');
    expect(noPoints.params).toMatchObject({ section: 'VOTES', column: 'points' });
    expect(englishPabulibProblem(noPoints)).toContain('"points"');
  });
});

describe('writing Pabulib files', () => {
  const sample = (method: BallotMethod, choices: Choice[]): [EventDefinition, Ballot[]] => {
    // A .pb file has no place for other languages or welcome texts: the event is without them.
    const { languages, translations, welcome, eligibility, ...plain } = DEMO_EVENT;
    void [languages, translations, welcome, eligibility];
    const event: EventDefinition = {
      ...plain,
      name: 'Round; "trip" day',
      method,
      rule: 'equal-shares',
      pots: [{ id: 'main', name: 'Budget', budget: 34_500_50, eligible: { kind: 'all' } }],
      categories: [],
      bids: DEMO_EVENT.bids.map(({ id, title, amount, summary }) => ({
        id,
        title: `${title}; "really"`,
        group: '',
        amount: amount + 1,
        summary,
      })),
    };
    const ballots = choices.map((choice, i) => {
      const v = validateBallot(event, {
        id: `pb-v${i}`,
        eventId: event.id,
        stationId: 'pabulib',
        castHour: '2026-06-13T00:00Z',
        choice,
      });
      if (!v.ok) throw new Error(v.error.code);
      return v.value;
    });
    return [event, ballots];
  };
  const [b1, b2, b3] = DEMO_EVENT.bids.map((b) => b.id);
  if (!b1 || !b2 || !b3) throw new Error('The demo event needs three bids.');

  const cases: [string, BallotMethod, Choice[]][] = [
    ['approval', { kind: 'approval', min: 0, max: 3 }, [{ kind: 'approval', bids: [b1, b2] }]],
    ['knapsack', { kind: 'knapsack', limit: 20_000_00 }, [{ kind: 'knapsack', bids: [b3] }]],
    ['ranking', { kind: 'ranking', maxRanks: 3 }, [{ kind: 'ranking', ranking: [b3, b1] }]],
    [
      'cumulative',
      { kind: 'cumulative', points: 10, maxPerBid: 7 },
      [
        {
          kind: 'cumulative',
          points: [
            { bid: b1, points: 7 },
            { bid: b2, points: 3 },
          ],
        },
      ],
    ],
    [
      'score',
      { kind: 'score', min: 1, max: 5, allowNoOpinion: true },
      [
        {
          kind: 'score',
          scores: [
            { bid: b1, score: 5 },
            { bid: b2, score: 1 },
          ],
        },
      ],
    ],
  ];

  it.each(cases)('round-trips %s ballots through parsePabulib', (_, method, choices) => {
    const [event, ballots] = sample(method, [...choices, ...choices]);
    const text = writePabulib(event, ballots, { selected: [b2] });
    const back = read(text, event.id);
    expect(back.event).toEqual(event);
    expect(back.ballots).toEqual(ballots);
    expect(back.selected).toEqual([b2]);
    expect(back.skipped).toEqual([]);
  });

  it('round-trips any approval profile (property)', () => {
    const ids = DEMO_EVENT.bids.map((b) => b.id);
    fc.assert(
      fc.property(fc.array(fc.subarray(ids), { maxLength: 30 }), (sets) => {
        const [event, ballots] = sample(
          { kind: 'approval', min: 0, max: null },
          sets.map((bids) => ({ kind: 'approval', bids })),
        );
        const back = read(writePabulib(event, ballots), event.id);
        expect(back.ballots).toEqual(ballots);
      }),
      { numRuns: 50 },
    );
  });

  it('re-writes a real file to one that reads back the same', () => {
    const pb = read(fixture('Netherlands_Assen_2024.pb'));
    const again = read(writePabulib(pb.event, pb.ballots, { selected: pb.selected }), pb.event.id);
    expect(again.event.bids).toEqual(pb.event.bids);
    expect(again.ballots).toEqual(pb.ballots);
    expect(again.selected).toEqual(pb.selected);
  });
});

/**
 * Ballots with sections, end to end in the core: the event's rules (schema refinements), a
 * ballot's parts checked one by one, and tallies of the two UK examples (tests/fixtures/sections)
 * whose winners are worked out by hand below. Money in pounds in the comments.
 */
import { describe, expect, it } from 'vitest';
import { ballotSections, bidsInScope, sectionEvent } from '../../src/core/ballot-sections.ts';
import { validateBallot, validateChoice } from '../../src/core/ballot.ts';
import {
  eventSchema,
  schemaProblem,
  type Ballot,
  type Choice,
  type EventDefinition,
} from '../../src/core/schema.ts';
import { tally } from '../../src/core/tally/index.ts';
import {
  BOOST_CHOICES,
  BOOST_EVENT,
  ballotsFor,
  boostChoice,
  chose,
  WARDS_CHOICES,
  onePartOf,
  WARDS_EVENT,
  wardsChoice,
} from '../fixtures/sections/events.ts';

const seed = 'c0ffee';

/** Every problem the schema finds in an event, as `code` and its facts (without the path). */
function problemsOf(event: unknown): { code: string; params: Record<string, unknown> }[] {
  const parsed = eventSchema.safeParse(event);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const { code, params } = schemaProblem(issue);
    const facts: Record<string, unknown> = { ...params };
    delete facts['path'];
    return { code, params: facts };
  });
}

describe('an event with sections (schema)', () => {
  it('accepts both UK examples as written', () => {
    expect(problemsOf(BOOST_EVENT)).toEqual([]);
    expect(problemsOf(WARDS_EVENT)).toEqual([]);
  });

  it('needs exactly one of method and sections', () => {
    expect(problemsOf(onePartOf(BOOST_EVENT))).toEqual([
      { code: 'method-or-sections', params: {} },
    ]);
    const both = { ...BOOST_EVENT, method: { kind: 'approval', min: 0, max: 3 } };
    expect(problemsOf(both)).toEqual([{ code: 'method-or-sections', params: {} }]);
  });

  it('marks a part whose limits are wrong at that part, by position and id', () => {
    const [first, second] = ballotSections(BOOST_EVENT);
    if (first === undefined || second === undefined) throw new Error('BOOST has two sections');
    const wrong = {
      ...BOOST_EVENT,
      sections: [first, { ...second, method: { kind: 'approval', min: 2, max: 1 } }],
    };
    const issues = eventSchema.safeParse(wrong).error?.issues ?? [];
    expect(issues.map((issue) => schemaProblem(issue))).toEqual([
      {
        code: 'approval-max-below-min',
        params: { path: 'sections.1.method', section: second.id, min: 2, max: 1 },
      },
    ]);
  });

  it('refuses a last day of voting before the first', () => {
    const dated = { ...BOOST_EVENT, date: '2026-06-13', endDate: '2026-06-12' };
    expect(problemsOf(dated)).toEqual([
      { code: 'end-before-start', params: { date: '2026-06-13', endDate: '2026-06-12' } },
    ]);
    expect(problemsOf({ ...dated, endDate: '2026-06-14' })).toEqual([]);
  });

  it('refuses two sections with one id', () => {
    const [first] = ballotSections(BOOST_EVENT);
    if (first === undefined) throw new Error('BOOST has sections');
    const twice = { ...BOOST_EVENT, sections: [...ballotSections(BOOST_EVENT), first] };
    expect(problemsOf(twice)).toEqual([{ code: 'duplicate-section', params: { id: 'choose' } }]);
  });

  it('names the unknown category, bid or ward a section is over', () => {
    const over = (scope: object) => ({
      ...BOOST_EVENT,
      sections: [{ id: 'odd', title: 'Odd', scope, method: { kind: 'approval', min: 0, max: 1 } }],
    });
    expect(problemsOf(over({ kind: 'categories', categories: ['sport'] }))).toContainEqual({
      code: 'section-unknown-category',
      params: { section: 'odd', category: 'sport' },
    });
    expect(problemsOf(over({ kind: 'bids', bids: ['a', 'zz'] }))).toEqual([
      { code: 'section-unknown-bid', params: { section: 'odd', bid: 'zz' } },
    ]);
    expect(problemsOf({ ...WARDS_EVENT, sections: [] })).toEqual([
      { code: 'too-small', params: { minimum: 1 } },
    ]);
    const wardsOver = {
      ...WARDS_EVENT,
      sections: [
        {
          id: 'east',
          title: 'East',
          scope: { kind: 'wards', wards: ['East'] },
          method: { kind: 'approval', min: 0, max: 1 },
        },
      ],
    };
    expect(problemsOf(wardsOver)).toContainEqual({
      code: 'section-unknown-ward',
      params: { section: 'east', ward: 'East' },
    });
  });

  it('refuses a section with no bids, and an own-ward section when no bid has a ward', () => {
    // A category of the event that no bid has, as its main one or as a tag.
    const withEmpty = {
      ...BOOST_EVENT,
      categories: [...BOOST_EVENT.categories, { id: 'sport', name: 'Sport' }],
      sections: [
        {
          id: 'sport',
          title: 'Sport',
          scope: { kind: 'categories', categories: ['sport'] },
          method: { kind: 'approval', min: 0, max: 1 },
        },
      ],
    };
    expect(problemsOf(withEmpty)).toEqual([
      { code: 'section-empty', params: { section: 'sport' } },
    ]);
    const ownWard = {
      ...BOOST_EVENT,
      sections: [
        {
          id: 'mine',
          title: 'Mine',
          scope: { kind: 'own-ward' },
          method: { kind: 'approval', min: 0, max: 3 },
        },
      ],
    };
    expect(problemsOf(ownWard)).toEqual([
      { code: 'section-no-wards', params: { section: 'mine' } },
    ]);
  });

  it('refuses a pot over a ward no bid is in, and a tag that is no category', () => {
    const pots = [
      ...WARDS_EVENT.pots,
      { id: 'east', name: 'East', budget: 1, eligible: { kind: 'wards', wards: ['East'] } },
    ];
    expect(problemsOf({ ...WARDS_EVENT, pots })).toEqual([
      { code: 'pot-unknown-ward', params: { pot: 'east', ward: 'East' } },
    ]);
    const bids = BOOST_EVENT.bids.map((b) => (b.id === 'a' ? { ...b, tags: ['elderly'] } : b));
    expect(problemsOf({ ...BOOST_EVENT, bids })).toEqual([
      { code: 'unknown-category', params: { bid: 'a', category: 'elderly' } },
    ]);
  });

  it('keeps a Pabulib-style bid id exactly, but not an id with a space', () => {
    const bids = BOOST_EVENT.bids.map((b) => (b.id === 'a' ? { ...b, id: 'M/01/X+2' } : b));
    expect(problemsOf({ ...BOOST_EVENT, bids })).toEqual([]);
    const spaced = BOOST_EVENT.bids.map((b) => (b.id === 'a' ? { ...b, id: 'M 01' } : b));
    expect(problemsOf({ ...BOOST_EVENT, bids: spaced }).map((p) => p.code)).toEqual(['bad-id']);
  });
});

describe('what each section is over', () => {
  it('a category section takes tags too; an own-ward section the voter’s ward', () => {
    const [choose, boost] = ballotSections(BOOST_EVENT);
    if (!choose || !boost) throw new Error('BOOST has two sections');
    expect(bidsInScope(BOOST_EVENT, boost.scope).map((b) => b.id)).toEqual(['m1', 'm2', 't']);
    expect(sectionEvent(BOOST_EVENT, choose).bids).toHaveLength(6);
    const [mine] = ballotSections(WARDS_EVENT);
    if (!mine) throw new Error('WARDS has sections');
    expect(sectionEvent(WARDS_EVENT, mine, 'South').bids.map((b) => b.id)).toEqual(['s1', 's2']);
    expect(sectionEvent(WARDS_EVENT, mine, 'South').method).toEqual(mine.method);
  });
});

describe('a ballot with sections, part by part', () => {
  const check = (event: EventDefinition, choice: Choice) => {
    const r = validateChoice(event, choice);
    return r.ok ? 'ok' : r.error;
  };

  it('accepts the same bid chosen in one part and boosted in another', () => {
    expect(check(BOOST_EVENT, boostChoice(['a', 'm1'], ['m1']))).toBe('ok');
    // An empty boost is a choice too (min 0).
    expect(check(BOOST_EVENT, boostChoice(['a'], []))).toBe('ok');
  });

  it('needs every part, in the event’s order', () => {
    const [choose, boost] = boostChoice(['a'], ['m1']).parts;
    if (!choose || !boost) throw new Error('two parts');
    const expected = { code: 'wrong-sections', params: { expected: 'choose,boost' } };
    expect(check(BOOST_EVENT, { kind: 'sections', parts: [boost, choose] })).toEqual(expected);
    expect(check(BOOST_EVENT, { kind: 'sections', parts: [choose] })).toEqual(expected);
    expect(check(BOOST_EVENT, { kind: 'sections', parts: [choose, boost, boost] })).toEqual(
      expected,
    );
  });

  it('refuses a one-part choice for sections, and sections for a one-part event', () => {
    expect(check(BOOST_EVENT, chose('a'))).toEqual({
      code: 'wrong-method',
      params: { method: 'sections', kind: 'approval' },
    });
    const onePart = onePartOf(BOOST_EVENT, { kind: 'approval', min: 0, max: 3 });
    expect(check(onePart, boostChoice(['a'], []))).toEqual({
      code: 'wrong-method',
      params: { method: 'approval', kind: 'sections' },
    });
  });

  it('holds each part to its own limits, naming the section', () => {
    expect(check(BOOST_EVENT, boostChoice(['a', 'b', 'c', 't'], []))).toEqual({
      code: 'too-many',
      params: { max: 3, method: 'approval', section: 'choose' },
    });
    expect(check(BOOST_EVENT, boostChoice(['a'], ['m1', 'm2']))).toEqual({
      code: 'too-many',
      params: { max: 1, method: 'approval', section: 'boost' },
    });
    expect(check(BOOST_EVENT, boostChoice([], ['m1']))).toEqual({
      code: 'too-few',
      params: { min: 1, section: 'choose' },
    });
  });

  it('refuses a bid outside a part’s scope as unknown there', () => {
    // "a" is a bid of the event, but not in the minority-ethnic category the boost is over.
    expect(check(BOOST_EVENT, boostChoice(['a'], ['a']))).toEqual({
      code: 'unknown-bid',
      params: { bid: 'a', section: 'boost' },
    });
    // A North voter cannot choose a South bid in their own ward's part.
    expect(check(WARDS_EVENT, wardsChoice('North', ['n1', 's1'], []))).toEqual({
      code: 'unknown-bid',
      params: { bid: 's1', section: 'your-ward' },
    });
  });

  it('needs the voter’s ward in an own-ward part, and only a ward some bid is in', () => {
    const [mine, area] = wardsChoice('North', ['n1'], ['w1']).parts;
    if (!mine || !area) throw new Error('two parts');
    const noWard = { ...mine };
    delete noWard.ward;
    expect(check(WARDS_EVENT, { kind: 'sections', parts: [noWard, area] })).toEqual({
      code: 'missing-ward',
      params: { section: 'your-ward' },
    });
    expect(check(WARDS_EVENT, wardsChoice('East', [], []))).toEqual({
      code: 'unknown-ward',
      params: { ward: 'East', section: 'your-ward' },
    });
    // A ward on a part that is not over the voter's ward is refused too.
    expect(
      check(WARDS_EVENT, { kind: 'sections', parts: [mine, { ...area, ward: 'North' }] }),
    ).toEqual({ code: 'unknown-ward', params: { ward: 'North', section: 'area' } });
  });

  it('gives back a valid ballot in canonical form, part by part', () => {
    const ballot: Ballot = {
      id: 'x',
      eventId: BOOST_EVENT.id,
      stationId: 'hall-1',
      castHour: '2026-06-13T10:00Z',
      choice: boostChoice(['m1', 'a'], ['m1']),
    };
    const r = validateBallot(BOOST_EVENT, ballot);
    expect(r.ok ? r.value.choice : r.error).toEqual(boostChoice(['a', 'm1'], ['m1']));
  });
});

describe('BOOST: choose up to 3, boost 1 minority-ethnic project (tallied by hand)', () => {
  // Ballots (choose | boost):  v1 a b m1 | m1   v2 a c m2 | m2   v3 a b c | t
  //                            v4 b m2 t | m2   v5 c | m1
  // Support sums each part's 1s: a 3, b 3, c 3, m1 3 (v1 twice, v5), m2 4 (v2 twice, v4 twice),
  // t 2 (v3's boost, v4's choice). Voters count ballots: m1, m2 and t have 2 each, a b c 3 each.
  const ballots = ballotsFor(BOOST_EVENT, BOOST_CHOICES);

  it('sums what every part gave each bid', () => {
    const r = tally(BOOST_EVENT, ballots, { seed });
    expect(r.support.map((s) => [s.bidId, s.support, s.voters])).toEqual([
      ['a', 3, 3],
      ['b', 3, 3],
      ['c', 3, 3],
      ['m1', 3, 2],
      ['m2', 4, 2],
      ['t', 2, 2],
    ]);
    expect(r.ballotsCounted).toBe(5);
  });

  it('greedy: the ring-fenced pot first, then the main pot (cheaper bid first on ties)', () => {
    // ring £50 over m1, m2 and t (t by its tag): m2 (4) £40, left £10; m1 £35 and t £20 no.
    // main £100 over the rest: a b c m1 all have 3; cheaper first: b £30 (left 70), m1 £35 (35),
    // a £40 no, c £50 no; then t (2) £20 (left 15).
    const r = tally(BOOST_EVENT, ballots, { seed });
    expect(r.pots.map((p) => [p.potId, p.selected, p.spent])).toEqual([
      ['ring', ['m2'], 40_00],
      ['main', ['b', 'm1', 't'], 85_00],
    ]);
    expect(r.ties).toEqual([
      { potId: 'main', bids: ['b', 'm1', 'a', 'c'], decidedBy: 'cost', situation: 'equal-support' },
    ]);
  });

  it('tie-break "more voters first" funds a instead of m1', () => {
    // main: among a b c m1 (3 each), m1 has 2 voters, the others 3: b £30, a £40, c £50, m1.
    // b (left 70), a (30), c no, m1 £35 no, t £20 (10).
    const r = tally({ ...BOOST_EVENT, tieBreak: 'more-voters-first' }, ballots, { seed });
    expect(r.pots.map((p) => [p.potId, p.selected])).toEqual([
      ['ring', ['m2']],
      ['main', ['b', 'a', 't']],
    ]);
    expect(r.ties[0]?.bids).toEqual(['b', 'a', 'c', 'm1']);
  });

  it('equal shares: every ballot holds a fifth of each pot', () => {
    // Approval utilities are cost × how many parts chose the bid; a supporter pays
    // min(money, rho × utility). ring £50: £10 each.
    //   t: v3, v4 (1 each): 2 × min(10, 20 rho) = 20 → rho 1/2. m1: v1 and v5 hold £20 < £35;
    //   m2: v2 and v4 hold £20 < £40. Fund t (v3, v4 pay £10). Nothing else is affordable;
    //   £30 left is less than m1 and m2 cost, so the rule stops, and nothing fits greedily.
    // main £100: £20 each, over a b c m1 m2.
    //   rho: m2 (v2, v4 utility 80 each) 1/4; a, b, c 1/3; m1 (v1 70, v5 35): v1 capped at 20,
    //   v5 pays 15 → 15/35. Fund m2: v2, v4 pay £20 → £0.
    //   a: v1 20 + v3 20 = 40 → rho 1/2; b: v1 + v3 pay 15 → 1/2; c: v3 + v5 = 40 < 50;
    //   m1 still 15/35 < 1/2. Fund m1: v1 pays 20, v5 15 (left 5).
    //   a: v3 20 < 40; b: v3 20 < 30; c: v3 20 + v5 5 < 50. Spent 75, £25 left is less than
    //   every bid not funded (b £30): the rule stops; nothing fits greedily.
    const r = tally(BOOST_EVENT, ballots, { seed, rule: 'equal-shares' });
    expect(r.pots.map((p) => [p.potId, p.selected, p.spent])).toEqual([
      ['ring', ['t'], 20_00],
      ['main', ['m2', 'm1'], 75_00],
    ]);
    expect(r.ties).toEqual([]);
  });

  it('a pot’s own rule, unless the count asks for one rule for all', () => {
    // ring by equal shares funds t (above); main greedily, over a b c m1 m2: m2 (4) £40
    // (left 60), then b £30 (30); m1 £35, a and c no longer fit.
    const event: EventDefinition = {
      ...BOOST_EVENT,
      pots: BOOST_EVENT.pots.map((p) => (p.id === 'ring' ? { ...p, rule: 'equal-shares' } : p)),
    };
    const own = tally(event, ballots, { seed });
    expect(own.pots.map((p) => p.selected)).toEqual([['t'], ['m2', 'b']]);
    expect(own.rule).toBe('greedy');
    const allGreedy = tally(event, ballots, { seed, rule: 'greedy' });
    expect(allGreedy.pots.map((p) => p.selected)).toEqual([['m2'], ['b', 'm1', 't']]);
  });

  it('a support threshold counts voters, not parts', () => {
    // Half of 5 ballots is 2.5: m1, m2 and t (2 voters each) are out, however boosted.
    const event = { ...BOOST_EVENT, thresholds: { minSupportShare: 0.5 } };
    const r = tally(event, ballots, { seed });
    expect(r.support.filter((s) => s.excludedBy).map((s) => s.bidId)).toEqual(['m1', 'm2', 't']);
    // ring has nothing left to fund; main: b £30, a £40 (3 each, cheaper first), c £50 no.
    expect(r.pots.map((p) => p.selected)).toEqual([[], ['b', 'a']]);
  });
});

describe('WARDS: up to 3 in your ward, 1 area-wide (tallied by hand)', () => {
  // Ballots (ward: own ward's | area): v1 North: n1 n2 | w1   v2 North: n1 n3 | w1
  //                                    v3 North: n1 | w2       v4 South: s1 | w1
  // Support: n1 3, n2 1, n3 1, s1 1, s2 0, w1 3, w2 1.
  const ballots = ballotsFor(WARDS_EVENT, WARDS_CHOICES);

  it('greedy: each ward’s pot funds only that ward’s bids', () => {
    // north £60: n1 (3) £30, left 30; n2 and n3 (1 each): n2 £20 is cheaper (left 10), n3 no.
    // south £40: s1 £30 (s2 had no votes). area £40: w1 (3) £40; w2 no.
    const r = tally(WARDS_EVENT, ballots, { seed });
    expect(r.pots.map((p) => [p.potId, p.selected, p.left])).toEqual([
      ['north', ['n1', 'n2'], 10_00],
      ['south', ['s1'], 10_00],
      ['area', ['w1'], 0],
    ]);
    expect(r.ties).toEqual([
      { potId: 'north', bids: ['n2', 'n3'], decidedBy: 'cost', situation: 'equal-support' },
    ]);
  });

  it('equal shares: other wards’ ballots hold a share of each ward’s pot too', () => {
    // north £60 over 4 ballots: £15 each, v4's unusable. n1: v1..v3 pay £10 (rho 1/3); then n2
    // has v1 alone with £5, n3 v2 alone with £5. Spent 30, left 30: not done. Each step gives
    // every ballot £1 more; after n1, v1 can pay n2's £20 alone once she holds £30 (step 15),
    // when n3's one supporter (v2, £20 left) still cannot. Spent 50 ≤ 60, £10 left fits
    // nothing: the rule stops at n1, n2.
    // south £40: £10 each; s1's one supporter can pay £30 at step 20; spent 30, nothing else.
    // area £40: £10 each; w1 (v1, v2, v4) needs £13.34 each: step 4 funds it (£40, all spent).
    const r = tally(WARDS_EVENT, ballots, { seed, rule: 'equal-shares' });
    expect(r.pots.map((p) => [p.potId, p.selected, p.spent])).toEqual([
      ['north', ['n1', 'n2'], 50_00],
      ['south', ['s1'], 30_00],
      ['area', ['w1'], 40_00],
    ]);
  });

  it('a ward pot never funds another ward’s bid, even with money left', () => {
    const moreSouth = ballotsFor(
      WARDS_EVENT,
      [...WARDS_CHOICES, wardsChoice('South', ['s1', 's2'], []), wardsChoice('South', ['s2'], [])],
      'w',
    );
    // s1 (v4, w5) and s2 (w5, w6) have 2 votes each: the cheaper s2 £20 first (left 20), then
    // s1 £30 no longer fits, and north's £10 left is for North's bids only.
    const r = tally(WARDS_EVENT, moreSouth, { seed });
    expect(r.pots.find((p) => p.potId === 'south')?.selected).toEqual(['s2']);
    expect(r.selected).not.toContain('s1');
  });
});

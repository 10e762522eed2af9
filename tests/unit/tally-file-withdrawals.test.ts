// Withdrawals in the tally file: the organiser withdraws a bid after voting began, with a reason;
// every ballot still counts, no pot funds the bid, and a reader refuses a withdrawal of a bid the
// event does not have, a second withdrawal of one bid, a withdrawal in a draft, and any edit.
import { describe, expect, it } from 'vitest';
import { validateBallot } from '../../src/core/ballot.ts';
import type { StateChange } from '../../src/core/event-lifecycle.ts';
import type { Ballot, EventDefinition, Rule } from '../../src/core/schema.ts';
import { tally } from '../../src/core/tally/index.ts';
import {
  appendBallots,
  appendStates,
  appendWithdrawals,
  contentSeed,
  mergeTallyFiles,
  readTallyFile,
  startTallyFile,
  verifyTallyFile,
  withdrawalReason,
  withdrawnBids,
  type WithdrawalChange,
} from '../../src/core/tally-file/index.ts';
import { chainHash } from '../../src/core/tally-file/format.ts';

/** Bids given as id → cost in pounds, one pot of £100. */
function event(costs: Record<string, number>, rule: Rule = 'greedy'): EventDefinition {
  return {
    id: 'test-event',
    name: 'Test',
    currency: 'GBP',
    locale: 'en-GB',
    method: { kind: 'approval', min: 0, max: null },
    rule,
    categories: [],
    pots: [{ id: 'main', name: 'Main', budget: 100_00, eligible: { kind: 'all' } }],
    bids: Object.entries(costs).map(([id, pounds]) => ({
      id,
      title: id,
      group: '',
      amount: pounds * 100,
      summary: '',
    })),
  };
}

function approvals(e: EventDefinition, ...sets: string[]): Ballot[] {
  return sets.map((set, i) => {
    const v = validateBallot(e, {
      id: `b-${i + 1}`,
      eventId: e.id,
      stationId: 's1',
      castHour: '2026-06-13T10:00Z',
      choice: { kind: 'approval', bids: set.split(',') },
    });
    if (!v.ok) throw new Error(v.error.code);
    return v.value;
  });
}

const withdrawal = (bid: string, at = '2026-06-14T09:00:00.000Z'): WithdrawalChange => ({
  bid,
  reason: 'Found ineligible: the site is private land',
  at,
  by: 'organiser',
});
const state = (s: StateChange['state'], version: number): StateChange => ({
  state: s,
  version,
  at: `2026-06-13T0${version}:00:00.000Z`,
  by: 'organiser',
});

// Greedy, £100: a (£60, 3 votes) wins, b (£50, 2) no longer fits, c (£30, 1) does.
const greedy = event({ a: 60, b: 50, c: 30 });
const greedyBallots = approvals(greedy, 'a,b', 'a,b', 'a,c');

type Step = { ballots: Ballot[] } | { withdrawals: WithdrawalChange[] } | StateChange;

/** A file built step by step as the server appends: ballots, states and withdrawals, sealed. */
function build(e: EventDefinition, steps: Step[]) {
  let { text, head } = startTallyFile(e);
  for (const step of steps) {
    const next =
      'ballots' in step
        ? appendBallots(head, step.ballots)
        : 'withdrawals' in step
          ? appendWithdrawals(head, step.withdrawals)
          : appendStates(head, [step]);
    text += next.text;
    head = next.head;
  }
  return text;
}

/** The tally a caller makes of a file: its ballots, its seed, its withdrawn bids. */
function tallyOf(text: string) {
  const read = readTallyFile(text);
  if (!read.ok) throw new Error(`file should read: ${read.error.code}`);
  const seed = contentSeed(read.value.eventHash, read.value.ballots);
  return tally(read.value.event, read.value.ballots, {
    seed,
    withdrawn: withdrawnBids(read.value),
  });
}

describe('withdrawal records', () => {
  it('round-trips: the withdrawal is read back with its reason, every ballot still held', () => {
    const text = build(greedy, [
      state('open', 1),
      { ballots: greedyBallots },
      state('closed', 2),
      { withdrawals: [withdrawal('a')] },
    ]);
    const read = readTallyFile(text);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.withdrawals).toEqual([{ type: 'withdrawal', ...withdrawal('a') }]);
    expect(withdrawnBids(read.value)).toEqual(['a']);
    expect(read.value.ballots).toHaveLength(3);
    expect(verifyTallyFile(text).ok).toBe(true);
  });

  it('the lot’s seed is the ballots’ alone: a withdrawal does not change it', () => {
    const before = readTallyFile(build(greedy, [{ ballots: greedyBallots }]));
    const after = readTallyFile(
      build(greedy, [{ ballots: greedyBallots }, { withdrawals: [withdrawal('a')] }]),
    );
    if (!before.ok || !after.ok) throw new Error('files should read');
    expect(contentSeed(after.value.eventHash, after.value.ballots)).toBe(
      contentSeed(before.value.eventHash, before.value.ballots),
    );
  });

  it('is allowed while open, closed and final (a bid found ineligible after the count)', () => {
    for (const steps of [
      [state('open', 1), { ballots: greedyBallots }],
      [state('open', 1), { ballots: greedyBallots }, state('closed', 2)],
      [state('open', 1), { ballots: greedyBallots }, state('closed', 2), state('final', 3)],
    ] as Step[][]) {
      const read = readTallyFile(build(greedy, [...steps, { withdrawals: [withdrawal('a')] }]));
      expect(read.ok && withdrawnBids(read.value)).toEqual(['a']);
    }
  });

  it('refuses a withdrawal while the event is a draft (a draft edits its bids instead)', () => {
    const read = readTallyFile(
      build(greedy, [state('draft', 1), { withdrawals: [withdrawal('a')] }]),
    );
    expect(!read.ok && read.error).toMatchObject({
      code: 'bad-withdrawal',
      line: 5,
      params: { kind: 'state', state: 'draft', bid: 'a' },
    });
  });

  it('refuses a withdrawal of a bid the event does not have', () => {
    const read = readTallyFile(
      build(greedy, [{ ballots: greedyBallots }, { withdrawals: [withdrawal('nope')] }]),
    );
    expect(!read.ok && read.error).toMatchObject({
      code: 'bad-withdrawal',
      line: 7,
      params: { kind: 'unknown', bid: 'nope' },
    });
  });

  it('refuses a second withdrawal of one bid, naming the first', () => {
    const read = readTallyFile(
      build(greedy, [
        { ballots: greedyBallots },
        { withdrawals: [withdrawal('b')] },
        { withdrawals: [withdrawal('b')] },
      ]),
    );
    expect(!read.ok && read.error).toMatchObject({
      code: 'bad-withdrawal',
      line: 9,
      params: { kind: 'again', bid: 'b', first: 7 },
    });
  });

  it('a tampered withdrawal line breaks the chain; removing it does too', () => {
    const text = build(greedy, [{ ballots: greedyBallots }, { withdrawals: [withdrawal('a')] }]);
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('"type":"withdrawal"'));
    expect(at).toBeGreaterThan(0);
    lines[at] = (lines[at] ?? '').replace('"bid":"a"', '"bid":"b"');
    const read = readTallyFile(lines.join('\n'));
    expect(!read.ok && read.error).toMatchObject({ code: 'broken-chain', line: at + 1 });
    const removed = text.split('\n');
    removed.splice(at, 1);
    expect(readTallyFile(removed.join('\n')).ok).toBe(false);
  });

  it('refuses an empty or over-long reason, or a field a withdrawal does not have', () => {
    const start = build(greedy, [{ ballots: greedyBallots }]);
    const read0 = readTallyFile(start);
    if (!read0.ok) throw new Error('start should read');
    for (const record of [
      { type: 'withdrawal', ...withdrawal('a'), reason: '' },
      { type: 'withdrawal', ...withdrawal('a'), reason: 'x'.repeat(501) },
      { type: 'withdrawal', ...withdrawal('a'), reason: ' padded ' },
      { type: 'withdrawal', ...withdrawal('a'), voter: 'Ann' },
      { type: 'withdrawal', ...withdrawal('a'), at: 'yesterday' },
    ]) {
      const hash = chainHash(read0.value.head.hash, record);
      const head = { ...read0.value.head, hash, records: read0.value.head.records + 1 };
      const seal = appendBallots(head, []);
      const read = readTallyFile(`${start}${JSON.stringify({ ...record, hash })}\n${seal.text}`);
      expect(!read.ok && read.error).toMatchObject({
        code: 'bad-withdrawal',
        params: { kind: 'malformed' },
      });
    }
  });

  it('a reason is 1 to 500 characters once trimmed', () => {
    expect(withdrawalReason('  not eligible  ')).toBe('not eligible');
    expect(withdrawalReason('   ')).toBeNull();
    expect(withdrawalReason('x'.repeat(500))).toHaveLength(500);
    expect(withdrawalReason('x'.repeat(501))).toBeNull();
  });

  it('merging carries withdrawals, whatever the order; the earliest of two wins', () => {
    const central = build(greedy, [
      { ballots: greedyBallots.slice(0, 2) },
      { withdrawals: [withdrawal('a', '2026-06-14T10:00:00.000Z')] },
    ]);
    const other = build(greedy, [
      { ballots: greedyBallots.slice(1) },
      {
        withdrawals: [
          { ...withdrawal('a', '2026-06-14T09:00:00.000Z'), reason: 'Earlier' },
          withdrawal('c'),
        ],
      },
    ]);
    const ab = mergeTallyFiles([central, other]);
    const ba = mergeTallyFiles([other, central]);
    expect(ab.ok && ba.ok && ab.value.text === ba.value.text).toBe(true);
    if (!ab.ok) return;
    const read = readTallyFile(ab.value.text);
    expect(read.ok && read.value.withdrawals.map((w) => [w.bid, w.reason])).toEqual([
      ['a', 'Earlier'],
      ['c', withdrawal('c').reason],
    ]);
    expect(read.ok && read.value.ballots).toHaveLength(3);
  });
});

describe('the tally of a file with a withdrawn bid', () => {
  it('greedy: a bid that would have won is gone and the next one is funded', () => {
    const before = tallyOf(build(greedy, [{ ballots: greedyBallots }]));
    expect(before.selected).toEqual(['a', 'c']);
    const after = tallyOf(
      build(greedy, [{ ballots: greedyBallots }, { withdrawals: [withdrawal('a')] }]),
    );
    expect(after.selected).toEqual(['b', 'c']);
    expect(after.withdrawn).toEqual(['a']);
    // Every ballot still counts, and a's support is still shown.
    expect(after.ballotsCounted).toBe(3);
    expect(after.support.find((s) => s.bidId === 'a')?.support).toBe(3);
  });

  it('equal shares: the withdrawn bid’s supporters keep their money for their next choice', () => {
    // £100, 4 voters, £25 each. Voters 1–2 like a (£40, £20 each) and c (£50): a first leaves
    // them £5 each, too little for c. Voters 3–4 fund b (£50).
    const e = event({ a: 40, b: 50, c: 50 }, 'equal-shares');
    const ballots = approvals(e, 'a,c', 'a,c', 'b', 'b');
    const before = tallyOf(build(e, [{ ballots }]));
    expect([...before.selected].sort()).toEqual(['a', 'b']);
    const after = tallyOf(build(e, [{ ballots }, { withdrawals: [withdrawal('a')] }]));
    // With a withdrawn, voters 1–2 still hold £25 each and fund c together.
    expect([...after.selected].sort()).toEqual(['b', 'c']);
    expect(after.ballotsCounted).toBe(4);
  });
});

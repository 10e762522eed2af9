// Voids in the tally file: the organiser voids a ballot with a reason; the ballot stays in the file,
// the tally leaves it out, and a reader refuses a void of a ballot the file does not hold, a second
// void of one ballot, a void after the count was sealed, and any edit to a void line.
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { StateChange } from '../../src/core/event-lifecycle.ts';
import { tally } from '../../src/core/tally/index.ts';
import {
  appendBallots,
  appendStates,
  appendVoids,
  countedBallots,
  mergeTallyFiles,
  readTallyFile,
  startTallyFile,
  verifyTallyFile,
  voidReason,
  type VoidChange,
} from '../../src/core/tally-file/index.ts';
import { chainHash } from '../../src/core/tally-file/format.ts';
import { approvalBallot } from '../fixtures/tally/ballots.ts';

const ballots = [
  approvalBallot('b-1', ['cooking-club']),
  approvalBallot('b-2', ['cooking-club']),
  approvalBallot('b-3', ['cooking-club']),
];
const bidB = DEMO_EVENT.bids[1]?.id ?? '';
const other = approvalBallot('b-4', [bidB]);

const voidOf = (ballot: string, at = '2026-06-13T15:00:00.000Z'): VoidChange => ({
  ballot,
  reason: 'Keyed from the wrong paper ballot',
  at,
  by: 'organiser',
});
const state = (s: StateChange['state'], version: number): StateChange => ({
  state: s,
  version,
  at: `2026-06-13T0${version}:00:00.000Z`,
  by: 'organiser',
});

/** A file built step by step as the server appends: ballots, states and voids, each sealed. */
function build(steps: ({ ballots: typeof ballots } | { voids: VoidChange[] } | StateChange)[]) {
  let { text, head } = startTallyFile(DEMO_EVENT);
  for (const step of steps) {
    const next =
      'ballots' in step
        ? appendBallots(head, step.ballots)
        : 'voids' in step
          ? appendVoids(head, step.voids)
          : appendStates(head, [step]);
    text += next.text;
    head = next.head;
  }
  return text;
}

describe('void records', () => {
  it('round-trips: the voided ballot stays in the file and is not counted', () => {
    const text = build([{ ballots: [...ballots, other] }, { voids: [voidOf('b-4')] }]);
    const read = readTallyFile(text);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.ballots.map((b) => b.id)).toEqual(['b-1', 'b-2', 'b-3', 'b-4']);
    expect(read.value.voids).toEqual([{ type: 'void', ...voidOf('b-4') }]);
    expect(read.value.head.ballots).toBe(4);
    expect(countedBallots(read.value).map((b) => b.id)).toEqual(['b-1', 'b-2', 'b-3']);
    const verified = verifyTallyFile(text);
    expect(verified.ok && verified.value).toMatchObject({ ballots: 4, voided: 1 });
  });

  it('results exclude voided ballots', () => {
    // b-4 alone supports bid B; voided, B has no support at all.
    const text = build([{ ballots: [...ballots, other] }, { voids: [voidOf('b-4')] }]);
    const read = readTallyFile(text);
    if (!read.ok) throw new Error('file should read');
    const result = tally(DEMO_EVENT, countedBallots(read.value), { seed: 'x' });
    expect(result.ballotsCounted).toBe(3);
    expect(result.support.find((s) => s.bidId === bidB)?.support ?? 0).toBe(0);
    const all = tally(DEMO_EVENT, read.value.ballots, { seed: 'x' });
    expect(all.support.find((s) => s.bidId === bidB)?.support).toBeGreaterThan(0);
  });

  it('refuses a void of a ballot the file does not hold (or holds only later)', () => {
    const unknown = readTallyFile(build([{ ballots }, { voids: [voidOf('nope')] }]));
    expect(unknown.ok).toBe(false);
    if (!unknown.ok)
      expect(unknown.error).toMatchObject({
        code: 'bad-void',
        line: 7,
        params: { kind: 'unknown', ballot: 'nope' },
      });
    const early = readTallyFile(build([{ voids: [voidOf('b-1')] }, { ballots }]));
    expect(!early.ok && early.error.params['kind']).toBe('unknown');
  });

  it('refuses a second void of one ballot, naming the first', () => {
    const read = readTallyFile(
      build([{ ballots }, { voids: [voidOf('b-2')] }, { voids: [voidOf('b-2')] }]),
    );
    expect(read.ok).toBe(false);
    if (!read.ok)
      expect(read.error).toMatchObject({
        code: 'bad-void',
        line: 9,
        params: { kind: 'again', ballot: 'b-2', first: 7 },
      });
  });

  it('refuses a void after the count was sealed (final)', () => {
    const read = readTallyFile(
      build([
        state('open', 1),
        { ballots },
        state('closed', 2),
        { voids: [voidOf('b-1')] },
        state('final', 3),
        { voids: [voidOf('b-2')] },
      ]),
    );
    expect(!read.ok && read.error).toMatchObject({ code: 'bad-void', params: { kind: 'state' } });
  });

  it('a tampered void line breaks the chain', () => {
    const text = build([{ ballots }, { voids: [voidOf('b-1')] }]);
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('"type":"void"'));
    lines[at] = (lines[at] ?? '').replace('b-1', 'b-2');
    const read = readTallyFile(lines.join('\n'));
    expect(!read.ok && read.error).toMatchObject({ code: 'broken-chain', line: at + 1 });
    // Removing the void line breaks it too: the void cannot be quietly undone.
    const removed = text.split('\n');
    removed.splice(at, 1);
    expect(readTallyFile(removed.join('\n')).ok).toBe(false);
  });

  it('refuses a void with an empty reason or fields a void does not have, even re-chained', () => {
    for (const record of [
      { type: 'void', ...voidOf('b-1'), reason: '' },
      { type: 'void', ...voidOf('b-1'), reason: 'x'.repeat(501) },
      { type: 'void', ...voidOf('b-1'), voter: 'Ann' },
    ]) {
      const start = build([{ ballots }]);
      const read0 = readTallyFile(start);
      if (!read0.ok) throw new Error('start should read');
      const hash = chainHash(read0.value.head.hash, record);
      const head = { ...read0.value.head, hash, records: read0.value.head.records + 1 };
      const seal = appendBallots(head, []);
      const read = readTallyFile(`${start}${JSON.stringify({ ...record, hash })}\n${seal.text}`);
      expect(!read.ok && read.error).toMatchObject({
        code: 'bad-void',
        params: { kind: 'malformed' },
      });
    }
  });

  it('a reason is 1 to 500 characters once trimmed', () => {
    expect(voidReason('  wrong pile  ')).toBe('wrong pile');
    expect(voidReason('   ')).toBeNull();
    expect(voidReason('x'.repeat(500))).toHaveLength(500);
    expect(voidReason('x'.repeat(501))).toBeNull();
  });

  it('merging keeps voids with their ballots, whatever the order', () => {
    const central = build([{ ballots: [...ballots, other] }, { voids: [voidOf('b-4')] }]);
    const station = build([{ ballots: [approvalBallot('b-5', ['cooking-club'])] }]);
    const ab = mergeTallyFiles([central, station]);
    const ba = mergeTallyFiles([station, central]);
    expect(ab.ok && ba.ok && ab.value.text === ba.value.text).toBe(true);
    if (!ab.ok) return;
    const read = readTallyFile(ab.value.text);
    expect(read.ok && read.value.voids.map((v) => v.ballot)).toEqual(['b-4']);
    expect(read.ok && countedBallots(read.value)).toHaveLength(4);
  });
});

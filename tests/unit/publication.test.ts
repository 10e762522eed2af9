// The published snapshot: only a final count is published; it is counted as the CLI counts (same
// winners, the file's head hash as `verify` prints it, explanations), withdrawals go in with their
// reasons, and a snapshot read back is checked (a tampered or foreign one is refused).
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { buildPublication, readPublication } from '../../src/core/publication.ts';
import { tally } from '../../src/core/tally/index.ts';
import {
  contentSeed,
  countedBallots,
  readTallyFile,
  verifyTallyFile,
} from '../../src/core/tally-file/index.ts';
import { approvalBallot, demoBidIds } from '../fixtures/tally/ballots.ts';
import { countedFile } from '../fixtures/tally/final-file.ts';

const [first = '', second = ''] = demoBidIds;
const ballots = [
  approvalBallot('b-1', [first]),
  approvalBallot('b-2', [first, second]),
  approvalBallot('b-3', [second]),
  approvalBallot('b-4', [first]),
];
const file = (final: boolean, withdraw?: string) =>
  countedFile(ballots, withdraw === undefined ? { final } : { final, withdraw });

const AT = '2026-06-14T10:00:00.000Z';

describe('buildPublication', () => {
  it('refuses a count that is not final, saying which state it is in', () => {
    const built = buildPublication(file(false), AT);
    expect(built).toEqual({ ok: false, error: { code: 'not-final', state: 'closed' } });
  });

  it('refuses a file that fails its checks', () => {
    const text = file(true).replace('"b-2"', '"b-9"');
    const built = buildPublication(text, AT);
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.error.code).toBe('invalid-tally-file');
  });

  it('counts a final file as the CLI does, with the head hash verify prints', () => {
    const text = file(true);
    const built = buildPublication(text, AT);
    if (!built.ok) throw new Error(JSON.stringify(built.error));
    const read = readTallyFile(text);
    const verified = verifyTallyFile(text);
    if (!read.ok || !verified.ok) throw new Error('fixture file does not read');
    const counted = countedBallots(read.value);
    const seed = contentSeed(read.value.eventHash, counted);
    const cli = tally(DEMO_EVENT, counted, { seed });
    const p = built.value;
    expect(p.result.selected).toEqual(cli.selected);
    expect(p.result.selected.length).toBeGreaterThan(0);
    expect(p.tallyFileHash).toBe(verified.value.head.hash);
    expect(p.seed).toBe(seed);
    expect(p.ballotsCounted).toBe(4);
    expect(p.eventId).toBe(DEMO_EVENT.id);
    expect(p.rule).toBe(DEMO_EVENT.rule);
    expect(p.publishedAt).toBe(AT);
    expect(p.withdrawals).toEqual([]);
  });

  it('leaves a withdrawn bid unfunded and publishes the reason, without who withdrew it', () => {
    const built = buildPublication(file(true, first), AT);
    if (!built.ok) throw new Error(JSON.stringify(built.error));
    expect(built.value.result.selected).not.toContain(first);
    expect(built.value.withdrawals).toEqual([
      { bid: first, reason: 'Found ineligible', at: '2026-06-14T09:00:00.000Z' },
    ]);
  });
});

describe('readPublication', () => {
  const built = buildPublication(file(true), AT);
  if (!built.ok) throw new Error('fixture');
  const snapshot: unknown = JSON.parse(JSON.stringify(built.value));

  it('reads back what was written', () => {
    expect(readPublication(snapshot, DEMO_EVENT.id)).toEqual(built.value);
  });

  it('refuses another event’s snapshot, a changed hash and an unknown version', () => {
    expect(readPublication(snapshot, 'another-event')).toBeNull();
    const p = built.value;
    expect(readPublication({ ...p, tallyFileHash: 'not-a-hash' })).toBeNull();
    expect(readPublication({ ...p, version: 2 })).toBeNull();
    expect(readPublication({ ...p, result: { ...p.result, selected: 'x' } })).toBeNull();
  });
});

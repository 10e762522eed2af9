// The tally file's state records (core, used by the server): a file records its event's lifecycle,
// and a reader refuses an impossible one (a step the lifecycle has no, a ballot in a draft or after
// the count was sealed), even when the chain of hashes was rebuilt around the edit.
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { StateChange } from '../../src/core/event-lifecycle.ts';
import {
  appendBallots,
  appendStates,
  readTallyFile,
  startTallyFile,
  verifyTallyFile,
  writeTallyFile,
} from '../../src/core/tally-file/index.ts';
import { chainHash } from '../../src/core/tally-file/format.ts';
import { demoBallots } from './support/tally-server.ts';

const change = (state: StateChange['state'], version: number): StateChange => ({
  state,
  version,
  at: `2026-06-13T0${version}:00:00.000Z`,
  by: 'organiser',
});

/** A file built record by record: each step's chain follows from the one before, as the server writes. */
function build(steps: (StateChange | 'ballots')[]): string {
  let { text, head } = startTallyFile(DEMO_EVENT);
  let n = 0;
  for (const step of steps) {
    const next =
      step === 'ballots'
        ? appendBallots(head, demoBallots('st-1', 2, (n += 2)))
        : appendStates(head, [step]);
    text += next.text;
    head = next.head;
  }
  return text;
}

describe('state records in the tally file', () => {
  it('reads the lifecycle of a file the server wrote', () => {
    const text = build([
      change('open', 2),
      'ballots',
      change('closed', 3),
      'ballots',
      change('final', 4),
    ]);
    const read = readTallyFile(text);
    expect(read.ok && read.value.states.map((s) => s.state)).toEqual(['open', 'closed', 'final']);
    expect(read.ok && read.value.ballots).toHaveLength(4);
    expect(verifyTallyFile(text).ok).toBe(true);
  });

  it('still reads files written before state records existed, and station exports', () => {
    const plain = writeTallyFile(DEMO_EVENT, demoBallots('st-1', 3));
    const read = readTallyFile(plain);
    expect(read.ok && read.value.states).toEqual([]);
    // A file with no state yet (an open event from before) may be closed and sealed.
    expect(readTallyFile(build(['ballots', change('closed', 2), change('final', 3)])).ok).toBe(
      true,
    );
  });

  it.each([
    [
      'a ballot after the count was sealed',
      [change('open', 1), change('closed', 2), change('final', 3), 'ballots'],
      'ballot',
    ],
    ['a ballot in a draft', [change('draft', 1), 'ballots'], 'ballot'],
    [
      'reopening a closed event',
      [change('open', 1), change('closed', 2), change('open', 3)],
      'order',
    ],
    ['skipping closed', [change('open', 1), change('final', 2)], 'order'],
    ['a draft after ballots', ['ballots', change('draft', 2)], 'order'],
  ] as const)('refuses %s, naming the line', (_label, steps, kind) => {
    const read = readTallyFile(build([...steps]));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toMatchObject({ code: 'bad-state', params: { kind } });
  });

  it('refuses a state record with fields it does not have, even with a rebuilt chain', () => {
    const start = startTallyFile(DEMO_EVENT);
    const record = { type: 'state', ...change('open', 1), note: 'edited' };
    const hash = chainHash(start.head.hash, record);
    const seal = appendBallots({ hash, records: start.head.records + 1, ballots: 0 }, []);
    const read = readTallyFile(`${start.text}${JSON.stringify({ ...record, hash })}\n${seal.text}`);
    expect(read.ok).toBe(false);
    if (!read.ok)
      expect(read.error).toMatchObject({ code: 'bad-state', params: { kind: 'malformed' } });
  });
});

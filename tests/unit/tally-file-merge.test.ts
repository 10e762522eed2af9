import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { englishTallyFileProblem } from '../../src/cli/english.ts';
import type { ProblemParams } from '../../src/core/problem.ts';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { tally } from '../../src/core/tally/index.ts';
import {
  contentSeed,
  eventHash,
  mergeTallyFiles,
  readTallyFile,
  startTallyFile,
  writeTallyFile,
  type TallyFileProblem,
} from '../../src/core/tally-file/index.ts';
import { approvalBallot, ballotsArb } from '../fixtures/tally/ballots.ts';

const b1 = approvalBallot('b-1', ['gala-day']);
const b2 = approvalBallot('b-2', ['warm-space', 'chair-yoga']);
const b3 = approvalBallot('b-3', ['bike-repair']);

const merged = (...texts: string[]) => {
  const r = mergeTallyFiles(texts);
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};
const problem = (...texts: string[]): TallyFileProblem | { code: 'ok'; params: ProblemParams } => {
  const r = mergeTallyFiles(texts);
  return r.ok ? { code: 'ok', params: {} } : r.error;
};
/** The command line's sentence for a merge problem. */
const english = (p: ReturnType<typeof problem>) =>
  p.code === 'ok' ? '' : englishTallyFileProblem(p);

/** Two stations' exports of overlapping ballots: a shared pool split into two subsets. */
const twoFilesArb = ballotsArb().chain((pool) =>
  fc.tuple(fc.constant(pool), fc.subarray(pool), fc.subarray(pool)),
);

describe('merging tally files', () => {
  it('keeps each ballot once and counts the repeats', () => {
    const a = writeTallyFile(DEMO_EVENT, [b1, b2]);
    const b = writeTallyFile(DEMO_EVENT, [b2, b3]);
    const result = merged(a, b);
    expect(result).toMatchObject({ ballots: 3, duplicates: 1 });
    expect(result.text).toBe(writeTallyFile(DEMO_EVENT, [b1, b2, b3]));
  });

  it('accepts station files appended in several batches', () => {
    const start = startTallyFile(DEMO_EVENT);
    const r = merged(start.text, writeTallyFile(DEMO_EVENT, [b3]));
    expect(r).toMatchObject({ ballots: 1, duplicates: 0 });
  });

  it('refuses a file of another event, naming both events', () => {
    const other: EventDefinition = { ...DEMO_EVENT, id: 'hawick-2026', name: 'Hawick Decides' };
    const r = problem(
      writeTallyFile(DEMO_EVENT, [b1]),
      writeTallyFile(other, [{ ...b2, eventId: other.id }]),
    );
    expect(r).toMatchObject({ code: 'other-event', file: 2 });
    expect(r.params).toMatchObject({ event: 'hawick-2026', firstEvent: DEMO_EVENT.id });
    expect(english(r)).toContain('This file is from another event: Hawick Decides (hawick-2026).');
    expect(english(r)).toContain(DEMO_EVENT.name);
  });

  it('refuses files of the same event defined differently', () => {
    const changed = { ...DEMO_EVENT, rule: 'equal-shares' as const };
    const r = problem(writeTallyFile(DEMO_EVENT, [b1]), writeTallyFile(changed, [b2]));
    expect(r).toMatchObject({ code: 'event-changed', file: 2 });
  });

  it('refuses a ballot id with two contents, naming it, instead of choosing one', () => {
    const a = writeTallyFile(DEMO_EVENT, [b1, b2]);
    const b = writeTallyFile(DEMO_EVENT, [{ ...b2, stationId: 'library' }, b3]);
    const r = problem(a, b);
    expect(r.code).toBe('conflict');
    expect(r.params).toEqual({ count: 1, ids: 'b-2', more: 0 });
    expect(english(r)).toContain('b-2');
    expect(english(r)).not.toContain('b-1');
  });

  it('names the file and line of a damaged input', () => {
    const lines = writeTallyFile(DEMO_EVENT, [b1, b2]).split('\n');
    lines[2] = lines[2]?.replace('b-2', 'b-9') ?? '';
    const r = problem(writeTallyFile(DEMO_EVENT, [b3]), lines.join('\n'));
    expect(r).toMatchObject({ code: 'broken-chain', file: 2, line: 3 });
    expect(r.params).toEqual({ line: 3, file: 2 });
    expect(english(r)).toMatch(/^File 2: Line 3 /);
  });

  it('refuses an empty list of files', () => {
    expect(problem().code).toBe('no-files');
  });

  it('is idempotent: merging a canonical file with itself changes nothing', () => {
    fc.assert(
      fc.property(ballotsArb(), (ballots) => {
        const a = writeTallyFile(DEMO_EVENT, ballots);
        expect(merged(a).text).toBe(a);
        expect(merged(a, a)).toEqual({
          text: a,
          ballots: ballots.length,
          duplicates: ballots.length,
        });
      }),
    );
  });

  it('is order-independent, byte for byte, and holds exactly the union', () => {
    fc.assert(
      fc.property(twoFilesArb, ([, xs, ys]) => {
        const a = writeTallyFile(DEMO_EVENT, xs);
        const b = writeTallyFile(DEMO_EVENT, ys);
        const ab = merged(a, b);
        expect(merged(b, a).text).toBe(ab.text);
        const union = new Set([...xs, ...ys].map((x) => x.id));
        const read = readTallyFile(ab.text);
        expect(read.ok && read.value.ballots.map((x) => x.id)).toEqual([...union].sort());
        expect(ab.duplicates).toBe(xs.length + ys.length - union.size);
        // Merging again adds nothing.
        expect(merged(ab.text, b).text).toBe(ab.text);
      }),
    );
  });
});

describe('re-tallying a merged file', () => {
  it('gives the result of tallying every ballot at once, under both rules', () => {
    fc.assert(
      fc.property(
        twoFilesArb,
        fc.constantFrom('greedy' as const, 'equal-shares' as const),
        ([, xs, ys], rule) => {
          const ab = readTallyFile(
            merged(writeTallyFile(DEMO_EVENT, xs), writeTallyFile(DEMO_EVENT, ys)).text,
          );
          if (!ab.ok) throw new Error(ab.error.code);
          const all = [...new Map([...ys, ...xs].map((b) => [b.id, b])).values()];
          const seed = contentSeed(eventHash(DEMO_EVENT), all);
          expect(contentSeed(ab.value.eventHash, ab.value.ballots)).toBe(seed);
          expect(tally(DEMO_EVENT, ab.value.ballots, { rule, seed })).toEqual(
            tally(DEMO_EVENT, all, { rule, seed }),
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('the content seed for the lot', () => {
  const hash = eventHash(DEMO_EVENT);

  it('depends on the set of ballots, not their order', () => {
    fc.assert(
      fc.property(
        ballotsArb().chain((xs) =>
          fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length })),
        ),
        ([xs, shuffled]) => {
          expect(contentSeed(hash, shuffled)).toBe(contentSeed(hash, xs));
        },
      ),
    );
  });

  it('changes with any ballot and with the event', () => {
    const seed = contentSeed(hash, [b1, b2]);
    expect(contentSeed(hash, [b1])).not.toBe(seed);
    expect(
      contentSeed(hash, [b1, { ...b2, choice: { kind: 'approval', bids: ['gala-day'] } }]),
    ).not.toBe(seed);
    expect(contentSeed(eventHash({ ...DEMO_EVENT, name: 'x' }), [b1, b2])).not.toBe(seed);
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
  });
});

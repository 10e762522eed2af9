/**
 * The lower layers speak in codes: every problem core, db and sync return is a code with facts
 * (strings and numbers), never a sentence. Checked three ways: the source of those layers holds
 * no `message` property; a sample of real failures from every area carries only codes and facts;
 * and a property test over random ballots finds no error with words in it. Then the words: the
 * command line's English covers every code, and the app's catalogue words them in each language.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  englishBallotProblem,
  englishEventProblem,
  englishExclusion,
  englishList,
  englishTallyFileProblem,
  englishTie,
} from '../../src/cli/english.ts';
import { BALLOT_PROBLEM_CODES } from '../../src/core/ballot-problems.ts';
import { validateBallot } from '../../src/core/ballot.ts';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { parsePabulib } from '../../src/core/pabulib/index.ts';
import { problemSummary, type Problem } from '../../src/core/problem.ts';
import {
  EVENT_PROBLEM_CODES,
  eventSchema,
  schemaProblem,
  type Ballot,
} from '../../src/core/schema.ts';
import {
  mergeTallyFiles,
  readTallyFile,
  TALLY_FILE_PROBLEM_CODES,
  verifyTallyFile,
  writeTallyFile,
} from '../../src/core/tally-file/index.ts';
import { EXCLUSION_CODES, TIE_DECIDERS, type TieRecord } from '../../src/core/tally/types.ts';
import { checkSetUp } from '../../src/db/station-setup.ts';
import { describeHttpProblem, NEEDS_REJOIN, SYNC_PROBLEM_CODES } from '../../src/sync/problems.ts';
import { normaliseServerAddress } from '../../src/sync/server-url.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

/** An approval ballot of the demo event, not validated (it may well be wrong). */
const raw = (bids: string[], change: Partial<Ballot> = {}): Ballot => ({
  id: 'b',
  eventId: DEMO_EVENT.id,
  stationId: 'hall-1',
  castHour: '2026-06-13T10:00Z',
  choice: { kind: 'approval', bids },
  ...change,
});

/** A value holds words if any string in it (outside ids and given facts) reads as a sentence. */
function hasMessage(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if ('message' in value) return true;
  return Object.values(value).some(hasMessage);
}

/** Problems are codes with facts: `code`, `params` of strings and numbers, maybe a `cause`. */
function expectCoded(problem: Problem): void {
  expect(problem.code).toMatch(/^[a-z][a-z0-9-]*$/);
  for (const value of Object.values(problem.params)) {
    expect(['string', 'number']).toContain(typeof value);
  }
  expect(hasMessage(problem)).toBe(false);
  if (problem.cause) expectCoded(problem.cause);
}

describe('the lower layers', () => {
  it('have no `message` property in their source: they return codes', () => {
    const found: string[] = [];
    const visit = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) visit(full);
        else if (entry.name.endsWith('.ts')) {
          readFileSync(full, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              // A property named message, in an object literal or a type: `message: …`.
              if (/^\s*(readonly\s+)?message\??\s*:/.test(line)) found.push(`${full}:${i + 1}`);
            });
        }
      }
    };
    for (const layer of ['src/core', 'src/db', 'src/sync']) visit(join(ROOT, layer));
    // The protocol keeps the server's English `message` on the wire, for logs and old clients.
    const allowed = found.filter((at) => !at.includes('src/core/protocol.ts'));
    expect(allowed).toEqual([]);
  });

  it('fail with codes and facts in every area', () => {
    const samples: Problem[] = [];
    const refused = <T, E extends Problem>(r: { ok: true; value: T } | { ok: false; error: E }) => {
      if (r.ok) throw new Error('expected a problem');
      samples.push(r.error);
    };
    const ballot = (b: Partial<Ballot>) => validateBallot(DEMO_EVENT, raw(['gala-day'], b));
    refused(ballot({ eventId: 'other' }));
    refused(ballot({ choice: { kind: 'approval', bids: ['nope'] } }));
    refused(ballot({ choice: { kind: 'ranking', ranking: [] } }));
    refused(readTallyFile(''));
    refused(readTallyFile('{}\n'));
    refused(readTallyFile(writeTallyFile(DEMO_EVENT, []).slice(0, -5)));
    refused(verifyTallyFile(writeTallyFile(DEMO_EVENT, []), { expectHead: 'f'.repeat(64) }));
    refused(mergeTallyFiles([]));
    refused(parsePabulib('META\nkey;value\n'));
    refused(normaliseServerAddress('ftp://x', 'https://a.example'));
    refused(normaliseServerAddress('http://x', 'https://a.example'));
    const setUp = checkSetUp({ name: '', pin: '1', pinAgain: '2', eventId: 'e' });
    if (setUp) samples.push(setUp);
    samples.push(
      describeHttpProblem({ kind: 'unreachable' }, 'https://tally.example'),
      NEEDS_REJOIN,
    );
    const event = eventSchema.safeParse({
      ...DEMO_EVENT,
      bids: [...DEMO_EVENT.bids, DEMO_EVENT.bids[0]],
    });
    samples.push(schemaProblem(event.error?.issues[0]));
    expect(samples.length).toBeGreaterThan(14);
    for (const problem of samples) expectCoded(problem);
    expect(samples.at(-1)).toMatchObject({ code: 'duplicate-bid', params: { path: 'bids' } });
  });

  it('never put words in a ballot problem, whatever the choice (property)', () => {
    const bidIds = [...DEMO_EVENT.bids.map((b) => b.id), 'nope', 'x'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...bidIds), { maxLength: 10 }), (bids) => {
        const r = validateBallot(DEMO_EVENT, raw(bids));
        if (r.ok) return;
        expect(BALLOT_PROBLEM_CODES).toContain(r.error.code);
        expectCoded(r.error);
      }),
    );
  });
});

describe('the command line’s English', () => {
  it('has a sentence for every ballot, event, tally-file, tie and threshold code', () => {
    const sentences = [
      ...BALLOT_PROBLEM_CODES.map((code) => englishBallotProblem({ code, params: {} })),
      ...EVENT_PROBLEM_CODES.map((code) => englishEventProblem({ code, params: { path: 'x' } })),
      ...TALLY_FILE_PROBLEM_CODES.map((code) =>
        englishTallyFileProblem({ code, params: { line: 3 } }),
      ),
      ...EXCLUSION_CODES.map((code) => englishExclusion({ code, params: { share: 0.5 } })),
      ...TIE_DECIDERS.map((decidedBy) =>
        englishTie({ potId: 'p', bids: ['a', 'b'], decidedBy, situation: 'equal-support' }),
      ),
    ];
    for (const sentence of sentences) expect(sentence).toMatch(/^[A-Z0-9“"].{10,}[.)]$/s);
    expect(new Set(sentences).size).toBeGreaterThan(sentences.length - 5);
  });

  it('words a problem with its cause', () => {
    const ballot = validateBallot(DEMO_EVENT, raw(['nope']));
    const problem = ballot.ok ? null : ballot.error;
    expect(
      englishTallyFileProblem({
        code: 'invalid-ballot',
        line: 4,
        params: { line: 4, kind: 'invalid' },
        ...(problem ? { cause: problem } : {}),
      }),
    ).toBe('The ballot on line 4 is not valid: There is no bid "nope" in this event.');
    expect(
      problemSummary({ code: 'a', params: { line: 2 }, cause: { code: 'b', params: {} } }),
    ).toBe('a line=2 < b');
  });

  it('lists bids as people write them', () => {
    expect(['a', 'b', 'c'].map((_, i, all) => englishList(all.slice(0, i + 1)))).toEqual([
      'a',
      'a and b',
      'a, b and c',
    ]);
    const tie: TieRecord = {
      potId: 'p',
      bids: ['x', 'y'],
      decidedBy: 'lot',
      situation: 'equal-value',
      seed: 'beef',
    };
    expect(englishTie(tie)).toBe(
      'Bids x and y gave equal value for money under equal shares; they cost the same and had ' +
        'as many voters, so the lot (seed beef) put x first.',
    );
  });
});

describe('the sync problems', () => {
  it('are each one code of the documented list', () => {
    expect(SYNC_PROBLEM_CODES).toContain(NEEDS_REJOIN.code);
    expect(describeHttpProblem({ kind: 'timeout' }, 'https://tally.example:8443/')).toEqual({
      code: 'timeout',
      params: { host: 'tally.example:8443' },
      retryAfterMs: 0,
    });
  });
});

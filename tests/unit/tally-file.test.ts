import { describe, expect, it } from 'vitest';
import { englishTallyFileProblem } from '../../src/cli/english.ts';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { canonicalJson, type Json } from '../../src/core/canonical-json.ts';
import { sha256Hex } from '../../src/core/hash.ts';
import {
  appendBallots,
  eventHash,
  lastSealedPrefix,
  readTallyFile,
  startTallyFile,
  TALLY_FILE_FORMAT,
  verifyTallyFile,
  writeTallyFile,
} from '../../src/core/tally-file/index.ts';
import { approvalBallot } from '../fixtures/tally/ballots.ts';
import { forge, joinLines, linesOf } from '../fixtures/tally/forge.ts';

const b1 = approvalBallot('b-1', ['gala-day', 'chair-yoga']);
const b2 = approvalBallot('b-2', ['warm-space']);
const b3 = approvalBallot('b-3', ['bike-repair', 'cooking-club', 'walking-group']);
const b4 = approvalBallot('b-4', ['football-kit']);

/** A server's file after two batches: header, seal, b1, b2, seal, b3, seal (7 lines). */
function twoBatches() {
  const start = startTallyFile(DEMO_EVENT);
  const first = appendBallots(start.head, [b1, b2]);
  const second = appendBallots(first.head, [b3]);
  return { text: start.text + first.text + second.text, afterFirst: first.head, head: second.head };
}

const problemOf = (text: string) => {
  const r = readTallyFile(text);
  return r.ok ? 'ok' : { code: r.error.code, line: r.error.line };
};

describe('a tally file round trip', () => {
  it('gives back the event, its hash and the ballots in file order', () => {
    const { text, head } = twoBatches();
    const read = readTallyFile(text);
    expect(read).toEqual({
      ok: true,
      value: {
        event: DEMO_EVENT,
        eventHash: eventHash(DEMO_EVENT),
        ballots: [b1, b2, b3],
        head,
        // A file written by a station has no state records (see state-record.ts).
        states: [],
        // Nor any void (see void-record.ts and tally-file-voids.test.ts).
        voids: [],
        // Nor any station's closing sheet (see closing-record.ts, tally-file-closing.test.ts).
        closings: [],
        // Nor any withdrawn bid (see withdrawal-record.ts, tally-file-withdrawals.test.ts).
        withdrawals: [],
      },
    });
    expect(head).toMatchObject({ records: 7, ballots: 3 });
  });

  it('starts with a header naming the format, the version and the event hash', () => {
    const header = JSON.parse(linesOf(startTallyFile(DEMO_EVENT).text)[0] ?? '') as Json;
    expect(header).toMatchObject({
      type: 'header',
      format: TALLY_FILE_FORMAT,
      version: 1,
      eventHash: eventHash(DEMO_EVENT),
    });
  });

  it('an empty file of an event is valid and holds no ballots', () => {
    const { text, head } = startTallyFile(DEMO_EVENT);
    expect(verifyTallyFile(text)).toEqual({
      ok: true,
      value: { ballots: 0, voided: 0, withdrawn: 0, head, eventId: DEMO_EVENT.id },
    });
    expect(writeTallyFile(DEMO_EVENT, [])).toBe(text);
  });

  it('writes the canonical file sorted by ballot id, hiding arrival order', () => {
    const read = readTallyFile(writeTallyFile(DEMO_EVENT, [b3, b1, b2]));
    expect(read.ok && read.value.ballots.map((b) => b.id)).toEqual(['b-1', 'b-2', 'b-3']);
    expect(writeTallyFile(DEMO_EVENT, [b3, b1, b2])).toBe(writeTallyFile(DEMO_EVENT, [b2, b3, b1]));
  });

  it('refuses, as a bug, to write one ballot id twice', () => {
    expect(() => writeTallyFile(DEMO_EVENT, [b1, b1])).toThrow(/b-1/);
  });

  it('accepts a byte-order mark and Windows line endings', () => {
    const { text } = twoBatches();
    const windows = `\uFEFF${text.replaceAll('\n', '\r\n')}`;
    const read = readTallyFile(windows);
    expect(read.ok && read.value.ballots).toEqual([b1, b2, b3]);
  });
});

describe('verify names the first bad line of a tampered file', () => {
  const lines = linesOf(twoBatches().text);

  it('a ballot edited in place (line 3)', () => {
    const edited = [...lines];
    edited[2] = (edited[2] ?? '').replace('gala-day', 'bike-repair');
    expect(edited[2]).not.toBe(lines[2]);
    expect(problemOf(joinLines(edited))).toEqual({ code: 'broken-chain', line: 3 });
  });

  it('a ballot edited with its own hash recomputed: the next line no longer fits', () => {
    const forged = forge(lines, 2, (r) => {
      (r['ballot'] as { choice: Json }).choice = { kind: 'approval', bids: ['gala-day'] };
    });
    expect(problemOf(joinLines(forged))).toEqual({ code: 'broken-chain', line: 4 });
  });

  it('a changed hash field', () => {
    const edited = [...lines];
    const record = JSON.parse(edited[3] ?? '') as Record<string, Json>;
    edited[3] = JSON.stringify({ ...record, hash: '0'.repeat(64) });
    expect(problemOf(joinLines(edited))).toEqual({ code: 'broken-chain', line: 4 });
  });

  it('two lines swapped', () => {
    const swapped = [...lines];
    [swapped[2], swapped[3]] = [lines[3] ?? '', lines[2] ?? ''];
    expect(problemOf(joinLines(swapped))).toEqual({ code: 'broken-chain', line: 3 });
  });

  it('a line inserted (a copy of a real ballot)', () => {
    const inserted = [...lines.slice(0, 4), lines[2] ?? '', ...lines.slice(4)];
    expect(problemOf(joinLines(inserted))).toEqual({ code: 'broken-chain', line: 5 });
  });

  it('a line deleted', () => {
    const deleted = [...lines.slice(0, 2), ...lines.slice(3)];
    expect(problemOf(joinLines(deleted))).toEqual({ code: 'broken-chain', line: 3 });
  });

  it('a file cut off in the middle of a line', () => {
    const text = twoBatches().text;
    expect(problemOf(text.slice(0, -20))).toEqual({ code: 'truncated', line: 7 });
    // Even losing only the final line break is reported: the next append would corrupt the line.
    expect(problemOf(text.slice(0, -1))).toEqual({ code: 'truncated', line: 7 });
  });

  it('a file cut at a line boundary after a ballot, before its seal', () => {
    expect(problemOf(joinLines(lines.slice(0, 6)))).toEqual({ code: 'unsealed', line: 6 });
  });

  it('a file cut exactly at an earlier seal verifies alone, but not against the published head', () => {
    const { head, afterFirst } = twoBatches();
    const cut = joinLines(lines.slice(0, afterFirst.records));
    expect(verifyTallyFile(cut).ok).toBe(true);
    const against = verifyTallyFile(cut, { expectHead: head.hash });
    expect(against.ok ? 'ok' : against.error.code).toBe('head-mismatch');
    expect(verifyTallyFile(twoBatches().text, { expectHead: head.hash }).ok).toBe(true);
  });

  it('a file that grew after its head was published says where that head is', () => {
    const { text, afterFirst } = twoBatches();
    const r = verifyTallyFile(text, { expectHead: afterFirst.hash });
    expect(r.ok ? 'ok' : r.error).toMatchObject({ code: 'head-mismatch' });
    expect(r.ok ? 'ok' : r.error.params).toMatchObject({ kind: 'later', sealLine: 5 });
    expect(r.ok ? '' : englishTallyFileProblem(r.error)).toContain('line 5');
  });

  it('an edited event definition', () => {
    const changed = (r: Record<string, Json>) => {
      (r['event'] as Record<string, Json>)['name'] = 'Someone else’s day';
    };
    const unhashed = [...lines];
    unhashed[0] = (unhashed[0] ?? '').replace('Burnfoot Community Choices', 'Elsewhere');
    expect(problemOf(joinLines(unhashed))).toEqual({ code: 'broken-chain', line: 1 });
    expect(problemOf(joinLines(forge(lines, 0, changed)))).toEqual({
      code: 'event-hash-mismatch',
      line: 1,
    });
  });
});

describe('a tally file with bad content is refused', () => {
  it('not JSON, with its line', () => {
    const lines = linesOf(twoBatches().text);
    lines[3] = 'this is not json';
    expect(problemOf(joinLines(lines))).toEqual({ code: 'not-json', line: 4 });
    expect(problemOf('pot,bid,amount\n')).toEqual({ code: 'not-json', line: 1 });
  });

  it('another format, another version, an empty file', () => {
    expect(problemOf('{"type":"ballot"}\n')).toEqual({ code: 'not-tally-file', line: 1 });
    const v2 = forge(linesOf(startTallyFile(DEMO_EVENT).text), 0, (r) => {
      r['version'] = 2;
    });
    expect(problemOf(joinLines(v2))).toEqual({ code: 'unsupported-version', line: 1 });
    const r = readTallyFile('');
    expect(r.ok ? 'ok' : r.error.code).toBe('empty');
  });

  it('a correctly chained but invalid ballot (a bid the event does not have)', () => {
    const start = startTallyFile(DEMO_EVENT);
    const bad = { ...b1, choice: { kind: 'approval' as const, bids: ['swimming-pool'] } };
    const text = start.text + appendBallots(start.head, [bad]).text;
    const r = readTallyFile(text);
    expect(r.ok ? 'ok' : r.error).toMatchObject({ code: 'invalid-ballot', line: 3 });
    expect(r.ok ? 'ok' : r.error.cause).toEqual({
      code: 'unknown-bid',
      params: { bid: 'swimming-pool' },
    });
    expect(r.ok ? '' : englishTallyFileProblem(r.error)).toMatch(/line 3.*swimming-pool/);
  });

  it('a ballot of another event', () => {
    const start = startTallyFile(DEMO_EVENT);
    const text = start.text + appendBallots(start.head, [{ ...b1, eventId: 'other' }]).text;
    expect(problemOf(text)).toEqual({ code: 'invalid-ballot', line: 3 });
  });

  it('a ballot or event with fields the format does not have (a voter name, say)', () => {
    const start = startTallyFile(DEMO_EVENT);
    const named = { ...b1, voterName: 'Ann' };
    const text = start.text + appendBallots(start.head, [named]).text;
    expect(problemOf(text)).toEqual({ code: 'invalid-ballot', line: 3 });
    const header = forge(linesOf(start.text), 0, (r) => {
      const event = { ...(r['event'] as Record<string, Json>), secret: 'x' };
      r['event'] = event;
      r['eventHash'] = sha256Hex(canonicalJson(event));
    });
    expect(problemOf(joinLines(header))).toEqual({ code: 'bad-event', line: 1 });
  });

  it('the same ballot id twice', () => {
    const start = startTallyFile(DEMO_EVENT);
    const one = appendBallots(start.head, [b1]);
    const again = appendBallots(one.head, [{ ...b2, id: b1.id }]);
    expect(problemOf(start.text + one.text + again.text)).toEqual({
      code: 'duplicate-ballot',
      line: 5,
    });
  });

  it('a seal whose count is wrong', () => {
    const start = startTallyFile(DEMO_EVENT);
    const lying = appendBallots({ ...start.head, ballots: 1 }, []);
    expect(problemOf(start.text + lying.text)).toEqual({ code: 'seal-mismatch', line: 3 });
  });

  it('a record of an unknown kind, even with a good hash', () => {
    const start = startTallyFile(DEMO_EVENT);
    const lines = linesOf(start.text);
    const forged = forge([...lines, lines[1] ?? ''], 2, (r) => {
      r['type'] = 'comment';
    });
    expect(problemOf(joinLines(forged))).toEqual({ code: 'bad-record', line: 3 });
  });
});

describe('recovery after a crash mid-append', () => {
  it('keeps the lines up to the last seal', () => {
    const { text, head } = twoBatches();
    const partial = appendBallots(head, [b4]).text.slice(0, -30);
    expect(lastSealedPrefix(text + partial)).toEqual({ lines: 7, head });
  });

  it('stops before the first damaged line even if later seals look fine', () => {
    const { text, afterFirst } = twoBatches();
    const lines = linesOf(text);
    lines[5] = 'garbage';
    expect(lastSealedPrefix(joinLines(lines))).toEqual({ lines: 5, head: afterFirst });
  });

  it('finds nothing to keep in a file that is not a tally file', () => {
    expect(lastSealedPrefix('hello\n')).toBeNull();
    expect(lastSealedPrefix('')).toBeNull();
  });
});

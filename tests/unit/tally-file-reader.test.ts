/**
 * The tally file read in pieces as it downloads (`tallyFileReader`, the organiser's count reads the
 * central file while it arrives), and verified in pieces (`verifyTallyFile`, as the command line
 * reads a file from disk): for any cut into pieces — inside a line, between `\r` and `\n`,
 * after a byte-order mark — the same answer as `readTallyFile` of the whole text, for good files
 * and for every kind of damage, with the same first problem and line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import {
  appendBallots,
  readTallyFile,
  startTallyFile,
  tallyFileReader,
  verifyTallyFile,
} from '../../src/core/tally-file/index.ts';
import { approvalBallot } from '../fixtures/tally/ballots.ts';
import { forge, joinLines, linesOf } from '../fixtures/tally/forge.ts';

const b1 = approvalBallot('b-1', ['gala-day', 'chair-yoga']);
const b2 = approvalBallot('b-2', ['warm-space']);
const b3 = approvalBallot('b-3', ['bike-repair', 'cooking-club', 'walking-group']);

function twoBatches(): string {
  const start = startTallyFile(DEMO_EVENT);
  const first = appendBallots(start.head, [b1, b2]);
  const second = appendBallots(first.head, [b3]);
  return start.text + first.text + second.text;
}

const good = twoBatches();
const lines = linesOf(good);
const swapped = [...lines];
[swapped[2], swapped[3]] = [lines[3] ?? '', lines[2] ?? ''];
const notJson = [...lines];
notJson[3] = 'this is not json';

/** Good files and damaged ones, each with what `readTallyFile` says of it. */
const FILES: Record<string, string> = {
  good,
  'byte-order mark and Windows line endings': `\uFEFF${good.replaceAll('\n', '\r\n')}`,
  'a ballot edited in place': good.replace('gala-day', 'bike-repair'),
  'a forged ballot': joinLines(
    forge(lines, 2, (r) => {
      (r['ballot'] as { choice: unknown }).choice = { kind: 'approval', bids: ['gala-day'] };
    }),
  ),
  'two lines swapped': joinLines(swapped),
  'not JSON': joinLines(notJson),
  'cut inside a line': good.slice(0, -20),
  'without its last line break': good.slice(0, -1),
  'cut before its seal': joinLines(lines.slice(0, 6)),
  'a header alone, unfinished': (lines[0] ?? '').slice(0, 40),
  'another format': '{"type":"ballot"}\n',
  empty: '',
  'a byte-order mark alone': '\uFEFF',
  'blank lines': '\n\n',
};

/** The text cut at the given places (sorted, any repeats give empty pieces). */
function piecesOf(text: string, cuts: number[]): string[] {
  const at = [0, ...cuts.map((c) => c % (text.length + 1)).sort((a, b) => a - b), text.length];
  return at.slice(1).map((end, i) => text.slice(at[i], end));
}

function readInPieces(pieces: string[]) {
  const reader = tallyFileReader();
  for (const piece of pieces) reader.push(piece);
  return reader.end();
}

describe('a tally file read in pieces', () => {
  it.each(Object.entries(FILES))(
    '%s: the same answer as read whole, however it is cut; and verified so (as `decision-day verify` reads it)',
    (_, text) => {
      const whole = readTallyFile(text);
      const verified = verifyTallyFile(text);
      fc.assert(
        fc.property(fc.array(fc.nat(), { maxLength: 12 }), (cuts) => {
          const pieces = piecesOf(text, cuts);
          expect(readInPieces(pieces)).toEqual(whole);
          expect(verifyTallyFile(pieces)).toEqual(verified);
        }),
        { numRuns: 60 },
      );
      // One character at a time: every cut at once.
      expect(readInPieces([...text])).toEqual(whole);
      expect(verifyTallyFile([...text])).toEqual(verified);
    },
  );

  it('stops at the first damaged line: what arrives after it is not read', () => {
    const reader = tallyFileReader();
    const damaged = FILES['two lines swapped'] ?? '';
    // Up to the end of the third line: the header, a seal, then a ballot out of its place.
    const third = damaged.split('\n').slice(0, 3).join('\n').length + 1;
    reader.push(damaged.slice(0, third));
    // The rest never matters: the first problem stands.
    reader.push('anything at all\n');
    expect(reader.end()).toEqual(readTallyFile(damaged));
    expect(reader.end()).toMatchObject({ ok: false, error: { code: 'broken-chain', line: 3 } });
  });

  it('says nothing is wrong only at the end: a good start is not a good file', () => {
    const reader = tallyFileReader();
    reader.push(joinLines(lines.slice(0, 4)));
    expect(reader.end()).toMatchObject({ ok: false, error: { code: 'unsealed', line: 4 } });
  });
});

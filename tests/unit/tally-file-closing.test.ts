// Closing records in the tally file: a station's closing sheet travels in its export and is kept,
// chain-hashed, in the central file with the server's receipt time; a reader refuses a second
// closing of one station, a closing in a draft, and a malformed sheet; merging keeps one per
// station, the server's, whatever the order of the files.
import { describe, expect, it } from 'vitest';
import type { ClosingSheet } from '../../src/core/closing.ts';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { canonicalJson } from '../../src/core/canonical-json.ts';
import {
  appendBallots,
  appendClosings,
  appendStates,
  mergeTallyFiles,
  readTallyFile,
  startTallyFile,
  writeTallyFile,
  type ClosingChange,
} from '../../src/core/tally-file/index.ts';
import { approvalBallot } from '../fixtures/tally/ballots.ts';

const ballots = [approvalBallot('b-1', ['cooking-club']), approvalBallot('b-2', ['cooking-club'])];
const sheet = (station = 'station-a'): ClosingSheet => ({
  station,
  stationName: 'Church hall',
  closedAt: '2026-06-13T17:02:00.000Z',
  released: 3,
  unused: 1,
  codesUsed: 0,
  screenBallots: 2,
  paperBallots: 0,
  synced: 2,
  waiting: 0,
});
const received: ClosingChange = {
  sheet: sheet(),
  receivedAt: '2026-06-13T16:58:41.000Z',
  joined: 'st-9',
};

function openFile() {
  const start = startTallyFile(DEMO_EVENT);
  const opened = appendStates(start.head, [
    { state: 'open', version: 1, at: '2026-06-13T09:00:00.000Z', by: 'organiser' },
  ]);
  const body = appendBallots(opened.head, ballots);
  const text = start.text + opened.text + body.text;
  // The line the next record lands on (the text ends with a line break).
  return { text, head: body.head, next: text.split('\n').length };
}

describe('closing records', () => {
  it('round-trip: the export carries the sheet; the central file keeps the receipt time too', () => {
    const exported = readTallyFile(writeTallyFile(DEMO_EVENT, ballots, [], [{ sheet: sheet() }]));
    if (!exported.ok) throw new Error(exported.error.code);
    expect(exported.value.closings).toEqual([{ type: 'closing', sheet: sheet() }]);

    const file = openFile();
    const text = file.text + appendClosings(file.head, [received]).text;
    const central = readTallyFile(text);
    if (!central.ok) throw new Error(central.error.code);
    expect(central.value.closings).toEqual([{ type: 'closing', ...received }]);
    expect(central.value.head.ballots).toBe(2);
  });

  it('refuses a second closing of one station, naming both lines', () => {
    const file = openFile();
    const once = appendClosings(file.head, [received]);
    const twice = appendClosings(once.head, [{ sheet: { ...sheet(), note: 'again' } }]);
    const read = readTallyFile(file.text + once.text + twice.text);
    expect(read.ok ? null : read.error).toMatchObject({
      code: 'bad-closing',
      line: file.next + 2,
      params: { kind: 'duplicate', station: 'station-a', first: file.next },
    });
  });

  it('refuses a closing in a draft and a sheet with anything extra', () => {
    const start = startTallyFile(DEMO_EVENT);
    const draft = appendStates(start.head, [
      { state: 'draft', version: 1, at: '2026-06-13T09:00:00.000Z', by: 'organiser' },
    ]);
    const inDraft = readTallyFile(
      start.text + draft.text + appendClosings(draft.head, [{ sheet: sheet() }]).text,
    );
    expect(inDraft.ok ? null : inDraft.error.params).toMatchObject({ kind: 'state' });

    // A sheet carrying a voter's name: chain-valid (re-hashed), still refused.
    const file = openFile();
    const withName = { ...sheet(), voter: 'Ann' } as unknown as ClosingSheet;
    const bad = readTallyFile(file.text + appendClosings(file.head, [{ sheet: withName }]).text);
    expect(bad.ok ? null : bad.error).toMatchObject({ code: 'bad-closing', line: file.next });
  });

  it('an edited closing line breaks the chain', () => {
    const file = openFile();
    const lines = (file.text + appendClosings(file.head, [received]).text).split('\n');
    const at = file.next - 1;
    expect(lines[at]).toContain('"screenBallots":2');
    lines[at] = (lines[at] ?? '').replace('"screenBallots":2', '"screenBallots":3');
    const read = readTallyFile(lines.join('\n'));
    expect(read.ok ? null : read.error).toMatchObject({ code: 'broken-chain', line: file.next });
  });

  it('merging keeps one closing per station, the server’s, in any order', () => {
    const exported = writeTallyFile(DEMO_EVENT, ballots, [], [{ sheet: sheet() }]);
    const central = writeTallyFile(DEMO_EVENT, ballots, [], [received, { sheet: sheet('b') }]);
    const ab = mergeTallyFiles([exported, central]);
    const ba = mergeTallyFiles([central, exported]);
    if (!ab.ok || !ba.ok) throw new Error('merge failed');
    expect(ab.value.text).toBe(ba.value.text);
    const merged = readTallyFile(ab.value.text);
    if (!merged.ok) throw new Error(merged.error.code);
    expect(merged.value.closings.map((c) => canonicalJson({ ...c }))).toEqual([
      canonicalJson({ type: 'closing', sheet: sheet('b') }),
      canonicalJson({ type: 'closing', ...received }),
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  auditCsv,
  auditLine,
  emptyAuditTrail,
  readAuditTrail,
  type AuditEntry,
} from '../../src/core/audit.ts';

const entries: AuditEntry[] = [
  { at: '2026-06-13T08:00:00.000Z', by: 'organiser', action: 'sign-in', details: {} },
  {
    at: '2026-06-13T09:00:00.000Z',
    by: 'organiser',
    action: 'event-state',
    event: 'ev-1',
    details: { to: 'open' },
  },
  {
    at: '2026-06-13T17:00:00.000Z',
    by: '=HYPERLINK("http://x")',
    action: 'bid-withdraw',
    event: 'ev-1',
    details: { bid: 'b-2', reason: 'Withdrawn by the group' },
  },
];

function write(list: readonly AuditEntry[]): string {
  let state = emptyAuditTrail();
  let text = '';
  for (const entry of list) {
    const next = auditLine(state, entry);
    text += next.text;
    state = next.state;
  }
  return text;
}

describe('the audit trail format', () => {
  const text = write(entries);
  const lines = text.trimEnd().split('\n');

  it('reads back what was written, numbered and chained', () => {
    const read = readAuditTrail(text);
    expect(read.problem).toBeUndefined();
    expect(read.records.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(read.records.map(({ seq: _s, prev: _p, ...entry }) => entry)).toEqual(entries);
    expect(read.records[0]?.prev).toBe('0'.repeat(64));
    expect(read.state.nextSeq).toBe(4);
    // Chaining on from what was read gives the same line as writing it all at once.
    const more = auditLine(read.state, entries[0] as AuditEntry);
    expect(readAuditTrail(text + more.text).problem).toBeUndefined();
  });

  it.each([
    ['a removed line', [lines[0], lines[2]], { code: 'broken-chain', params: { line: 2 } }],
    [
      'two lines swapped',
      [lines[1], lines[0], lines[2]],
      { code: 'broken-chain', params: { line: 1 } },
    ],
    [
      'an edited line',
      [lines[0], (lines[1] ?? '').replace('"open"', '"final"'), lines[2]],
      { code: 'broken-chain', params: { line: 3 } },
    ],
    [
      'a line not written canonically',
      [lines[0], ` ${lines[1] ?? ''}`],
      { code: 'bad-line', params: { line: 2 } },
    ],
    ['not JSON', [lines[0], '{"seq":2,'], { code: 'bad-line', params: { line: 2 } }],
    [
      'an unknown action',
      [(lines[0] ?? '').replace('sign-in', 'format-disk')],
      { code: 'bad-line', params: { line: 1 } },
    ],
  ])('finds %s, keeping the records before it', (_, damaged, problem) => {
    const read = readAuditTrail(`${damaged.join('\n')}\n`);
    expect(read.problem).toEqual(problem);
    expect(read.records).toHaveLength(problem.params.line - 1);
  });

  it('exports CSV a spreadsheet shows as text, formulas included', () => {
    const csv = auditCsv(readAuditTrail(text).records);
    const rows = csv.split('\r\n');
    expect(rows[0]).toBe('seq,at,by,action,event,details');
    expect(rows[2]).toBe('2,2026-06-13T09:00:00.000Z,organiser,event-state,ev-1,to=open');
    // A name is someone's text: shown as text, not run as a formula.
    expect(rows[3]).toContain(`,"'=HYPERLINK(""http://x"")",bid-withdraw,`);
    expect(rows[3]).toMatch(/,bid=b-2; reason=Withdrawn by the group$/);
  });
});

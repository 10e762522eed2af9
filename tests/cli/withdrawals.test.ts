// The command line on a tally file with a bid withdrawn after voting: verify says so, tally leaves
// the bid unfunded while every ballot still counts (table and JSON give the reason), the results
// export funds it nowhere, and an edited withdrawal line is named as broken.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import {
  appendBallots,
  appendWithdrawals,
  startTallyFile,
} from '../../src/core/tally-file/index.ts';
import { approvalBallot } from '../fixtures/tally/ballots.ts';
import { run } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'dd-cli-withdrawals-'));
const start = startTallyFile(DEMO_EVENT);
const ballots = appendBallots(start.head, [
  approvalBallot('b-1', ['cooking-club']),
  approvalBallot('b-2', ['cooking-club']),
  approvalBallot('b-3', ['chair-yoga']),
]);
const withdrawals = appendWithdrawals(ballots.head, [
  {
    bid: 'cooking-club',
    reason: 'Found ineligible: a private club',
    at: '2026-06-14T09:00:00.000Z',
    by: 'organiser',
  },
]);
const plain = join(dir, 'plain.jsonl');
writeFileSync(plain, start.text + ballots.text);
const text = start.text + ballots.text + withdrawals.text;
const file = join(dir, 'withdrawn.jsonl');
writeFileSync(file, text);
const title = DEMO_EVENT.bids.find((b) => b.id === 'cooking-club')?.title ?? '';

interface TallyJson {
  ballots: number;
  selected: string[];
  withdrawn?: { bid: string; reason: string; at: string }[];
  support: { bidId: string; support: number }[];
}

describe('decision-day on a file with a withdrawn bid', { timeout: 60_000 }, () => {
  it('verify says a bid was withdrawn', async () => {
    const r = await run('verify', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('with 3 ballot(s); 1 bid(s) withdrawn after voting');
  });

  it('tally funds the withdrawn bid nowhere, counts every ballot and gives the reason', async () => {
    const before = JSON.parse((await run('tally', plain, '--json')).stdout) as TallyJson;
    expect(before.selected).toContain('cooking-club');
    expect(before.withdrawn).toBeUndefined();
    const after = JSON.parse((await run('tally', file, '--json')).stdout) as TallyJson;
    expect(after.selected).not.toContain('cooking-club');
    expect(after.selected).toContain('chair-yoga');
    expect(after.ballots).toBe(3);
    expect(after.support.find((s) => s.bidId === 'cooking-club')?.support).toBe(2);
    expect(after.withdrawn).toEqual([
      {
        bid: 'cooking-club',
        reason: 'Found ineligible: a private club',
        at: '2026-06-14T09:00:00.000Z',
      },
    ]);
    const table = await run('tally', file);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(
      'Withdrawn after voting (funded by no pot; every ballot still counted):',
    );
    expect(table.stdout).toContain(`  ${title}: Found ineligible: a private club`);
  });

  it('the results export marks the withdrawn bid as not funded', async () => {
    const csv = await run('export', file, '--format', 'csv');
    expect(csv.code).toBe(0);
    const row = csv.stdout.split('\r\n').find((line) => line.includes(title));
    expect(row).toBeDefined();
    expect(row).toContain(',No,');
    const before = await run('export', plain, '--format', 'csv');
    expect(before.stdout.split('\r\n').find((line) => line.includes(title))).toContain(',Yes,');
  });

  it('names an edited withdrawal line', async () => {
    const edited = join(dir, 'edited.jsonl');
    writeFileSync(edited, text.replace('a private club', 'a public club'));
    const r = await run('verify', edited);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Line 7 does not fit the chain of hashes/);
  });
});

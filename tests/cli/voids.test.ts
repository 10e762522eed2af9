// The command line on a tally file with a voided ballot: verify says how many are voided, tally
// counts the ballots minus the voided one (and says so), export leaves it out, and an edited void
// line is named as broken.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { appendBallots, appendVoids, startTallyFile } from '../../src/core/tally-file/index.ts';
import { approvalBallot } from '../fixtures/tally/ballots.ts';
import { run } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'dd-cli-voids-'));
const start = startTallyFile(DEMO_EVENT);
const ballots = appendBallots(start.head, [
  approvalBallot('b-1', ['cooking-club']),
  approvalBallot('b-2', ['cooking-club']),
  approvalBallot('b-3', ['chair-yoga']),
]);
const voids = appendVoids(ballots.head, [
  { ballot: 'b-3', reason: 'Keyed wrongly', at: '2026-06-13T16:00:00.000Z', by: 'organiser' },
]);
const text = start.text + ballots.text + voids.text;
const file = join(dir, 'voided.jsonl');
writeFileSync(file, text);

describe('decision-day on a file with a void', { timeout: 60_000 }, () => {
  it('verify counts the voided ballot apart', async () => {
    const r = await run('verify', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('with 3 ballot(s), of them 1 voided (kept, not counted)');
  });

  it('tally and export count the ballots minus the voided one', async () => {
    const table = await run('tally', file);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('2 ballot(s) counted (1 more voided, not counted)');
    const json = await run('tally', file, '--json');
    const parsed = JSON.parse(json.stdout) as {
      ballots: number;
      voided: number;
      support: { bidId: string; support: number }[];
    };
    expect(parsed).toMatchObject({ ballots: 2, voided: 1 });
    expect(parsed.support.find((s) => s.bidId === 'chair-yoga')?.support ?? 0).toBe(0);
    const csv = await run('export', file, '--format', 'ballots-csv');
    expect(csv.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('names an edited void line', async () => {
    const edited = join(dir, 'edited.jsonl');
    writeFileSync(edited, text.replace('Keyed wrongly', 'Keyed right'));
    const r = await run('verify', edited);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Line 7 does not fit the chain of hashes/);
  });
});

/**
 * `decision-day tally FILE --explain`, run as a child process on tests/fixtures/tally/tiny.pb
 * (budget 1,000; Park 600 with 3 votes, Library 500 and Bench 400 with 2 each; 4 ballots).
 * Greedy by hand: Park first with 1,000 left; Bench (cheaper, so first of the tie) with 400 left;
 * Library with nothing left.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './run-cli.ts';

const TINY_PB = join(import.meta.dirname, '../fixtures/tally/tiny.pb');

describe('decision-day tally --explain', () => {
  it('says per pot who supported a funded bid, and per bid why, in the table', async () => {
    const r = await run('tally', TINY_PB, '--explain', '--rule', 'greedy');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('4 of 4 voters (100.0%) supported a funded bid; ¤0 left.');
    expect(r.stdout).toMatch(
      /Park \(funded\): Number 1 by support \(3\): ¤1,000 was left when it was reached, enough for its cost of ¤600/,
    );
    expect(r.stdout).toMatch(
      /Library \(not funded\): Number 3 by support \(2\): only ¤0 was left when it was reached, less than its cost of ¤500.* A tie decided this: Bids 3 and 2 had equal support; 3 is cheaper\.\n/,
    );
  });

  it('words equal shares: rounds, payments and where an unfunded bid’s money went', async () => {
    const r = await run('tally', TINY_PB, '--explain', '--rule', 'equal-shares');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Under equal shares each voter had ¤300 to spend');
    expect(r.stdout).toContain(
      'Park (funded): Funded by equal shares in round 1; its 3 supporters paid for it: 3 paid ¤200 each.',
    );
    expect(r.stdout).toMatch(/Library \(not funded\): Not funded by equal shares: .*¤500\./);
    expect(r.stdout).toContain('The completion step then reached it');
  });

  it('puts codes, numbers (major units) and the English sentence in the JSON', async () => {
    const r = await run('tally', TINY_PB, '--json', '--explain', '--rule', 'greedy');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      explanations: {
        potId: string;
        votersWithFundedBid: number;
        ballots: number;
        left: number;
        bids: { bidId: string; funded: boolean; reasons: Record<string, unknown>[] }[];
      }[];
    };
    const [pot] = json.explanations;
    expect(pot).toMatchObject({ potId: 'main', ballots: 4, votersWithFundedBid: 4, left: 0 });
    expect(pot?.bids.find((b) => b.bidId === '3')).toEqual({
      bidId: '3',
      funded: true,
      reasons: [
        {
          code: 'greedy-funded',
          place: 2,
          support: 2,
          moneyBefore: 400,
          cost: 400,
          explanation:
            'Number 2 by support (2): ¤400 was left when it was reached, enough for its cost of ¤400, so it was funded.',
        },
        {
          code: 'tie',
          tie: 0,
          explanation: 'A tie decided this: Bids 3 and 2 had equal support; 3 is cheaper.',
        },
      ],
    });
  });

  it('leaves explanations out unless asked', async () => {
    const r = await run('tally', TINY_PB, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).not.toHaveProperty('explanations');
    const table = await run('tally', TINY_PB);
    expect(table.stdout).not.toContain('supported a funded bid');
  });
});

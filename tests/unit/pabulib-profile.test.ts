import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  pabulibProfile,
  parsePabulib,
  readPabulib,
  type PabulibRead,
} from '../../src/core/pabulib/index.ts';
import { createProfile, type Profile } from '../../src/core/tally/index.ts';

/**
 * `decision-day tally FILE.pb` sums a file's votes up straight from the reader's numbers
 * (pabulibProfile), never making a ballot per voter. That must be exactly the profile the tally
 * makes from the ballots parsePabulib gives: the same groups in the same order, weights, entries
 * and sums, on every kind of vote, on the fixtures and on random files whose project ids sort
 * differently from the order the file lists them in.
 */

const readOf = (text: string): PabulibRead => {
  const r = readPabulib(text);
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};

/** The profile as the tally makes it from parsePabulib's ballots. */
function fromBallots(text: string): Profile {
  const r = parsePabulib(text);
  if (!r.ok) throw new Error(r.error.code);
  const builder = createProfile(r.value.event);
  for (const ballot of r.value.ballots) builder.add(ballot.choice, ballot.area);
  return builder.build();
}

const FIXTURES = [
  'pabulib/Netherlands_Assen_2024.pb',
  'pabulib/Poland_Swiecie_2023.pb',
  'pabulib/Poland_Wieliczka_2023_Green_Budget.pb',
  'pabulib/Switzerland_Zurich_D10.pb',
  'tally/tiny.pb',
];

describe('pabulibProfile', () => {
  it.each(FIXTURES)('gives the profile the ballots give: %s', (name) => {
    const text = readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
    const profile = pabulibProfile(readOf(text));
    expect(profile.groups.count).toBeGreaterThan(0);
    expect(profile).toEqual(fromBallots(text));
  });

  type Kind = 'approval' | 'cumulative' | 'ordinal' | 'scoring';
  /** A file over projects listed as ids[0..n) (not in sorted order), one row per vote. */
  function fileOf(kind: Kind, ids: string[], votes: [number, number][][]): string {
    const meta = [
      `vote_type;${kind}`,
      'budget;1000',
      ...(kind === 'cumulative' ? ['max_sum_points;1000', 'max_points;100'] : []),
      ...(kind === 'scoring' ? ['min_points;0', 'max_points;9'] : []),
    ];
    const projects = ids.map((id, i) => `${id};${10 + i}`);
    const withPoints = kind === 'cumulative' || kind === 'scoring';
    const rows = votes.map((vote, v) => {
      const listed = vote.map(([p]) => ids[p % ids.length]).join(',');
      return withPoints ? `v${v};${listed};${vote.map(([, x]) => x).join(',')}` : `v${v};${listed}`;
    });
    const header = withPoints ? 'voter_id;vote;points' : 'voter_id;vote';
    return `META\nkey;value\n${meta.join('\n')}\nPROJECTS\nproject_id;cost\n${projects.join('\n')}\nVOTES\n${header}\n${rows.join('\n')}\n`;
  }

  it('gives the profile the ballots give, for every kind of vote (property)', () => {
    const vote = fc.array(fc.tuple(fc.nat(7), fc.nat(9)), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(
        fc.constantFrom<Kind>('approval', 'cumulative', 'ordinal', 'scoring'),
        // Ids that sort in another order than listed: numbers and names mixed.
        fc.shuffledSubarray(['10', '9', '2', 'b', 'A', '100', 'x-1', '7'], { minLength: 2 }),
        fc.array(vote, { minLength: 1, maxLength: 40 }),
        fc.nat(5),
        (kind, ids, votes, copies) => {
          // Repeated votes, so that groups hold several ballots.
          const all = [...votes, ...votes.slice(0, copies)];
          const text = fileOf(kind, ids, all);
          expect(pabulibProfile(readOf(text))).toEqual(fromBallots(text));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('and parsePabulib still gives every voter their ballot', () => {
    const text = readFileSync(
      new URL('../fixtures/pabulib/Netherlands_Assen_2024.pb', import.meta.url),
      'utf8',
    );
    const r = parsePabulib(text);
    expect(r.ok && r.value.ballots.length).toBe(readOf(text).votes.ends.length);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePabulib, type PabulibInstance } from '../../src/core/pabulib/index.ts';
import type { Choice } from '../../src/core/schema.ts';

/**
 * Each voter's choice is what their own row says, on random files where many voters repeat
 * another's vote (a reader that shared or cached votes must still tell them apart), for every
 * kind of vote with its own order or values.
 */

const read = (text: string): PabulibInstance => {
  const r = parsePabulib(text);
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};

type Kind = 'approval' | 'cumulative' | 'ordinal';

/** A file of `votes` (project numbers, points) over projects 1..n, of the given kind. */
function fileOf(kind: Kind, n: number, votes: [number, number][][]): string {
  const meta = [
    `vote_type;${kind}`,
    'budget;1000',
    ...(kind === 'cumulative' ? ['max_sum_points;100', 'max_points;50'] : []),
  ];
  const projects = Array.from({ length: n }, (_, i) => `${i + 1};${10 + i}`);
  const rows = votes.map((vote, v) => {
    const ids = vote.map(([p]) => p).join(',');
    return kind === 'cumulative'
      ? `${v + 1};${ids};${vote.map(([, x]) => x).join(',')}`
      : `${v + 1};${ids}`;
  });
  const header = kind === 'cumulative' ? 'voter_id;vote;points' : 'voter_id;vote';
  return `META\nkey;value\n${meta.join('\n')}\nPROJECTS\nproject_id;cost\n${projects.join('\n')}\nVOTES\n${header}\n${rows.join('\n')}\n`;
}

/** What one row says, written plainly: sets sorted by bid id, a ranking in its own order. */
function expected(kind: Kind, vote: [number, number][]): Choice {
  const seen = new Map<number, number>();
  for (const [p, x] of vote) seen.set(p, (seen.get(p) ?? 0) + x);
  const ids = [...seen.keys()];
  if (kind === 'ordinal') return { kind: 'ranking', ranking: ids.map(String) };
  const sorted = ids.map(String).sort();
  if (kind === 'approval') return { kind: 'approval', bids: sorted };
  return {
    kind: 'cumulative',
    points: sorted
      .map((bid) => ({ bid, points: seen.get(Number(bid)) ?? 0 }))
      .filter((p) => p.points > 0),
  };
}

const voteArb = (n: number) =>
  fc
    .uniqueArray(fc.integer({ min: 1, max: n }), { minLength: 1, maxLength: Math.min(n, 4) })
    .chain((ps) =>
      fc.tuple(...ps.map((p) => fc.tuple(fc.constant(p), fc.integer({ min: 1, max: 3 })))),
    );

describe('Pabulib reading: voters with the same vote', () => {
  it.each(['approval', 'cumulative', 'ordinal'] as const)(
    'each %s voter gets the choice their own row says',
    (kind) => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 5 }).chain((n) =>
            // A few distinct votes, each cast many times: most voters repeat another's vote.
            fc.tuple(
              fc.constant(n),
              fc.array(voteArb(n), { minLength: 1, maxLength: 6 }),
              fc.array(fc.nat(), { minLength: 1, maxLength: 200 }),
            ),
          ),
          ([n, distinct, picks]) => {
            const votes = picks.map((k) => distinct[k % distinct.length] ?? []);
            const { ballots } = read(fileOf(kind, n, votes));
            expect(ballots.map((b) => b.choice)).toEqual(votes.map((v) => expected(kind, v)));
          },
        ),
        { numRuns: 40 },
      );
    },
  );

  it('keeps thousands of distinct votes apart', () => {
    // Every non-empty subset of 12 projects (4,095 votes), then all of them again reversed.
    const subsets = Array.from({ length: 4095 }, (_, s) =>
      Array.from({ length: 12 }, (_, i) => i + 1)
        .filter((i) => ((s + 1) >> (i - 1)) & 1)
        .map((p): [number, number] => [p, 1]),
    );
    const votes = [...subsets, ...subsets.map((v) => [...v].reverse())];
    const { ballots } = read(fileOf('approval', 12, votes));
    expect(ballots.map((b) => b.choice)).toEqual(votes.map((v) => expected('approval', v)));
  });
});

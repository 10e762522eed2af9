/**
 * A Pabulib file is read from its bytes (the command line reads them from disk; text from a
 * browser's File is made bytes first): line endings, quoting, trimming, project ids outside ASCII
 * (found by their UTF-8 bytes), voter ids that are and are not numbers, and bytes that are not
 * UTF-8.
 */
import { describe, expect, it } from 'vitest';
import { parsePabulib, readPabulib } from '../../src/core/pabulib/index.ts';
import { voterIds } from '../../src/core/pabulib/votes.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('a Pabulib file read from its bytes', () => {
  it('reads project ids with letters outside ASCII, trimmed cells and quoted rows', () => {
    const text = [
      '\uFEFFMETA',
      'key;value',
      'vote_type;cumulative',
      'budget;1000',
      'PROJECTS',
      'project_id;cost;name',
      'Ł1;100;Łódź park',
      'M/01/X;200;"Bench; two"',
      '7;300;Seven',
      'VOTES',
      'voter_id;vote;points',
      '10;Ł1,M/01/X;2,1',
      ' 11 ; M/01/X , Ł1 ;1,3',
      '"12";"7,Ł1";"1,1"',
      'żaba;7,7;2,3',
      '13;Ż9;1',
    ].join('\r\n');
    const read = readPabulib(utf8(text));
    if (!read.ok) throw new Error(read.error.code);
    const { votes, skipped } = read.value;
    expect(voterIds(votes)).toEqual(['10', '11', '12', 'żaba']);
    expect(skipped).toEqual([
      {
        voterId: '13',
        line: 16,
        code: 'unknown-project',
        params: { line: 16, project: 'Ż9' },
      },
    ]);
    // "Ł1" is not a bid id as it stands: its bid is "1" (plainBidId); the votes find it by the
    // file's own id.
    const ballots = parsePabulib(utf8(text));
    if (!ballots.ok) throw new Error(ballots.error.code);
    expect(ballots.value.ballots.map((b) => [b.id, b.choice])).toEqual([
      [
        'pb-10',
        {
          kind: 'cumulative',
          points: [
            { bid: '1', points: 2 },
            { bid: 'M/01/X', points: 1 },
          ],
        },
      ],
      [
        'pb-11',
        {
          kind: 'cumulative',
          points: [
            { bid: '1', points: 3 },
            { bid: 'M/01/X', points: 1 },
          ],
        },
      ],
      [
        'pb-12',
        {
          kind: 'cumulative',
          points: [
            { bid: '1', points: 1 },
            { bid: '7', points: 1 },
          ],
        },
      ],
      // Listed twice, a cumulative vote's points add up.
      ['pb--aba', { kind: 'cumulative', points: [{ bid: '7', points: 5 }] }],
    ]);
  });

  it('keeps a voter id of digits with a leading zero as written, apart from the same number', () => {
    const text =
      'META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote\n' +
      '007;1\n7;1\n0;1\n';
    const read = readPabulib(utf8(text));
    if (!read.ok) throw new Error(read.error.code);
    expect(voterIds(read.value.votes)).toEqual(['007', '7', '0']);
    expect(read.value.skipped).toEqual([]);
  });

  it('reads bytes that are not UTF-8 as U+FFFD, as the text of the same file would be', () => {
    const head = utf8('META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost;name\n1;5;Caf');
    const tail = utf8('\nVOTES\nvoter_id;vote\n1;1\n');
    const bytes = new Uint8Array([...head, 0xe9, ...tail]);
    const read = parsePabulib(bytes);
    if (!read.ok) throw new Error(read.error.code);
    expect(read.value.event.bids[0]?.title).toBe('Caf\uFFFD');
    expect(read).toEqual(parsePabulib(new TextDecoder().decode(bytes)));
  });
});

/**
 * A group's ballot records for the tally file, written fast: the ledger hashes every ballot it
 * appends, and the generic canonical JSON (sorting each object's keys, escaping each string) was
 * most of that time. A ballot of the common shape (`plainBallot`: no sections, no `area`, no
 * unknown field) is written by `plainBallotJson`, which the tally file's reader already uses and
 * tests/unit/tally-file-ballot-shape.test.ts holds to `canonicalJson`; any other ballot takes the
 * generic path. The text is byte for byte what `appendBallots` writes: the ballots, then one seal.
 *
 * A large group (an import) is worked out a slice at a time with the event loop free in between,
 * as sliced-append.ts did: still one append, all of it or none.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { canonicalObject } from '../../../core/canonical-json.ts';
import type { Ballot } from '../../../core/schema.ts';
import { plainBallot, plainBallotJson } from '../../../core/tally-file/ballot-shape.ts';
import { chainHashOf } from '../../../core/tally-file/format.ts';
import { appendBallots, type ChainHead } from '../../../core/tally-file/index.ts';
import { nativeSha256 } from '../native-sha256.ts';
import { BALLOTS_PER_SLICE } from '../sliced-append.ts';

/** One ballot record's line (with its line break) chained on from `prev`, and its hash. */
export function ballotLine(prev: string, ballot: Ballot): { text: string; hash: string } {
  const plain = plainBallot(ballot);
  if (plain === null) {
    const canonical = canonicalObject({ type: 'ballot', ballot });
    const hash = chainHashOf(prev, canonical.json, nativeSha256);
    return { text: `${canonical.withKey('hash', hash)}\n`, hash };
  }
  const json = plainBallotJson(plain);
  const hash = chainHashOf(prev, `{"ballot":${json},"type":"ballot"}`, nativeSha256);
  return { text: `{"ballot":${json},"hash":"${hash}","type":"ballot"}\n`, hash };
}

export async function appendBallotLines(
  head: ChainHead,
  ballots: readonly Ballot[],
): Promise<{ text: string; head: ChainHead }> {
  const parts: string[] = [];
  let { hash } = head;
  for (let i = 0; i < ballots.length; i += 1) {
    if (i > 0 && i % BALLOTS_PER_SLICE === 0) await nextTurn();
    const line = ballotLine(hash, ballots[i] as Ballot);
    parts.push(line.text);
    hash = line.hash;
  }
  const at = {
    hash,
    records: head.records + ballots.length,
    ballots: head.ballots + ballots.length,
  };
  const seal = appendBallots(at, [], { sha256: nativeSha256 });
  parts.push(seal.text);
  return { text: parts.join(''), head: seal.head };
}

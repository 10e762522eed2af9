/**
 * A group's ballot records for the tally file, written fast: the ledger hashes every ballot it
 * appends, and the generic canonical JSON (sorting each object's keys, escaping each string) was
 * most of that time. A ballot of the common shape (`plainBallot`: no sections, no `area`, no
 * unknown field) is written by `plainBallotJson`, which the tally file's reader already uses and
 * tests/unit/tally-file-ballot-shape.test.ts holds to `canonicalJson`; any other ballot takes the
 * generic path. The text is byte for byte what `appendBallots` writes: the ballots, then one seal.
 *
 * A large group (an import) is worked out a slice at a time with the event loop free in between:
 * an import of 160,000 ballots hashes 160,000 records, about a second of work that would otherwise
 * hold every other request. Still one append, all of it or none.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { canonicalObject } from '../../../core/canonical-json.ts';
import type { Ballot } from '../../../core/schema.ts';
import { plainBallot, plainBallotJson } from '../../../core/tally-file/ballot-shape.ts';
import { chainHashOf } from '../../../core/tally-file/format.ts';
import { appendBallots, type ChainHead } from '../../../core/tally-file/index.ts';
import { nativeSha256 } from '../native-sha256.ts';

/** Ballots hashed between two turns of the event loop (a few milliseconds' work). */
export const BALLOTS_PER_SLICE = 2_000;

/**
 * A ballot's record as the chain hashes it (`canonical`), and its line once the hash is known.
 * Worked out once per group: a group chained on again after another instance's lines (PostgreSQL's
 * rebase) only hashes again.
 */
export interface BallotRecord {
  canonical: string;
  line(hash: string): string;
}

export function ballotRecord(ballot: Ballot): BallotRecord {
  const plain = plainBallot(ballot);
  if (plain === null) {
    const canonical = canonicalObject({ type: 'ballot', ballot });
    return { canonical: canonical.json, line: (hash) => `${canonical.withKey('hash', hash)}\n` };
  }
  const json = plainBallotJson(plain);
  return {
    canonical: `{"ballot":${json},"type":"ballot"}`,
    line: (hash) => `{"ballot":${json},"hash":"${hash}","type":"ballot"}\n`,
  };
}

/**
 * The ballots' lines chained on from `head`, then a seal. `records`, when given, holds each
 * ballot's record from an earlier call for the same ballots (filled here where missing).
 */
export async function appendBallotLines(
  head: ChainHead,
  ballots: readonly Ballot[],
  records: BallotRecord[] = [],
): Promise<{ text: string; head: ChainHead }> {
  const parts: string[] = [];
  let { hash } = head;
  for (let i = 0; i < ballots.length; i += 1) {
    if (i > 0 && i % BALLOTS_PER_SLICE === 0) await nextTurn();
    const record = (records[i] ??= ballotRecord(ballots[i] as Ballot));
    hash = chainHashOf(hash, record.canonical, nativeSha256);
    parts.push(record.line(hash));
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

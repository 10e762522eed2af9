/**
 * A large batch's lines for the tally file, worked out a slice at a time with the event loop free in
 * between: an import of 160,000 ballots hashes 160,000 records, about a second of work that would
 * otherwise hold every other request. The text is the same as one `appendBallots` call's — the
 * ballots, then one seal — so the batch is still written as one append: all of it or none.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Ballot } from '../../core/schema.ts';
import { appendBallots, type ChainHead } from '../../core/tally-file/index.ts';
import { nativeSha256 } from './native-sha256.ts';

/** Ballots hashed between two turns of the event loop (a few milliseconds' work). */
export const BALLOTS_PER_SLICE = 2_000;

const append = (head: ChainHead, ballots: readonly Ballot[]) =>
  appendBallots(head, ballots, { sha256: nativeSha256 });

/** The text after the last complete line of `text` that ends before `end`. */
const lineStart = (text: string, end: number) => text.lastIndexOf('\n', end - 1) + 1;

export async function appendBallotsInSlices(
  head: ChainHead,
  ballots: readonly Ballot[],
): Promise<{ text: string; head: ChainHead }> {
  if (ballots.length <= BALLOTS_PER_SLICE) return append(head, ballots);
  const parts: string[] = [];
  let at = head;
  for (let i = 0; i < ballots.length; i += BALLOTS_PER_SLICE) {
    const slice = ballots.slice(i, i + BALLOTS_PER_SLICE);
    // Each slice comes with a seal of its own: dropped, and the chain carried on from the slice's
    // last ballot record (whose hash the next record chains to).
    const { text } = append(at, slice);
    const sealAt = lineStart(text, text.length - 1);
    const lastBallot = text.slice(lineStart(text, sealAt - 1), sealAt - 1);
    const { hash } = JSON.parse(lastBallot) as { hash: string };
    parts.push(text.slice(0, sealAt));
    at = { hash, records: at.records + slice.length, ballots: at.ballots + slice.length };
    await nextTurn();
  }
  const seal = append(at, []);
  parts.push(seal.text);
  return { text: parts.join(''), head: seal.head };
}

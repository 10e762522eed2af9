/**
 * Double entry of paper ballots (docs/check-in.md#paper-ballots): a first volunteer keys a pile of
 * paper ballots, a second keys the same pile again in the same order, and each ballot is compared.
 * Where the two entries agree the ballot is ready to cast; where they differ a person decides (the
 * first is right, the second is right, or key it a third time) before anything is cast.
 *
 * Pure: entries are compared by canonical JSON of the choice as `validateChoice` returns it, so
 * the order a volunteer tapped the bids in never makes a mismatch.
 */
import { canonicalJson } from './canonical-json.ts';
import type { Choice } from './schema.ts';

/** One keyed ballot of a pile: its place in the pile (1-based) and the choice keyed. */
export interface KeyedBallot {
  position: number;
  choice: Choice;
}

export type PaperComparison =
  | { position: number; status: 'agreed'; choice: Choice }
  | { position: number; status: 'resolved'; choice: Choice; first: Choice; second: Choice }
  | { position: number; status: 'mismatch'; first: Choice; second: Choice }
  /** The second volunteer has not keyed this one yet. */
  | { position: number; status: 'waiting'; first: Choice };

export const sameChoice = (a: Choice, b: Choice): boolean => canonicalJson(a) === canonicalJson(b);

const byPosition = (entries: readonly KeyedBallot[]) =>
  new Map(entries.map((e) => [e.position, e.choice]));

/**
 * Each ballot of the pile (positions 1..first.length) with its state. `decided` holds a person's
 * decision for a mismatch (by position); a decision for a ballot whose entries agree is ignored.
 */
export function comparePasses(
  first: readonly KeyedBallot[],
  second: readonly KeyedBallot[],
  decided: readonly KeyedBallot[] = [],
): PaperComparison[] {
  const ones = byPosition(first);
  const twos = byPosition(second);
  const threes = byPosition(decided);
  return [...ones.keys()]
    .sort((a, b) => a - b)
    .map((position): PaperComparison => {
      const a = ones.get(position) as Choice;
      const b = twos.get(position);
      if (b === undefined) return { position, status: 'waiting', first: a };
      if (sameChoice(a, b)) return { position, status: 'agreed', choice: a };
      const c = threes.get(position);
      return c === undefined
        ? { position, status: 'mismatch', first: a, second: b }
        : { position, status: 'resolved', choice: c, first: a, second: b };
    });
}

/** The choices ready to cast, by position: every ballot agreed or resolved, none waiting or open. */
export function readyToCast(
  comparison: readonly PaperComparison[],
): { position: number; choice: Choice }[] | null {
  const ready: { position: number; choice: Choice }[] = [];
  for (const c of comparison) {
    if (c.status === 'agreed' || c.status === 'resolved') {
      ready.push({ position: c.position, choice: c.choice });
    } else return null;
  }
  return ready;
}

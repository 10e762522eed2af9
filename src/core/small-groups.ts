/**
 * Hiding small groups in published counts (the equalities summary and the inclusion report): a
 * group of 1 to 9 people is never shown as a number. Pure, no imports.
 */

/** Groups smaller than this are never shown: too few to keep anyone anonymous. */
export const SUPPRESS_BELOW = 10;

/**
 * Which groups of one breakdown to hide, by index. Primary: every group of 1 to 9. Secondary:
 * when exactly one group is hidden, the next smallest non-empty group is hidden too, so nobody can
 * work the hidden one out by subtracting the others from the total. When the whole breakdown
 * counts fewer than 10 (but some), every group is hidden, zeros too: with one person, the zeros
 * would say which group they are in. A group of 0 otherwise shows 0.
 */
export function hiddenGroups(counts: readonly number[]): Set<number> {
  const total = counts.reduce((sum, n) => sum + n, 0);
  const few = total > 0 && total < SUPPRESS_BELOW;
  const hidden = new Set<number>();
  counts.forEach((n, i) => {
    if (few || (n > 0 && n < SUPPRESS_BELOW)) hidden.add(i);
  });
  if (hidden.size === 1) {
    let next: number | undefined;
    counts.forEach((n, i) => {
      if (n > 0 && !hidden.has(i) && (next === undefined || n < (counts[next] ?? 0))) next = i;
    });
    if (next !== undefined) hidden.add(next);
  }
  return hidden;
}

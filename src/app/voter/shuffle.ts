/**
 * Each ballot sees the bids in a fresh random order, so no bid gains from being first on the
 * screen. Fisher–Yates with crypto.getRandomValues; rejection sampling keeps every order equally
 * likely (a plain `% n` would favour small numbers).
 */

/** A uniformly random whole number from 0 to n - 1. */
export function randomBelow(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError(`Bad range ${n}`);
  const limit = Math.floor(2 ** 32 / n) * n;
  const word = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(word);
    const x = word[0] ?? 0;
    if (x < limit) return x % n;
  }
}

/** A shuffled copy; the input is left as it was. */
export function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomBelow(i + 1);
    const here = out[i] as T;
    out[i] = out[j] as T;
    out[j] = here;
  }
  return out;
}

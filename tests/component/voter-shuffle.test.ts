import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomBelow, shuffled } from '../../src/app/voter/shuffle.ts';

afterEach(() => vi.restoreAllMocks());

describe('shuffled', () => {
  it('returns a permutation and leaves the input alone', () => {
    const input = Object.freeze(['a', 'b', 'c', 'd', 'e']);
    const out = shuffled(input);
    expect([...out].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(input).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('puts every item in every place about equally often', () => {
    const runs = 12_000;
    const items = [0, 1, 2, 3];
    const counts = items.map(() => items.map(() => 0));
    for (let i = 0; i < runs; i++) {
      shuffled(items).forEach((item, place) => {
        const row = counts[item];
        if (row) row[place] = (row[place] ?? 0) + 1;
      });
    }
    // Expected 3,000 each; the classic biased shuffle (swapping with any index) misses by up to ~500.
    // Six standard deviations (≈ 6 × 47) keep a correct shuffle from failing by chance.
    for (const row of counts) for (const n of row) expect(Math.abs(n - runs / 4)).toBeLessThan(285);
  });

  it('draws its randomness from crypto.getRandomValues', () => {
    const spy = vi.spyOn(crypto, 'getRandomValues');
    shuffled([1, 2, 3]);
    expect(spy).toHaveBeenCalled();
  });
});

describe('randomBelow', () => {
  it('redraws rather than using a value from the uneven top of the range', () => {
    // For n = 3 the usable words are below 4,294,967,295 (3 × 1,431,655,765).
    const words = [0xffffffff, 7];
    vi.spyOn(crypto, 'getRandomValues').mockImplementation((array) => {
      if (array instanceof Uint32Array) array[0] = words.shift() ?? 0;
      return array;
    });
    expect(randomBelow(3)).toBe(7 % 3);
    expect(words).toEqual([]);
  });

  it.each([0, -1, 1.5, 2 ** 33])('refuses the range %d', (n) => {
    expect(() => randomBelow(n)).toThrow(RangeError);
  });
});

// Join codes a volunteer reads off a screen and types on a tablet.
import { describe, expect, it } from 'vitest';
import {
  JOIN_CODE_ALPHABET,
  JOIN_CODE_PATTERN,
  joinCodeSchema,
  normaliseJoinCode,
} from '../../src/core/protocol.ts';
import { newJoinCode, randomChars } from '../../src/server/join-code.ts';

describe('join codes', () => {
  it('are made of unambiguous characters only', () => {
    for (const confusable of '0O1IL5S2Z8B') expect(JOIN_CODE_ALPHABET).not.toContain(confusable);
    for (let i = 0; i < 500; i += 1) expect(newJoinCode()).toMatch(JOIN_CODE_PATTERN);
  });

  it('use every character of the alphabet about equally often', () => {
    const counts = new Map<string, number>();
    const sample = randomChars(25_000, JOIN_CODE_ALPHABET);
    for (const c of sample) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(JOIN_CODE_ALPHABET.length);
    // 1,000 expected each; a biased generator (byte % 25) would still pass, a broken one not.
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThan(200);
  });

  it('forgive case, spaces and a missing dash when typed', () => {
    expect(normaliseJoinCode(' k7qf m4 ')).toBe('K7QF-M4');
    expect(normaliseJoinCode('k7qfm4')).toBe('K7QF-M4');
    expect(joinCodeSchema.safeParse('k7qf-m4').data).toBe('K7QF-M4');
    expect(joinCodeSchema.safeParse('K0QF-M4').success).toBe(false);
    expect(joinCodeSchema.safeParse('K7QF-M4X').success).toBe(false);
  });
});

// The two pure guards behind issue 11's faults 3 and 5: the nesting check read off JSON text
// (core/json-depth.ts) and the terminal-safe printing of untrusted text (core/terminal-safe.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonTooDeep, MAX_JSON_DEPTH } from '../../src/core/json-depth.ts';
import { terminalSafe } from '../../src/core/terminal-safe.ts';

/** The nesting depth of a parsed value, the slow obvious way. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

describe('jsonTooDeep', () => {
  it('agrees with the depth of the parsed value, strings with brackets and escapes included', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '[', ']', '{', '}', '"', '\\', 'é') });
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 8 }),
        fc.integer({ min: 0, max: 9 }),
        text,
        (v, max, s) => {
          const json = JSON.stringify([v, s]);
          expect(jsonTooDeep(json, max)).toBe(depthOf([v, s]) > max);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('finds 250,000 levels without recursion, and allows the limit exactly', () => {
    expect(jsonTooDeep(`${'['.repeat(250_000)}${']'.repeat(250_000)}`)).toBe(true);
    const atLimit = `${'{"a":'.repeat(MAX_JSON_DEPTH)}1${'}'.repeat(MAX_JSON_DEPTH)}`;
    expect(jsonTooDeep(atLimit)).toBe(false);
    expect(jsonTooDeep(`[${atLimit}]`)).toBe(true);
    // Brackets inside strings, even after escaped quotes, are text.
    expect(jsonTooDeep(JSON.stringify({ a: `\\"${'['.repeat(500)}` }))).toBe(false);
  });
});

describe('terminalSafe', () => {
  it('shows escapes, C1 controls, a lone CR and bidi overrides as visible \\uXXXX', () => {
    expect(terminalSafe('Fund\u001b]0;pwned\u0007\u009b31m\rX\u202eY\u2066Z\u2069')).toBe(
      'Fund\\u001B]0;pwned\\u0007\\u009B31m\\u000DX\\u202EY\\u2066Z\\u2069',
    );
  });

  it('keeps newlines, tabs, CRLF line ends and ordinary text in any script', () => {
    const text = 'Pot\tBid\r\nGwelyau uchel — ŵ\nنادي الطبخ للشباب 🚲\u200d\n';
    expect(terminalSafe(text)).toBe(text);
  });

  it('leaves JSON the same JSON: every replacement is the JSON escape of its character', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, s) => {
        const json = JSON.stringify([value, s]);
        expect(JSON.parse(terminalSafe(json))).toEqual(JSON.parse(json));
      }),
      { numRuns: 100 },
    );
  });
});

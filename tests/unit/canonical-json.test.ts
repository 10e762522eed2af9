import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalObject, type Json } from '../../src/core/canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth, drops undefined members and adds no white space', () => {
    const value = { b: [3, { z: 1, a: null }], a: 'x', c: undefined };
    expect(canonicalJson(value)).toBe('{"a":"x","b":[3,{"a":null,"z":1}]}');
  });

  it('gives the same text whatever order the keys were written in', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (dict) => {
        const reversed = Object.fromEntries(Object.entries(dict).reverse()) as Json;
        expect(canonicalJson(reversed)).toBe(canonicalJson(dict as Json));
        expect(JSON.parse(canonicalJson(dict as Json))).toEqual(JSON.parse(JSON.stringify(dict)));
      }),
    );
  });

  it('refuses numbers JSON cannot carry', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/finite/);
    expect(() => canonicalJson([Infinity])).toThrow(/finite/);
  });
});

describe('canonicalObject', () => {
  it('puts an added key in sorted place, as if it had been there all along', () => {
    const record = { type: 'ballot', ballot: { id: 'b1' } };
    const parts = canonicalObject(record);
    expect(parts.json).toBe(canonicalJson(record));
    expect(parts.withKey('hash', 'abc')).toBe(canonicalJson({ ...record, hash: 'abc' }));
    expect(parts.withKey('zz', 1)).toBe(canonicalJson({ ...record, zz: 1 }));
    expect(parts.withKey('a', 1)).toBe(canonicalJson({ ...record, a: 1 }));
  });

  it('replaces a key that is already there', () => {
    const parts = canonicalObject({ hash: 'old', type: 'seal' });
    expect(parts.withKey('hash', 'new')).toBe('{"hash":"new","type":"seal"}');
  });
});

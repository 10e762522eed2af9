import { describe, expect, it } from 'vitest';
import {
  classifyTag,
  CODE_ALPHABET,
  CODE_ENTROPY_BITS,
  codeTag,
  generateCode,
  indexCodeList,
  LOOK_ALIKES,
  newSalt,
  normaliseCode,
  VOTING_CODE_PATTERN,
  type CodeList,
} from '../../src/core/voting-codes.ts';

/** Small iterations keep the tests fast; the function is the same at 50,000. */
const ITERATIONS = 1000;

describe('voting code generation', () => {
  it('makes grouped codes of the look-alike-free alphabet with over 55 bits of chance', () => {
    expect(CODE_ENTROPY_BITS).toBeGreaterThan(55);
    for (const c of LOOK_ALIKES) expect(CODE_ALPHABET).not.toContain(c);
    const codes = Array.from({ length: 2000 }, () => generateCode());
    for (const code of codes) expect(code).toMatch(VOTING_CODE_PATTERN);
    expect(new Set(codes).size).toBe(codes.length);
    // Every character of the alphabet turns up, and roughly equally often (no modulo bias).
    const counts = new Map<string, number>();
    for (const ch of codes.join('').replace(/-/g, '')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(CODE_ALPHABET.length);
    const expected = (2000 * 12) / CODE_ALPHABET.length;
    for (const n of counts.values()) expect(Math.abs(n - expected)).toBeLessThan(expected * 0.2);
  });

  it('draws from crypto.getRandomValues, throwing away bytes that would bias it', () => {
    // 250..255 are above the last multiple of 25 and must be skipped.
    const code = generateCode((bytes) => bytes.fill(250).fill(1, 16));
    expect(code).toBe('4444-4444-4444');
  });
});

describe('normalising what a person typed', () => {
  it('forgives case, spaces and dashes', () => {
    expect(normaliseCode(' kfq7 m4tx9cjr ')).toEqual({ ok: true, code: 'KFQ7-M4TX-9CJR' });
    expect(normaliseCode('KFQ7—M4TX–9CJR')).toEqual({ ok: true, code: 'KFQ7-M4TX-9CJR' });
  });

  it('names the look-alike characters instead of guessing what they were', () => {
    expect(normaliseCode('KFO7-M4TX-9CJ0')).toEqual({
      ok: false,
      problem: { code: 'code-look-alike', params: { chars: 'O0' } },
    });
    expect(normaliseCode('1ils-5bz2-8888')).toMatchObject({
      ok: false,
      problem: { code: 'code-look-alike', params: { chars: '1ILS5BZ28' } },
    });
  });

  it('reports other characters, a wrong length and nothing typed', () => {
    expect(normaliseCode('KFQ7-M4TX-9CJ!')).toMatchObject({
      problem: { code: 'code-bad-character', params: { chars: '!' } },
    });
    expect(normaliseCode('KFQ7-M4TX')).toMatchObject({
      problem: { code: 'code-wrong-length', params: { length: 8, expected: 12 } },
    });
    expect(normaliseCode(' - ')).toMatchObject({ problem: { code: 'code-empty' } });
  });
});

describe('tags', () => {
  it('are 32 hex, the same for the same code and salt, different with another salt', async () => {
    const salt = newSalt();
    const a = await codeTag('KFQ7-M4TX-9CJR', salt, ITERATIONS);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(await codeTag('KFQ7-M4TX-9CJR', salt, ITERATIONS)).toBe(a);
    expect(await codeTag('KFQ7-M4TX-9CJT', salt, ITERATIONS)).not.toBe(a);
    expect(await codeTag('KFQ7-M4TX-9CJR', newSalt(), ITERATIONS)).not.toBe(a);
  });

  it('is PBKDF2-SHA-256 truncated to 16 bytes (a known answer)', async () => {
    const key = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode('KFQ7M4TX9CJR'),
      'PBKDF2',
      false,
      ['deriveBits'],
    );
    const bits = await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(16), iterations: 10 },
      key,
      256,
    );
    const full = Buffer.from(bits).toString('hex');
    expect(await codeTag('KFQ7-M4TX-9CJR', '0'.repeat(32), 10)).toBe(full.slice(0, 32));
  });

  it('classify: voided beats valid, another event’s code is unknown', async () => {
    const salt = newSalt();
    const [valid, voided, test] = await Promise.all(
      ['AAAA-AAAA-AAAA', 'CCCC-CCCC-CCCC', 'DDDD-DDDD-DDDD'].map((c) =>
        codeTag(c, salt, ITERATIONS),
      ),
    );
    const list: CodeList = {
      eventId: 'e',
      version: 3,
      salt,
      iterations: ITERATIONS,
      valid: [valid!, voided!],
      voided: [voided!],
      test: [test!],
    };
    const index = indexCodeList(list);
    expect(classifyTag(index, valid!)).toBe('valid');
    expect(classifyTag(index, voided!)).toBe('voided');
    expect(classifyTag(index, test!)).toBe('test');
    // The same code printed for another event (another salt) has another tag: unknown here.
    const elsewhere = await codeTag('AAAA-AAAA-AAAA', newSalt(), ITERATIONS);
    expect(classifyTag(index, elsewhere)).toBe('unknown');
  });
});

describe('a station cannot make a valid code from what it holds', () => {
  it('everything it holds is salt, rounds and tags: no code, and no way back from a tag', async () => {
    const salt = newSalt();
    const codes = Array.from({ length: 50 }, () => generateCode());
    const tags = await Promise.all(codes.map((c) => codeTag(c, salt, ITERATIONS)));
    const list: CodeList = {
      eventId: 'e',
      version: 1,
      salt,
      iterations: ITERATIONS,
      valid: tags,
      voided: [],
      test: [],
    };
    const held = JSON.stringify(list);
    // Not one code, nor its plain 12 characters, nor any 4-character group of it is in there.
    for (const code of codes) {
      expect(held).not.toContain(code);
      expect(held).not.toContain(code.replace(/-/g, ''));
    }
    // Reading a tag as a code gives nothing valid (hex is not the alphabet, and no tag is its
    // own code's tag).
    const index = indexCodeList(list);
    for (const tag of tags) {
      const asCode = normaliseCode(tag.slice(0, 12));
      if (asCode.ok)
        expect(classifyTag(index, await codeTag(asCode.code, salt, ITERATIONS))).toBe('unknown');
    }
    // Guessing: 2,000 random codes against 50 valid tags find none (chance ≈ 2e-12).
    let hits = 0;
    for (let i = 0; i < 2000; i++) {
      const guess = await codeTag(generateCode(), salt, ITERATIONS);
      if (index.valid.has(guess)) hits += 1;
    }
    expect(hits).toBe(0);
  });
});

describe('an event package carrying the tags', () => {
  it('brings them to a station with no network, and refuses another event’s', async () => {
    const { DEMO_EVENT } = await import('../../src/core/demo-event.ts');
    const { buildEventPackage, readEventPackage } = await import('../../src/core/event-package.ts');
    const salt = newSalt();
    const list: CodeList = {
      eventId: DEMO_EVENT.id,
      version: 4,
      salt,
      iterations: ITERATIONS,
      valid: [await codeTag('KFQ7-M4TX-9CJR', salt, ITERATIONS)],
      voided: [],
      test: [],
    };
    const read = readEventPackage(JSON.parse(buildEventPackage(DEMO_EVENT, [], list)));
    expect(read.ok && read.value.codes).toEqual(list);
    const without = readEventPackage(JSON.parse(buildEventPackage(DEMO_EVENT, [])));
    expect(without.ok && without.value.codes).toBeUndefined();
    const other = readEventPackage(
      JSON.parse(buildEventPackage(DEMO_EVENT, [], { ...list, eventId: 'another-event' })),
    );
    expect(other.ok ? null : other.error.code).toBe('not-a-package');
  });
});

/**
 * Names that deceive (issue 11, fault 7): src/core/text/name.ts refuses what makes one name look
 * like another or shows other than it says, and keeps every real name in Welsh, Gaelic, Polish,
 * Arabic, Persian, Hindi, with emoji sequences and flags.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { problemText } from '../../src/app/i18n/problems.ts';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { checkEventDefinition } from '../../src/core/event-check.ts';
import { problemOf } from '../../src/core/problem.ts';
import { eventSchema, type EventDefinition } from '../../src/core/schema.ts';
import {
  checkName,
  checkText,
  graphemeCount,
  MAX_MARKS_PER_BASE,
  normaliseText,
} from '../../src/core/text/name.ts';

const name = (text: string, max = 60) => checkName(normaliseText(text), max);
const longText = (text: string, max = 1000) =>
  checkText(normaliseText(text), { max, multiline: true });

describe('real names are kept', () => {
  it.each([
    'Library',
    'Llyfrgell Ysgol Gymraeg Bro Hyddgen',
    'Comann Eachdraidh Ìle — Àrd-sgoil',
    'Zażółć gęślą jaźń, Łódź',
    'مكتبة الحي',
    'مَكْتَبَةٌ عَامَّةٌ',
    'می‌خواهم', // Persian: ZWNJ between letters
    'क्‍ष', // Devanagari: ZWJ after a virama
    'ක්‍ෂ', // Sinhala: ZWJ after al-lakuna
    'שָׁלוֹם',
    'Hội trường Thôn',
    'ห้องสมุด',
    '👩‍👩‍👧 Family fun day',
    '👩🏽‍💻 Coding club',
    '🏳️‍🌈 Pride picnic',
    '❤️ Knit and natter',
    '1️⃣ First bid',
    'Cymru 🏴󠁧󠁢󠁷󠁬󠁳󠁿 and Alba 🏴󠁧󠁢󠁳󠁣󠁴󠁿',
    '🇬🇧 Union',
    '東京 図書館',
    'Café',
    'Cafe\u0301', // decomposed: normalised, then kept
  ])('%s', (text) => {
    expect(name(text)).toBeUndefined();
  });

  it('counts graphemes, not UTF-16 units: 60 family emoji fit a 60-character name', () => {
    const families = '👩‍👩‍👧'.repeat(60);
    expect(families.length).toBe(480);
    expect(graphemeCount(families)).toBe(60);
    expect(name(families)).toBeUndefined();
    expect(name(`${families}x`)).toMatchObject({ code: 'text-too-long', params: { max: 60 } });
  });

  it('normalises to NFC', () => {
    expect(normaliseText('Cafe\u0301')).toBe('Café');
    // Nothing else is rewritten: a stored text read again is the same text.
    expect(normaliseText('Line\r\nnext\tend')).toBe('Line\r\nnext\tend');
  });
});

describe('names that deceive are refused', () => {
  it.each([
    ['Library\u200B', 'text-invisible', { char: 'U+200B' }],
    ['\u200BLibrary', 'text-invisible', { char: 'U+200B' }],
    ['Library\u00AD', 'text-invisible', { char: 'U+00AD' }],
    ['\uFEFFLibrary', 'text-invisible', { char: 'U+FEFF' }],
    ['Lib\u2060rary', 'text-invisible', { char: 'U+2060' }],
    ['\u3164', 'text-invisible', { char: 'U+3164' }],
    ['Library\u2800', 'text-invisible', { char: 'U+2800' }],
    ['Library\u{E0041}\u{E0042}', 'text-invisible', { char: 'U+E0041' }],
    ['\u200DLibrary', 'text-invisible', { char: 'U+200D' }],
    ['Library\u200C', 'text-invisible', { char: 'U+200C' }],
    ['Lib\u200D\u200Drary', 'text-invisible', { char: 'U+200D' }],
    ['Lib \u200C rary', 'text-invisible', { char: 'U+200C' }],
    ['\u200D', 'text-invisible', { char: 'U+200D' }],
    ['\uFE0FLibrary', 'text-invisible', { char: 'U+FE0F' }],
    ['Hall 2 \u202Eelbat tnemnrevog', 'text-bidi', { char: 'U+202E' }],
    ['Hall \u2066two\u2069', 'text-bidi', { char: 'U+2066' }],
    ['Hall\u200F 2', 'text-bidi', { char: 'U+200F' }],
    ['Li\u0000brary', 'text-control', { char: 'U+0000' }],
    ['Library\u001B[2J', 'text-control', { char: 'U+001B' }],
    ['Library\u0085', 'text-control', { char: 'U+0085' }],
    ['Library\uD800', 'text-control', { char: 'U+D800' }],
    ['Library\uE000', 'text-control', { char: 'U+E000' }],
    ['Hall\n2', 'text-line-break', {}],
    ['Hall\u20282', 'text-line-break', {}],
    [`Z${'\u0353'.repeat(MAX_MARKS_PER_BASE + 1)}algo`, 'text-marks', { max: 4 }],
    ['\u0301Library', 'text-marks', { max: 4 }],
    ['Library \u0301', 'text-marks', { max: 4 }],
    ['   ', 'text-blank', {}],
    ['\u00A0\u3000', 'text-blank', {}],
    ['x'.repeat(61), 'text-too-long', { max: 60 }],
  ])('%j: %s', (text, code, params) => {
    expect(name(text)).toEqual({ code, params });
  });

  it(`keeps up to ${MAX_MARKS_PER_BASE} marks on one letter`, () => {
    expect(name(`Z${'\u0301\u0302\u0303\u0304'}`)).toBeUndefined();
  });
});

describe('summaries and descriptions', () => {
  it('keep line breaks, soft hyphens and directional marks, with no other controls', () => {
    expect(longText('Line one\nLine two\r\nLine three\tend')).toBeUndefined();
    expect(longText('Line one\u2028Line two')).toEqual({ code: 'text-line-break', params: {} });
    expect(longText('Extra\u00ADordinary')).toBeUndefined();
    expect(longText('مكتبة\u200F (Library)')).toBeUndefined();
    expect(longText('Ring\u0007')).toEqual({ code: 'text-control', params: { char: 'U+0007' } });
    expect(longText('a\u202Eb')).toEqual({ code: 'text-bidi', params: { char: 'U+202E' } });
    expect(longText('a\u{E0041}')).toMatchObject({ code: 'text-invisible' });
    expect(longText('x'.repeat(1001))).toMatchObject({ code: 'text-too-long' });
  });
});

// ── Properties ──────────────────────────────────────────────────────────────────────────────────

/** Letters and marks of real names, in several scripts, plus digits and inner punctuation. */
const nameChars = fc.constantFrom(
  ...'abcxyzABCÀÌÒŁłŻżźćęśąŵŷâêîôû0123456789-’.,&',
  ...'ابتثجحخدذرسشصضطظعغفقكلمنهوي',
  ...'שלוםאבג',
  ...'क्षतर',
  '東',
  '京',
  '👩',
  '🌳',
);
/** A name made of words of those characters, with single spaces between them. */
const plainName = fc
  .array(fc.string({ unit: nameChars, minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 6 })
  .map((words) => words.join(' '))
  // A mark must sit on a letter; the virama is a mark.
  .filter((text) => !/(^|\s)\p{M}/u.test(text));

/** Characters that deceive anywhere in a name. */
const deceiving = fc.constantFrom(
  '\u0000',
  '\u0007',
  '\u001B',
  '\u007F',
  '\u0085',
  '\u009B',
  '\n',
  '\r',
  '\u2028',
  '\u200B',
  '\u2060',
  '\uFEFF',
  '\u00AD',
  '\u034F',
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200E',
  '\u200F',
  '\u3164',
  '\u{E0001}',
);

/** Any code point, or half of a surrogate pair alone. */
const anyChar = fc.oneof(
  fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
  fc.integer({ min: 0, max: 0x3000 }).map((cp) => String.fromCodePoint(cp)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)),
);

describe('properties', () => {
  it('every plain name of words is kept, and its length is its graphemes', () => {
    fc.assert(
      fc.property(plainName, (text) => {
        expect(checkName(normaliseText(text), 200)).toBeUndefined();
        expect(graphemeCount(text)).toBeLessThanOrEqual(Array.from(text).length);
      }),
    );
  });

  it('a deceiving character anywhere in a name is refused', () => {
    fc.assert(
      fc.property(plainName, deceiving, fc.nat(), (text, bad, at) => {
        const chars = Array.from(text);
        const i = at % (chars.length + 1);
        const spoilt = [...chars.slice(0, i), bad, ...chars.slice(i)].join('');
        expect(checkName(normaliseText(spoilt), 200)).toBeDefined();
      }),
    );
  });

  it('normalising is idempotent and never throws, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyChar, maxLength: 30 }), fc.boolean(), (text, multiline) => {
        const once = normaliseText(text);
        expect(normaliseText(once)).toBe(once);
        expect(() => checkText(once, { max: 50, multiline })).not.toThrow();
      }),
    );
  });

  it('a name it keeps, from any string, holds no control, bidi control or lone joiner', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyChar, maxLength: 12 }), (text) => {
        const normal = normaliseText(text);
        if (checkName(normal, 50) !== undefined) return;
        expect(normal).not.toMatch(/[\p{Cc}\u202A-\u202E\u2066-\u2069\u200B\u200E\u200F]/u);
        expect(normal).not.toMatch(/^[\u200C\u200D]|[\u200C\u200D]$|[\u200C\u200D]{2}/u);
        expect(normal.trim()).not.toBe('');
      }),
      { numRuns: 2000 },
    );
  });

  it('a name is refused for length exactly when it has more graphemes than allowed', () => {
    fc.assert(
      fc.property(plainName, fc.integer({ min: 1, max: 40 }), (text, max) => {
        const problem = checkName(text, max);
        expect(problem?.code === 'text-too-long').toBe(graphemeCount(text) > max);
      }),
    );
  });
});

describe('every name an event sets is checked (core/schema.ts)', () => {
  const withBid = (change: Partial<EventDefinition['bids'][number]>): unknown => ({
    ...DEMO_EVENT,
    bids: DEMO_EVENT.bids.map((bid, i) => (i === 1 ? { ...bid, ...change } : bid)),
  });
  const problemsOf = (event: unknown) =>
    checkEventDefinition(event).problems.map((p) => ({ code: p.code, path: p.params['path'] }));

  it('keeps the demo event as it is', () => {
    expect(checkEventDefinition(DEMO_EVENT).problems.filter((p) => p.level === 'error')).toEqual(
      [],
    );
    expect(eventSchema.parse(DEMO_EVENT)).toEqual(DEMO_EVENT);
  });

  it.each([
    [{ ...DEMO_EVENT, name: 'Decision Day\u200B' }, 'text-invisible', 'name'],
    [{ ...DEMO_EVENT, place: 'Hall 2 \u202Eelbat' }, 'text-bidi', 'place'],
    [withBid({ title: 'Library\u0000' }), 'text-control', 'bids.1.title'],
    [withBid({ group: 'Friends\nof the park' }), 'text-line-break', 'bids.1.group'],
    [withBid({ title: '\u200B\u200B' }), 'text-invisible', 'bids.1.title'],
    [withBid({ title: '   ' }), 'text-blank', 'bids.1.title'],
    [withBid({ summary: 'Ring \u0007' }), 'text-control', 'bids.1.summary'],
    [
      { ...DEMO_EVENT, pots: [{ ...DEMO_EVENT.pots[0], name: `Z${'\u0353'.repeat(9)}` }] },
      'text-marks',
      'pots.0.name',
    ],
    [
      { ...DEMO_EVENT, categories: [{ id: 'c', name: 'Parks\u2066' }] },
      'text-bidi',
      'categories.0.name',
    ],
    [withBid({ title: 'é'.repeat(201) }), 'too-big', 'bids.1.title'],
  ])('%#: refuses %s at its field', (event, code, path) => {
    expect(problemsOf(event)).toContainEqual({ code, path });
  });

  it('keeps a summary’s line breaks and a title of 200 graphemes however many units', () => {
    const families = '👩‍👩‍👧'.repeat(200);
    expect(problemsOf(withBid({ title: families, summary: 'One\nTwo\r\nThree' }))).toEqual([]);
  });

  it('stores names in NFC', () => {
    const parsed = eventSchema.parse(withBid({ title: 'Cafe\u0301 club' }));
    expect(parsed.bids[1]?.title).toBe('Café club');
  });

  it('words a text’s problem the same from every area, in every language', () => {
    const invisible = problemOf('text-invisible', { char: 'U+200B' });
    expect(problemText('event', invisible)).toBe(
      'This holds an invisible character (U+200B), so it could look the same as a different name. Remove it, for example by typing the text again.',
    );
    expect(problemText('set-up', invisible)).toBe(problemText('event', invisible));
  });
});

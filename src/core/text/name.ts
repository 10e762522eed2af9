/**
 * Names and texts that people set (events, bids, pots, categories, sections, wards, stations, and
 * later accounts), checked so that what a voter, volunteer or organiser reads is what is stored
 * (issue 11, fault 7: "Library" and "Library\u200B" looked the same; a bidi override showed
 * "Hall 2 government table"). Pure: codes with facts, never English.
 *
 * - Normalised to NFC, so one name is stored one way (`normaliseText`).
 * - Refused: control characters (C0, DEL, C1; a multi-line text keeps its line breaks), bidi
 *   embeddings, overrides and isolates, invisible (default-ignorable) characters, text that shows
 *   nothing, and stacks of more than MAX_MARKS_PER_BASE combining marks on one letter.
 * - Kept, because real names need them: emoji ZWJ sequences (👩‍👩‍👧), ZWJ/ZWNJ between letters
 *   (Persian "می‌خواهم", Indic conjuncts), variation selectors after a character (❤️), the tag
 *   sequences of the Welsh and Scottish flags (🏴󠁧󠁢󠁷󠁬󠁳󠁿), and every script's letters and marks.
 * - Length is counted in graphemes (what a reader sees as one character), not UTF-16 units.
 */
import { problemOf } from '../problem.ts';
import type { TextProblem } from './text-problems.ts';

/** More combining marks than this on one letter is a "Zalgo" stack that spills over other text. */
export const MAX_MARKS_PER_BASE = 4;

/**
 * A grapheme may be long (an emoji ZWJ chain is one), so code points are bounded too: this many
 * per allowed grapheme, far above any real name's.
 */
const CODE_POINTS_PER_GRAPHEME = 8;

export interface TextRules {
  /** The most graphemes. */
  max: number;
  /**
   * A summary or description: keeps line breaks ("\n", "\r\n") and tabs, directional marks,
   * soft hyphens and other invisible characters that help long text wrap and read.
   */
  multiline?: boolean;
}

/**
 * The stored form: NFC. Nothing else is rewritten (line endings, spaces), so a stored text read
 * again is unchanged and its hash holds. Idempotent.
 */
export const normaliseText = (text: string): string => text.normalize('NFC');

let segmenter: Intl.Segmenter | null | undefined;

/** How many characters a reader sees: graphemes (code points where Intl.Segmenter is missing). */
export function graphemeCount(text: string): number {
  if (segmenter === undefined) {
    segmenter =
      typeof Intl.Segmenter === 'function'
        ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
        : null;
  }
  if (segmenter === null) return Array.from(text).length;
  const segments = segmenter.segment(text)[Symbol.iterator]();
  let count = 0;
  while (!segments.next().done) count++;
  return count;
}

const LINE_BREAK = /[\n\r\u2028\u2029]/u;
/** The controls a multi-line text may hold: its line breaks and tabs. */
const MULTILINE_CONTROL = /[\n\r\t]/u;
/** Controls, lone surrogates, private use and noncharacters: nothing a name shows as text. */
const CONTROL = /[\p{Cc}\p{Cs}\p{Co}\uFDD0-\uFDEF\uFFFE\uFFFF]/u;
/** Tag characters outside a flag: invisible text that a machine still reads. */
const TAG = /[\u{E0000}-\u{E007F}]/u;
/** Embeddings and overrides (LRE…RLO) and isolates (LRI…PDI): they reorder what follows. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
/** Directional marks: invisible; a long text may need them, a name is refused. */
const BIDI_MARK = /[\u200E\u200F\u061C]/u;
const JOINER = /[\u200C\u200D]/u;
const SELECTOR = /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}\u180B-\u180D\u180F]/u;
/** Invisible in any text: default-ignorable code points, and blanks that are not spaces. */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u2800\uFFFC]/u;
const MARK = /\p{M}/u;
/** What a joiner may follow: a letter, its marks, a digit or an emoji (with its modifiers). */
const JOINS_AFTER = /[\p{L}\p{M}\p{N}\p{Extended_Pictographic}\p{Emoji_Modifier}]/u;
/** What a joiner may come before. */
const JOINS_BEFORE = /[\p{L}\p{M}\p{N}\p{Extended_Pictographic}]/u;
/** What a selector may follow: a visible character that is not itself a selector or a space. */
const SELECTABLE = /[^\p{White_Space}\p{Cc}\p{Cf}\p{M}]/u;
/** A subdivision flag: black flag, tag letters, cancel tag (🏴󠁧󠁢󠁷󠁬󠁳󠁿 Wales, 🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland). */
const TAG_FLAG = /\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F}/gu;
/** What shows nothing: white space and invisible characters, with the marks on them. */
const SHOWS_NOTHING = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\u2800]*$/u;

const codePoint = (char: string): string =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * What is wrong with a text (already normalised), or undefined. An empty text is not judged here:
 * whether a field may be empty is the caller's rule.
 */
export function checkText(
  text: string,
  { max, multiline = false }: TextRules,
): TextProblem | undefined {
  if (text === '') return undefined;
  // Most names are plain Latin text (English, Welsh, Gaelic, Polish…): none of their characters
  // can be refused, so only blankness and length are left to judge. Checking every character of
  // every title and summary made reading a tally file six times slower.
  if ((multiline ? PLAIN_LINES : PLAIN).test(text)) {
    if (!multiline && SHOWS_NOTHING.test(text)) return problemOf('text-blank');
    return tooLong(text, max) ? problemOf('text-too-long', { max }) : undefined;
  }
  // Flags made of tag characters are one picture: judged as their black flag.
  const chars = Array.from(text.replace(TAG_FLAG, '\u{1F3F4}'));
  if (chars.length > max * CODE_POINTS_PER_GRAPHEME) return problemOf('text-too-long', { max });
  let marks = 0;
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] ?? '';
    const before = chars[i - 1];
    const problem = characterProblem(char, before, chars[i + 1], multiline);
    if (problem) return problem;
    if (MARK.test(char) && !SELECTOR.test(char)) {
      // A mark on nothing (the start, a space, a line break) would sit on the text around it.
      if (before === undefined || /[\p{White_Space}\p{Cc}]/u.test(before)) {
        return problemOf('text-marks', { max: MAX_MARKS_PER_BASE });
      }
      marks++;
      if (marks > MAX_MARKS_PER_BASE) return problemOf('text-marks', { max: MAX_MARKS_PER_BASE });
    } else if (!SELECTOR.test(char)) {
      marks = 0;
    }
  }
  if (!multiline && SHOWS_NOTHING.test(text)) return problemOf('text-blank');
  if (tooLong(text, max)) return problemOf('text-too-long', { max });
  return undefined;
}

/**
 * Printable ASCII and Latin-1 to IPA (U+00A0–U+02FF, but the soft hyphen): no controls, marks,
 * joiners, bidi or invisible characters in it, and each character is a grapheme of its own.
 */
const PLAIN = /^[\x20-\x7E\u00A0-\u00AC\u00AE-\u02FF]*$/;
/** The same with the line breaks and tabs a multi-line text may hold. */
const PLAIN_LINES = /^[\t\n\r\x20-\x7E\u00A0-\u00AC\u00AE-\u02FF]*$/;

/** Graphemes are never more than UTF-16 units, so a short text needs no segmenting. */
const tooLong = (text: string, max: number): boolean =>
  text.length > max &&
  (text.length > max * CODE_POINTS_PER_GRAPHEME * 2 || graphemeCount(text) > max);

function characterProblem(
  char: string,
  before: string | undefined,
  after: string | undefined,
  multiline: boolean,
): TextProblem | undefined {
  if (multiline && MULTILINE_CONTROL.test(char)) return undefined;
  if (LINE_BREAK.test(char)) return problemOf('text-line-break');
  if (CONTROL.test(char)) return problemOf('text-control', { char: codePoint(char) });
  if (TAG.test(char)) return problemOf('text-invisible', { char: codePoint(char) });
  if (BIDI_CONTROL.test(char)) return problemOf('text-bidi', { char: codePoint(char) });
  if (BIDI_MARK.test(char)) {
    return multiline ? undefined : problemOf('text-bidi', { char: codePoint(char) });
  }
  if (JOINER.test(char)) {
    // Inside a word or an emoji sequence only: never leading, trailing, doubled or alone.
    const joins =
      before !== undefined &&
      after !== undefined &&
      JOINS_AFTER.test(before) &&
      JOINS_BEFORE.test(after);
    return joins ? undefined : problemOf('text-invisible', { char: codePoint(char) });
  }
  if (SELECTOR.test(char)) {
    // ❤️, keycaps, Mongolian letter forms: right after the character they select a form of.
    const selects = before !== undefined && SELECTABLE.test(before);
    return selects ? undefined : problemOf('text-invisible', { char: codePoint(char) });
  }
  if (INVISIBLE.test(char) && !multiline) {
    return problemOf('text-invisible', { char: codePoint(char) });
  }
  return undefined;
}

/** A one-line name that must show something: a station's, an account's. */
export function checkName(text: string, max: number): TextProblem | undefined {
  if (text.trim() === '') return problemOf('text-blank');
  return checkText(text, { max });
}

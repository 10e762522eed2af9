/**
 * How deeply JSON text nests, found by reading the text once (no parsing, no recursion), so a
 * hostile body or file line nested thousands deep is refused before JSON.parse builds it and before
 * anything recursive (canonical JSON, zod, JSON.stringify) overflows the stack on it.
 *
 * Every JSON this project reads nests a handful of levels (a tally-file record or an event
 * definition about 6, an event package about 8); MAX_JSON_DEPTH leaves ample room.
 */

/** The deepest nesting of objects and arrays accepted anywhere JSON is read. */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/** Whether `text` holds more than `max` opening brackets, strings or not. */
function moreThan(text: string, max: number): boolean {
  let count = 0;
  for (const bracket of ['{', '[']) {
    for (let i = text.indexOf(bracket); i >= 0; i = text.indexOf(bracket, i + 1)) {
      count += 1;
      if (count > max) return true;
    }
  }
  return false;
}

/** The index of the quote that closes the string opening at `start`, or -1 if it never closes. */
function stringEnd(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return -1;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return quote;
    from = quote + 1;
  }
}

/**
 * Whether `text` opens more than `max` objects and arrays inside one another. Brackets inside
 * strings do not count. Text that is not JSON is judged only by its brackets: JSON.parse refuses
 * it afterwards anyway, and a stray `]` never makes the depth negative.
 */
export function jsonTooDeep(text: string, max: number = MAX_JSON_DEPTH): boolean {
  // Fast path: nesting deeper than `max` needs more than `max` opening brackets in all (counted
  // with indexOf, which is many times quicker than reading every character).
  if (text.length <= max || !moreThan(text, max)) return false;
  let depth = 0;
  const length = text.length;
  for (let i = 0; i < length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i);
      if (i < 0) return false;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth += 1;
      if (depth > max) return true;
    } else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && depth > 0) {
      depth -= 1;
    }
  }
  return false;
}

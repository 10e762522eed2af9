/**
 * The cells of a VOTES row, read from the file's UTF-8 bytes: where a cell lies, the project ids
 * of a vote as ranks, and the points. A city's file has a hundred thousand rows, read once in a
 * fresh process by the command line: the section is never decoded (a Polish file decoded is a
 * two-byte string twice its size), only the odd cell that needs trimming is, and no string is
 * made for a project id. docs/results.md has the figures.
 */
import type { BidId } from '../schema.ts';
import { textOf } from './sections.ts';

const encoder = new TextEncoder();
const COMMA = 44;
const SEMICOLON = 59;

/** A cell as bytes[from, to): of the file itself, or of a cell that had to be cleaned first. */
export interface Cell {
  bytes: Uint8Array;
  from: number;
  to: number;
}

export const emptyCell = (): Cell => ({ bytes: new Uint8Array(0), from: 0, to: 0 });

/** A cell holding `text` (a quoted row's cell, or a trimmed one). */
export function textCell(cell: Cell, text: string): void {
  cell.bytes = encoder.encode(text);
  cell.from = 0;
  cell.to = cell.bytes.length;
}

/** Whether a byte is one `trim()` may remove, or part of a character that may be: trimmed then. */
const edgy = (c: number) => c <= 32 || c >= 127;

/** Where `byte` next occurs at or after a place (the bytes' length when nowhere). */
export type Finder = (from: number) => number;

/**
 * A Finder that remembers its last answer: asked again from anywhere between that question and
 * its answer it answers at once, so a row with no `,` does not send indexOf through the file.
 */
function finder(bytes: Uint8Array, byte: number): Finder {
  let asked = 0;
  let found = -1;
  return (from) => {
    if (from < asked || from > found) {
      asked = from;
      found = bytes.indexOf(byte, from);
      if (found === -1) found = bytes.length;
    }
    return found;
  };
}

export const semicolons = (bytes: Uint8Array): Finder => finder(bytes, SEMICOLON);
export const commas = (bytes: Uint8Array): Finder => finder(bytes, COMMA);

/**
 * Cell `k` of the row bytes[start, end) (no quotes in it) into `cell`: trimmed as `trim()` would,
 * and the literal `None` read as empty; a missing cell is empty.
 */
export function field(
  bytes: Uint8Array,
  semis: Finder,
  start: number,
  end: number,
  k: number,
  cell: Cell,
): void {
  let a = start;
  for (let i = 0; i < k; i++) {
    const semi = semis(a);
    if (semi >= end) return textCell(cell, '');
    a = semi + 1;
  }
  const b = Math.min(semis(a), end);
  if (a < b && (edgy(bytes[a] as number) || edgy(bytes[b - 1] as number))) {
    const trimmed = textOf(bytes, a, b).trim();
    return textCell(cell, trimmed === 'None' ? '' : trimmed);
  }
  if (b - a === 4 && bytes[a] === 78 && bytes[a + 1] === 111 && bytes[a + 2] === 110) {
    if (bytes[a + 3] === 101) return textCell(cell, '');
  }
  cell.bytes = bytes;
  cell.from = a;
  cell.to = b;
}

/**
 * A cell written as a whole number (digits, no leading zero, at most 15 so that distinct ids are
 * distinct numbers) as that number; -1 for any other cell. Such a cell is `String(number)`.
 */
export function wholeNumber({ bytes, from, to }: Cell): number {
  const length = to - from;
  if (length === 0 || length > 15 || (length > 1 && bytes[from] === 48)) return -1;
  let number = 0;
  for (let i = from; i < to; i++) {
    const c = bytes[i] as number;
    if (c < 48 || c > 57) return -1;
    number = number * 10 + (c - 48);
  }
  return number;
}

/** FNV-1a of bytes[from, to). */
function hashOf(bytes: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h;
}

/**
 * The projects a vote may list, each as its rank: its place among the bid ids in sort() order, so
 * a vote is sorted as numbers. `list` reads a vote's cell into ranks.
 */
export class ProjectRanks {
  /** The bid ids, sorted: rank r is ids[r]. */
  readonly ids: readonly BidId[];
  /** The project id `list` stopped at, when it found one the file does not have. */
  unknown = '';
  readonly #rankOf = new Map<string, number>();
  // Project ids written as plain whole numbers (most cities') are read as numbers, looked up in a
  // table from the smallest when they span no more than a few per project (as cities number
  // them: 1 to 120, or 35071 to 36025), else in a map.
  readonly #rankOfNumber = new Map<number, number>();
  readonly #table: Int32Array;
  readonly #smallest: number;
  // Every other project id by a hash of its bytes: its index in #raw, or -1 when two share it.
  readonly #byHash = new Map<number, number>();
  readonly #raw: Uint8Array[] = [];
  readonly #rawRanks: number[] = [];

  constructor(bidIdOf: Map<string, BidId>) {
    this.ids = [...new Set(bidIdOf.values())].sort();
    const rankOfId = new Map(this.ids.map((id, i) => [id, i]));
    for (const [raw, id] of bidIdOf) {
      const rank = rankOfId.get(id) as number;
      this.#rankOf.set(raw, rank);
      if (/^(0|[1-9]\d{0,8})$/.test(raw)) this.#rankOfNumber.set(Number(raw), rank);
      const bytes = encoder.encode(raw);
      const h = hashOf(bytes, 0, bytes.length);
      this.#byHash.set(h, this.#byHash.has(h) ? -1 : this.#raw.length);
      this.#raw.push(bytes);
      this.#rawRanks.push(rank);
    }
    const numbers = [...this.#rankOfNumber.keys()];
    const smallest = numbers.reduce((m, n) => Math.min(m, n), Infinity);
    const largest = numbers.reduce((m, n) => Math.max(m, n), -1);
    const span = largest - smallest + 1;
    const size = numbers.length > 0 && span <= 8 * this.ids.length + 4096 ? span : 0;
    this.#smallest = size > 0 ? smallest : 0;
    this.#table = new Int32Array(size).fill(-1);
    if (size > 0) {
      for (const [number, rank] of this.#rankOfNumber) this.#table[number - smallest] = rank;
    }
  }

  /** The rank of a project id written as a whole number; -1 when there is none. */
  #ofNumber(number: number): number {
    const table = this.#table;
    if (table.length === 0) return this.#rankOfNumber.get(number) ?? -1;
    const at = number - this.#smallest;
    return at >= 0 && at < table.length ? (table[at] as number) : -1;
  }

  /**
   * The project ids of a vote's cell (`,`-separated, each trimmed, empty ones skipped) into
   * `ranks` from `at` (room for `most` of the cell): how many, or -1 at a project the file does
   * not have (then named in `unknown`).
   */
  list({ bytes, from, to }: Cell, commas: Finder, ranks: Int32Array, at: number): number {
    let count = at;
    let p = from;
    while (p <= to) {
      // Digits up to a `,` or the end, no leading zero, at most nine: a number as written.
      let d = p;
      let number = 0;
      while (d < to) {
        const c = bytes[d] as number;
        if (c < 48 || c > 57) break;
        number = number * 10 + (c - 48);
        d++;
      }
      const digits = d - p;
      if (
        digits > 0 &&
        digits <= 9 &&
        (d === to || bytes[d] === COMMA) &&
        (digits === 1 || bytes[p] !== 48)
      ) {
        const rank = this.#ofNumber(number);
        if (rank < 0) return this.#unknownAt(bytes, p, d);
        ranks[count++] = rank;
        p = d + 1;
        continue;
      }
      const a = p;
      const b = Math.min(commas(p), to);
      p = b + 1;
      if (a === b) continue;
      const rank = this.#ofText(bytes, a, b);
      if (rank === -2) continue;
      if (rank < 0) return -1;
      ranks[count++] = rank;
    }
    return count - at;
  }

  /** The rank of the project id bytes[a, b); -1 when unknown, -2 when it trims to nothing. */
  #ofText(bytes: Uint8Array, a: number, b: number): number {
    if (!edgy(bytes[a] as number) && !edgy(bytes[b - 1] as number)) {
      // Found by a hash of its bytes, so no string is made for a project id either.
      const k = this.#byHash.get(hashOf(bytes, a, b));
      if (k === undefined) return this.#unknownAt(bytes, a, b);
      if (k >= 0) {
        const known = this.#raw[k] as Uint8Array;
        if (known.length !== b - a) return this.#unknownAt(bytes, a, b);
        for (let i = 0; i < known.length; i++) {
          if (known[i] !== bytes[a + i]) return this.#unknownAt(bytes, a, b);
        }
        return this.#rawRanks[k] as number;
      }
    }
    const raw = textOf(bytes, a, b).trim();
    if (raw === '') return -2;
    const rank = this.#rankOf.get(raw);
    if (rank !== undefined) return rank;
    this.unknown = raw;
    return -1;
  }

  #unknownAt(bytes: Uint8Array, a: number, b: number): -1 {
    this.unknown = textOf(bytes, a, b).trim();
    return -1;
  }
}

/** The most project ids (or points) a cell can list: one byte each and a `,` between. */
export const most = ({ from, to }: Cell): number => ((to - from + 1) >> 1) + 1;

/** The points of a cell into `points`, as Number reads each (empty ones skipped): how many. */
export function listPoints({ bytes, from, to }: Cell, commas: Finder, points: number[]): number {
  let count = 0;
  let p = from;
  while (p <= to) {
    const q = Math.min(commas(p), to);
    // Up to 15 digits are read as they stand (what Number would make of them); else Number.
    let value = 0;
    let d = p;
    while (d < q) {
      const c = bytes[d] as number;
      if (c < 48 || c > 57) break;
      value = value * 10 + (c - 48);
      d++;
    }
    if (d === q && q > p && q - p <= 15) points[count++] = value;
    else {
      const s = textOf(bytes, p, q).trim();
      if (s !== '') points[count++] = Number(s);
    }
    p = q + 1;
  }
  return count;
}

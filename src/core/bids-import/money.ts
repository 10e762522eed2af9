/**
 * Costs as people type them in spreadsheets, read into integer minor units (pence): `£2,400`,
 * `2400`, `2,400.50`, `2400.5`, ` 2 400 `, `GBP 2400`, and for a Polish sheet `2 400,50 zł`.
 * What cannot be read for sure is refused with a code rather than guessed:
 * - `2.400` in an English sheet (or `2,400` in a Polish one) could be 2400 or 2.4: `cost-ambiguous`.
 * - `£1.2k`, `2m`: `cost-shorthand`, with the amount it probably means as a suggestion, because a
 *   slip of one letter is a thousandfold error in what a community is asked to fund.
 * - More than two decimals, zero, negative (`-200`, `(200)`), and above a ceiling: refused.
 * A number cell from a workbook is used as it is, rounded to the penny only when it is float
 * noise (2400.1 × 100 = 240010.00000000003).
 */
import { MINOR_PER_MAJOR } from '../money.ts';
import type { ImportProblemCode } from './types.ts';

export interface MoneyReading {
  /** The locale's decimal mark decides the one ambiguous case (one separator, three digits). */
  decimal: '.' | ',' | 'either';
  /** ISO 4217 the event counts in: a cost written in another currency is refused. */
  currency: string;
  /** Highest accepted cost, minor units. */
  max: number;
}

export type MoneyResult =
  | { ok: true; minor: number }
  | { ok: false; code: ImportProblemCode; suggestion?: number; currency?: string };

const SYMBOLS: Record<string, string> = {
  '£': 'GBP',
  '€': 'EUR',
  $: 'USD',
  zł: 'PLN',
  zl: 'PLN',
  'fr.': 'CHF',
  fr: 'CHF',
};
const CURRENCY = String.raw`£|€|\$|zł|zl|fr\.?|[A-Za-z]{3}`;
/** A symbol or a three-letter code before or after the number, not part of a longer word. */
const LEADING = new RegExp(String.raw`^(${CURRENCY})(?![A-Za-z])\s*`, 'i');
const TRAILING = new RegExp(String.raw`(?<![A-Za-z])\s*(${CURRENCY})$`, 'i');
const SHORTHAND = /^(\d+(?:[.,]\d+)?)\s*(k|m|bn)$/i;
const SCALE: Record<string, number> = { k: 1e3, m: 1e6, bn: 1e9 };
/** Integer parts longer than this could lose pennies as doubles. */
const MAX_DIGITS = 13;

/** The decimal mark a locale writes (`.` for en-GB, `,` for pl), from Intl. */
export function decimalMarkOf(locale: string): '.' | ',' {
  try {
    const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
    return part?.value === ',' ? ',' : '.';
  } catch {
    return '.';
  }
}

const fail = (code: ImportProblemCode, extra: Partial<MoneyResult> = {}): MoneyResult =>
  ({ ok: false, code, ...extra }) as MoneyResult;

function checkRange(minor: number, negative: boolean, reading: MoneyReading): MoneyResult {
  if (minor === 0) return fail('cost-zero');
  if (negative || minor < 0) return fail('cost-negative');
  if (minor > reading.max) return fail('cost-too-large');
  return { ok: true, minor };
}

function currencyOf(token: string): string {
  const lower = token.toLowerCase();
  return SYMBOLS[token] ?? SYMBOLS[lower] ?? token.toUpperCase();
}

export function parseMoney(cell: string | number, reading: MoneyReading): MoneyResult {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return fail('cost-not-a-number');
    const scaled = cell * MINOR_PER_MAJOR;
    const minor = Math.round(scaled);
    if (Math.abs(scaled - minor) > 1e-6 * Math.max(1, Math.abs(scaled))) {
      return fail('cost-too-precise');
    }
    return checkRange(Math.abs(minor), minor < 0, reading);
  }

  let t = cell.replace(/[\u00a0\u202f\u2007\u2009]/g, ' ').trim();
  if (t === '') return fail('cost-missing');
  if (/^[=@]/.test(t)) return fail('formula-cell');

  let negative = false;
  const paren = /^\((.*)\)$/.exec(t);
  if (paren) {
    negative = true;
    t = (paren[1] ?? '').trim();
  }
  const sign = (s: string) => {
    const m = /^[-−–]\s*/.exec(s) ?? /\s*[-−–]$/.exec(s);
    if (!m) return s;
    negative = true;
    return m.index === 0 ? s.slice(m[0].length) : s.slice(0, m.index);
  };
  t = sign(t);

  let currency: string | undefined;
  const lead = LEADING.exec(t);
  if (lead?.[1] && !/^\d/.test(lead[1])) {
    currency = currencyOf(lead[1]);
    t = t.slice(lead[0].length);
  }
  t = sign(t);
  const trail = TRAILING.exec(t);
  if (trail?.[1] && currency === undefined && !SHORTHAND.test(t)) {
    currency = currencyOf(trail[1]);
    t = t.slice(0, trail.index);
  }
  t = t.trim();
  if (!/\d/.test(t)) return fail('cost-not-a-number');
  if (currency !== undefined && currency !== reading.currency.toUpperCase()) {
    return fail('cost-other-currency', { currency });
  }

  const short = SHORTHAND.exec(t);
  if (short) {
    const major =
      Number((short[1] ?? '').replace(',', '.')) * (SCALE[(short[2] ?? '').toLowerCase()] ?? 1);
    return fail('cost-shorthand', { suggestion: Math.round(major * MINOR_PER_MAJOR) });
  }

  // Spaces (and Swiss apostrophes) only ever group thousands.
  if (/[ ']/.test(t)) {
    if (!/^\d{1,3}([ ']\d{3})+([.,]\d*)?$/.test(t)) return fail('cost-not-a-number');
    t = t.replace(/[ ']/g, '');
  }
  if (!/^[\d.,]+$/.test(t) || !/\d/.test(t)) return fail('cost-not-a-number');

  const split = splitDecimal(t, reading.decimal);
  if (!split.ok) return split;
  const { whole, fraction } = split;
  if (fraction.length > 2) return fail('cost-too-precise');
  const digits = whole.replace(/^0+(?=\d)/, '');
  if (digits.length > MAX_DIGITS) return fail('cost-too-large');
  const minor = Number(digits || '0') * MINOR_PER_MAJOR + Number(fraction.padEnd(2, '0'));
  return checkRange(minor, negative, reading);
}

type Split = { ok: true; whole: string; fraction: string } | { ok: false; code: ImportProblemCode };

/** Tells the decimal mark from thousands separators, and checks the groups are of three. */
function splitDecimal(t: string, decimal: MoneyReading['decimal']): Split {
  const dots = t.split('.').length - 1;
  const commas = t.split(',').length - 1;
  let mark: '.' | ',' | null = null;
  if (dots > 0 && commas > 0) {
    // Both: the last one is the decimal mark, the other groups thousands (2,400.50 or 2.400,50).
    mark = t.lastIndexOf('.') > t.lastIndexOf(',') ? '.' : ',';
  } else if (dots + commas === 1) {
    const sep = dots === 1 ? '.' : ',';
    const before = t.indexOf(sep);
    const after = t.length - before - 1;
    // Grouping needs one to three digits before the separator and exactly three after.
    const couldGroup = after === 3 && before >= 1 && before <= 3;
    if (!couldGroup || decimal === 'either') mark = sep;
    else if (sep === decimal) return { ok: false, code: 'cost-ambiguous' };
    // else: a thousands separator in this locale (2,400 in en-GB, 2.400 in pl).
  }
  // Several of one kind, or one group of three: they group thousands.
  const [wholeRaw = '', fraction = ''] = mark === null ? [t] : splitLast(t, mark);
  const group = mark === '.' ? ',' : mark === ',' ? '.' : dots > 0 ? '.' : ',';
  if (wholeRaw.includes(group)) {
    const valid = (group === '.' ? /^\d{1,3}(\.\d{3})+$/ : /^\d{1,3}(,\d{3})+$/).test(wholeRaw);
    if (!valid) return { ok: false, code: 'cost-not-a-number' };
  } else if (!/^\d*$/.test(wholeRaw) || !/^\d*$/.test(fraction)) {
    return { ok: false, code: 'cost-not-a-number' };
  }
  if (wholeRaw === '' && fraction === '') return { ok: false, code: 'cost-not-a-number' };
  return { ok: true, whole: wholeRaw.split(group).join(''), fraction };
}

function splitLast(t: string, mark: string): [string, string] {
  const at = t.lastIndexOf(mark);
  return [t.slice(0, at), t.slice(at + 1)];
}

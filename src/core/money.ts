/**
 * Money is an integer count of minor units (pence for GBP) everywhere in the domain, so sums and
 * budget comparisons are exact. Only formatting and file import/export see major units.
 */
export type Money = number;

/** Minor units per major unit. Every currency we expect (GBP, EUR, PLN, CHF) uses 100. */
export const MINOR_PER_MAJOR = 100;

export function toMinor(major: number): Money {
  return Math.round(major * MINOR_PER_MAJOR);
}

export function toMajor(minor: Money): number {
  return minor / MINOR_PER_MAJOR;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** "£2,400" for whole amounts, "£2,400.50" otherwise. */
export function formatMoney(minor: Money, currency = 'GBP', locale = 'en-GB'): string {
  const whole = minor % MINOR_PER_MAJOR === 0;
  const key = `${locale}|${currency}|${whole}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      // "£" in every language: Arabic's default would be "UK£", which UK voters do not read.
      currencyDisplay: 'narrowSymbol',
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: 2,
    });
    formatters.set(key, f);
  }
  return f.format(toMajor(minor));
}

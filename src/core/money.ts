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

const formatters = new Map<string, (major: number) => string>();

/**
 * The symbol people in the event's country read, e.g. "£". Asked of English because some
 * languages' data has no narrow symbol for a foreign currency: Arabic's gives "UK£" even when a
 * narrow symbol is asked for, and UK voters reading Arabic know "£".
 */
function homeSymbol(currency: string): string | undefined {
  return new Intl.NumberFormat('en', {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
  })
    .formatToParts(0)
    .find((part) => part.type === 'currency')?.value;
}

/** "£2,400" for whole amounts, "£2,400.50" otherwise; the symbol is the same in every language. */
export function formatMoney(minor: Money, currency = 'GBP', locale = 'en-GB'): string {
  const whole = minor % MINOR_PER_MAJOR === 0;
  const key = `${locale}|${currency}|${whole}`;
  let format = formatters.get(key);
  if (!format) {
    const inLocale = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: 2,
    });
    const symbol = homeSymbol(currency);
    format = (major) =>
      inLocale
        .formatToParts(major)
        .map((part) => (part.type === 'currency' && symbol !== undefined ? symbol : part.value))
        .join('');
    formatters.set(key, format);
  }
  return format(toMajor(minor));
}

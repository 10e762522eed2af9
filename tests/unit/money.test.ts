import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/core/money.ts';

describe('formatMoney', () => {
  it('writes pounds as "£" in every language the app ships, never "UK£"', () => {
    for (const locale of ['en-GB', 'cy', 'gd', 'pl', 'ar']) {
      const text = formatMoney(3_450_000, 'GBP', locale);
      expect(text, locale).toContain('£');
      expect(text, locale).not.toMatch(/UK|GBP/);
    }
  });

  it('keeps each language’s own number shape around the symbol', () => {
    expect(formatMoney(240_050, 'GBP', 'en-GB')).toBe('£2,400.50');
    expect(formatMoney(240_000, 'GBP', 'en-GB')).toBe('£2,400');
    // Polish puts the symbol after the number and groups with a space.
    expect(formatMoney(3_450_000, 'GBP', 'pl')).toMatch(/^34\s500\s£$/);
    // Arabic: the number (with a direction mark) then the symbol.
    expect(formatMoney(3_450_000, 'GBP', 'ar')).toMatch(/34,500\s£$/);
  });
});

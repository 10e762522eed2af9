/** Costs as people type them, into pence; what cannot be read for sure is refused with a code. */
import { describe, expect, it } from 'vitest';
import { decimalMarkOf, parseMoney } from '../../src/core/bids-import/index.ts';

const GB = { decimal: '.', currency: 'GBP', max: 10_000_000_00 } as const;
const PL = { decimal: ',', currency: 'PLN', max: 10_000_000_00 } as const;
const PB = { decimal: 'either', currency: 'EUR', max: 1e13 } as const;

const minor = (text: string | number, reading: Parameters<typeof parseMoney>[1] = GB) => {
  const r = parseMoney(text, reading);
  return r.ok ? r.minor : r.code;
};

describe('parseMoney', () => {
  it.each([
    ['£2,400', 240000],
    ['2400', 240000],
    ['2,400.50', 240050],
    ['2400.5', 240050],
    [' 2 400 ', 240000],
    ['2\u00a0400', 240000],
    ['£ 2,400.00', 240000],
    ['GBP 2400', 240000],
    ['2400 GBP', 240000],
    ['£1,234,567.89', 123456789],
    ['.50', 50],
    ['2400.', 240000],
    ['2400,5', 240050],
    ['£0.01', 1],
  ])('reads %j in an English sheet as %i pence', (text, expected) => {
    expect(minor(text)).toBe(expected);
  });

  it.each([
    ['2 400,50 zł', 240050],
    ['2400,50', 240050],
    ['2.400', 240000],
    ['1.234.567,89 zł', 123456789],
    ['PLN 2 400', 240000],
    ['2,400.50', 240050],
  ])('reads %j in a Polish sheet as %i grosze', (text, expected) => {
    expect(minor(text, PL)).toBe(expected);
  });

  it('reads workbook numbers exactly, rounding only float noise', () => {
    expect(minor(2400)).toBe(240000);
    expect(minor(2400.1)).toBe(240010);
    expect(minor(0.07)).toBe(7);
    expect(minor(2400.555)).toBe('cost-too-precise');
    expect(minor(-5)).toBe('cost-negative');
    expect(minor(0)).toBe('cost-zero');
    expect(minor(Number.NaN)).toBe('cost-not-a-number');
  });

  it.each([
    ['', 'cost-missing'],
    ['   ', 'cost-missing'],
    ['0', 'cost-zero'],
    ['£0.00', 'cost-zero'],
    ['-200', 'cost-negative'],
    ['-£200', 'cost-negative'],
    ['£-200', 'cost-negative'],
    ['(200)', 'cost-negative'],
    ['£2,4OO', 'cost-not-a-number'],
    ['TBC', 'cost-not-a-number'],
    ['about 2400', 'cost-not-a-number'],
    ['2400 approx', 'cost-not-a-number'],
    ['24,00,000', 'cost-not-a-number'],
    ['2 40', 'cost-not-a-number'],
    ['1,2,3', 'cost-not-a-number'],
    ['2.400', 'cost-ambiguous'],
    ['2400.505', 'cost-too-precise'],
    ['=SUM(A1:A3)', 'formula-cell'],
    ['@SUM(A1)', 'formula-cell'],
    ['€300', 'cost-other-currency'],
    ['$300', 'cost-other-currency'],
    ['300 EUR', 'cost-other-currency'],
    ['£10,000,000.01', 'cost-too-large'],
    ['99999999999999999', 'cost-too-large'],
  ])('refuses %j with %s', (text, code) => {
    expect(minor(text)).toBe(code);
  });

  it('accepts the ceiling itself', () => {
    expect(minor('£10,000,000')).toBe(10_000_000_00);
  });

  it('refuses shorthand, suggesting what it probably means', () => {
    expect(parseMoney('£1.2k', GB)).toEqual({
      ok: false,
      code: 'cost-shorthand',
      suggestion: 120000,
    });
    expect(parseMoney('2K', GB)).toEqual({ ok: false, code: 'cost-shorthand', suggestion: 200000 });
    expect(parseMoney('1,5m', PL)).toEqual({
      ok: false,
      code: 'cost-shorthand',
      suggestion: 150000000,
    });
  });

  it('names the other currency', () => {
    expect(parseMoney('€300', GB)).toEqual({
      ok: false,
      code: 'cost-other-currency',
      currency: 'EUR',
    });
    expect(minor('300 zł', GB)).toBe('cost-other-currency');
  });

  it('in a Polish sheet, 2,400 is ambiguous and 2.400 groups thousands', () => {
    expect(minor('2,400', PL)).toBe('cost-ambiguous');
    expect(minor('2.400', PL)).toBe(240000);
  });

  it('reads .pb amounts with either decimal mark, as Pabulib writes them', () => {
    expect(minor('4000', PB)).toBe(400000);
    expect(minor('4000.0', PB)).toBe(400000);
    expect(minor('2532645,83', PB)).toBe(253264583);
    expect(minor('25000,5', PB)).toBe(2500050);
  });

  it('knows the decimal mark of a locale', () => {
    expect(decimalMarkOf('en-GB')).toBe('.');
    expect(decimalMarkOf('cy')).toBe('.');
    expect(decimalMarkOf('pl')).toBe(',');
    expect(decimalMarkOf('not a locale!')).toBe('.');
  });
});

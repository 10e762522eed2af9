/**
 * Amounts in .pb files are major units written as `4000`, `4000.0`, `2532645.83` or with a
 * decimal comma (`2532645,83`). NaN for anything else, so the caller can name the bad cell.
 */
export function parseAmount(text: string): number {
  const t = text.trim();
  if (!/^\d+([.,]\d+)?$/.test(t)) return NaN;
  return Number(t.replace(',', '.'));
}

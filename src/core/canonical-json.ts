/**
 * Canonical JSON (sorted keys, no white space, RFC 8785 for the values we use: strings, safe
 * integers, finite numbers, booleans, null, arrays, plain objects). Hashes are taken over these
 * bytes, so two machines agree on a record's hash whatever order its keys were written in.
 * Written here (20 lines) because the maintained `canonicalize` package needs Node 22.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };

export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new Error('canonicalJson: numbers must be finite');
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] as Json)}`).join(',')}}`;
}

/**
 * Canonical JSON (sorted keys, no white space, RFC 8785 for the values we use: strings, safe
 * integers, finite numbers, booleans, null, arrays, plain objects). Hashes are taken over these
 * bytes, so two machines agree on a record's hash whatever order its keys were written in.
 * Written here because the maintained `canonicalize` package needs Node 22; it sits on the
 * server's ingest path, hence plain loops instead of map/filter/join.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };

export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== 'object') return scalar(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += canonicalJson(value[i] as Json);
    }
    return `${out}]`;
  }
  return objectJson(value, null, null);
}

/**
 * The canonical JSON of `value` (an object) with one more key added, computing the rest only once:
 * a tally record is hashed without its `hash` field and then written with it.
 */
export function canonicalJsonWith(
  value: { [key: string]: Json | undefined },
  key: string,
  extra: Json,
): string {
  return objectJson(value, key, extra);
}

function objectJson(
  value: { [key: string]: Json | undefined },
  extraKey: string | null,
  extra: Json,
): string {
  const keys = Object.keys(value);
  if (extraKey !== null && !(extraKey in value)) keys.push(extraKey);
  keys.sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = k === extraKey ? extra : value[k];
    if (v === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += `${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

function scalar(value: null | boolean | number | string): string {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error('canonicalJson: numbers must be finite');
  }
  return JSON.stringify(value);
}

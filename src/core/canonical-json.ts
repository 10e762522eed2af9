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
  return objectJson(value);
}

/**
 * An object's canonical JSON, and the same with one more key added, serialising the members only
 * once: a tally record is hashed without its `hash` field and then written with it.
 */
export function canonicalObject(value: { [key: string]: Json | undefined }): {
  json: string;
  withKey(key: string, extra: Json): string;
} {
  const members: [string, string][] = [];
  for (const k of Object.keys(value).sort()) {
    const v = value[k];
    if (v !== undefined) members.push([k, `${JSON.stringify(k)}:${canonicalJson(v)}`]);
  }
  const join = (list: readonly [string, string][]) => {
    let out = '{';
    for (let i = 0; i < list.length; i++)
      out += (i > 0 ? ',' : '') + (list[i] as [string, string])[1];
    return `${out}}`;
  };
  return {
    json: join(members),
    withKey(key, extra) {
      const member: [string, string] = [key, `${JSON.stringify(key)}:${canonicalJson(extra)}`];
      const rest = members.filter(([k]) => k !== key);
      const at = rest.findIndex(([k]) => k > key);
      rest.splice(at === -1 ? rest.length : at, 0, member);
      return join(rest);
    },
  };
}

function objectJson(value: { [key: string]: Json | undefined }): string {
  const keys = sortedKeys(value);
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = value[k];
    if (v === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += `${keyJson(k)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

/**
 * An object's keys in order. Records read back from a tally file were written canonically, so
 * their keys nearly always come sorted already: checking costs less than sorting again.
 */
function sortedKeys(value: object): string[] {
  const keys = Object.keys(value);
  for (let i = 1; i < keys.length; i++) {
    if ((keys[i - 1] as string) > (keys[i] as string)) return keys.sort();
  }
  return keys;
}

/** Keys are few and repeat on every record: each one's JSON is worked out once (a bounded few). */
const KEY_JSON = new Map<string, string>();
const KEY_JSON_MAX = 1000;

function keyJson(key: string): string {
  let json = KEY_JSON.get(key);
  if (json === undefined) {
    json = JSON.stringify(key);
    if (KEY_JSON.size < KEY_JSON_MAX) KEY_JSON.set(key, json);
  }
  return json;
}

function scalar(value: null | boolean | number | string): string {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error('canonicalJson: numbers must be finite');
  }
  return JSON.stringify(value);
}

/**
 * Whether two values have the same canonical JSON (`canonicalJson(a) === canonicalJson(b)`),
 * found without writing either: a reader checks this on every record of a file.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === null || typeof a !== 'object' || b === null || typeof b !== 'object') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  // Members whose value is undefined are not written, so they do not count.
  let members = 0;
  for (const k of Object.keys(x)) {
    if (x[k] === undefined) continue;
    members += 1;
    if (!sameJson(x[k], y[k])) return false;
  }
  for (const k of Object.keys(y)) if (y[k] !== undefined) members -= 1;
  return members === 0;
}

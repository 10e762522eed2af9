/**
 * The registration desk's rules, pure: a voter's row is checked against the organiser's desk
 * settings (fields asked, area list, minimum age) on the tablet with no network, and likely
 * duplicates across desks are found once the rows reach the tally server. Everything answers in
 * codes with facts; the app and the server word them. See docs/check-in.md, "Registration desk".
 *
 * A registration never holds a ballot id, a voting code, or a time finer than the day: it is
 * stored and synced apart from ballots, so nothing joins who registered to how anyone voted.
 */
import { problemOf, type Problem } from './problem.ts';
import {
  AGE_BANDS,
  DESK_FIELDS,
  type AgeBand,
  type Desk,
  type DeskField,
  type EventDefinition,
} from './schema.ts';

export { AGE_BANDS, DESK_FIELDS, type AgeBand, type Desk, type DeskField };

/** How the voter is connected to the area ("live, work, study or volunteer here"). */
export const CONNECTIONS = ['live', 'work', 'study', 'volunteer'] as const;
export type Connection = (typeof CONNECTIONS)[number];

/**
 * How the desk let the voter vote: a ballot released on this tablet (attended start), a voting
 * code card handed over (the desk never records which), or sent to a voting station.
 */
export const RELEASES = ['tablet', 'card', 'station'] as const;
export type Release = (typeof RELEASES)[number];

/** What a volunteer typed at the desk, before checking. */
export interface DeskEntry {
  name?: string;
  postcode?: string;
  street?: string;
  ageBand?: AgeBand | '';
  connection?: Connection | '';
}

/** The answers kept for one registration, normalised (postcode upper case with one space). */
export interface RegistrationAnswers {
  name?: string;
  postcode?: string;
  street?: string;
  ageBand?: AgeBand;
  connection?: Connection;
}

/** One row of the register, as stored on the desk and sent to the tally server. */
export interface Registration extends RegistrationAnswers {
  /** Random (not a sequence, which would give away the order people came in). */
  id: string;
  eventId: EventDefinition['id'];
  /** The desk's local day, YYYY-MM-DD: never the hour or minute (see docs/check-in.md). */
  day: string;
  /** Set when the row was outside the organiser's area and the organiser said yes. */
  overridden?: 'area';
  released: Release;
}

export const MAX_NAME_LENGTH = 80;
export const MAX_STREET_LENGTH = 100;

/**
 * Why the desk cannot register a row. Params: missing {field}; too-long {field, max};
 * bad-postcode {postcode}; outside-area {field, value, list, more} (list: the first entries of
 * the organiser's list for that field, joined with ", "; more: how many are not shown);
 * under-age {band, minimumAge}.
 */
export type DeskProblemCode =
  'missing' | 'too-long' | 'bad-postcode' | 'outside-area' | 'under-age';
export type DeskProblem = Problem<DeskProblemCode>;
export const DESK_PROBLEM_CODES: readonly DeskProblemCode[] = [
  'missing',
  'too-long',
  'bad-postcode',
  'outside-area',
  'under-age',
];

/** How many entries of the area list an outside-area message shows. */
const LIST_SHOWN = 5;

// ── Postcodes ───────────────────────────────────────────────────────────────────────────────────

/** A whole UK postcode, spaces removed: outward code (2–4) then inward code (digit + 2 letters). */
const FULL_POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$/;

/**
 * "td9 8ab", "TD98AB", " td9  8ab " → "TD9 8AB"; null when it is not a whole UK postcode. Letter O
 * typed for zero in the inward code's digit is forgiven ("TD9 OAB" → "TD9 0AB").
 */
export function normalisePostcode(typed: string): string | null {
  let plain = typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (plain.length >= 5 && plain.length <= 7) {
    const at = plain.length - 3;
    if (plain[at] === 'O') plain = `${plain.slice(0, at)}0${plain.slice(at + 1)}`;
  }
  const match = FULL_POSTCODE.exec(plain);
  return match ? `${match[1]} ${match[2]}` : null;
}

/**
 * An area list entry as a matcher: a whole postcode matches itself; "TD9 8" (sector) the
 * postcodes of that sector; "TD9" (district) that district and no other ("TD9" never matches
 * "TD95 …"); "TD" (area) every postcode whose letters are exactly TD. Null for an entry that is
 * none of these (the event check refuses it, so it only happens with a hand-made file).
 */
export function areaPostcodeMatcher(entry: string): ((postcode: string) => boolean) | null {
  const text = entry.toUpperCase().trim().replace(/\s+/g, ' ');
  const whole = normalisePostcode(text);
  if (whole !== null) return (p) => p === whole;
  const sector = /^([A-Z]{1,2}\d[A-Z\d]?) ?(\d)$/.exec(text);
  if (sector) {
    const prefix = `${sector[1]} ${sector[2]}`;
    return (p) => p.startsWith(prefix);
  }
  if (/^[A-Z]{1,2}\d[A-Z\d]?$/.test(text)) return (p) => p.split(' ')[0] === text;
  if (/^[A-Z]{1,2}$/.test(text)) return (p) => /^[A-Z]+/.exec(p)?.[0] === text;
  return null;
}

// ── Streets and names ───────────────────────────────────────────────────────────────────────────

const STREET_WORDS: Readonly<Record<string, string>> = {
  rd: 'road',
  st: 'street',
  ave: 'avenue',
  av: 'avenue',
  dr: 'drive',
  ln: 'lane',
  pl: 'place',
  cres: 'crescent',
  ct: 'court',
  gdns: 'gardens',
  sq: 'square',
  terr: 'terrace',
  ter: 'terrace',
};

/** Lower case, no accents or punctuation, single spaces: "Café  Road" → "cafe road". */
export function plainText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A street as compared: plain text with common short forms spelt out ("High St." = "high street"). */
export function streetKey(street: string): string {
  return plainText(street)
    .split(' ')
    .map((word) => STREET_WORDS[word] ?? word)
    .join(' ');
}

/** The initials of a name ("Ann-Marie O'Neil" → "amon"); a name typed as initials ("A.M.") stays. */
export function initialsOf(name: string): string {
  const words = plainText(name).split(' ').filter(Boolean);
  if (words.length === 1 && words[0] !== undefined && words[0].length <= 3) return words[0];
  return words.map((w) => w[0]).join('');
}

// ── Checking one row ────────────────────────────────────────────────────────────────────────────

/** The youngest age in each band: a band is allowed when it starts at or above the minimum. */
const AGE_BAND_LOW: Readonly<Record<AgeBand, number>> = {
  '8-15': 8,
  '16-17': 16,
  '18-24': 18,
  '25-44': 25,
  '45-64': 45,
  '65-plus': 65,
};

/** The bands a voter may be in to register, youngest first. */
export function allowedAgeBands(desk: Desk): AgeBand[] {
  const minimum = desk.minimumAge ?? 0;
  return AGE_BANDS.filter((band) => AGE_BAND_LOW[band] >= minimum);
}

export type DeskCheck =
  | { ok: true; answers: RegistrationAnswers }
  /** Every problem found, in the order of the desk's fields. */
  | { ok: false; problems: DeskProblem[]; answers: RegistrationAnswers };

export interface CheckOptions {
  /** The organiser said yes to a row outside the area: outside-area is not a problem. */
  areaOverride?: boolean;
}

/**
 * Checks a desk entry against the desk's settings: each field the organiser asks is filled in;
 * the postcode is a whole UK postcode; the address is in the area (when the organiser gave a
 * list: the row is in the area if the postcode or the street asked matches its list); the age
 * band is at or above the minimum age. Fields the desk does not ask are dropped.
 */
export function checkRegistration(
  desk: Desk,
  entry: DeskEntry,
  options: CheckOptions = {},
): DeskCheck {
  const problems: DeskProblem[] = [];
  const answers: RegistrationAnswers = {};
  const asks = (field: DeskField) => desk.fields.includes(field);

  for (const field of DESK_FIELDS) {
    if (!asks(field)) continue;
    const raw = entry[field];
    const text = typeof raw === 'string' ? raw.trim().replace(/\s+/g, ' ') : '';
    if (text === '') {
      problems.push(problemOf('missing', { field }));
      continue;
    }
    switch (field) {
      case 'name':
        if (text.length > MAX_NAME_LENGTH) {
          problems.push(problemOf('too-long', { field, max: MAX_NAME_LENGTH }));
        } else answers.name = text;
        break;
      case 'street':
        if (text.length > MAX_STREET_LENGTH) {
          problems.push(problemOf('too-long', { field, max: MAX_STREET_LENGTH }));
        } else answers.street = text;
        break;
      case 'postcode': {
        const postcode = normalisePostcode(text);
        if (postcode === null) problems.push(problemOf('bad-postcode', { postcode: text }));
        else answers.postcode = postcode;
        break;
      }
      case 'ageBand':
        if ((AGE_BANDS as readonly string[]).includes(text)) answers.ageBand = text as AgeBand;
        else problems.push(problemOf('missing', { field }));
        break;
      case 'connection':
        if ((CONNECTIONS as readonly string[]).includes(text)) {
          answers.connection = text as Connection;
        } else problems.push(problemOf('missing', { field }));
        break;
    }
  }

  const area = areaProblem(desk, answers);
  if (area !== null && options.areaOverride !== true) problems.push(area);
  if (answers.ageBand !== undefined && desk.minimumAge !== undefined) {
    if (AGE_BAND_LOW[answers.ageBand] < desk.minimumAge) {
      problems.push(problemOf('under-age', { band: answers.ageBand, minimumAge: desk.minimumAge }));
    }
  }
  return problems.length === 0 ? { ok: true, answers } : { ok: false, problems, answers };
}

/**
 * Null when the address is in the area or cannot be checked (no list for the fields asked, or
 * the field is missing, which is its own problem); otherwise outside-area naming the first
 * field checked.
 */
function areaProblem(desk: Desk, answers: RegistrationAnswers): DeskProblem | null {
  const checks: { field: 'postcode' | 'street'; value: string; list: string[]; inArea: boolean }[] =
    [];
  const postcodes = desk.fields.includes('postcode') ? (desk.postcodes ?? []) : [];
  if (postcodes.length > 0 && answers.postcode !== undefined) {
    const postcode = answers.postcode;
    const inArea = postcodes.some((entry) => areaPostcodeMatcher(entry)?.(postcode) === true);
    checks.push({ field: 'postcode', value: postcode, list: postcodes, inArea });
  }
  const streets = desk.fields.includes('street') ? (desk.streets ?? []) : [];
  if (streets.length > 0 && answers.street !== undefined) {
    const key = streetKey(answers.street);
    const inArea = streets.some((s) => streetKey(s) === key);
    checks.push({ field: 'street', value: answers.street, list: streets, inArea });
  }
  const first = checks[0];
  if (first === undefined || checks.some((c) => c.inArea)) return null;
  return problemOf('outside-area', {
    field: first.field,
    value: first.value,
    list: first.list.slice(0, LIST_SHOWN).join(', '),
    more: Math.max(0, first.list.length - LIST_SHOWN),
  });
}

/** The desk's local day as YYYY-MM-DD: the only time a registration keeps. */
export function registrationDay(now: Date): string {
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()]
    .map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0'))
    .join('-');
}

// ── Likely duplicates ───────────────────────────────────────────────────────────────────────────

/** A registration as the tally server holds it: with the desk (station) that sent it. */
export interface DeskRegistration extends Registration {
  desk: string;
}

/**
 * Why two rows look like one person registering twice:
 * - same-name-postcode: the same name (ignoring case, accents, punctuation) and postcode;
 * - same-name-street: the same name and street;
 * - same-initials-postcode: the same initials and postcode, and no age band that differs (a
 *   name typed in full at one desk and as initials at another).
 */
export const DUPLICATE_REASONS = [
  'same-name-postcode',
  'same-name-street',
  'same-initials-postcode',
] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

export interface LikelyDuplicate {
  /** Row ids, `a` < `b`. */
  a: string;
  b: string;
  reason: DuplicateReason;
  /** The two rows came from different desks. */
  acrossDesks: boolean;
}

/**
 * Pairs of rows that are likely the same person, each pair once with its strongest reason, in
 * a stable order (by `a`, then `b`). Rows without a name are never paired: an address alone is
 * a household, not a person. Grouping by key keeps this near-linear for a day's register.
 */
/**
 * At most this many pairs are listed. Pairs grow with the square of a group: 20,000 rows with the
 * same initials and postcode (a hostile or broken import) are 200 million pairs, which would stop
 * the server and cannot be read by anyone. The organiser is told the list was cut.
 */
export const LIKELY_DUPLICATES_SHOWN = 1000;

export interface LikelyDuplicates {
  pairs: LikelyDuplicate[];
  /** More pairs were found than LIKELY_DUPLICATES_SHOWN: the list holds the strongest first. */
  cut: boolean;
}

export function likelyDuplicates(
  rows: readonly DeskRegistration[],
  limit = LIKELY_DUPLICATES_SHOWN,
): LikelyDuplicates {
  const found = new Map<string, LikelyDuplicate>();
  // One map of groups per reason, strongest reason first: a pair found for a stronger reason is
  // never listed again for a weaker one, and when the limit is reached the strongest are kept.
  const groups = new Map<DuplicateReason, Map<string, DeskRegistration[]>>(
    DUPLICATE_REASONS.map((reason) => [reason, new Map()]),
  );
  const add = (reason: DuplicateReason, key: string, row: DeskRegistration) => {
    const byKey = groups.get(reason);
    const group = byKey?.get(key);
    if (group) group.push(row);
    else byKey?.set(key, [row]);
  };
  for (const row of rows) {
    if (row.name === undefined) continue;
    const name = plainText(row.name);
    if (name === '') continue;
    if (row.postcode !== undefined) {
      add('same-name-postcode', `${name}\u0000${row.postcode}`, row);
      add('same-initials-postcode', `${initialsOf(row.name)}\u0000${row.postcode}`, row);
    }
    if (row.street !== undefined)
      add('same-name-street', `${name}\u0000${streetKey(row.street)}`, row);
  }
  let cut = false;
  search: for (const [reason, byKey] of groups) {
    for (const group of byKey.values()) {
      for (let i = 0; i < group.length; i += 1) {
        for (let j = i + 1; j < group.length; j += 1) {
          const x = group[i];
          const y = group[j];
          if (x === undefined || y === undefined || x.id === y.id) continue;
          if (
            reason === 'same-initials-postcode' &&
            x.ageBand !== undefined &&
            y.ageBand !== undefined &&
            x.ageBand !== y.ageBand
          ) {
            continue;
          }
          const [a, b] = x.id < y.id ? [x, y] : [y, x];
          const pairKey = `${a.id}\u0000${b.id}`;
          if (found.has(pairKey)) continue;
          if (found.size === limit) {
            cut = true;
            break search;
          }
          found.set(pairKey, { a: a.id, b: b.id, reason, acrossDesks: a.desk !== b.desk });
        }
      }
    }
  }
  const pairs = [...found.values()].sort((p, q) =>
    p.a === q.a ? (p.b < q.b ? -1 : 1) : p.a < q.a ? -1 : 1,
  );
  return { pairs, cut };
}

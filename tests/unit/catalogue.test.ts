/**
 * The message catalogue (src/app/i18n/locales/<language>/<part>.po) as a whole: every language has
 * every key English has and no other; every message parses as ICU MessageFormat with the same
 * placeholders as English; every plural message gives each plural category of its language;
 * every non-English message is translated (and, until a native speaker has reviewed it, flagged
 * fuzzy); and every English key is used by the app, or is the words for a code a lower layer
 * returns (`problem.<area>.<code>`, checked against the code lists themselves).
 *
 * The .po files are read with `pofile` and messages parsed with `@messageformat/parser`, the two
 * libraries Lingui itself uses for this (installed as its dependencies).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, type Token } from '@messageformat/parser';
import PO from 'pofile';
import { describe, expect, it } from 'vitest';
import { BALLOT_PROBLEM_CODES } from '../../src/core/ballot-problems.ts';
import { EVENT_CHECK_CODES_BEYOND_SCHEMA } from '../../src/core/event-check.ts';
import { API_ERROR_CODES, REJECTION_CODES } from '../../src/core/protocol.ts';
import { EVENT_PROBLEM_CODES } from '../../src/core/schema.ts';
import { TEXT_PROBLEM_CODES } from '../../src/core/text/text-problems.ts';
import { TALLY_FILE_PROBLEM_CODES } from '../../src/core/tally-file/index.ts';
import { EXCLUSION_CODES, TIE_DECIDERS } from '../../src/core/tally/types.ts';
import { CAST_PROBLEM_CODES } from '../../src/db/ballot-repo.ts';
import { PIN_PROBLEM_CODES, SET_UP_PROBLEM_CODES } from '../../src/db/station-repo.ts';
import { EXPORT_PROBLEM_CODES } from '../../src/sync/export.ts';
import { JOIN_PROBLEM_CODES } from '../../src/sync/join.ts';
import { SYNC_PROBLEM_CODES } from '../../src/sync/problems.ts';
import { ACK_PROBLEM_CODES, TRANSFER_PROBLEM_CODES } from '../../src/sync/transfer/types.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const LOCALES = join(ROOT, 'src/app/i18n/locales');
const SOURCE = 'en-GB';

interface Entry {
  key: string;
  text: string;
  fuzzy: boolean;
}
type Catalogue = Map<string, Entry>;

function readPo(path: string): Catalogue {
  const po = PO.parse(readFileSync(path, 'utf8'));
  return new Map(
    po.items.map((item) => [
      item.msgid,
      { key: item.msgid, text: item.msgstr.join(''), fuzzy: item.flags['fuzzy'] === true },
    ]),
  );
}

const languages = readdirSync(LOCALES).sort();
const parts = readdirSync(join(LOCALES, SOURCE))
  .filter((f) => f.endsWith('.po'))
  .map((f) => f.slice(0, -3))
  .sort();
const catalogue = (language: string, part: string) => readPo(join(LOCALES, language, `${part}.po`));
const english = new Map(parts.map((part) => [part, catalogue(SOURCE, part)]));
const others = languages.filter((l) => l !== SOURCE);
/** Proper names, the same in every language: the product's name. */
const NAMES = new Set(['app.name']);

/** Every argument a message interpolates (not `#`), and every plural's case keys. */
function walk(tokens: readonly Token[], found: { args: Set<string>; plurals: string[][] }) {
  for (const token of tokens) {
    if (token.type === 'argument' || token.type === 'function') found.args.add(token.arg);
    if (token.type === 'plural' || token.type === 'select' || token.type === 'selectordinal') {
      found.args.add(token.arg);
      if (token.type === 'plural') found.plurals.push(token.cases.map((c) => c.key));
      for (const c of token.cases) walk(c.tokens, found);
    }
  }
  return found;
}
const shape = (text: string) => walk(parse(text), { args: new Set(), plurals: [] });

describe('the message catalogue', () => {
  it('ships the five languages, each with every part', () => {
    expect(languages).toEqual(['ar', 'cy', 'en-GB', 'gd', 'pl']);
    for (const language of languages) {
      const files = readdirSync(join(LOCALES, language)).filter((f) => f.endsWith('.po'));
      expect(files.sort(), language).toEqual(parts.map((p) => `${p}.po`));
    }
  });

  it.each(others)('has no missing or extra key in %s', (language) => {
    for (const part of parts) {
      const source = [...(english.get(part)?.keys() ?? [])].filter((k) => k !== '').sort();
      const translated = [...catalogue(language, part).keys()].filter((k) => k !== '').sort();
      const missing = source.filter((k) => !translated.includes(k));
      const extra = translated.filter((k) => !source.includes(k));
      expect({ part, missing, extra }).toEqual({ part, missing: [], extra: [] });
    }
  });

  it.each(others)('has every %s message translated, or flagged fuzzy for review', (language) => {
    const bad: string[] = [];
    for (const part of parts) {
      const source = english.get(part) ?? new Map<string, Entry>();
      for (const entry of catalogue(language, part).values()) {
        if (entry.key === '' || NAMES.has(entry.key)) continue;
        const english = source.get(entry.key)?.text;
        // Empty is untranslated; English copied over is untranslated unless flagged for review
        // (a message of only names, codes and placeholders may rightly be the same).
        const copied = entry.text === english && /\p{L}/u.test(entry.text.replace(/{[^}]*}/g, ''));
        if (entry.text === '' || (copied && !entry.fuzzy)) bad.push(`${part}: ${entry.key}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it.each(languages)(
    'parses every %s message, with the placeholders English has and every plural category',
    (language) => {
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      const problems: string[] = [];
      for (const part of parts) {
        const source = english.get(part) ?? new Map<string, Entry>();
        for (const entry of catalogue(language, part).values()) {
          if (entry.key === '' || entry.text === '') continue;
          const where = `${part}: ${entry.key}`;
          let own: ReturnType<typeof shape>;
          try {
            own = shape(entry.text);
          } catch (e) {
            problems.push(`${where} does not parse: ${String(e)}`);
            continue;
          }
          const englishText = source.get(entry.key)?.text ?? '';
          const expected = [...shape(englishText).args].sort();
          if ([...own.args].sort().join() !== expected.join()) {
            problems.push(
              `${where} uses {${[...own.args].join(', ')}}, English {${expected.join(', ')}}`,
            );
          }
          for (const keys of own.plurals) {
            const absent = categories.filter((c) => !keys.includes(c));
            const foreign = keys.filter(
              (k) => !k.startsWith('=') && !categories.includes(k as Intl.LDMLPluralRule),
            );
            if (absent.length > 0) problems.push(`${where} lacks plural ${absent.join(', ')}`);
            if (foreign.length > 0)
              problems.push(`${where} has plural ${foreign.join(', ')} ${language} does not use`);
          }
        }
      }
      expect(problems).toEqual([]);
    },
  );
});

/** The codes each area of `problem.<area>.<code>` words: these are the lists the code returns. */
const CODES: Record<string, readonly string[]> = {
  ballot: BALLOT_PROBLEM_CODES,
  cast: CAST_PROBLEM_CODES,
  // A text's problems are worded as `problem.text.*` wherever they turn up (core/text/name.ts).
  event: [...EVENT_PROBLEM_CODES, ...EVENT_CHECK_CODES_BEYOND_SCHEMA].filter(
    (c) => !(TEXT_PROBLEM_CODES as readonly string[]).includes(c),
  ),
  text: TEXT_PROBLEM_CODES,
  'tally-file': TALLY_FILE_PROBLEM_CODES,
  'set-up': SET_UP_PROBLEM_CODES,
  pin: PIN_PROBLEM_CODES,
  join: JOIN_PROBLEM_CODES,
  export: EXPORT_PROBLEM_CODES,
  sync: SYNC_PROBLEM_CODES,
  api: API_ERROR_CODES,
  // A ballot's own problems are worded as `problem.ballot.*` wherever they turn up.
  rejection: REJECTION_CODES.filter(
    (c) => !(BALLOT_PROBLEM_CODES as readonly string[]).includes(c),
  ),
  exclusion: EXCLUSION_CODES,
  tie: TIE_DECIDERS,
  transfer: TRANSFER_PROBLEM_CODES,
  'transfer-ack': ACK_PROBLEM_CODES,
};
/** Keys that are no code's words but the problems' own: "something went wrong (code)". */
const PROBLEM_KEYS_OF_THEIR_OWN = ['problem.unknown', 'problem.ballot.in-section'];

describe('the words for codes (problems.po, and camera.po for the camera transfer)', () => {
  // `problem.*` keys of every part: a few live with the screens that alone show them.
  const problems = new Map(
    [...english.values()].flatMap((entries) =>
      [...entries].filter(([key]) => key.startsWith('problem.')),
    ),
  );

  it('has English words for every code a lower layer or the server returns', () => {
    const missing = Object.entries(CODES).flatMap(([area, codes]) =>
      codes.map((code) => `problem.${area}.${code}`).filter((key) => !problems.has(key)),
    );
    expect(missing).toEqual([]);
  });

  it('has no words for a code that no longer exists', () => {
    const known = new Set([
      ...PROBLEM_KEYS_OF_THEIR_OWN,
      ...Object.entries(CODES).flatMap(([area, codes]) => codes.map((c) => `problem.${area}.${c}`)),
    ]);
    const stale = [...problems.keys()].filter((key) => key !== '' && !known.has(key));
    expect(stale).toEqual([]);
  });
});

/** Every string literal and template literal in the app's source, once. */
function sourceTexts(dir: string): { literals: Set<string>; templates: RegExp[] } {
  const literals = new Set<string>();
  const templates: RegExp[] = [];
  const visit = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (/\.(ts|tsx)$/.test(entry.name)) {
        const text = readFileSync(full, 'utf8');
        for (const m of text.matchAll(/'([^'\n\\]*)'|"([^"\n\\]*)"/g))
          literals.add(m[1] ?? m[2] ?? '');
        for (const m of text.matchAll(/`([^`]*)`/g)) {
          const body = m[1] ?? '';
          if (!body.includes('${')) {
            literals.add(body);
            continue;
          }
          // `editor.screen.${screen}`: each interpolation stands for one segment of a key.
          const pattern = body
            .split(/\$\{[^}]*\}/)
            .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('[A-Za-z0-9_-]+');
          if (/^[a-z][a-z0-9-]*\\\./.test(pattern)) templates.push(new RegExp(`^${pattern}$`));
        }
      }
    }
  };
  visit(dir);
  return { literals, templates };
}

describe('English keys', () => {
  it('are each used by the app, or are the words for a code', () => {
    const { literals, templates } = sourceTexts(join(ROOT, 'src'));
    const unused: string[] = [];
    for (const [part, entries] of english) {
      // Problems' words are checked against the code lists above: their keys are built from codes.
      if (part === 'problems') continue;
      for (const key of entries.keys()) {
        if (key === '' || key.startsWith('problem.')) continue;
        if (literals.has(key) || templates.some((t) => t.test(key))) continue;
        unused.push(`${relative(ROOT, join(LOCALES, SOURCE, `${part}.po`))}: ${key}`);
      }
    }
    expect(unused).toEqual([]);
  });
});

/**
 * The languages the app ships, each named in itself (a voter looks for their own language's name,
 * never a flag: flags stand for countries, and Welsh, Gaelic or Arabic have no single one).
 */
export const LANGUAGES = {
  'en-GB': { name: 'English', dir: 'ltr' },
  cy: { name: 'Cymraeg', dir: 'ltr' },
  gd: { name: 'Gàidhlig', dir: 'ltr' },
  pl: { name: 'Polski', dir: 'ltr' },
  ar: { name: 'العربية', dir: 'rtl' },
} as const satisfies Record<string, { name: string; dir: 'ltr' | 'rtl' }>;

export type Language = keyof typeof LANGUAGES;

/** The source language: its catalogue ships in the first screen's bundle, the others load lazily. */
export const SOURCE_LANGUAGE: Language = 'en-GB';

export const ALL_LANGUAGES = Object.keys(LANGUAGES) as Language[];

export function isLanguage(code: string): code is Language {
  return Object.hasOwn(LANGUAGES, code);
}

/** The closest shipped language for a BCP 47 tag ("cy-GB" → "cy", "en" → "en-GB"). */
export function shippedLanguage(tag: string | undefined): Language {
  if (!tag) return SOURCE_LANGUAGE;
  if (isLanguage(tag)) return tag;
  const base = tag.split('-')[0]?.toLowerCase() ?? '';
  if (isLanguage(base)) return base;
  return SOURCE_LANGUAGE;
}

export function directionOf(language: Language): 'ltr' | 'rtl' {
  return LANGUAGES[language].dir;
}

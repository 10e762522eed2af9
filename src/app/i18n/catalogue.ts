/**
 * The message catalogue: one Lingui instance, catalogues compiled from the `.po` files at build
 * time (by @lingui/vite-plugin, so no message parser ships to the tablet), and the loading rules.
 *
 * Each language has six catalogues: `voter` (the voter's screens and what every role shares),
 * `station` (the volunteer's area), `problems` (the codes the lower layers return, worded),
 * `checkin` (the voter's check-in steps: the voting code, the eligibility questions before the
 * ballot and the equalities questions after it), and `organiser` and `editor` (the organiser's
 * area and its event editor, loaded with that lazy chunk), and `results` (the public results page
 * and the explanations of a count, shared by the organiser's area and the public page). English's voter catalogue (with the
 * few volunteer words the welcome screen shows: the PIN prompt) is bundled with the first screen.
 * English's station, problems and checkin catalogues are fetched as soon as the app starts,
 * without holding up the first screen: the volunteer area is behind the PIN, a problem can only
 * show after someone has acted, and a check-in step only after the voter taps Start. Every other
 * catalogue is its own small chunk, fetched on first use and precached by the service worker so a
 * station switches language offline.
 */
import { setupI18n, type I18n, type Messages } from '@lingui/core';
import { messages as sourceVoter } from './locales/en-GB/voter.po';
import { SOURCE_LANGUAGE, type Language } from './languages.ts';

export type CataloguePart =
  'voter' | 'station' | 'problems' | 'checkin' | 'organiser' | 'editor' | 'results';

/** What a station needs to run in a language. */
export const KIOSK_PARTS: readonly CataloguePart[] = ['voter', 'station', 'problems', 'checkin'];
/** What the organiser's area needs (it also previews the voter's screens). */
export const ORGANISER_PARTS: readonly CataloguePart[] = [
  ...KIOSK_PARTS,
  'organiser',
  'editor',
  'results',
];
/** What the public results page needs: its own words and the problems it may have to show. */
export const PUBLIC_PARTS: readonly CataloguePart[] = ['voter', 'problems', 'results'];

type Loader = () => Promise<{ messages: Messages }>;

// English's voter catalogue is bundled (imported above), so it is left out here.

const loaders: Record<CataloguePart, Record<string, Loader>> = {
  voter: import.meta.glob<{ messages: Messages }>([
    './locales/*/voter.po',
    '!./locales/en-GB/voter.po',
  ]),
  station: import.meta.glob<{ messages: Messages }>('./locales/*/station.po'),
  problems: import.meta.glob<{ messages: Messages }>('./locales/*/problems.po'),
  // The voter's check-in steps (the voting code, the eligibility questions before the ballot and
  // the equalities questions after it): words no voter needs on the first screen.
  checkin: import.meta.glob<{ messages: Messages }>('./locales/*/checkin.po'),
  organiser: import.meta.glob<{ messages: Messages }>('./locales/*/organiser.po'),
  editor: import.meta.glob<{ messages: Messages }>('./locales/*/editor.po'),
  // The published results page and the explanations of a count (organiser and public alike).
  results: import.meta.glob<{ messages: Messages }>('./locales/*/results.po'),
};

export const i18n = setupI18n({
  locale: SOURCE_LANGUAGE,
  messages: { [SOURCE_LANGUAGE]: sourceVoter },
});

const loaded = new Set<string>([`${SOURCE_LANGUAGE}/voter`]);

/** Makes sure the catalogue `part` of `language` is in memory; resolves once it can be used. */
export async function loadCatalogue(language: Language, part: CataloguePart): Promise<void> {
  const key = `${language}/${part}`;
  if (loaded.has(key)) return;
  const load = loaders[part][`./locales/${key}.po`];
  if (!load) throw new Error(`No ${part} catalogue for ${language}.`);
  const { messages } = await load();
  // Lingui's load merges into what that language already has.
  i18n.load(language, messages);
  loaded.add(key);
}

/**
 * A separate catalogue instance in `language` with `parts` loaded, leaving the app's own language
 * as it is: for rendering a page in several languages at once (the self-contained results file).
 */
export async function separateCatalogue(
  language: Language,
  parts: readonly CataloguePart[],
): Promise<I18n> {
  const instance = setupI18n({ locale: language, messages: { [language]: {} } });
  for (const part of parts) {
    if (language === SOURCE_LANGUAGE && part === 'voter') {
      instance.load(language, sourceVoter);
      continue;
    }
    const load = loaders[part][`./locales/${language}/${part}.po`];
    if (!load) throw new Error(`No ${part} catalogue for ${language}.`);
    instance.load(language, (await load()).messages);
  }
  instance.activate(language);
  return instance;
}

/** Loads what `language` needs for `parts`, then makes it the active language. */
export async function activateLanguage(
  language: Language,
  parts: readonly CataloguePart[] = KIOSK_PARTS,
): Promise<void> {
  await Promise.all(parts.map((part) => loadCatalogue(language, part)));
  if (i18n.locale !== language) i18n.activate(language);
}

// Fetched at start, in the background: see the comment at the top.
for (const part of ['station', 'problems', 'checkin'] as const) {
  loadCatalogue(SOURCE_LANGUAGE, part).catch((cause: unknown) => {
    console.error(`Could not load the ${part} catalogue`, cause);
  });
}

/**
 * The message catalogue: one Lingui instance, catalogues compiled from the `.po` files at build
 * time (by @lingui/vite-plugin, so no message parser ships to the tablet), and the loading rules.
 *
 * Each language's catalogue is split into parts (src/app/i18n/parts.ts, docs/translations.md):
 * `voter` (the voter's screens and what every role shares), `station` (the volunteer's area),
 * `problems` (the codes the lower layers return, worded), `checkin` (the voter's check-in steps:
 * the voting code, the eligibility questions before the ballot and the equalities questions after
 * it), `camera` (the camera transfer's screens, station and organiser side, and their problems),
 * `hall` (the hall's trust page), `organiser` and `editor` (the organiser's area and its event
 * editor, loaded with that lazy chunk), and `results` (the public results page and the
 * explanations of a count, shared by the organiser's area and the public page).
 *
 * English's voter catalogue (with the few volunteer words the welcome screen shows: the PIN
 * prompt) is bundled with the first screen. English's station, problems and checkin catalogues
 * are fetched as soon as the app starts, without holding up the first screen: the volunteer area
 * is behind the PIN, a problem can only show after someone has acted, and a check-in step only
 * after the voter taps Start. The camera part loads with the camera screens' lazy chunks
 * (camera-part.ts `withCameraWords`), before they show a word, and from then on with every change
 * of language; the hall part with the hall's trust page (hall-part.ts).
 * Every other catalogue is its own small chunk, fetched on first use and precached by the service
 * worker so a station switches language offline.
 */
import { setupI18n, type I18n, type Messages } from '@lingui/core';
import { messages as sourceVoter } from './locales/en-GB/voter.po';
import { shippedLanguage, SOURCE_LANGUAGE, type Language } from './languages.ts';
import { BACKGROUND_PARTS, KIOSK_PARTS, type CataloguePart } from './parts.ts';

export {
  BACKGROUND_PARTS,
  HALL_PARTS,
  KIOSK_PARTS,
  ORGANISER_PARTS,
  PUBLIC_PARTS,
  type CataloguePart,
} from './parts.ts';

type Loader = () => Promise<{ messages: Messages }>;
type Loaders = Record<string, Loader>;

// English's voter catalogue is bundled (imported above), so it is left out here. The camera and
// hall parts are registered by the lazy chunks that use them (camera-part.ts, hall-part.ts), so
// the first screen carries no code for them.

const loaders: Partial<Record<CataloguePart, Loaders>> = {
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

/** Makes a part's catalogues known: called by the module of the lazy chunk that uses the part. */
export function registerPart(part: CataloguePart, partLoaders: Loaders): void {
  loaders[part] ??= partLoaders;
}

const loaded = new Set<string>([`${SOURCE_LANGUAGE}/voter`]);

/** Makes sure the catalogue `part` of `language` is in memory; resolves once it can be used. */
export async function loadCatalogue(language: Language, part: CataloguePart): Promise<void> {
  const key = `${language}/${part}`;
  if (loaded.has(key)) return;
  const load = loaders[part]?.[`./locales/${key}.po`];
  if (!load) throw new Error(`No ${part} catalogue for ${language}.`);
  // Asked for twice at once, the browser fetches the chunk once (one module, one promise).
  const { messages } = await load();
  // Lingui's load merges into what that language already has.
  i18n.load(language, messages);
  loaded.add(key);
}

/** Parts a screen asked for on demand: every later change of language loads them too. */
const onDemand = new Set<CataloguePart>();
const missingOnDemand = (language: string) =>
  [...onDemand].filter((part) => !loaded.has(`${language}/${part}`));

/**
 * Loads `part` in the active language, and from now on in every language activated, before it is
 * activated: for words only some screens use (the camera part), so they are not fetched at first
 * load yet never show as keys.
 */
export async function loadOnDemand(part: CataloguePart): Promise<void> {
  onDemand.add(part);
  // The language may change while the part loads: then it is needed in the new one too.
  for (let language = shippedLanguage(i18n.locale); !loaded.has(`${language}/${part}`);) {
    await loadCatalogue(language, part);
    language = shippedLanguage(i18n.locale);
  }
}

/**
 * A lazy screen's module once its catalogue `part` is loaded too, fetched side by side:
 * `lazy(() => withCameraWords(import('./SendByCamera.tsx')))` (camera-part.ts).
 */
export async function withCatalogue<T>(part: CataloguePart, module: Promise<T>): Promise<T> {
  const [loadedModule] = await Promise.all([module, loadOnDemand(part)]);
  return loadedModule;
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
    const load = loaders[part]?.[`./locales/${language}/${part}.po`];
    if (!load) throw new Error(`No ${part} catalogue for ${language}.`);
    instance.load(language, (await load()).messages);
  }
  instance.activate(language);
  return instance;
}

/** Counts calls of activateLanguage, so that only the latest one changes the language. */
let activations = 0;

/**
 * Loads what `language` needs for `parts`, and the parts screens loaded on demand (even one asked
 * for meanwhile), then makes it the active language — unless another language was asked for
 * meanwhile: a voter who taps Polish then Welsh reads Welsh, even when Polish's words (not yet
 * fetched) arrive last.
 */
export async function activateLanguage(
  language: Language,
  parts: readonly CataloguePart[] = KIOSK_PARTS,
): Promise<void> {
  const activation = ++activations;
  await Promise.all(parts.map((part) => loadCatalogue(language, part)));
  for (let missing = missingOnDemand(language); missing.length > 0;) {
    await Promise.all(missing.map((part) => loadCatalogue(language, part)));
    missing = missingOnDemand(language);
  }
  if (activation === activations && i18n.locale !== language) i18n.activate(language);
}

// Fetched at start, in the background: see the comment at the top.
for (const part of BACKGROUND_PARTS) {
  loadCatalogue(SOURCE_LANGUAGE, part).catch((cause: unknown) => {
    console.error(`Could not load the ${part} catalogue`, cause);
  });
}

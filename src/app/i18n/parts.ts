/**
 * The catalogue's parts and which screens need which (docs/translations.md, "Catalogue parts"):
 * plain lists with no imports, so the bundle benchmark (tests/bench/bundle.bench.ts) reads the
 * same lists the app loads by.
 */
export type CataloguePart =
  | 'voter'
  | 'station'
  | 'problems'
  | 'checkin'
  | 'camera'
  | 'hall'
  | 'organiser'
  | 'editor'
  | 'results';

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
/** What the hall's trust page (/hall) needs: the voter's few shared words and its own. */
export const HALL_PARTS: readonly CataloguePart[] = ['voter', 'hall'];

/**
 * English's parts fetched as soon as the app starts, in the background (English's `voter` is in
 * the first screen's bundle): part of every tablet's first load.
 */
export const BACKGROUND_PARTS: readonly CataloguePart[] = ['station', 'problems', 'checkin'];

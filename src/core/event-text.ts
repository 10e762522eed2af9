/**
 * The words of an event in a voter's language. Each text comes back with the language it is
 * really in, so the screen can mark it (`lang`) when the organiser gave no translation and the
 * event's own language shows instead: a screen reader then reads it with the right voice.
 */
import type { BallotSection, Bid, Category, EventDefinition, Pot } from './schema.ts';

export interface LocalText {
  text: string;
  /** The language `text` is written in. */
  lang: string;
}

/** The event's own language: the first it offers, or its locale's. */
export function eventLanguage(event: EventDefinition): string {
  return event.languages?.[0] ?? event.locale;
}

/** The languages a voter may choose, the event's own first. */
export function eventLanguages(event: EventDefinition): string[] {
  return event.languages ?? [event.locale];
}

type Translatable<K extends string> = {
  translations?: Partial<Record<string, Partial<Record<K, string>>>> | undefined;
} & Partial<Record<K, string | undefined>>;

function localText<K extends string>(
  item: Translatable<K>,
  field: K,
  language: string,
  own: string,
): LocalText | undefined {
  const translated = item.translations?.[language]?.[field];
  if (language !== own && translated) return { text: translated, lang: language };
  const text = item[field];
  return text ? { text, lang: own } : undefined;
}

export function eventText(
  event: EventDefinition,
  field: 'name' | 'welcome' | 'eligibility',
  language: string,
): LocalText | undefined {
  return localText(event, field, language, eventLanguage(event));
}

export function bidText(
  event: EventDefinition,
  bid: Bid,
  field: 'title' | 'summary' | 'details' | 'easyRead' | 'imageAlt',
  language: string,
): LocalText | undefined {
  return localText(bid, field, language, eventLanguage(event));
}

/** A name that is always given (category, pot): its translation, or the name itself. */
function named(event: EventDefinition, item: Translatable<'name'>, language: string): LocalText {
  const own = eventLanguage(event);
  return localText(item, 'name', language, own) ?? { text: item.name ?? '', lang: own };
}

export function categoryName(
  event: EventDefinition,
  category: Category,
  language: string,
): LocalText {
  return named(event, category, language);
}

export function potName(event: EventDefinition, pot: Pot, language: string): LocalText {
  return named(event, pot, language);
}

export function sectionText(
  event: EventDefinition,
  section: BallotSection,
  field: 'title' | 'intro',
  language: string,
): LocalText | undefined {
  return localText(section, field, language, eventLanguage(event));
}

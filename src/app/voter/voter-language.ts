/**
 * The voter's language: one of the event's languages that this app ships, the event's own first.
 * The session store holds the voter's pick (null: the event's own), so it is forgotten with
 * everything else when the ballot ends; this hook makes the catalogue follow it.
 */
import { useEffect, useMemo } from 'react';
import { eventLanguages } from '../../core/event-text.ts';
import type { EventDefinition } from '../../core/schema.ts';
import { activateLanguage } from '../i18n/catalogue.ts';
import { ALL_LANGUAGES, isLanguage, SOURCE_LANGUAGE, type Language } from '../i18n/languages.ts';
import { useSession } from '../shared/session-context.ts';

const base = (tag: string) => tag.split('-')[0]?.toLowerCase() ?? '';

/** The shipped language for an event's language tag ("cy-GB" → "cy", "en" → "en-GB"), if any. */
export function shippedFor(tag: string): Language | undefined {
  if (isLanguage(tag)) return tag;
  const wanted = base(tag);
  if (isLanguage(wanted)) return wanted;
  return ALL_LANGUAGES.find((language) => base(language) === wanted);
}

/** The event's languages this station can show, in the event's order, without repeats. */
export function voterLanguages(event: EventDefinition): Language[] {
  const shipped = eventLanguages(event).flatMap((tag) => shippedFor(tag) ?? []);
  const unique = [...new Set(shipped)];
  return unique.length > 0 ? unique : [SOURCE_LANGUAGE];
}

/** The language shown: the voter's pick if the event offers it, else the event's own. */
function activeLanguage(languages: readonly Language[], chosen: Language | null): Language {
  return chosen && languages.includes(chosen) ? chosen : (languages[0] ?? SOURCE_LANGUAGE);
}

/**
 * The event's language tag the voter is using ("cy-GB" when the event says so), for the station's
 * count of ballots per language (db/ballot-repo.ts): never stored on the ballot.
 */
export function votingLanguageTag(event: EventDefinition, chosen: Language | null): string {
  const active = activeLanguage(voterLanguages(event), chosen);
  return eventLanguages(event).find((tag) => shippedFor(tag) === active) ?? active;
}

/** Makes the catalogue follow the voter's language; returns the event's languages and the active. */
export function useVoterLanguage(event: EventDefinition) {
  const chosen = useSession((s) => s.language);
  const languages = useMemo(() => voterLanguages(event), [event]);
  const active = activeLanguage(languages, chosen);
  useEffect(() => {
    // A slower earlier switch never overrides a later one (activateLanguage).
    activateLanguage(active).catch((cause: unknown) => console.error('Language not loaded', cause));
  }, [active]);
  return { languages, active };
}

/**
 * The catalogue's hall part (docs/translations.md): the words of the hall's trust page (/hall), a
 * public page of its own. Only that page's lazy chunk imports this module.
 */
import type { Messages } from '@lingui/core';
import { activateLanguage, HALL_PARTS, registerPart } from './catalogue.ts';
import type { Language } from './languages.ts';

registerPart('hall', import.meta.glob<{ messages: Messages }>('./locales/*/hall.po'));

/** Loads the trust page's words in `language`, then makes it the active language. */
export function activateHallLanguage(language: Language): Promise<void> {
  return activateLanguage(language, HALL_PARTS);
}

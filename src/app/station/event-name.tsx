/**
 * An event's name in the active language, marked with its own language when the organiser gave no
 * translation (a screen reader then reads it with the right voice).
 */
import { eventText } from '../../core/event-text.ts';
import type { EventDefinition } from '../../core/schema.ts';
import { useFormat } from '../i18n/react.tsx';

export function useEventName(event: EventDefinition): { text: string; lang: string | undefined } {
  const { locale } = useFormat();
  const name = eventText(event, 'name', locale);
  if (!name) return { text: event.name, lang: undefined };
  return { text: name.text, lang: name.lang === locale ? undefined : name.lang };
}

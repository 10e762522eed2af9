/**
 * Fetching an event's published results (no login) and choosing the page's languages: the event's
 * own languages the app ships, the reader's choice (?lang=) or their browser's first.
 */
import { eventLanguages } from '../../core/event-text.ts';
import { readPublication, type Publication } from '../../core/publication.ts';
import { isLanguage, shippedLanguage, SOURCE_LANGUAGE, type Language } from '../i18n/languages.ts';

export type Fetched =
  | { kind: 'ok'; publication: Publication }
  /** Not published, or no such event: the server gives both the same answer. */
  | { kind: 'missing' }
  | { kind: 'failed' };

export async function fetchPublication(
  eventId: string,
  fetchFn: typeof fetch = (...args) => fetch(...args),
): Promise<Fetched> {
  let response: Response;
  try {
    response = await fetchFn(`/api/v1/public/results/${encodeURIComponent(eventId)}`, {
      cache: 'no-store',
    });
  } catch {
    return { kind: 'failed' };
  }
  if (response.status === 404) return { kind: 'missing' };
  if (!response.ok) return { kind: 'failed' };
  const body: unknown = await response.json().catch(() => undefined);
  const publication = readPublication(body, eventId);
  return publication === null ? { kind: 'failed' } : { kind: 'ok', publication };
}

/** The event's languages that the app has words for, the event's own first. */
export function pageLanguages(publication: Publication): Language[] {
  const shipped = eventLanguages(publication.event)
    .filter((tag) => isLanguage(tag) || isLanguage(tag.split('-')[0]?.toLowerCase() ?? ''))
    .map((tag) => shippedLanguage(tag));
  const unique = [...new Set(shipped)];
  return unique.length > 0 ? unique : [SOURCE_LANGUAGE];
}

/** The language to show first: the one asked for, else the reader's browser's, else the event's. */
export function firstLanguage(
  languages: readonly Language[],
  asked: string | null,
  browser: readonly string[],
): Language {
  const fallback = languages[0] ?? SOURCE_LANGUAGE;
  for (const tag of [asked, ...browser]) {
    if (tag === null || tag === '') continue;
    const language = shippedLanguage(tag);
    if (
      languages.includes(language) &&
      (tag === language || tag.startsWith(language.split('-')[0] ?? ''))
    )
      return language;
  }
  return fallback;
}

/** /results/<eventId> under the app's base path, or null. */
export function publicEventId(pathname: string, base: string): string | null {
  const match = new RegExp(
    `^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}results/([^/]+)/?$`,
  ).exec(pathname);
  if (match?.[1] === undefined) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

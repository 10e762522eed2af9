/**
 * Reading and writing one text's translations in an event definition. An empty translation is
 * removed rather than stored, so the voter sees the event's own text (marked with its language)
 * instead of nothing.
 */
type Translations<K extends string> = Partial<Record<string, Partial<Record<K, string>>>>;

export function withTranslation<K extends string, T extends { translations?: Translations<K> }>(
  item: T,
  language: string,
  field: K,
  text: string,
): T {
  const all: Translations<K> = { ...(item.translations ?? {}) };
  const own: Partial<Record<K, string>> = { ...(all[language] ?? {}) };
  if (text === '') delete own[field];
  else own[field] = text;
  if (Object.keys(own).length === 0) delete all[language];
  else all[language] = own;
  const next = { ...item };
  if (Object.keys(all).length === 0) delete next.translations;
  else next.translations = all;
  return next;
}

export function translationOf<K extends string>(
  item: { translations?: Translations<K> | undefined },
  language: string,
  field: K,
): string {
  return item.translations?.[language]?.[field] ?? '';
}

/** An optional text: empty means absent. */
export function optionalText<T extends object, K extends keyof T>(
  item: T,
  key: K,
  text: string,
): T {
  const next = { ...item };
  if (text === '') delete next[key];
  else (next as Record<K, unknown>)[key] = text;
  return next;
}

/**
 * Ids for imported bids and categories. A row's id depends only on its title (and, when two
 * titles make the same slug, on their order), so importing the same sheet twice gives the same ids.
 */
import { bidIdSchema } from '../schema.ts';

const MAX_SLUG = 48;

/** "Friends of Burnfoot Park — benches!" → "friends-of-burnfoot-park-benches". */
export function slugOf(text: string, fallback: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[łŁ]/g, 'l')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (words === '') return fallback;
  if (words.length <= MAX_SLUG) return words;
  const cut = words.slice(0, MAX_SLUG);
  const lastDash = cut.lastIndexOf('-');
  return lastDash > 16 ? cut.slice(0, lastDash) : cut;
}

/** Numbers a slug that is taken: "park", "park-2", "park-3"… and records the one it returns. */
export function uniqueSlug(slug: string, taken: Set<string>): string {
  let candidate = slug;
  for (let n = 2; taken.has(candidate); n++) candidate = `${slug}-${n}`;
  taken.add(candidate);
  return candidate;
}

/** A bid id as a file gives it is kept exactly when it is valid ("M/01/X" included). */
export const isValidId = (id: string): boolean => bidIdSchema.safeParse(id).success;

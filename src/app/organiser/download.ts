import { downloadTextFile } from '../shared/download.ts';

/** Saving an export; the organiser's screens take it as a prop so tests can see what was saved. */
export type SaveFile = (fileName: string, text: string, mimeType: string) => void;

export const downloadFile: SaveFile = downloadTextFile;

/** "Burnfoot Community Choices (demo)" → "burnfoot-community-choices-demo", safe on every OS. */
export function fileSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'event' : slug.slice(0, 60);
}

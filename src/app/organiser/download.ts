/** Saving an export: a Blob behind an object URL, clicked as a download link, then released. */
export type SaveFile = (fileName: string, text: string, mimeType: string) => void;

export const downloadFile: SaveFile = (fileName, text, mimeType) => {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next task: some browsers start the download only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 0);
};

/** "Burnfoot Community Choices (demo)" → "burnfoot-community-choices-demo", safe on every OS. */
export function fileSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'event' : slug.slice(0, 60);
}

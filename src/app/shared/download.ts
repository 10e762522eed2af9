/**
 * Saving text as a file: a Blob behind an object URL, clicked as a download link, then released.
 * Kept tiny and free of imports because the station's main chunk and the organiser's lazy chunk
 * both use it.
 */
export function downloadTextFile(fileName: string, text: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: some browsers start reading the blob only after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

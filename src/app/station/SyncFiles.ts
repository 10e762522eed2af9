/**
 * Getting an exported tally file off the tablet: a download everywhere, and the system share
 * sheet (e-mail, Nearby Share, AirDrop) where the browser can share files.
 */
import { TALLY_FILE_MIME, type StationExport } from '../../sync/export.ts';
import { downloadTextFile } from '../shared/download.ts';

export function downloadFile({ filename, text }: StationExport): Promise<void> {
  downloadTextFile(filename, text, TALLY_FILE_MIME);
  return Promise.resolve();
}

/** A share function when this browser can share files, otherwise null. */
export function fileSharer(): ((file: StationExport) => Promise<void>) | null {
  if (typeof navigator.canShare !== 'function' || typeof navigator.share !== 'function') {
    return null;
  }
  const asFile = ({ filename, text }: StationExport) =>
    new File([text], filename, { type: TALLY_FILE_MIME });
  const probe = asFile({ filename: 'probe.ddtally', text: '', ballots: 0 });
  if (!navigator.canShare({ files: [probe] })) return null;
  return async (file) => {
    try {
      await navigator.share({ files: [asFile(file)], title: file.filename });
    } catch (cause) {
      // Closing the share sheet is a choice, not a failure.
      if (cause instanceof DOMException && cause.name === 'AbortError') return;
      throw cause;
    }
  };
}

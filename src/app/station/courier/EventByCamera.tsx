/**
 * "Scan the event from the organiser's screen" (docs/camera-transfer.md, "The event by camera"):
 * for a small event, the organiser's screen shows the event package as a moving code; this reads
 * it and hands the text to LoadEventFile's own path (`onPackage`), exactly as if it were the
 * file: the same checks, refusals and question before switching events. The camera screen is a
 * lazy chunk: nothing of the camera or the transfer code loads until a volunteer asks for it.
 */
import { lazy, Suspense, useState } from 'react';
import type { PackageFile } from '../../../sync/event-package.ts';
import { withCameraWords } from '../../i18n/camera-part.ts';
import { useT } from '../../i18n/react.tsx';
import { ChunkBoundary } from '../ChunkBoundary.tsx';

const EventScanner = lazy(() => withCameraWords(import('./EventScanner.tsx')));

export function EventByCamera({ onPackage }: { onPackage: (file: PackageFile) => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <div className="actions">
        <button type="button" className="button secondary" onClick={() => setOpen(true)}>
          {t('station.package.camera.open')}
        </button>
      </div>
    );
  }
  return (
    <ChunkBoundary>
      <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
        <EventScanner
          onPackage={(file) => {
            setOpen(false);
            onPackage(file);
          }}
          onClose={() => setOpen(false)}
        />
      </Suspense>
    </ChunkBoundary>
  );
}

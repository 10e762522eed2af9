/**
 * The page inside the Preview screen's frame (PREVIEW_PAGE_PATH). It asks the organiser's page
 * for the definition, shows the voter's screens on it, and tells that page each time a ballot
 * cast here is dropped. Messages are taken only from the page that framed it, on this origin.
 */
import { useEffect, useState } from 'react';
import type { EventDefinition } from '../../../core/schema.ts';
import { useT } from '../../i18n/react.tsx';
import { isPreviewMessage, type PreviewMessage } from './messages.ts';
import { createPreviewDatabase } from './preview-database.ts';
import { VoterPreview } from './VoterPreview.tsx';

const tellParent = (message: PreviewMessage) =>
  window.parent.postMessage(message, window.location.origin);

export function VoterPreviewPage() {
  const t = useT();
  const [shown, setShown] = useState<{ event: EventDefinition; version: number } | null>(null);
  const [db] = useState(() =>
    createPreviewDatabase(() => tellParent({ type: 'dd-preview-dropped' })),
  );

  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      if (e.origin !== window.location.origin || e.source !== window.parent) return;
      if (isPreviewMessage(e.data) && e.data.type === 'dd-preview-event') {
        const { event, version } = e.data;
        // The same version again (the organiser's page re-sends it) changes nothing.
        setShown((now) => (now?.version === version ? now : { event, version }));
      }
    };
    window.addEventListener('message', onMessage);
    tellParent({ type: 'dd-preview-ready' });
    return () => window.removeEventListener('message', onMessage);
  }, []);

  if (shown === null) return <p className="loading">{t('app.loading')}</p>;
  return <VoterPreview key={shown.version} event={shown.event} db={db} />;
}

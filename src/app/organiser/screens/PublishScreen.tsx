/**
 * Publishing the results (docs/results.md#publishing-results): once the count is final the
 * organiser publishes it to a public page with no login, shows its QR code on the projector, and
 * can save the page as one self-contained HTML file. Publishing again (after a withdrawal, say)
 * replaces what is public; unpublishing takes it down. The server counts its own tally file, so
 * what is published is what `decision-day tally` gives.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import {
  publicationStatusSchema,
  publicResultsPath,
  type PublicationStatus,
} from '../../../core/publication.ts';
import { serverCalls, type ApiResult } from '../api.ts';
import { ProblemText } from '../components/problem-text.tsx';
import { QrImage } from '../components/QrImage.tsx';
import { Button, Callout, LoadProblem, ScreenHeading, ui } from '../components/ui.tsx';
import { fileSlug } from '../download.ts';
import { useEventDetail } from '../editor/queries.ts';
import { useOpenEvent } from '../layout/EventArea.tsx';
import { ApiError, problemOf } from '../session/queries.ts';
import { useSession } from '../session/session.tsx';
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx';
import { useFormat, useT } from '../../i18n/react.tsx';
import { fetchPublication, pageLanguages } from '../../public/public-results.ts';
import styles from './PublishScreen.module.css';

const calls = serverCalls('', (...args) => fetch(...args));

async function unwrap<T>(answer: Promise<ApiResult<T>>): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

/** Keyed on the event's state too: moving it on the lifecycle bar above asks the server again. */
const statusKey = (eventId: string, state = '') =>
  ['event', eventId, 'publication', state] as const;

/** The public page's full address on this server. */
export const publicUrl = (eventId: string): string =>
  new URL(publicResultsPath(import.meta.env.BASE_URL, eventId), window.location.origin).toString();

export function PublishScreen() {
  const t = useT();
  const f = useFormat();
  const { summary } = useOpenEvent();
  const { token, saveFile } = useSession();
  const client = useQueryClient();
  const path = `/events/${encodeURIComponent(summary.id)}/publication`;
  const state = useEventDetail(summary.id).data?.state;
  const status = useQuery({
    queryKey: statusKey(summary.id, state),
    queryFn: () => unwrap(calls.json(path, publicationStatusSchema, token)),
  });
  const change = useMutation({
    mutationFn: (method: 'POST' | 'DELETE') =>
      unwrap(calls.json(path, publicationStatusSchema, token, { method })),
    onSuccess: (answer: PublicationStatus) =>
      client.setQueryData(statusKey(summary.id, state), answer),
  });
  const [confirming, setConfirming] = useState(false);
  const [projecting, setProjecting] = useState(false);
  const [saved, setSaved] = useState<'idle' | 'busy' | 'saved' | 'failed'>('idle');
  const url = publicUrl(summary.id);

  async function download() {
    setSaved('busy');
    try {
      const fetched = await fetchPublication(summary.id);
      if (fetched.kind !== 'ok') throw new Error(fetched.kind);
      const { selfContainedHtml } = await import('../../public/static-page.tsx');
      const { publication } = fetched;
      const html = await selfContainedHtml(publication, pageLanguages(publication), { url });
      saveFile(`${fileSlug(summary.name)}-results.html`, html, 'text/html;charset=utf-8');
      setSaved('saved');
    } catch {
      setSaved('failed');
    }
  }

  const heading = (
    <ScreenHeading
      title={t('organiser.title.event', { screen: t('results.publish.nav'), event: summary.name })}
    >
      {t('results.publish.title')}
    </ScreenHeading>
  );
  if (status.data === undefined) {
    return (
      <>
        {heading}
        {status.isError ? (
          <LoadProblem error={status.error} onRetry={() => void status.refetch()} />
        ) : (
          <p role="status">{t('results.publish.loading')}</p>
        )}
      </>
    );
  }
  const s = status.data;
  const final = s.state === 'final';
  return (
    <>
      {heading}
      <p>{t('results.publish.intro')}</p>
      {!final && (
        <Callout role="status">
          {t('results.publish.not-final', { state: t(`editor.state.${s.state}`) })}
        </Callout>
      )}
      {s.published !== null && (
        <Callout kind="success" role="status">
          {t('results.publish.published', {
            date: f.dateTime(new Date(s.published.publishedAt)),
            count: s.published.ballotsCounted,
          })}
        </Callout>
      )}
      {s.published !== null && s.changed && (
        <Callout kind="warning" role="status">
          {t('results.publish.changed')}
        </Callout>
      )}
      {change.isError && (
        <Callout kind="error" role="alert">
          <ProblemText problem={problemOf(change.error)} />
        </Callout>
      )}
      <p className={`${ui.actions} ${ui.noPrint}`}>
        {final && (
          <Button
            primary
            onClick={() => change.mutate('POST')}
            busy={change.isPending}
            busyLabel={t('results.publish.working')}
          >
            {s.published === null ? t('results.publish.publish') : t('results.publish.again')}
          </Button>
        )}
        {s.published !== null && (
          <Button onClick={() => setConfirming(true)}>{t('results.publish.unpublish')}</Button>
        )}
      </p>
      {s.published !== null && (
        <section className={styles['link']} aria-labelledby="publish-link-title">
          <h2 id="publish-link-title">{t('results.publish.link.title')}</h2>
          <p>
            <a href={url} className={styles['url']} dir="ltr">
              {url}
            </a>
          </p>
          <QrImage
            url={url}
            className={styles['qr']}
            alt={t('results.publish.qr.alt', { url })}
            loadingText={t('results.publish.qr.loading')}
            failedText={t('results.publish.qr.failed')}
          />
          <p className={ui.actions}>
            <Button onClick={() => setProjecting(true)}>{t('results.publish.project')}</Button>
            <Button
              onClick={() => void download()}
              busy={saved === 'busy'}
              busyLabel={t('results.publish.working')}
            >
              {t('results.public.download')}
            </Button>
          </p>
          <p className={ui.hint}>{t('results.publish.file.hint')}</p>
          <p role="status">
            {saved === 'saved' && t('results.public.download.saved')}
            {saved === 'failed' && t('results.public.download.failed')}
          </p>
        </section>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('results.publish.unpublish.title')}
          keepLabel={t('results.publish.unpublish.keep')}
          confirmLabel={t('results.publish.unpublish')}
          onKeep={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            change.mutate('DELETE');
          }}
        >
          {t('results.publish.unpublish.body')}
        </ConfirmDialog>
      )}
      {projecting && (
        <ProjectorView url={url} name={summary.name} onClose={() => setProjecting(false)} />
      )}
    </>
  );
}

/** The public link for a room: a big QR code, the address and the event's name, full screen. */
function ProjectorView({ url, name, onClose }: { url: string; name: string; onClose: () => void }) {
  const t = useT();
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  const [opener] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );

  useEffect(() => {
    const root = document.getElementById('root');
    root?.setAttribute('inert', '');
    closeRef.current?.focus();
    // Full screen is asked for but optional (refused without a gesture, or by a kiosk policy).
    document.documentElement.requestFullscreen?.().catch(() => undefined);
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      root?.removeAttribute('inert');
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
      opener?.focus();
    };
  }, [onClose, opener]);

  return createPortal(
    <div className={styles['projector']} role="dialog" aria-modal="true" aria-labelledby={titleId}>
      <h2 id={titleId}>{name}</h2>
      <p>{t('results.publish.projector.lead')}</p>
      <QrImage
        url={url}
        size={480}
        className={styles['bigQr']}
        alt={t('results.publish.qr.alt', { url })}
        loadingText={t('results.publish.qr.loading')}
        failedText={t('results.publish.qr.failed')}
      />
      <p className={styles['bigUrl']} dir="ltr">
        {url}
      </p>
      <button ref={closeRef} type="button" className={styles['close']} onClick={onClose}>
        {t('results.publish.projector.close')}
      </button>
    </div>,
    document.body,
  );
}

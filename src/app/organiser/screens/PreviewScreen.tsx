/**
 * Preview: the voter's screens as a station shows them, on the event's saved definition, inside a
 * tablet-sized frame (1180 × 820, scaled to fit) or a phone-sized one (390 × 844). The frame is a
 * page of its own (preview/VoterPreviewPage.tsx), so the voter's language and display options
 * change inside it only; casting there checks the ballot and stores nothing, anywhere.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { checkEventDefinition } from '../../../core/event-check.ts';
import { useFormat, useT } from '../../i18n/react.tsx';
import { Button, Callout } from '../components/ui.tsx';
import type { EventDetail } from '../editor-api.ts';
import { EditorFrame } from '../editor/frame.tsx';
import { eventProblemText, withNames } from '../editor/problems.ts';
import { useOpenEvent } from '../layout/EventArea.tsx';
import { isPreviewMessage, PREVIEW_PAGE_PATH, type PreviewMessage } from '../preview/messages.ts';
import styles from './PreviewScreen.module.css';

/** The screens a voter may meet, in CSS pixels: a landscape tablet and a phone. */
export const PREVIEW_DEVICES = {
  tablet: { width: 1180, height: 820 },
  phone: { width: 390, height: 844 },
} as const;
type Device = keyof typeof PREVIEW_DEVICES;

export function PreviewScreen() {
  const { summary } = useOpenEvent();
  return (
    <EditorFrame eventId={summary.id} screen="preview">
      {(detail) => <Preview detail={detail} />}
    </EditorFrame>
  );
}

function Preview({ detail }: { detail: EventDetail }) {
  const t = useT();
  const f = useFormat();
  // On a phone-sized screen, a phone-sized frame is the one that can be read.
  const [device, setDevice] = useState<Device>(() =>
    window.innerWidth < PREVIEW_DEVICES.tablet.width / 2 ? 'phone' : 'tablet',
  );
  const [run, setRun] = useState(0);
  const [dropped, setDropped] = useState(0);
  const countDropped = useCallback(() => setDropped((n) => n + 1), []);
  const definition = detail.definition;
  const errors = checkEventDefinition(definition).problems.filter((p) => p.level === 'error');

  return (
    <>
      <Callout kind="warning" className={styles['label']}>
        <p>
          <strong>{t('organiser.preview.label')}</strong>
        </p>
        <p>{t('organiser.preview.explain', { version: detail.version })}</p>
      </Callout>
      {errors.length > 0 ? (
        <Callout kind="error" role="alert">
          <p>{t('organiser.preview.problems')}</p>
          <ul>
            {errors.map((p, i) => (
              <li key={i}>{eventProblemText(t, withNames(p, definition, f.money))}</li>
            ))}
          </ul>
        </Callout>
      ) : (
        <>
          <div className={styles['controls']}>
            <div
              role="group"
              aria-label={t('organiser.preview.device')}
              className={styles['devices']}
            >
              {(Object.keys(PREVIEW_DEVICES) as Device[]).map((d) => (
                <Button key={d} aria-pressed={device === d} onClick={() => setDevice(d)}>
                  {t(`organiser.preview.device.${d}`, PREVIEW_DEVICES[d])}
                </Button>
              ))}
            </div>
            <Button onClick={() => setRun((n) => n + 1)}>{t('organiser.preview.restart')}</Button>
          </div>
          <p role="status" className={styles['status']}>
            {dropped > 0 && t('organiser.preview.dropped', { count: dropped })}
          </p>
          <DeviceFrame key={run} device={device} detail={detail} onDropped={countDropped} />
        </>
      )}
    </>
  );
}

interface DeviceFrameProps {
  device: Device;
  detail: EventDetail;
  onDropped: () => void;
}

/** The frame at the device's size in CSS pixels, scaled down (never up) to the space there is. */
function DeviceFrame({ device, detail, onDropped }: DeviceFrameProps) {
  const t = useT();
  const { width, height } = PREVIEW_DEVICES[device];
  const outer = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const [room, setRoom] = useState<number>(width);
  // The frame's border (4px each side) is room too.
  const scale = Math.max(0.1, Math.min(1, (room - 8) / width));
  useLayoutEffect(() => {
    const box = outer.current;
    if (box === null) return;
    const measure = () => setRoom(box.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const message: PreviewMessage = {
      type: 'dd-preview-event',
      event: detail.definition,
      version: detail.version,
    };
    const send = () => frame.current?.contentWindow?.postMessage(message, window.location.origin);
    const onMessage = (e: MessageEvent) => {
      if (e.origin !== window.location.origin || e.source !== frame.current?.contentWindow) return;
      if (!isPreviewMessage(e.data)) return;
      if (e.data.type === 'dd-preview-ready') send();
      if (e.data.type === 'dd-preview-dropped') onDropped();
    };
    window.addEventListener('message', onMessage);
    // A version saved meanwhile (another screen, another organiser) shows at once.
    send();
    return () => window.removeEventListener('message', onMessage);
  }, [detail, onDropped]);

  return (
    <div ref={outer} className={styles['room']}>
      <div
        className={styles['device']}
        style={{ inlineSize: width * scale, blockSize: height * scale }}
      >
        <iframe
          ref={frame}
          key={device}
          className={styles['frame']}
          title={t('organiser.preview.frame', {
            device: t(`organiser.preview.device.${device}`, { width, height }),
          })}
          src={PREVIEW_PAGE_PATH}
          width={width}
          height={height}
          style={{ transform: `scale(${scale})` }}
        />
      </div>
    </div>
  );
}

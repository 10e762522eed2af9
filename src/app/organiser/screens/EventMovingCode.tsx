/**
 * "Show the event as a moving code" (docs/camera-transfer.md, "The event by camera"): for a small
 * event, its package (the file a station loads, pictures included) as an animated QR code that a
 * station being set up reads with its camera — no network, no file. Above MAX_EVENT_CODE_SECONDS
 * of frames it says so and points to the join code or the event file. The transfer code and the
 * QR drawing load only when the organiser asks for the code.
 */
import { useState } from 'react';
import type { Sender } from '../../../sync/transfer/index.ts';
import { serverCalls } from '../api.ts';
import { Button, Callout, LoadProblem, ui } from '../components/ui.tsx';
import { useSession } from '../session/session.tsx';
import { withCameraWords } from '../../i18n/camera-part.ts';
import { useFormat, useT } from '../../i18n/react.tsx';
import { AnimatedQr } from '../../shared/transfer/AnimatedQr.tsx';
import styles from './EventMovingCode.module.css';

/** Same origin: the tally server serves the organiser's app. */
const calls = serverCalls('', (...args) => fetch(...args));

/** Longest a station may need to read the code; longer: the join code or the file instead. */
export const MAX_EVENT_CODE_SECONDS = 60;
/** Frames a receiver needs, per fragment, with frames missed (fountain codes need a few more). */
const FRAMES_PER_PART = 1.5;
/** The moving code's frame rate (src/sync/transfer DEFAULT_FPS, AnimatedQr's default). */
const FPS = 8;

/** Seconds a station needs to read a code of `parts` fragments. */
export const secondsToRead = (parts: number): number => Math.ceil((parts * FRAMES_PER_PART) / FPS);

type Shown =
  | { kind: 'hidden' }
  | { kind: 'preparing' }
  | { kind: 'showing'; sender: Sender; seconds: number }
  | { kind: 'too-large'; seconds: number | null }
  | { kind: 'failed'; error: unknown };

export function EventMovingCode({ eventId, eventName }: { eventId: string; eventName: string }) {
  const t = useT();
  const f = useFormat();
  const { token } = useSession();
  const [shown, setShown] = useState<Shown>({ kind: 'hidden' });

  const show = async () => {
    setShown({ kind: 'preparing' });
    const answer = await calls.call(`/events/${encodeURIComponent(eventId)}/package`, {}, token);
    if (!answer.ok) return setShown({ kind: 'failed', error: answer.error });
    try {
      const text = await answer.value.text();
      // The moving code's words (the camera part) load beside the transfer code.
      const { createSender, TransferTooLarge } = await withCameraWords(
        import('../../../sync/transfer/index.ts'),
      );
      try {
        const sender = await createSender({ kind: 'event', eventId, text });
        const seconds = secondsToRead(sender.parts);
        setShown(
          seconds > MAX_EVENT_CODE_SECONDS
            ? { kind: 'too-large', seconds }
            : { kind: 'showing', sender, seconds },
        );
      } catch (cause) {
        if (!(cause instanceof TransferTooLarge)) throw cause;
        setShown({ kind: 'too-large', seconds: null });
      }
    } catch (error) {
      console.error('The event could not be made into a moving code', error);
      setShown({ kind: 'failed', error });
    }
  };

  return (
    <section aria-labelledby="org-event-code" className={`${ui.section} ${ui.noPrint}`}>
      <h2 id="org-event-code">{t('organiser.event-code.heading')}</h2>
      <p>{t('organiser.event-code.explain')}</p>
      {shown.kind === 'showing' ? (
        <div className={styles['code']}>
          <AnimatedQr
            sender={shown.sender}
            label={t('organiser.event-code.label', { event: eventName })}
            caption={t('organiser.event-code.caption', { seconds: f.number(shown.seconds) })}
          />
          <p className={ui.actions}>
            <Button onClick={() => setShown({ kind: 'hidden' })}>
              {t('organiser.event-code.hide')}
            </Button>
          </p>
        </div>
      ) : (
        <p className={ui.actions}>
          <Button
            onClick={() => void show()}
            busy={shown.kind === 'preparing'}
            busyLabel={t('organiser.event-code.preparing')}
          >
            {t('organiser.event-code.show')}
          </Button>
        </p>
      )}
      {shown.kind === 'too-large' && (
        <Callout kind="warning" role="alert">
          {shown.seconds === null
            ? t('organiser.event-code.too-large-file')
            : t('organiser.event-code.too-large', { seconds: f.number(shown.seconds) })}
        </Callout>
      )}
      {shown.kind === 'failed' && <LoadProblem error={shown.error} />}
    </section>
  );
}

/**
 * The projector view for the fun day: one funded bid at a time, big and high-contrast. Next with
 * the button, Space or the right arrow (the left one in a right-to-left language); back the other
 * way; Escape (or leaving full screen) ends it. Full screen is asked for but optional: some
 * browsers and kiosks refuse it, so the view is also a modal layer over the page, and everything
 * behind it is made inert: Tab cannot walk into hidden controls (WCAG 2.4.3).
 */
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { EventDefinition } from '../../../core/schema.ts';
import type { TallyResult } from '../../../core/tally/types.ts';
import { directionOf, shippedLanguage } from '../../i18n/languages.ts';
import { useFormat, useT } from '../../i18n/react.tsx';
import { BidTitle, useBidTitle, usePotName } from '../results/bid-title.tsx';
import { revealSteps, type RevealStep } from './reveal-steps.ts';
import styles from './RevealView.module.css';

interface Props {
  event: EventDefinition;
  result: TallyResult;
  onClose: () => void;
}

const NEXT_KEYS = new Set([' ', 'PageDown']);
const BACK_KEYS = new Set(['PageUp']);

/** Makes every other child of <body> inert while `layer` is shown; undoes exactly that after. */
function useInertBehind(layer: HTMLElement) {
  useLayoutEffect(() => {
    document.body.append(layer);
    const others = [...document.body.children].filter(
      (el) => el !== layer && !el.hasAttribute('inert'),
    );
    for (const el of others) el.setAttribute('inert', '');
    return () => {
      for (const el of others) el.removeAttribute('inert');
      layer.remove();
    };
  }, [layer]);
}

export function RevealView({ event, result, onClose }: Props) {
  const t = useT();
  const f = useFormat();
  const [steps] = useState(() => revealSteps(event, result));
  const [index, setIndex] = useState(0);
  const [layer] = useState(() => document.createElement('div'));
  const rootRef = useRef<HTMLDivElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const keysId = useId();
  const last = steps.length - 1;
  const next = useCallback(() => setIndex((i) => Math.min(i + 1, last)), [last]);
  const back = useCallback(() => setIndex((i) => Math.max(i - 1, 0)), []);
  const rtl = directionOf(shippedLanguage(f.locale)) === 'rtl';

  // The opener is remembered before the page behind goes inert (which takes focus from it).
  const [opener] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );
  useInertBehind(layer);

  useEffect(() => {
    nextRef.current?.focus();
    const root = rootRef.current;
    let wentFullscreen = false;
    root
      ?.requestFullscreen?.()
      .then(() => {
        wentFullscreen = true;
      })
      .catch(() => {
        // Refused (no user gesture, kiosk policy): the layer still fills the window.
      });
    // The browser itself ends full screen on Escape, so that ends the reveal too.
    const onFullscreenChange = () => {
      if (wentFullscreen && document.fullscreenElement === null) onClose();
    };
    document.addEventListener('fullscreenchange', onFullscreenChange);
    return () => {
      document.removeEventListener('fullscreenchange', onFullscreenChange);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    };
  }, [onClose]);

  // Focus goes back to whatever opened the reveal, once the page behind is live again.
  useEffect(() => () => opener?.focus(), [opener]);

  useEffect(() => {
    const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
    const backward = rtl ? 'ArrowRight' : 'ArrowLeft';
    const onKey = (e: KeyboardEvent) => {
      // A focused button handles its own Space; handling it here too would skip a bid.
      if (e.key === ' ' && e.target instanceof HTMLButtonElement) return;
      if (e.key === 'Escape') onClose();
      else if (NEXT_KEYS.has(e.key) || e.key === forward) next();
      else if (BACK_KEYS.has(e.key) || e.key === backward) back();
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [next, back, onClose, rtl]);

  const step = steps[index];
  if (step === undefined) throw new Error('Reveal step out of range');
  return createPortal(
    <div
      ref={rootRef}
      className={styles['reveal']}
      role="dialog"
      aria-modal="true"
      aria-label={t('organiser.reveal.label')}
      aria-describedby={keysId}
    >
      <div className={styles['stage']} aria-live="polite">
        <StepView step={step} event={event} />
      </div>
      <p id={keysId} className={styles['keys']}>
        {t(rtl ? 'organiser.reveal.keys-rtl' : 'organiser.reveal.keys')}
      </p>
      <div className={styles['controls']}>
        {/* aria-disabled, not disabled: the focused button must keep focus at either end. */}
        <button type="button" onClick={back} aria-disabled={index === 0}>
          {t('organiser.reveal.back')}
        </button>
        <button ref={nextRef} type="button" onClick={next} aria-disabled={index === last}>
          {index === 0 ? t('organiser.reveal.first') : t('organiser.reveal.next')}
        </button>
        <button type="button" onClick={onClose}>
          {t('organiser.reveal.end')}
        </button>
      </div>
    </div>,
    layer,
  );
}

function StepView({ step, event }: { step: RevealStep; event: EventDefinition }) {
  const t = useT();
  const f = useFormat();
  const title = useBidTitle(event);
  const potName = usePotName(event);
  const money = (minor: number) => f.money(minor, event.currency);
  switch (step.kind) {
    case 'intro':
      return (
        <>
          <h2>{step.eventName}</h2>
          <p>{t('organiser.reveal.intro', { count: step.ballots })}</p>
        </>
      );
    case 'bid':
      return (
        <>
          <p className={styles['count']}>
            {t('organiser.reveal.bid-count', {
              number: f.number(step.number),
              of: f.number(step.of),
              pot: potName(step.potId).text,
            })}
          </p>
          <h2>
            <BidTitle title={title(step.bidId)} />
          </h2>
          <p>{step.group}</p>
          <p className={styles['amount']}>{money(step.amount)}</p>
        </>
      );
    case 'done':
      return (
        <>
          <h2>{t('organiser.reveal.thanks')}</h2>
          <p>{t('organiser.reveal.totals', { count: step.funded, spent: money(step.spent) })}</p>
        </>
      );
  }
}

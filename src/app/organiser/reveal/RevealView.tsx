/**
 * The projector view for the fun day: one funded bid at a time, big and high-contrast. Next with
 * the button, Space or the right arrow; back with the left arrow; Escape (or leaving full screen)
 * ends it. Full screen is asked for but optional: some browsers and kiosks refuse it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatMoney } from '../../../core/money.ts';
import type { EventDefinition } from '../../../core/schema.ts';
import type { TallyResult } from '../../../core/tally/types.ts';
import { revealSteps, type RevealStep } from './reveal-steps.ts';

interface Props {
  event: EventDefinition;
  result: TallyResult;
  onClose: () => void;
}

const NEXT_KEYS = new Set([' ', 'ArrowRight', 'PageDown']);
const BACK_KEYS = new Set(['ArrowLeft', 'PageUp']);

export function RevealView({ event, result, onClose }: Props) {
  const [steps] = useState(() => revealSteps(event, result));
  const [index, setIndex] = useState(0);
  const rootRef = useRef<HTMLDivElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const last = steps.length - 1;
  const next = useCallback(() => setIndex((i) => Math.min(i + 1, last)), [last]);
  const back = useCallback(() => setIndex((i) => Math.max(i - 1, 0)), []);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    nextRef.current?.focus();
    const root = rootRef.current;
    let wentFullscreen = false;
    root
      ?.requestFullscreen?.()
      .then(() => {
        wentFullscreen = true;
      })
      .catch(() => {
        // Refused (no user gesture, kiosk policy): the overlay still fills the window.
      });
    // The browser itself ends full screen on Escape, so that ends the reveal too.
    const onFullscreenChange = () => {
      if (wentFullscreen && document.fullscreenElement === null) onClose();
    };
    document.addEventListener('fullscreenchange', onFullscreenChange);
    return () => {
      document.removeEventListener('fullscreenchange', onFullscreenChange);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
      opener?.focus();
    };
  }, [onClose]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A focused button handles its own Space; handling it here too would skip a bid.
      if (e.key === ' ' && e.target instanceof HTMLButtonElement) return;
      if (e.key === 'Escape') onClose();
      else if (NEXT_KEYS.has(e.key)) next();
      else if (BACK_KEYS.has(e.key)) back();
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [next, back, onClose]);

  const step = steps[index];
  if (step === undefined) throw new Error('Reveal step out of range');
  return (
    <div
      ref={rootRef}
      className="org-reveal"
      role="dialog"
      aria-modal="true"
      aria-label="Results reveal"
    >
      <div className="org-reveal-stage" aria-live="polite">
        <StepView step={step} event={event} />
      </div>
      <div className="org-reveal-controls">
        <button type="button" onClick={back} disabled={index === 0}>
          Back
        </button>
        <button ref={nextRef} type="button" onClick={next} disabled={index === last}>
          {index === 0 ? 'Reveal the first bid' : 'Next'}
        </button>
        <button type="button" onClick={onClose}>
          End the reveal
        </button>
      </div>
    </div>
  );
}

function StepView({ step, event }: { step: RevealStep; event: EventDefinition }) {
  const money = (minor: number) => formatMoney(minor, event.currency, event.locale);
  switch (step.kind) {
    case 'intro':
      return (
        <>
          <h2>{step.eventName}</h2>
          <p>{step.ballots.toLocaleString('en-GB')} ballots counted. Here are the funded bids.</p>
        </>
      );
    case 'bid':
      return (
        <>
          <p className="org-reveal-count">
            Funded bid {step.number} of {step.of} · {step.potName}
          </p>
          <h2>{step.title}</h2>
          <p>{step.group}</p>
          <p className="org-reveal-amount">{money(step.amount)}</p>
        </>
      );
    case 'done':
      return (
        <>
          <h2>Thank you for voting!</h2>
          <p>
            {step.funded} bid{step.funded === 1 ? '' : 's'} funded, {money(step.spent)} in all.
          </p>
        </>
      );
  }
}

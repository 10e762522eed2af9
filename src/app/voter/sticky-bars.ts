/**
 * Keeps the focused control clear of the sticky bars (the tray at the top of the ballot, the
 * actions at the bottom), WCAG 2.4.11. The bars' heights go into `--sticky-top` and
 * `--sticky-bottom`, which the page's `scroll-padding-block` uses when the browser scrolls a
 * focused element into view; and after each focus change the control is checked and, if a bar
 * still covers any of it, the page scrolls just enough to show it whole.
 */
import { useEffect } from 'react';

/** Room left between a focused control and a bar, for the focus ring. */
const MARGIN = 12;

function stuckBars(selector: string): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(selector)].filter(
    (bar) =>
      getComputedStyle(bar).position === 'sticky' || getComputedStyle(bar).position === 'fixed',
  );
}

function measure(): { top: number; bottom: number } {
  const top = Math.max(0, ...stuckBars('.sticky-top').map((b) => b.getBoundingClientRect().height));
  const bottom = Math.max(
    0,
    ...stuckBars('.sticky-bottom').map((b) => b.getBoundingClientRect().height),
  );
  const root = document.documentElement.style;
  root.setProperty('--sticky-top', `${Math.ceil(top + MARGIN)}px`);
  root.setProperty('--sticky-bottom', `${Math.ceil(bottom + MARGIN)}px`);
  return { top, bottom };
}

function uncover(target: Element): void {
  measure();
  const rect = target.getBoundingClientRect();
  let coveredTop = 0;
  for (const bar of stuckBars('.sticky-top')) {
    if (bar.contains(target)) return;
    const box = bar.getBoundingClientRect();
    if (box.top <= 1) coveredTop = Math.max(coveredTop, box.bottom);
  }
  let coveredBottom = window.innerHeight;
  for (const bar of stuckBars('.sticky-bottom')) {
    if (bar.contains(target)) return;
    const box = bar.getBoundingClientRect();
    if (box.bottom >= window.innerHeight - 1) coveredBottom = Math.min(coveredBottom, box.top);
  }
  if (rect.top < coveredTop + MARGIN) {
    window.scrollBy({ top: rect.top - coveredTop - MARGIN, behavior: 'instant' });
  } else if (rect.bottom > coveredBottom - MARGIN) {
    window.scrollBy({ top: rect.bottom - coveredBottom + MARGIN, behavior: 'instant' });
  }
}

export function useFocusClearOfBars(): void {
  useEffect(() => {
    let frame = 0;
    const onFocus = (event: FocusEvent) => {
      const target = event.target;
      if (!(target instanceof Element) || target.closest('.modal')) return;
      cancelAnimationFrame(frame);
      // After the browser's own scroll into view.
      frame = requestAnimationFrame(() => uncover(target));
    };
    const onResize = () => measure();
    document.addEventListener('focusin', onFocus);
    window.addEventListener('resize', onResize);
    measure();
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('focusin', onFocus);
      window.removeEventListener('resize', onResize);
      document.documentElement.style.removeProperty('--sticky-top');
      document.documentElement.style.removeProperty('--sticky-bottom');
    };
  }, []);
}

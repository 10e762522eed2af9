/**
 * What the voter specs share: a set-up station on the welcome screen, the language buttons,
 * a screenshot helper, and measurements of what is on screen (sideways scroll, covered focus).
 */
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setUpStation } from './station.ts';

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  'tablet-portrait': { width: 820, height: 1180 },
  'tablet-landscape': { width: 1180, height: 820 },
} as const;

/** A fresh station, set up, on the welcome screen. */
export async function freshStation(page: Page): Promise<void> {
  await page.goto('/');
  await setUpStation(page);
}

/** Picks a language on the welcome screen by its own name, and waits for the page to switch. */
export async function chooseLanguage(page: Page, name: string, lang: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

/** Screenshots for people to look at: written only when VOTER_SHOTS names a folder. */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env['VOTER_SHOTS'];
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}

/** How far the page scrolls sideways (0 when it fits). */
export function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

/**
 * Whether the focused element is fully in view: inside the viewport, and not under a bar that
 * stays on screen (any sticky or fixed element that does not contain it). Returns a description of
 * the problem, or '' when all is well. `afterFrames` frames are let pass first (in the page, in
 * the same call: a keyboard walk asks this after every key, and each call to the page costs a
 * round trip), so a control the page scrolls clear in its next frame is judged where it ends up.
 */
export function focusCovered(page: Page, afterFrames = 0): Promise<string> {
  return page.evaluate(async (frames) => {
    for (let i = 0; i < frames; i++) await new Promise((done) => requestAnimationFrame(done));
    const el = document.activeElement;
    if (!el || el === document.body) return '';
    const r = el.getBoundingClientRect();
    const label = `${el.tagName} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;
    if (r.top < -0.5 || r.bottom > window.innerHeight + 0.5) {
      return `${label} is outside the viewport (${r.top}–${r.bottom} of ${window.innerHeight})`;
    }
    for (const bar of document.querySelectorAll<HTMLElement>('body *')) {
      const position = getComputedStyle(bar).position;
      if (position !== 'sticky' && position !== 'fixed') continue;
      if (bar.contains(el) || bar.closest('.modal-backdrop')) continue;
      const b = bar.getBoundingClientRect();
      const overlap = Math.min(r.bottom, b.bottom) - Math.max(r.top, b.top);
      const across = Math.min(r.right, b.right) - Math.max(r.left, b.left);
      if (overlap > 0.5 && across > 0.5) {
        return `${label} (${Math.round(r.top)}–${Math.round(r.bottom)}) is under a ${position} bar (${Math.round(b.top)}–${Math.round(b.bottom)})`;
      }
    }
    return '';
  }, afterFrames);
}

/** Controls smaller than 44×44 CSS px; a control inside a label is measured by its label. */
export function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      'button, a[href], input:not([type="hidden"]), select, textarea, [role="button"]',
    );
    for (const control of controls) {
      if (control.closest('.visually-hidden')) continue;
      const target = control.closest('label') ?? control;
      const r = target.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not shown
      if (r.width < 43.5 || r.height < 43.5) {
        small.push(
          `${control.tagName} "${(control.getAttribute('aria-label') ?? target.textContent ?? '').trim().slice(0, 40)}" ${Math.round(r.width)}×${Math.round(r.height)}`,
        );
      }
    }
    return small;
  });
}

/**
 * Text at 200 %, as a person sets it in the browser: the default font size doubled through the
 * DevTools protocol, so `rem`, `em` and `em` media queries all follow it.
 */
export async function doubleBrowserText(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
}

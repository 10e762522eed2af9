/**
 * Accessibility check with axe-core against the WCAG 2.x A and AA rules (2.2 included). The
 * failure message names each rule, why it matters and the elements, so a red test says what to fix.
 *
 * axe runs in the page itself, as @axe-core/playwright's legacy mode does, but its source is put in
 * a frame only when the frame does not have it yet (a screen reached without reloading keeps it)
 * and only the violations come back. The builder's default mode puts the 550 KB source in again on
 * every check and finishes each one in a new blank page: measured side by side on the organiser's
 * Results screen, 1.6–2.1 s a check against 1.0 s in legacy mode (Stations: 1.3 s against 0.7).
 * The suite makes hundreds of these checks.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Frame, type Page } from '@playwright/test';
import type { AxeResults, Result, RunOptions } from 'axe-core';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeWindow {
  axe?: { run: (context: Document, options: RunOptions) => Promise<AxeResults> };
}

/** Puts axe in the frame unless it is there already. */
async function withAxe(frame: Frame): Promise<void> {
  const has = await frame.evaluate(() => typeof (window as AxeWindow).axe?.run === 'function');
  if (!has) await frame.evaluate(AXE_SOURCE);
}

/** The page's violations of the WCAG A and AA rules, its same-origin frames' included. */
export async function axeViolations(page: Page): Promise<Result[]> {
  // Every frame gets axe, so the top frame's run can ask them (the organiser's Preview is one).
  for (const frame of page.frames()) await withAxe(frame);
  return page.evaluate(async (tags) => {
    const axe = (window as AxeWindow).axe;
    if (axe === undefined) throw new Error('axe is not in the page');
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return results.violations;
  }, WCAG_TAGS);
}

export async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  const violations = await axeViolations(page);
  const described = violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}\n` +
      v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n'),
  );
  expect(described, `axe violations on the ${screen} screen`).toEqual([]);
}

/**
 * Accessibility check with axe-core against the WCAG 2.x A and AA rules (2.2 included). The
 * failure message names each rule, why it matters and the elements, so a red test says what to fix.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** `page` must come from browser.newContext() (the `page` fixture is): axe needs that context. */
export async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const described = violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}\n` +
      v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n'),
  );
  expect(described, `axe violations on the ${screen} screen`).toEqual([]);
}

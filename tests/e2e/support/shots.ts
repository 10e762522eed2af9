/** Full-page pictures of a screen at tablet landscape (1280×800) and phone (390×844) sizes. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

/**
 * Where a spec saves its pictures for a person to look at, only when E2E_SHOTS names a folder (a
 * sub-folder each): a CI run has no one to look at them, and each full-page picture costs time.
 */
export function askedShotsDir(sub: string): string | undefined {
  const root = process.env['E2E_SHOTS'];
  return root === undefined || root === '' ? undefined : join(root, sub);
}

/** `dir/name-tablet.png` and `dir/name-phone.png`; nothing when `dir` is undefined (not asked). */
export async function shotsAt(dir: string | undefined, page: Page, name: string): Promise<void> {
  if (dir === undefined) return;
  mkdirSync(dir, { recursive: true });
  for (const [label, viewport] of [
    ['tablet', { width: 1280, height: 800 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `${dir}/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/**
 * The app can be installed on a tablet, and every picture a voter sees ships with it: the web app
 * manifest is linked and complete, its icons are real images of the stated size, and each demo
 * bid's picture loads from the app's own origin.
 */
import { expect, test, type Page } from '@playwright/test';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

/** Loads an image in the page and returns its natural size; 0×0 if it is not a usable image. */
async function imageSize(page: Page, src: string) {
  return page.evaluate(
    (url) =>
      new Promise<{ width: number; height: number }>((resolve) => {
        const img = new Image();
        img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight });
        img.onerror = () => resolve({ width: 0, height: 0 });
        img.src = url;
      }),
    src,
  );
}

test('the page links a manifest a browser can install from', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href, 'index.html links no web app manifest').not.toBeNull();
  const response = await request.get(new URL(href ?? '', page.url()).href);
  expect(response.ok()).toBe(true);
  const manifest = (await response.json()) as Record<string, unknown>;

  expect(manifest['name']).toBe('Decision Day');
  expect(manifest['display']).toBe('standalone');
  expect(manifest['start_url']).toBeTruthy();
  expect(manifest['theme_color']).toMatch(/^#[0-9a-f]{6}$/i);

  const icons = manifest['icons'] as ManifestIcon[];
  const png = (size: number, purpose?: string) =>
    icons.find(
      (i) => i.sizes === `${size}x${size}` && i.type === 'image/png' && i.purpose === purpose,
    );
  // Chromium's install criteria: a 192 and a 512 PNG; Android also wants a maskable one.
  for (const icon of [png(192), png(512), png(512, 'maskable')]) {
    expect(icon, JSON.stringify(icons)).toBeDefined();
    const size = await imageSize(page, new URL(icon?.src ?? '', response.url()).href);
    expect(`${size.width}x${size.height}`).toBe(icon?.sizes);
  }
});

test('every demo bid has a small picture served from the app itself', async ({ page, request }) => {
  await page.goto('/');
  for (const bid of DEMO_EVENT.bids) {
    expect(bid.image, `bid ${bid.id} has no image`).toBeDefined();
    const url = new URL(bid.image ?? '', page.url()).href;
    const response = await request.get(url);
    expect(response.ok(), `${url} → ${response.status()}`).toBe(true);
    const svg = await response.text();
    expect(svg.length, `${bid.image} is too big for a tablet on a slow link`).toBeLessThan(
      3 * 1024,
    );
    // A picture that fetches anything else would break offline and leak the voter's IP.
    expect(svg).not.toMatch(/(href|src)\s*=\s*["'](https?:)?\/\//i);
    const size = await imageSize(page, url);
    expect(size.width, `${bid.image} does not render`).toBeGreaterThan(0);
  }
});

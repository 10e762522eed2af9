/** Waiting for the app's service worker, so "works offline" is tested only once it can be true. */
import type { Page } from '@playwright/test';

/**
 * Resolves once a service worker controls the page (the app registers it after loading, and
 * `clientsClaim` makes it take this first visit over without a reload).
 */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise((resolve) =>
      navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
    );
  });
}

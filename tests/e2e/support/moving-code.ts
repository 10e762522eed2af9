/** Reading a moving QR code off a page in the browser tests (the station's or the organiser's). */
import { expect, type Page } from '@playwright/test';

/** `count` frames of the moving code on the page (AnimatedQr's data-frame), as they change. */
export async function framesOnScreen(page: Page, count: number): Promise<string[]> {
  const canvas = page.locator('canvas[data-frame]');
  await expect(canvas).toBeVisible();
  return canvas.evaluate(
    (element, wanted) =>
      new Promise<string[]>((resolve) => {
        const frames: string[] = [];
        const take = () => {
          frames.push(element.getAttribute('data-frame') ?? '');
          if (frames.length < wanted) return;
          observer.disconnect();
          resolve(frames);
        };
        const observer = new MutationObserver(take);
        observer.observe(element, { attributes: true, attributeFilter: ['data-frame'] });
        take();
      }),
    count,
  );
}

/** Reading a moving QR code off a page in the browser tests (the station's or the organiser's). */
import { expect, type Page } from '@playwright/test';

/**
 * Frames a looped test video needs at least, a quarter of them dropped: a looped video repeats
 * its frames where a station's fountain never does. With 40, an 11-part transfer (3 ballots with
 * the demo event) could not finish in 1 run of 60 (simulated in Node); with 80, in none of 200.
 */
export const VIDEO_FRAMES = 80;

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

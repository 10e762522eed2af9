/**
 * The browser-test helpers themselves: a check that cannot fail proves nothing, so each one is
 * shown failing on a page made to fail it.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.ts';
import { readStore } from './support/indexeddb.ts';

test('the axe check fails on an unlabelled field and an image without alt text', async ({
  page,
}) => {
  await page.setContent(
    '<html><body><main><input type="text"><img src="x.png"></main></body></html>',
  );
  const failure = await expectNoAxeViolations(page, 'broken').then(
    () => 'no failure',
    (error: Error) => error.message,
  );
  expect(failure).toContain('label');
  expect(failure).toContain('image-alt');
});

test('the axe check looks inside a frame, and checks a page again after it changes', async ({
  page,
}) => {
  const failureOf = (check: Promise<void>) =>
    check.then(
      () => 'no failure',
      (error: Error) => error.message,
    );
  // A page of the app's own origin (as the organiser's Preview frame is), its body replaced.
  await page.goto('/organiser');
  await page.evaluate(() => {
    document.body.innerHTML =
      '<main><h1>Outer</h1><iframe title="Inner" srcdoc="<html lang=en><head><title>Inner' +
      '</title></head><body><main><input type=text></main></body></html>"></iframe></main>';
  });
  await expect(page.frameLocator('iframe').locator('input')).toBeVisible();
  expect(await failureOf(expectNoAxeViolations(page, 'framed'))).toContain('label');

  // Without the frame the page passes; then, with axe already in the page, a new fault is found.
  await page.evaluate(() => document.querySelector('iframe')?.remove());
  expect(await failureOf(expectNoAxeViolations(page, 'fine'))).toBe('no failure');
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.src = 'x.png';
    document.querySelector('main')?.append(img);
  });
  expect(await failureOf(expectNoAxeViolations(page, 'changed'))).toContain('image-alt');
});

test('reading an absent database gives no rows and does not create it', async ({ page }) => {
  await page.goto('/icons/icon.svg');
  expect(await readStore(page, 'ballots', 'no-such-database')).toEqual([]);
  const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(names).not.toContain('no-such-database');
});

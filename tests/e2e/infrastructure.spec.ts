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

test('reading an absent database gives no rows and does not create it', async ({ page }) => {
  await page.goto('/icons/icon.svg');
  expect(await readStore(page, 'ballots', 'no-such-database')).toEqual([]);
  const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(names).not.toContain('no-such-database');
});

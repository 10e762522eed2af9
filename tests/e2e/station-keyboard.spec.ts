/**
 * A voter who cannot use a touch screen or a mouse casts a whole ballot with Tab, Space and
 * Enter alone (a switch device or a keyboard at an accessible station), and it is stored.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readStore } from './support/indexeddb.ts';
import { demoBid, expectWelcome, setUpStation, THANK_YOU } from './support/station.ts';

/** Presses Tab until `target` has the focus; fails if it is not reachable that way. */
async function tabTo(page: Page, target: Locator, most = 60): Promise<void> {
  for (let presses = 0; presses < most; presses += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Could not reach ${target.toString()} with ${most} presses of Tab.`);
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

test('a whole ballot can be cast with Tab, Space and Enter only', async ({ page }) => {
  await page.goto('/');
  // Set-up is the volunteer's job, before any voter; from here on, keys only.
  await setUpStation(page);
  const chosen = ['Warm space winter lunches', 'Mural for the bus shelter'];

  await tabTo(page, page.getByRole('button', { name: 'Start voting' }));
  await page.keyboard.press('Enter');
  await expect(heading(page, 'The projects')).toBeVisible();

  await tabTo(page, page.getByRole('button', { name: 'Next: choose projects' }));
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Choose projects')).toBeVisible();

  for (const title of chosen) {
    const box = page.getByRole('checkbox', { name: title });
    await tabTo(page, box);
    await page.keyboard.press('Space');
    await expect(box).toBeChecked();
  }

  await tabTo(page, page.getByRole('button', { name: 'Next: check your choices' }));
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Check your choices')).toBeVisible();
  for (const title of chosen) await expect(page.getByText(title)).toBeVisible();

  await tabTo(page, page.getByRole('button', { name: 'Cast my vote' }));
  await page.keyboard.press('Enter');
  await expect(heading(page, THANK_YOU)).toBeVisible();

  await tabTo(page, page.getByRole('button', { name: 'Finish' }));
  await page.keyboard.press('Space');
  await expectWelcome(page);

  const ballots = (await readStore(page, 'ballots')) as { choice: { bids: string[] } }[];
  expect(ballots).toHaveLength(1);
  expect(ballots[0]?.choice.bids.toSorted()).toEqual(chosen.map((t) => demoBid(t).id).toSorted());
});

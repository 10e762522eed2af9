/**
 * What an organiser does and reads on the organiser screens (/organiser), in the words on the
 * screen. Results are read from the page as a person sees them (bid titles, "Funded", "£…"), so
 * a spec can hold them against the command line's independent count.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { DEMO_EVENT } from '../../../src/core/demo-event.ts';
import type { EventDefinition } from '../../../src/core/schema.ts';
import { ORGANISER_PASSWORD } from './server.ts';

/** The first account, made at the server's first start (its password: ORGANISER_PASSWORD). */
export const ORGANISER_NAME = 'organiser';

/** Fills the sign-in form with an account's name and password and sends it. */
export async function fillSignIn(
  page: Page,
  name = ORGANISER_NAME,
  password = ORGANISER_PASSWORD,
): Promise<void> {
  await page.getByLabel('Your name', { exact: true }).fill(name);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Signs in and opens the demo event, whose stations screen comes first. */
export async function signIn(page: Page, serverUrl: string): Promise<void> {
  await page.goto(`${serverUrl}/organiser`);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to organise' })).toBeVisible();
  await fillSignIn(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Events' })).toBeVisible();
  await page.getByRole('link', { name: DEMO_EVENT.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Stations' })).toBeVisible();
}

/** The event's screens, by their link in its navigation and their heading. */
const SCREEN_HEADINGS = {
  Stations: 'Stations',
  Results: 'Results',
  Exports: 'Exports',
  'Import a station file': 'Import a station’s tally file',
} as const;

/** Opens one of the event's screens from its navigation, as an organiser would. */
export async function openEventScreen(
  page: Page,
  link: keyof typeof SCREEN_HEADINGS,
): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'This event' });
  const current = nav.getByRole('link', { name: link, exact: true });
  if ((await current.getAttribute('aria-current')) !== 'page') await current.click();
  await expect(
    page.getByRole('heading', { level: 1, name: SCREEN_HEADINGS[link], exact: true }),
  ).toBeVisible();
}

/**
 * Opens voting from the Set-up screen, through its confirmation, and waits for the new state.
 * `whileAsked` runs while the confirmation is open (to check or photograph it).
 */
export async function openVoting(
  page: Page,
  whileAsked?: (dialog: Locator) => Promise<void>,
): Promise<void> {
  await page.getByRole('main').getByRole('button', { name: 'Open voting' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Open voting now?' });
  await expect(dialog).toBeVisible();
  await whileAsked?.(dialog);
  await dialog.getByRole('button', { name: 'Open voting' }).click();
  await expect(page.getByText('State: Voting open')).toBeVisible();
}

/** "£30,000" or "£1,234.50" as pence, parsed here rather than with the app's own money code. */
export function pence(shown: string): number {
  const match = /£([\d,]+)(?:\.(\d{2}))?/.exec(shown);
  if (match?.[1] === undefined) throw new Error(`"${shown}" is not an amount in pounds`);
  return Number(match[1].replace(/,/g, '')) * 100 + Number(match[2] ?? '0');
}

export interface ShownPot {
  name: string;
  /** Bid ids the event's own rule funds, as the results table marks them. */
  funded: string[];
  /** Pence. */
  spent: number;
}

/** Opens the results, clicks "Refresh results" and waits until they count `ballots` ballots. */
export async function showResultsFor(page: Page, ballots: number): Promise<void> {
  await openEventScreen(page, 'Results');
  const results = page.getByRole('main');
  await expect(async () => {
    await results.getByRole('button', { name: 'Refresh results' }).click();
    await expect(results.getByText(/ballots? counted\.$/)).toHaveText(
      `${ballots.toLocaleString('en-GB')} ballot${ballots === 1 ? '' : 's'} counted.`,
      { timeout: 2_000 },
    );
  }).toPass({ timeout: 20_000 });
}

/** Each pot's funded bids and spent amount under the event's own rule, as shown. */
export async function readShownResults(
  page: Page,
  event: EventDefinition = DEMO_EVENT,
): Promise<ShownPot[]> {
  const titleToId = new Map(event.bids.map((b) => [b.title, b.id]));
  await openEventScreen(page, 'Results');
  const results = page.getByRole('main');
  const shown: ShownPot[] = [];
  for (const pot of event.pots) {
    const section = results.getByRole('region', { name: pot.name, exact: true });
    const summary = await section.getByText(/^Budget /).textContent();
    const spent = /Spent (£[\d,.]+)/.exec(summary ?? '')?.[1];
    if (spent === undefined) throw new Error(`No spent amount in "${summary ?? ''}"`);
    const funded: string[] = [];
    // The event's rule leads: its column is the first after Bid, Cost and Support.
    for (const row of await section.locator('tbody tr').all()) {
      const title = (await row.getByRole('rowheader').textContent()) ?? '';
      const cells = await row.getByRole('cell').allTextContents();
      if (cells[2] === 'Funded') funded.push(titleToId.get(title) ?? `unknown bid "${title}"`);
    }
    shown.push({ name: pot.name, funded, spent: pence(spent) });
  }
  return shown;
}

/** Moves within the organiser app without a reload (quicker than one; a reload keeps the session). */
export async function goWithin(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

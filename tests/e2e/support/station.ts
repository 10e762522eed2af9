/**
 * What a volunteer and a voter do at a station, in the words on the screen, shared by the station
 * specs and the cast-latency benchmark. A changed label breaks these in one place.
 */
import { expect, type Page } from '@playwright/test';
import { DEMO_EVENT } from '../../../src/core/demo-event.ts';

export const STATION_PIN = '482916';

export const THANK_YOU = 'Thank you. Your vote has been saved.';

/** The demo bid with this title; throws if the demo event has none (a typo in a test). */
export function demoBid(title: string) {
  const bid = DEMO_EVENT.bids.find((b) => b.title === title);
  if (!bid) throw new Error(`The demo event has no bid called "${title}".`);
  return bid;
}

/** First start: name the station and choose the PIN, as far as "This station is ready". */
export async function nameStation(page: Page, name = 'Church hall, table 2'): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Set up this station' })).toBeVisible();
  await page.getByLabel('Station name').fill(name);
  await page.getByLabel('Volunteer PIN', { exact: true }).fill(STATION_PIN);
  await page.getByLabel('Volunteer PIN again').fill(STATION_PIN);
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { name: 'This station is ready' })).toBeVisible();
}

/** First start: name the station and choose the PIN, then go on to the welcome screen. */
export async function setUpStation(page: Page, name = 'Church hall, table 2'): Promise<void> {
  await nameStation(page, name);
  await page.getByRole('button', { name: 'Open the welcome screen' }).click();
  await expectWelcome(page);
}

export async function expectWelcome(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: DEMO_EVENT.name })).toBeVisible();
}

/** From the welcome screen, through the projects, to the choose screen with nothing ticked. */
export async function startBallot(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start voting' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'The projects' })).toBeVisible();
  await page.getByRole('button', { name: 'Next: choose projects' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Choose projects' })).toBeVisible();
}

/** On the choose screen: tick these bids (by title) and go on to the review. */
export async function chooseAndReview(page: Page, titles: readonly string[]): Promise<void> {
  for (const title of titles) await page.getByRole('checkbox', { name: title }).check();
  await page.getByRole('button', { name: 'Next: check your choices' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your choices' })).toBeVisible();
}

/** A whole approval ballot with the mouse, ending back on the welcome screen. */
export async function castBallot(page: Page, titles: readonly string[]): Promise<void> {
  await startBallot(page);
  await chooseAndReview(page, titles);
  await page.getByRole('button', { name: 'Cast my vote' }).click();
  await expect(page.getByRole('heading', { level: 1, name: THANK_YOU })).toBeVisible();
  await page.getByRole('button', { name: 'Finish' }).click();
  await expectWelcome(page);
}

/** Opens the PIN prompt from the welcome screen. */
export async function openPinPrompt(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Volunteer', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Volunteer PIN' })).toBeVisible();
}

export async function unlockVolunteerArea(page: Page, pin = STATION_PIN): Promise<void> {
  await openPinPrompt(page);
  await page.getByLabel('Enter the volunteer PIN').fill(pin);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Volunteer area' })).toBeVisible();
}

export const volunteerHeading = (page: Page) =>
  page.getByRole('heading', { name: 'Volunteer area' });

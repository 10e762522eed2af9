/**
 * A whole decision day, tried as a new organiser and two volunteers would, in the real built app
 * against a real tally server: the organiser builds an event from a spreadsheet of 15 bids, adds
 * two pictures, a second pot and a ballot of two parts (choose up to 3, plus one boost for a youth
 * project), tries it in Preview (nothing stored) and opens voting. One station joins by code; the
 * other never reaches the server and loads the event package from a file, checking the
 * fingerprint. Both vote with no network. The first syncs when the network returns; the second's
 * exported file is imported by the organiser. The results shown per pot equal what
 * `decision-day tally` counts from the central tally file.
 */
import { readFile } from 'node:fs/promises';
import type { FrameLocator, Page } from '@playwright/test';
import type { EventDefinition } from '../../src/core/schema.ts';
import { cliTally, decisionDay } from './support/cli.ts';
import { expect, test } from './support/fixtures.ts';
import {
  goWithin,
  openEventScreen,
  openVoting,
  readShownResults,
  showResultsFor,
} from './support/organiser.ts';
import { ORGANISER_PASSWORD } from './support/server.ts';
import { organiserToken } from '../server/support/tally-server.ts';
import { waitForServiceWorkerControl } from './support/service-worker.ts';
import { setUpStation, THANK_YOU, unlockVolunteerArea } from './support/station.ts';
import { joinFromWelcome, waitingIds } from './support/sync.ts';

const EVENT_NAME = 'Hawick Youth and Community Fund';
const THEMES = ['Youth', 'Environment', 'Community'];
const title = (n: number) => `Project ${n} for Hawick`;
const BIDS_CSV = [
  'Project name,Organisation,Amount requested (£),Theme,Ward,Short description',
  ...Array.from({ length: 15 }, (_, i) => {
    const n = i + 1;
    const cost = n % 4 === 0 ? `"£${n},${String(100 + n).padStart(3, '0')}"` : String(n * 350);
    const ward = n % 2 === 0 ? 'Burnfoot' : 'Wilton';
    return `${title(n)},Group ${n},${cost},${THEMES[i % 3] ?? ''},${ward},"What project ${n} does, briefly"`;
  }),
].join('\r\n');
const PICTURE = readFile(new URL('../../public/icons/icon-192.png', import.meta.url));

/** Each ballot: up to three projects, then at most one youth project boosted. */
const HALL_BALLOTS: [number[], number[]][] = [
  [[1, 2, 3], [1]],
  [[4, 5], [4]],
  [[2, 6], []],
];
const LIBRARY_BALLOTS: [number[], number[]][] = [
  [[1, 7, 8], [7]],
  [[3], [10]],
];

type Screen = Page | FrameLocator;
const h1 = (screen: Screen, name: string | RegExp) =>
  screen.getByRole('heading', { level: 1, name });
/** "Project 1 for Hawick" must not also find "Project 10 for Hawick". */
const bidBox = (screen: Screen, n: number) =>
  screen.getByRole('checkbox', { name: new RegExp(`^${title(n)}(?!\\d)`) });

/** One ballot of two parts through the voter's screens, ending on the thank-you screen. */
async function castTwoParts(
  screen: Screen,
  [choose, boost]: [number[], number[]],
  onBrowse?: () => Promise<void>,
) {
  await screen.getByRole('button', { name: 'Start voting' }).click();
  await expect(h1(screen, 'The projects')).toBeVisible();
  await onBrowse?.();
  await screen.getByRole('button', { name: 'Next: choose projects' }).click();
  await expect(h1(screen, 'Choose up to 3 bids')).toBeVisible();
  await expect(screen.getByText('Part 1 of 2')).toBeVisible();
  for (const n of choose) await bidBox(screen, n).check();
  await screen.getByRole('button', { name: 'Next: One boost' }).click();
  await expect(h1(screen, 'One boost')).toBeVisible();
  // Only youth projects are offered for the boost.
  await expect(screen.getByRole('checkbox')).toHaveCount(5);
  for (const n of boost) await bidBox(screen, n).check();
  await screen.getByRole('button', { name: 'Next: check your choices' }).click();
  await expect(h1(screen, 'Check your choices')).toBeVisible();
  await screen.getByRole('button', { name: 'Cast my vote' }).click();
  await expect(h1(screen, THANK_YOU)).toBeVisible();
}

async function castAtStation(
  page: Page,
  ballot: [number[], number[]],
  onBrowse?: () => Promise<void>,
) {
  await castTwoParts(page, ballot, onBrowse);
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(h1(page, EVENT_NAME)).toBeVisible();
}

/** The save went through; if it did not, the failure shows what the screen said. */
async function expectSaved(page: Page) {
  const saved = page.getByRole('status').filter({ hasText: 'Saved' });
  await expect(saved.or(page.getByRole('alert')).first()).toBeVisible();
  expect(await page.getByRole('alert').allTextContents()).toEqual([]);
}

/** The definition as the server holds it, read beside the screens to map titles to ids. */
async function definitionOnServer(serverUrl: string, id: string): Promise<EventDefinition> {
  const token = await organiserToken({ url: serverUrl }, ORGANISER_PASSWORD);
  const answer = await fetch(`${serverUrl}/api/v1/events/${encodeURIComponent(id)}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return ((await answer.json()) as { definition: EventDefinition }).definition;
}

test('a decision day: built from a spreadsheet, one station online and one from a file, counted as the CLI counts', async ({
  server,
  browser,
  newStation,
  organiser,
}) => {
  test.setTimeout(600_000);
  const desk = organiser;
  await desk.setViewportSize({ width: 1180, height: 820 });

  // ── The organiser builds the event from the spreadsheet
  await goWithin(desk, '/organiser/new');
  await expect(h1(desk, 'New event')).toBeVisible();
  await desk.getByRole('radio', { name: 'A spreadsheet of bids' }).check();
  await desk.getByLabel('Spreadsheet of bids', { exact: true }).setInputFiles({
    name: 'hawick-bids.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(BIDS_CSV, 'utf8'),
  });
  await expect(
    desk.getByText('15 rows read: 15 become bids, 0 problems to look at.'),
  ).toBeVisible();
  await desk.getByRole('textbox', { name: 'Event name' }).fill(EVENT_NAME);
  await desk.getByRole('button', { name: 'Create the event with 15 bids' }).click();
  await expect(h1(desk, 'Set-up')).toBeVisible();
  await expect(desk.getByText('State: Draft')).toBeVisible();
  const eventId = decodeURIComponent(new URL(desk.url()).pathname.split('/')[3] ?? '');
  const nav = desk.getByRole('navigation', { name: 'This event' });

  // Two pictures, each described.
  await nav.getByRole('link', { name: 'Bids', exact: true }).click();
  await expect(desk.getByRole('heading', { name: '15 bids' })).toBeVisible();
  for (const n of [1, 4]) {
    await desk.getByRole('button', { name: `Edit ${title(n)}` }).click();
    await desk.getByLabel('Choose a picture').setInputFiles({
      name: `stall-${n}.png`,
      mimeType: 'image/png',
      buffer: await PICTURE,
    });
    await expect(
      desk.getByText('Picture uploaded. Describe it below, then save the bid.'),
    ).toBeVisible({ timeout: 30_000 });
    await desk
      .getByRole('textbox', { name: 'Describe the picture' })
      .fill(`The stall of group ${n}`);
    await desk.getByRole('button', { name: 'Save bid' }).click();
    await expect(desk.getByText(`Saved “${title(n)}”.`)).toBeVisible();
  }

  // Two pots: the main fund, and one for youth projects only.
  await nav.getByRole('link', { name: 'Pots and rules', exact: true }).click();
  await desk.getByRole('button', { name: 'Add a pot' }).click();
  await desk
    .getByRole('group', { name: /^Pot 1:/ })
    .getByRole('textbox', { name: 'Budget' })
    .fill('13,000');
  const youthPot = desk.getByRole('group', { name: /^Pot 2:/ });
  await youthPot.getByRole('textbox', { name: 'Name', exact: true }).fill('Youth pot');
  await youthPot.getByRole('textbox', { name: 'Budget' }).fill('5000');
  await youthPot.getByRole('radio', { name: 'Bids in these categories' }).check();
  await youthPot.getByRole('checkbox', { name: 'Youth' }).check();
  await desk.getByRole('button', { name: 'Save changes' }).click();
  await expectSaved(desk);

  // A ballot of two parts, from the worked example: the boost is over the first category, Youth.
  await nav.getByRole('link', { name: 'Ballot', exact: true }).click();
  await desk.getByRole('radio', { name: 'Several parts' }).check();
  await desk.getByRole('button', { name: 'Choose 3 plus one boost in a category' }).click();
  await expect(desk.getByRole('group', { name: 'Part 2: One boost' })).toBeVisible();
  await desk.getByRole('button', { name: 'Save changes' }).click();
  await expectSaved(desk);

  // Preview: the real voter screens; the ballot cast there is thrown away.
  await nav.getByRole('link', { name: 'Preview', exact: true }).click();
  await expect(desk.getByText('Preview — nothing is stored')).toBeVisible();
  const frame = desk.frameLocator('iframe');
  await expect(h1(frame, EVENT_NAME)).toBeVisible();
  await castTwoParts(frame, [[1, 2], [1]]);
  await expect(desk.getByRole('status').filter({ hasText: /thrown away/ })).toHaveText(
    '1 ballot was cast in the preview and thrown away: nothing was stored.',
  );

  // Open voting; the fingerprint the stations will show, and the package for the offline one.
  await nav.getByRole('link', { name: 'Set-up', exact: true }).click();
  await expect(desk.getByText(/things? to put right/)).toHaveCount(0);
  await openVoting(desk);
  const fingerprint =
    (await desk
      .locator('[dir="ltr"]', { hasText: /^[0-9A-F]{4}-/ })
      .first()
      .textContent()) ?? '';
  expect(fingerprint).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
  const packaging = desk.waitForEvent('download');
  await desk.getByRole('button', { name: 'Download the event package' }).click();
  const packageFile = await packaging;
  const packageText = await readFile(await packageFile.path(), 'utf8');
  await nav.getByRole('link', { name: 'Stations', exact: true }).click();
  const joinCode =
    (await desk
      .getByRole('region', { name: 'Join code for stations' })
      .locator('p[dir="ltr"]')
      .textContent()) ?? '';
  expect(joinCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{2,}$/);

  // ── The church hall station joins by code, then loses the network
  const hall = await newStation('Church hall');
  await joinFromWelcome(hall.page, joinCode);
  await expect(h1(hall.page, EVENT_NAME)).toBeVisible();
  await hall.context.setOffline(true);

  // ── The library station never reaches the server: the event comes on a file
  const libraryContext = await browser.newContext({ baseURL: server.url });
  try {
    const library = await libraryContext.newPage();
    await library.goto('/');
    await waitForServiceWorkerControl(library);
    await setUpStation(library, 'Library');
    await libraryContext.setOffline(true);
    await libraryContext.route('**/api/**', (route) => route.abort());
    await unlockVolunteerArea(library);
    await library
      .getByRole('region', { name: 'Load event from a file' })
      .getByLabel('Event file')
      .setInputFiles({
        name: packageFile.suggestedFilename(),
        mimeType: 'application/json',
        buffer: Buffer.from(packageText),
      });
    // The volunteer compares this with the organiser's screen.
    await expect(library.getByTestId('fingerprint')).toHaveText(fingerprint);
    await library.getByRole('button', { name: 'Lock and go back to voting' }).click();
    await expect(h1(library, EVENT_NAME)).toBeVisible();

    // ── Both vote with no network
    for (const ballot of HALL_BALLOTS) await castAtStation(hall.page, ballot);
    // The picture the organiser uploaded shows at the library, from the tablet's own storage.
    const pictureShows = async () => {
      const picture = library.getByRole('img', { name: 'The stall of group 1' }).first();
      await expect(picture).toBeVisible();
      await expect
        .poll(() => picture.evaluate((i) => (i as HTMLImageElement).naturalWidth))
        .toBe(192);
    };
    for (const [i, ballot] of LIBRARY_BALLOTS.entries()) {
      await castAtStation(library, ballot, i === 0 ? pictureShows : undefined);
    }
    expect(await waitingIds(hall.page)).toHaveLength(HALL_BALLOTS.length);

    // ── The hall's network returns: its ballots go by themselves
    await hall.context.setOffline(false);
    await expect.poll(() => waitingIds(hall.page), { timeout: 30_000 }).toEqual([]);

    // ── The library's volunteer exports a file; the organiser imports it
    await unlockVolunteerArea(library);
    const exporting = library.waitForEvent('download');
    await library
      .getByRole('button', { name: `Export ${LIBRARY_BALLOTS.length} ballots for ${EVENT_NAME}` })
      .click();
    const exported = await exporting;
    const stationFile = await readFile(await exported.path(), 'utf8');
    await openEventScreen(desk, 'Import a station file');
    const importPanel = desk.getByRole('main');
    await importPanel.getByLabel('Station tally file').setInputFiles({
      name: exported.suggestedFilename(),
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(stationFile),
    });
    await importPanel.getByRole('button', { name: 'Import' }).click();
    await expect(importPanel.getByRole('status')).toHaveText(
      `Imported ${exported.suggestedFilename()}: 2 ballots added, 0 ballots were already there, 0 ballots refused.`,
    );
  } finally {
    await libraryContext.close();
  }

  // ── Results: what the organiser sees equals the command line's count of the central file
  const total = HALL_BALLOTS.length + LIBRARY_BALLOTS.length;
  await showResultsFor(desk, total);
  await openEventScreen(desk, 'Exports');
  const downloading = desk.waitForEvent('download');
  await desk.getByRole('button', { name: 'Download Central tally file' }).click();
  const central = await (await downloading).path();
  const verified = await decisionDay(['verify', central]);
  expect(verified.code, verified.stderr).toBe(0);
  const cli = await cliTally(central);
  expect(cli.ballots).toBe(total);
  const definition = await definitionOnServer(server.url, eventId);
  expect(definition.sections?.map((s) => s.title)).toEqual(['Choose up to 3 bids', 'One boost']);
  const shown = await readShownResults(desk, definition);
  expect(shown).toEqual(
    cli.pots.map((pot) => ({
      name: pot.name,
      funded: pot.selected,
      spent: Math.round(pot.spent * 100),
    })),
  );
  // Worked by hand: support sums both parts (project 1: chosen twice and boosted once = 3). The
  // £13,000 main fund goes by support, cheaper first on ties: 1, 2, 3, 7, 4 (boosted), 5 and 6
  // (£12,504); project 10, supported only by a boost, no longer fits, so the youth pot takes it.
  const id = (n: number) => definition.bids.find((b) => b.title === title(n))?.id;
  expect(shown.map((pot) => pot.funded)).toEqual([[1, 2, 3, 7, 4, 5, 6].map(id), [10].map(id)]);
});

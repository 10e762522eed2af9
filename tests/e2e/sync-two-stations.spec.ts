/**
 * Two stations vote with no network, come back online and sync by themselves: the central tally
 * file holds exactly the union of their ballots, each once, `decision-day verify` accepts it, and
 * the organiser's results (a third browser, signed in) fund the same bids and spend the same
 * amounts per pot as `decision-day tally --json` of the same file. axe checks the volunteer's sync
 * panel before and after joining.
 */
import { readFile } from 'node:fs/promises';
import { expectNoAxeViolations } from './support/axe.ts';
import { cliTally, decisionDay } from './support/cli.ts';
import { expect, test } from './support/fixtures.ts';
import { openEventScreen, readShownResults, showResultsFor } from './support/organiser.ts';
import { castBallot, unlockVolunteerArea } from './support/station.ts';
import {
  ballotIdsOnStation,
  joinEvent,
  joinFromWelcome,
  syncSection,
  syncStatus,
  waitingIds,
} from './support/sync.ts';

/** Chosen so that both pots fund bids (checked at the end). */
const HALL_BALLOTS = [
  ['Health walks for all ages', 'Youth cooking club'],
  ['Chair yoga for older people', 'Dementia-friendly café', 'Bike repair workshop'],
  ['Health walks for all ages', 'Burnfoot gala day'],
] as const;
const LIBRARY_BALLOTS = [
  ['Youth cooking club', 'Litter picking kit'],
  ['Health walks for all ages'],
  ['Raised beds at the community garden', 'Chair yoga for older people'],
] as const;

test('two stations vote offline, sync, and the organiser sees what the CLI counts', async ({
  server,
  newStation,
  organiser,
}) => {
  const hall = await newStation('Church hall');
  const library = await newStation('Library');

  // The hall joins through the volunteer area, checked by axe before and after.
  await unlockVolunteerArea(hall.page);
  await expect(syncSection(hall.page).getByLabel('Join code')).toBeVisible();
  await expectNoAxeViolations(hall.page, 'volunteer sync panel, not joined');
  await joinEvent(hall.page, server.joinCode);
  await expect(syncStatus(hall.page)).toContainText('Nothing waiting to sync');
  await expectNoAxeViolations(hall.page, 'volunteer sync panel, joined');
  await hall.page.getByRole('button', { name: 'Lock and go back to voting' }).click();
  await joinFromWelcome(library.page, server.joinCode);

  // No network: both keep voting, and nothing reaches the server.
  await hall.context.setOffline(true);
  await library.context.setOffline(true);
  for (const titles of HALL_BALLOTS) await castBallot(hall.page, titles);
  for (const titles of LIBRARY_BALLOTS) await castBallot(library.page, titles);
  expect(await waitingIds(hall.page)).toHaveLength(HALL_BALLOTS.length);
  expect(await waitingIds(library.page)).toHaveLength(LIBRARY_BALLOTS.length);
  expect(await server.ballotIdsOnDisk()).toEqual([]);

  // Back online: no clicks, the stations send what they hold.
  await hall.context.setOffline(false);
  await library.context.setOffline(false);
  const union = [
    ...(await ballotIdsOnStation(hall.page)),
    ...(await ballotIdsOnStation(library.page)),
  ].sort();
  expect(new Set(union).size).toBe(HALL_BALLOTS.length + LIBRARY_BALLOTS.length);
  await expect.poll(() => waitingIds(hall.page), { timeout: 20_000 }).toEqual([]);
  await expect.poll(() => waitingIds(library.page), { timeout: 20_000 }).toEqual([]);
  expect((await server.ballotIdsOnDisk()).sort()).toEqual(union);

  const verified = await decisionDay(['verify', server.tallyFilePath]);
  expect(verified.stderr).toBe('');
  expect(verified.code).toBe(0);
  expect(verified.stdout).toContain(`with ${union.length} ballot(s)`);

  // The organiser's results, from a third browser, against the command line's count of the
  // central file the organiser downloads there (the very file the results are computed from).
  await showResultsFor(organiser, union.length);
  await openEventScreen(organiser, 'Exports');
  const downloading = organiser.waitForEvent('download');
  await organiser.getByRole('button', { name: 'Download Central tally file' }).click();
  const central = await (await downloading).path();
  expect(await readFile(central, 'utf8')).toBe(await server.readTallyFile());
  const cli = await cliTally(central);
  expect(cli.ballots).toBe(union.length);
  const shown = await readShownResults(organiser);
  expect(shown).toEqual(
    cli.pots.map((pot) => ({
      name: pot.name,
      funded: pot.selected,
      spent: Math.round(pot.spent * 100),
    })),
  );
  expect(shown.every((pot) => pot.funded.length > 0)).toBe(true);
});

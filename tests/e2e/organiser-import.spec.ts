/**
 * A station that lost its network hands over a file instead: the volunteer exports (a download),
 * the organiser imports it. Some of its ballots had already come by network, the file is imported
 * twice, and the station later syncs the same ballots again: each ballot is in the central file
 * once, and the import says which were already there. A tampered file is refused with a reason and
 * leaves the central file byte-identical.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { decisionDay } from './support/cli.ts';
import { expect, test } from './support/fixtures.ts';
import { openEventScreen } from './support/organiser.ts';
import { castBallot, unlockVolunteerArea } from './support/station.ts';
import {
  ballotIdsOnStation,
  joinFromWelcome,
  syncSection,
  syncStatus,
  waitingIds,
} from './support/sync.ts';

async function importFile(page: Page, name: string, text: string) {
  await openEventScreen(page, 'Import a station file');
  const panel = page.getByRole('main');
  await panel.getByLabel('Station tally file').setInputFiles({
    name,
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(text),
  });
  await panel.getByRole('button', { name: 'Import' }).click();
  return panel;
}

test('an exported station file imported twice, after a network sync, adds each ballot once', async ({
  server,
  newStation,
  organiser: desk,
}) => {
  const station = await newStation('Youth club');
  const { context, page } = station;
  await joinFromWelcome(page, server.joinCode);

  // Two ballots arrive by network; then the network goes and two more are cast.
  await castBallot(page, ['Youth cooking club']);
  await castBallot(page, ['Litter picking kit', 'Bike repair workshop']);
  // Ballots go by themselves about 2 s after casting (sync-prompt.spec.ts); "Sync now" skips the wait.
  await unlockVolunteerArea(page);
  await syncSection(page).getByRole('button', { name: 'Sync now' }).click();
  await expect(syncStatus(page)).toContainText('Nothing waiting to sync');
  await page.getByRole('button', { name: 'Lock and go back to voting' }).click();
  await context.setOffline(true);
  await castBallot(page, ['New kit for the under-11s']);
  await castBallot(page, ['Burnfoot gala day', 'Health walks for all ages']);
  expect(await waitingIds(page)).toHaveLength(2);
  expect(await server.ballotIdsOnDisk()).toHaveLength(2);

  // The volunteer saves the file (a download, as on a tablet).
  await unlockVolunteerArea(page);
  const downloading = page.waitForEvent('download');
  await syncSection(page)
    .getByRole('button', { name: `Export 4 ballots for ${DEMO_EVENT.name}` })
    .click();
  const download = await downloading;
  const fileName = download.suggestedFilename();
  const text = await readFile(await download.path(), 'utf8');
  expect(fileName).toContain('youth-club');

  const first = await importFile(desk, fileName, text);
  await expect(first.getByRole('status')).toHaveText(
    `Imported ${fileName}: 2 ballots added, 2 ballots were already there, 0 ballots refused.`,
  );
  const again = await importFile(desk, fileName, text);
  await expect(again.getByRole('status')).toHaveText(
    `Imported ${fileName}: 0 ballots added, 4 ballots were already there, 0 ballots refused.`,
  );
  const stationBallots = (await ballotIdsOnStation(page)).sort();
  expect((await server.ballotIdsOnDisk()).sort()).toEqual(stationBallots);

  // A file edited by hand (a ballot's choice changed) is refused, and nothing changes.
  const before = await server.readTallyFile();
  const tampered = text
    .split('\n')
    .map((line) =>
      line.includes('"type":"ballot"') ? line.replace('"football-kit"', '"homework-club"') : line,
    )
    .join('\n');
  expect(tampered).not.toBe(text);
  const refused = await importFile(desk, 'edited.ddtally', tampered);
  await expect(refused.getByRole('alert')).toContainText('edited.ddtally was not imported.');
  expect(await server.readTallyFile()).toBe(before);

  // The network returns: the station re-sends its last two, which the server already holds.
  await context.setOffline(false);
  await expect.poll(() => waitingIds(page), { timeout: 20_000 }).toEqual([]);
  const onDisk = await server.ballotIdsOnDisk();
  expect(onDisk.sort()).toEqual(stationBallots);

  const verified = await decisionDay(['verify', server.tallyFilePath]);
  expect(verified.code, verified.stderr).toBe(0);
  expect(verified.stdout).toContain('with 4 ballot(s)');
});

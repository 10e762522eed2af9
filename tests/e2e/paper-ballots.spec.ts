/**
 * Paper ballots with double entry, end to end: a station keys a pile of 3 paper ballots twice,
 * one ballot's entries differ and a person decides it, the 3 are cast and sync by themselves; the
 * organiser sees 3 paper ballots counted, voids one with a reason, and the results say so. axe
 * checks the paper-entry screens and the organiser's Ballots screen.
 */
import { expectNoAxeViolations } from './support/axe.ts';
import { decisionDay } from './support/cli.ts';
import { expect, test } from './support/fixtures.ts';
import { openEventScreen } from './support/organiser.ts';
import { joinEvent, waitingIds } from './support/sync.ts';
import { unlockVolunteerArea } from './support/station.ts';
import type { Page } from '@playwright/test';

const FIRST = [
  ['Youth cooking club'],
  ['Chair yoga for older people'],
  ['Health walks for all ages', 'Litter picking kit'],
] as const;
/** The second volunteer misreads ballot 2, and ticks ballot 3's bids in another order. */
const SECOND = [
  ['Youth cooking club'],
  ['Raised beds at the community garden'],
  ['Litter picking kit', 'Health walks for all ages'],
] as const;

async function key(page: Page, heading: string, titles: readonly string[]) {
  await expect(page.getByRole('heading', { name: heading })).toBeVisible();
  for (const title of titles) await page.getByRole('checkbox', { name: title }).check();
  await page.getByRole('button', { name: 'Save and key the next' }).click();
}

test('a pile of paper ballots is double-entered, a mismatch decided, synced, counted and one voided', async ({
  server,
  newStation,
  organiser,
}) => {
  const library = await newStation('Library');
  const page = library.page;
  await unlockVolunteerArea(page);
  await joinEvent(page, server.joinCode);

  await page.getByRole('button', { name: 'Enter paper ballots' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Enter paper ballots' })).toBeVisible();
  await expectNoAxeViolations(page, 'paper entry, start');
  await page.getByLabel(/Double entry/).check();
  await page.getByRole('button', { name: 'Start keying' }).click();

  for (const [i, titles] of FIRST.entries()) {
    await key(page, `First entry: ballot ${i + 1}`, titles);
  }
  await expect(page.getByRole('heading', { name: 'First entry: ballot 4' })).toBeVisible();
  await expectNoAxeViolations(page, 'paper entry, first entry');
  await page.getByRole('button', { name: 'First entry done: hand the pile over' }).click();

  for (const [i, titles] of SECOND.entries()) {
    await key(page, `Second entry: ballot ${i + 1} of 3`, titles);
  }
  await expect(page.getByRole('heading', { name: 'Compare the two entries' })).toBeVisible();
  await expect(page.getByText('Both entries agree on 2 of 3 ballots.')).toBeVisible();
  const mismatch = page.getByRole('region', { name: 'Ballot 2: the entries differ' });
  await expect(mismatch.getByText('Chair yoga for older people')).toBeVisible();
  await expect(mismatch.getByText('Raised beds at the community garden')).toBeVisible();
  await expect(page.getByRole('button', { name: /Cast the pile/ })).toHaveCount(0);
  await expectNoAxeViolations(page, 'paper entry, a mismatch to decide');
  // Nothing of the pile is on the station as a ballot yet.
  expect(await waitingIds(page)).toEqual([]);

  await mismatch.getByRole('button', { name: 'Ballot 2: the first entry is right' }).click();
  await page.getByRole('button', { name: 'Cast the pile’s 3 ballots' }).click();
  await expect(page.getByText('Paper ballots cast from this pile: 3.')).toBeVisible();
  await expect(page.getByTestId('paper-count')).toHaveText('Paper ballots cast on this station: 3');

  // They sync by themselves, like any ballot.
  await expect.poll(() => server.ballotIdsOnDisk(), { timeout: 20_000 }).toHaveLength(3);
  await expect.poll(() => waitingIds(page), { timeout: 20_000 }).toEqual([]);

  // The organiser finds the 3 paper ballots and voids the yoga one.
  const nav = organiser.getByRole('navigation', { name: 'This event' });
  await nav.getByRole('link', { name: 'Ballots received' }).click();
  await expect(
    organiser.getByRole('heading', { level: 1, name: 'Ballots received' }),
  ).toBeVisible();
  await expect(organiser.getByTestId('ballot-counts')).toHaveText(
    'Ballots in the tally: 3, of them 0 voided. Counted: 3. Paper ballots: 3.',
  );
  await organiser.getByRole('radio', { name: 'Paper' }).check();
  const table = organiser.getByRole('table', { name: 'Ballots shown: 3' });
  await expect(table.getByRole('row', { name: /Library/ })).toHaveCount(3);
  await expectNoAxeViolations(organiser, 'organiser ballots');
  const yoga = table.getByRole('row', { name: /Chair yoga for older people/ });
  await yoga.getByRole('button', { name: 'Void…' }).click();
  const dialog = organiser.getByRole('alertdialog', { name: 'Void this ballot?' });
  await dialog.getByLabel('Reason').fill('Keyed from the wrong pile');
  await expectNoAxeViolations(organiser, 'organiser void dialog');
  await dialog.getByRole('button', { name: 'Void the ballot' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(organiser.getByText(/The ballot from Library is voided/)).toBeVisible();
  await expect(yoga.getByText('Reason: Keyed from the wrong pile')).toBeVisible();
  await expect(organiser.getByTestId('ballot-counts')).toHaveText(
    'Ballots in the tally: 3, of them 1 voided. Counted: 2. Paper ballots: 3.',
  );

  // Results count 2 and show the void; the file verifies and says so too.
  await openEventScreen(organiser, 'Results');
  await organiser.getByRole('button', { name: 'Refresh results' }).click();
  await expect(organiser.getByTestId('results-voided')).toHaveText(
    'The tally file holds 3 ballots; 1 of them voided by the organiser, kept in the file and not counted.',
  );
  await expect(organiser.getByText('2 ballots counted.').first()).toBeVisible();
  const verified = await decisionDay(['verify', server.tallyFilePath]);
  expect(verified.code).toBe(0);
  expect(verified.stdout).toContain('with 3 ballot(s), of them 1 voided');
});

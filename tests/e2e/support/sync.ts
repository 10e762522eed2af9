/**
 * A station joined to a tally server, as a volunteer does it (the sync section of the volunteer
 * area), plus what a sync test needs to look at or prepare behind the screen: the outbox and the
 * ballots as IndexedDB really holds them, and a large pile of ballots written in the app's own
 * storage shape (casting 2,000 through the screens would take minutes).
 */
import { expect, type BrowserContext, type Page } from '@playwright/test';
import type { Ballot } from '../../../src/core/schema.ts';
import type { OutboxRow, StationRow } from '../../../src/db/database.ts';
import { demoBallots } from '../../server/support/tally-server.ts';
import { readStore, STATION_DB } from './indexeddb.ts';
import { waitForServiceWorkerControl } from './service-worker.ts';
import { setUpStation, unlockVolunteerArea } from './station.ts';

export const syncSection = (page: Page) =>
  page.getByRole('region', { name: 'Sync with the tally server' });

export const syncStatus = (page: Page) => page.getByRole('status', { name: 'Sync status' });

export interface Station {
  context: BrowserContext;
  page: Page;
}

/**
 * A new tablet opened on the tally server's address (the context's baseURL), set up, and ready to
 * work offline (its service worker holds the app), left on the welcome screen.
 */
export async function openStation(context: BrowserContext, name: string): Promise<Station> {
  const page = await context.newPage();
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await setUpStation(page, name);
  return { context, page };
}

/** In the volunteer area: types the join code and waits for the first (heartbeat) sync. */
export async function joinEvent(page: Page, joinCode: string): Promise<void> {
  const section = syncSection(page);
  await expect(section.getByRole('heading', { name: 'Join an event' })).toBeVisible();
  await section.getByLabel('Join code').fill(joinCode);
  await section.getByRole('button', { name: 'Join the event' }).click();
  await expect(syncStatus(page)).toContainText('last synced');
}

/** Welcome screen → volunteer area → join → back to the welcome screen. */
export async function joinFromWelcome(page: Page, joinCode: string): Promise<void> {
  await unlockVolunteerArea(page);
  await joinEvent(page, joinCode);
  await page.getByRole('button', { name: 'Lock and go back to voting' }).click();
}

export async function stationId(page: Page): Promise<string> {
  const [row] = (await readStore(page, 'station')) as StationRow[];
  if (row === undefined) throw new Error('The station has not been set up');
  return row.stationId;
}

export async function ballotIdsOnStation(page: Page): Promise<string[]> {
  return ((await readStore(page, 'ballots')) as Ballot[]).map((b) => b.id);
}

/** Ballots the tally server has not acknowledged yet (still in the outbox, waiting). */
export async function waitingIds(page: Page): Promise<string[]> {
  return ((await readStore(page, 'outbox')) as OutboxRow[])
    .filter((row) => row.state === 'waiting')
    .map((row) => row.ballotId);
}

/**
 * Writes ballots with their outbox rows in one transaction, in the shape castBallot writes them
 * (src/db/ballot-repo.ts): what a long day of voting leaves on a tablet, without the screens.
 */
export async function seedBallots(page: Page, ballots: readonly Ballot[]): Promise<void> {
  await page.evaluate(
    ([dbName, rows]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['ballots', 'outbox'], 'readwrite', { durability: 'strict' });
          for (const ballot of rows) {
            tx.objectStore('ballots').add(ballot);
            tx.objectStore('outbox').add({
              ballotId: ballot.id,
              eventId: ballot.eventId,
              state: 'waiting',
            });
          }
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => {
            db.close();
            reject(new Error(String(tx.error)));
          };
        };
      }),
    [STATION_DB, ballots] as const,
  );
}

/**
 * Cuts the station's network and leaves `count` valid ballots of the joined (demo) event waiting
 * in its outbox, as a long day offline would.
 */
export async function offlineWithWaitingBallots(station: Station, count: number) {
  await station.context.setOffline(true);
  const ballots = demoBallots(await stationId(station.page), count);
  await seedBallots(station.page, ballots);
  expect(await waitingIds(station.page)).toHaveLength(count);
  return ballots;
}

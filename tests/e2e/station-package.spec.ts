/**
 * An event carried to a station on a file, with no network: the organiser opens an event with a
 * picture and downloads its package; a fresh tablet, cut off from the server, loads the file,
 * shows the same fingerprint as the organiser's screen, shows the bid's picture from its own
 * storage, takes a ballot, refuses to switch to another event before that ballot is exported, and
 * exports it; the file imported on the server counts that one ballot. Axe finds nothing on the new
 * screens; screenshots go to E2E_SHOTS/station-package/ for a person to look at, when asked.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { askedShotsDir } from './support/shots.ts';
import { expect, test } from './support/fixtures.ts';
import { ORGANISER_PASSWORD } from './support/server.ts';
import { organiserToken } from '../server/support/tally-server.ts';
import {
  nameStation,
  STATION_PIN,
  THANK_YOU,
  setUpStation,
  unlockVolunteerArea,
} from './support/station.ts';
import { waitForServiceWorkerControl } from './support/service-worker.ts';
import { chooseLanguage, VIEWPORTS } from './support/voter.ts';

const SHOTS = askedShotsDir('station-package');
const PICTURE = readFileSync(new URL('../../public/icons/icon-192.png', import.meta.url));

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS === undefined) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

interface Organiser {
  call: (
    path: string,
    init?: { method?: string; body?: unknown; raw?: Uint8Array | string },
  ) => Promise<Response>;
}

async function organiserApi(serverUrl: string): Promise<Organiser> {
  const token = await organiserToken({ url: serverUrl }, ORGANISER_PASSWORD);
  return {
    call: (path, init = {}) =>
      fetch(`${serverUrl}/api/v1${path}`, {
        method: init.method ?? (init.body === undefined && init.raw === undefined ? 'GET' : 'POST'),
        headers: {
          Authorization: `Bearer ${token}`,
          ...(init.body !== undefined && { 'Content-Type': 'application/json' }),
        },
        body:
          typeof init.raw === 'string'
            ? init.raw
            : init.raw !== undefined
              ? new Blob([init.raw as BlobPart])
              : init.body === undefined
                ? undefined
                : JSON.stringify(init.body),
      }),
  };
}

interface MadeEvent {
  name: string;
  fingerprint: string;
  packageName: string;
  packageText: string;
}

/** Creates an event with a picture on its first bid, opens it if asked, and downloads its package. */
async function makeEvent(
  api: Organiser,
  id: string,
  name: string,
  open: boolean,
): Promise<MadeEvent & { picturePath: string }> {
  const definition: EventDefinition = { ...DEMO_EVENT, id, name };
  const created = await api.call('/events', { body: { from: 'definition', definition } });
  expect(created.status).toBe(201);
  const uploaded = await api.call(`/events/${id}/pictures`, { raw: PICTURE });
  expect(uploaded.status).toBe(201);
  const { path } = (await uploaded.json()) as { path: string };
  const withPicture = {
    ...definition,
    bids: definition.bids.map((b, i) => (i === 0 ? { ...b, image: path } : b)),
  };
  let detail = (await (
    await api.call(`/events/${id}/definition`, {
      method: 'PUT',
      body: { version: 1, definition: withPicture },
    })
  ).json()) as { version: number; fingerprint: string };
  if (open) {
    const opened = await api.call(`/events/${id}/state`, {
      body: { version: detail.version, to: 'open' },
    });
    expect(opened.status).toBe(200);
    detail = (await opened.json()) as typeof detail;
  }
  const pkg = await api.call(`/events/${id}/package`);
  expect(pkg.status).toBe(200);
  const disposition = pkg.headers.get('Content-Disposition') ?? '';
  return {
    name,
    fingerprint: detail.fingerprint,
    packageName: /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? `${id}.event.json`,
    packageText: await pkg.text(),
    picturePath: path,
  };
}

/** A new tablet that was online once (its service worker holds the app), then cut off. */
async function offlineStation(context: BrowserContext, name: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await setUpStation(page, name);
  await context.setOffline(true);
  return page;
}

const loadSection = (page: Page) => page.getByRole('region', { name: 'Load event from a file' });

async function loadFile(page: Page, made: MadeEvent): Promise<void> {
  await loadSection(page)
    .getByLabel('Event file')
    .setInputFiles({
      name: made.packageName,
      mimeType: 'application/json',
      buffer: Buffer.from(made.packageText),
    });
}

test('a station with no network loads an event from a file, votes, and its exported file counts', async ({
  server,
  browser,
}) => {
  const api = await organiserApi(server.url);
  const riverside = await makeEvent(api, 'riverside-2026', 'Riverside Choices 2026', true);
  const harbour = await makeEvent(api, 'harbour-2026', 'Harbour Fund Day 2026', false);

  const context = await browser.newContext({
    baseURL: server.url,
    viewport: VIEWPORTS['tablet-landscape'],
  });
  try {
    const page = await offlineStation(context, 'Riverside library');
    // Not even a stray request reaches the server from here on.
    await context.route('**/api/**', (route) => route.abort());

    await unlockVolunteerArea(page);
    await expect(loadSection(page)).toBeVisible();
    await shot(page, 'package-setup-1180x820');
    await loadFile(page, riverside);
    const loaded = loadSection(page).getByRole('status');
    await expect(loaded).toHaveText(
      `Loaded Riverside Choices 2026. Its fingerprint is ${riverside.fingerprint}: check that the organiser’s screen shows the same.`,
    );
    await expect(page.getByTestId('fingerprint')).toHaveText(riverside.fingerprint);
    await expectNoAxeViolations(page, 'volunteer area after loading an event file');
    await shot(page, 'package-loaded-1180x820');

    // A voter: the bid's picture comes from the tablet, not the (unreachable) server.
    await page.getByRole('button', { name: 'Lock and go back to voting' }).click();
    await expect(page.getByRole('heading', { level: 1, name: riverside.name })).toBeVisible();
    await page.getByRole('button', { name: 'Start voting' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'The projects' })).toBeVisible();
    const picture = page.locator(`img[src$="${riverside.picturePath}"]`).first();
    await expect(picture).toBeVisible();
    await expect
      .poll(() => picture.evaluate((i) => (i as HTMLImageElement).naturalWidth))
      .toBe(192);
    await page.getByRole('button', { name: 'Next: choose projects' }).click();
    await page.getByRole('checkbox', { name: DEMO_EVENT.bids[0]!.title }).check();
    await page.getByRole('button', { name: 'Next: check your choices' }).click();
    await page.getByRole('button', { name: 'Cast my vote' }).click();
    await expect(page.getByRole('heading', { level: 1, name: THANK_YOU })).toBeVisible();
    await page.getByRole('button', { name: 'Finish' }).click();

    // Another event's file is refused while that ballot is only on this tablet.
    await unlockVolunteerArea(page);
    await loadFile(page, harbour);
    const exportLabel = 'Export 1 ballot for Riverside Choices 2026';
    await expect(loadSection(page).getByRole('alert')).toHaveText(
      `This tablet still has 1 ballot for Riverside Choices 2026 that has not been synced or exported, so the event was not changed. Export it first: under “No network? Export a file” below, press “${exportLabel}”. Then try again.`,
    );
    await expect(page.getByTestId('fingerprint')).toHaveText(riverside.fingerprint);
    await expectNoAxeViolations(page, 'switch refused');
    await loadSection(page).getByRole('alert').scrollIntoViewIfNeeded();
    if (SHOTS !== undefined) {
      await page.screenshot({ path: join(SHOTS, 'switch-refused-1180x820.png') });
    }

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: exportLabel }).click();
    const exported = await downloading;
    const tallyFile = readFileSync((await exported.path()) ?? '', 'utf8');

    // Exported: now switching is asked, and "No" keeps the event.
    await loadFile(page, harbour);
    const question = page.getByRole('alertdialog', {
      name: 'Switch this station to Harbour Fund Day 2026?',
    });
    await expect(question).toBeVisible();
    await expectNoAxeViolations(page, 'switch question');
    await question.getByRole('button', { name: 'No, keep this event' }).click();
    await expect(page.getByTestId('fingerprint')).toHaveText(riverside.fingerprint);

    // The file goes to the organiser, who imports it: one ballot counted.
    const imported = await api.call('/events/riverside-2026/import', { raw: tallyFile });
    expect(imported.status).toBe(200);
    expect(await imported.json()).toMatchObject({ added: 1, duplicates: 0, rejected: [] });
    const { events } = (await (await api.call('/events')).json()) as {
      events: { id: string; ballots: number }[];
    };
    expect(events.find((e) => e.id === 'riverside-2026')?.ballots).toBe(1);
    expect(events.find((e) => e.id === 'harbour-2026')?.ballots).toBe(0);
  } finally {
    await context.close();
  }
});

/** Marks the event closed in the tablet's storage, as a sync would after the organiser closed it. */
async function learnClosed(page: Page, eventId: string): Promise<void> {
  await page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('decision-day');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(new Error(String(open.error)));
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('eventStatus', 'readwrite');
      const store = tx.objectStore('eventStatus');
      const get = store.get(id);
      get.onsuccess = () => store.put({ ...get.result, state: 'closed' });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(new Error(String(tx.error)));
    });
    db.close();
  }, eventId);
  await page.reload();
}

for (const [size, viewport] of [
  ['390x844', VIEWPORTS.phone],
  ['1180x820', VIEWPORTS['tablet-landscape']],
] as const) {
  test(`load from a file and voting closed, in English and Arabic at ${size}`, async ({
    server,
    browser,
  }) => {
    const api = await organiserApi(server.url);
    const riverside = await makeEvent(api, 'riverside-2026', 'Riverside Choices 2026', true);
    const context = await browser.newContext({ baseURL: server.url, viewport });
    try {
      // First start: once named, the station offers to load its event from a file.
      const page = await context.newPage();
      await page.goto('/');
      await waitForServiceWorkerControl(page);
      await context.setOffline(true);
      await nameStation(page, 'Riverside library');
      await expect(loadSection(page)).toBeVisible();
      await expectNoAxeViolations(page, `set-up done, ${size}`);
      await shot(page, `setup-ready-${size}`);
      await page.getByRole('button', { name: 'Open the welcome screen' }).click();

      await unlockVolunteerArea(page);
      await loadFile(page, riverside);
      await expect(page.getByTestId('fingerprint')).toHaveText(riverside.fingerprint);
      await shot(page, `package-area-${size}`);
      await page.getByRole('button', { name: 'Lock and go back to voting' }).click();

      await chooseLanguage(page, 'العربية', 'ar');
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      await page.getByRole('button', { name: 'متطوع', exact: true }).click();
      await page.getByLabel('أدخل الرقم السري للمتطوعين').fill(STATION_PIN);
      await page.getByRole('button', { name: 'فتح القفل' }).click();
      const section = page.getByRole('region', { name: 'تحميل الفعالية من ملف' });
      await expect(section).toBeVisible();
      await section.getByLabel('ملف الفعالية').setInputFiles({
        name: riverside.packageName,
        mimeType: 'application/json',
        buffer: Buffer.from(riverside.packageText),
      });
      const status = section.getByRole('status');
      await expect(status).toContainText(riverside.fingerprint);
      // The fingerprint sits whole, left to right, inside the Arabic sentence.
      await expect(status.locator('bdi[dir="ltr"]')).toHaveText(riverside.fingerprint);
      await expectNoAxeViolations(page, `volunteer area in Arabic, ${size}`);
      await shot(page, `package-area-ar-${size}`);

      await learnClosed(page, 'riverside-2026');
      await expect(
        page.getByRole('heading', { level: 1, name: 'Voting has closed' }),
      ).toBeVisible();
      await expect(page.getByRole('button', { name: 'Start voting' })).toHaveCount(0);
      await expectNoAxeViolations(page, `voting closed, ${size}`);
      await shot(page, `closed-${size}`);
    } finally {
      await context.close();
    }
  });
}

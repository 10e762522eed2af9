// The volunteer's sync section, driven by role and label, on a real sync engine (started by the
// background runner, as in the app) talking to the real tally server in-process.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { readTallyFile } from '../../src/core/tally-file/index.ts';
import type { StationDatabase } from '../../src/db/database.ts';
import { putEvent } from '../../src/db/event-repo.ts';
import { castBallot } from '../../src/db/ballot-repo.ts';
import { getSyncSettings } from '../../src/db/sync-repo.ts';
import { SyncEngine } from '../../src/sync/engine.ts';
import type { StationExport } from '../../src/sync/export.ts';
import { joinEvent } from '../../src/sync/join.ts';
import { DEFAULT_TIMINGS, ServicesProvider } from '../../src/app/shared/services.tsx';
import { CatalogueProvider } from '../../src/app/i18n/react.tsx';
import { SyncPanel } from '../../src/app/station/SyncPanel.tsx';
import { SyncRunner } from '../../src/app/station/SyncRunner.tsx';
import { SyncServicesProvider, type SyncServices } from '../../src/app/station/SyncServices.ts';
import { setUpDemoStation } from '../support/station-db.ts';
import {
  castMany,
  ManualTimers,
  OTHER_EVENT,
  seededRandom,
  SERVER_URL,
  startTestServer,
} from '../unit/sync-harness.ts';

// 09:47 UTC is 10:47 in London in June.
const NOW = new Date('2026-06-13T09:47:00Z');

const engines: SyncEngine[] = [];
afterEach(async () => {
  cleanup();
  // A sync still running would write to a database the next hook deletes.
  await Promise.all(engines.splice(0).map((e) => e.whenSettled()));
});

async function renderPanel() {
  const server = await startTestServer();
  const { db, station } = await setUpDemoStation();
  const timers = new ManualTimers(NOW);
  const deps = { db, fetch: server.fetch, now: timers.now, timers };
  const saved: StationExport[] = [];
  const services: SyncServices = {
    engine: new SyncEngine({ ...deps, random: seededRandom(3) }),
    join: (form, confirmSwitch) =>
      joinEvent(deps, { ...form, pageOrigin: SERVER_URL }, confirmSwitch),
    saveFile: (file) => {
      saved.push(file);
      return Promise.resolve();
    },
    shareFile: null,
    timeZone: 'Europe/London',
  };
  engines.push(services.engine);
  const user = userEvent.setup();
  render(
    <CatalogueProvider>
      <ServicesProvider
        value={{ db, now: timers.now, storage: undefined, timings: DEFAULT_TIMINGS }}
      >
        <SyncServicesProvider value={services}>
          <SyncRunner />
          <SyncPanel station={station} event={DEMO_EVENT} />
        </SyncServicesProvider>
      </ServicesProvider>
    </CatalogueProvider>,
  );
  // The panel's content is a lazy chunk; the first load in a test run takes a moment.
  await screen.findByRole('heading', { name: 'Join an event' }, { timeout: 10_000 });
  const joinWith = async (code: string) => {
    await user.type(screen.getByLabelText('Join code'), code);
    await user.click(screen.getByRole('button', { name: 'Join the event' }));
  };
  return { server, db, station, services, saved, user, joinWith };
}

// The first sync in a test run also compiles the server code on the fly: give it time.
const SLOW = { timeout: 10_000 };
const syncStatus = () => screen.findByRole('status', { name: 'Sync status' });

async function castStale(db: StationDatabase) {
  // An out-of-date copy of the event on the station, with a bid the server does not have.
  const moonBase = { ...DEMO_EVENT.bids[0]!, id: 'moon-base', title: 'Moon base' };
  const stale = { ...DEMO_EVENT, bids: [...DEMO_EVENT.bids, moonBase] };
  await putEvent(db, stale);
  await castBallot(db, {
    event: stale,
    choice: { kind: 'approval', bids: ['moon-base'] },
    now: NOW,
  });
}

describe('the sync panel', () => {
  it('joins with the code from the organiser, then sends what is waiting and says so', async () => {
    const { server, db, station, joinWith } = await renderPanel();
    await castMany(db, station.stationId, 3);
    await joinWith(server.joinCode());

    // The join form (which had the focus) is gone: the news of the join takes the focus.
    const joined = await screen.findByText('Joined Burnfoot Community Choices (demo).');
    expect(joined).toHaveFocus();
    await expect
      .poll(async () => (await syncStatus()).textContent, SLOW)
      .toBe('Nothing waiting to sync · last synced 10:47');
    expect(server.store.event(DEMO_EVENT.id)?.ballots).toBe(3);
    expect(screen.getByRole('button', { name: 'Sync now' })).toBeEnabled();
  });

  it('fills in the join code when the app was opened with the organiser’s join link', async () => {
    window.history.replaceState(null, '', '/?join=K7QF-M4');
    try {
      await renderPanel();
      expect(screen.getByLabelText('Join code')).toHaveValue('K7QF-M4');
    } finally {
      window.history.replaceState(null, '', '/');
    }
  });

  it('offers no scan button where the browser cannot read QR codes', async () => {
    await renderPanel();
    expect(screen.queryByRole('button', { name: 'Scan the QR code' })).toBeNull();
  });

  it('reads the join link from the camera and turns the camera off again', async () => {
    const stop = vi.fn();
    const frames = [[], [], [{ rawValue: `${SERVER_URL}/?join=HTXR-9C` }]];
    vi.stubGlobal(
      'BarcodeDetector',
      class {
        detect = () => Promise.resolve(frames.shift() ?? []);
      },
    );
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: { getUserMedia: () => Promise.resolve({ getTracks: () => [{ stop }] }) },
    });
    const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    try {
      const { user } = await renderPanel();
      await user.click(screen.getByRole('button', { name: 'Scan the QR code' }));
      expect(screen.getByRole('dialog', { name: 'Scan the join QR code' })).toBeInTheDocument();

      await expect.poll(() => screen.queryByRole('dialog'), SLOW).toBeNull();
      expect(screen.getByLabelText('Join code')).toHaveValue('HTXR-9C');
      expect(frames).toEqual([]);
      // The camera goes off in the dialog's clean-up, just after it leaves the screen.
      await expect.poll(() => stop.mock.calls.length).toBeGreaterThan(0);
    } finally {
      vi.unstubAllGlobals();
      Reflect.deleteProperty(navigator, 'mediaDevices');
      play.mockRestore();
    }
  });

  it('points at the join code when it has the wrong shape, and joins nothing', async () => {
    const { db, joinWith } = await renderPanel();
    await joinWith('hello');
    const code = screen.getByLabelText('Join code');
    expect(await screen.findByRole('alert')).toHaveTextContent(/like K7QF-M4/);
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(code).toHaveFocus();
    expect(await getSyncSettings(db)).toBeUndefined();
  });

  it('says in plain words when the server cannot be reached, with the ballots still waiting', async () => {
    const { server, db, station, user, joinWith } = await renderPanel();
    await joinWith(server.joinCode());
    await expect.poll(async () => (await syncStatus()).textContent, SLOW).toMatch(/last synced/);
    await castMany(db, station.stationId, 2);
    server.down = true;

    await user.click(screen.getByRole('button', { name: 'Sync now' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      /Cannot reach the tally server at tally\.test\. The ballots are safe on this tablet\./,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(/Next try at \d\d:\d\d/);
    expect(await syncStatus()).toHaveTextContent('2 waiting to sync · last synced 10:47');
  });

  it('lists the ballots the server refused, with the reason', async () => {
    const { server, db, joinWith } = await renderPanel();
    await castStale(db);
    await joinWith(server.joinCode());

    const refused = await screen.findByRole('region', { name: 'Ballots the tally server refused' });
    const items = within(refused).getAllByRole('listitem');
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent(/moon-base/);
    expect(await syncStatus()).toHaveTextContent(/1 ballot refused/);
  });

  it('asks for a new join when the server no longer knows the station, then syncs again', async () => {
    const { server, db, station, user, joinWith } = await renderPanel();
    await joinWith(server.joinCode());
    await expect.poll(async () => (await syncStatus()).textContent, SLOW).toMatch(/last synced/);
    await castMany(db, station.stationId, 4);
    await db.sync.update('this', { token: 'a-token-the-server-never-issued-000000000000' });

    await user.click(screen.getByRole('button', { name: 'Sync now' }));

    expect(
      await screen.findByRole('heading', { name: 'Join the event again' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(/Join the event again/);
    await joinWith(server.joinCode());
    await expect
      .poll(async () => (await syncStatus()).textContent, SLOW)
      .toMatch(/^Nothing waiting to sync/);
    expect(server.store.event(DEMO_EVENT.id)?.ballots).toBe(4);
  });

  it('says calmly that the organiser removed this tablet, stops trying and keeps the ballots', async () => {
    const { server, db, station, user, joinWith } = await renderPanel();
    await joinWith(server.joinCode());
    await expect.poll(async () => (await syncStatus()).textContent, SLOW).toMatch(/last synced/);
    const serverStationId = (await getSyncSettings(db))?.serverStationId ?? '';
    await server.store.revokeStation(DEMO_EVENT.id, serverStationId, {
      at: NOW.toISOString(),
      by: 'organiser',
    });
    await castMany(db, station.stationId, 2);

    await user.click(screen.getByRole('button', { name: 'Sync now' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'This tablet was removed from the event by the organiser, so it no longer sends anything.',
    );
    expect(alert).toHaveTextContent(/export them to a file below/);
    // Not "join again": the heading says what happened.
    expect(screen.getByRole('heading', { name: 'Removed from the event' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Join the event again' })).not.toBeInTheDocument();
    // No "Sync now" to press again, and nothing more goes out; the ballots stay for export.
    expect(screen.queryByRole('button', { name: 'Sync now' })).not.toBeInTheDocument();
    const sent = server.requests.length;
    expect((await getSyncSettings(db))?.revoked).toBe(true);
    expect(server.store.event(DEMO_EVENT.id)?.ballots).toBe(0);
    expect(server.requests.length).toBe(sent);
  });

  it('refuses another event while the demo’s ballots are only here, then moves once they are exported', async () => {
    const { server, db, station, user, saved, joinWith } = await renderPanel();
    // Not joined anywhere yet: the demo's ballots are only on this tablet.
    await castMany(db, station.stationId, 3);
    await joinWith(server.joinCode(OTHER_EVENT.id));

    // Refused, saying which button exports them first; nothing changed.
    const refusal = await screen.findByRole('alert');
    expect(refusal).toHaveTextContent(
      'This tablet still has 3 ballots for Burnfoot Community Choices (demo) that have not been synced or exported, so the event was not changed. Export them first: under “No network? Export a file” below, press “Export 3 ballots for Burnfoot Community Choices (demo)”.',
    );
    expect((await db.station.get('this'))?.eventId).toBe(DEMO_EVENT.id);
    expect(await getSyncSettings(db)).toBeUndefined();

    await user.click(
      screen.getByRole('button', {
        name: 'Export 3 ballots for Burnfoot Community Choices (demo)',
      }),
    );
    expect(await screen.findByText(/^Saved burnfoot-2026-demo-station-church-hall-/)).toBeVisible();
    expect(saved).toHaveLength(1);
    const read = readTallyFile(saved[0]?.text ?? '');
    expect(read.ok && read.value.ballots).toHaveLength(3);

    // Exported: now the switch is asked about, and "No" keeps the demo.
    await user.click(screen.getByRole('button', { name: 'Join the event' }));
    let question = await screen.findByRole('alertdialog', {
      name: 'Switch this station to Harbour Fund Day 2026?',
    });
    await user.click(within(question).getByRole('button', { name: 'No, keep this event' }));
    expect((await db.station.get('this'))?.eventId).toBe(DEMO_EVENT.id);

    await user.click(screen.getByRole('button', { name: 'Join the event' }));
    question = await screen.findByRole('alertdialog', {
      name: 'Switch this station to Harbour Fund Day 2026?',
    });
    await user.click(within(question).getByRole('button', { name: 'Yes, switch' }));
    expect(await screen.findByText(/^Joined Harbour Fund Day 2026\./)).toHaveTextContent(
      /Ballots cast for Burnfoot Community Choices \(demo\) stay on this tablet/,
    );
    expect((await db.station.get('this'))?.eventId).toBe(OTHER_EVENT.id);
    expect(server.store.event(DEMO_EVENT.id)?.ballots).toBe(0);
  });
});

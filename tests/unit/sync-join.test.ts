// A volunteer joins the station to an event with the organiser's join code.
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { getEvent } from '../../src/db/event-repo.ts';
import { getStation } from '../../src/db/station-repo.ts';
import { countWaiting, getSyncSettings } from '../../src/db/sync-repo.ts';
import { markExported } from '../../src/db/event-status.ts';
import { joinEvent, type JoinForm } from '../../src/sync/join.ts';
import { normaliseServerAddress } from '../../src/sync/server-url.ts';
import { freshDatabase, setUpDemoStation } from '../support/station-db.ts';
import {
  castMany,
  ManualTimers,
  OTHER_EVENT,
  SERVER_URL,
  startTestServer,
} from './sync-harness.ts';

const NOW = new Date('2026-06-13T08:30:00Z');

async function setting() {
  const server = await startTestServer();
  const { db, station } = await setUpDemoStation();
  const deps = { db, fetch: server.fetch, now: () => NOW, timers: new ManualTimers(NOW) };
  const join = (form: Partial<JoinForm>) =>
    joinEvent(deps, { joinCode: '', serverAddress: '', pageOrigin: SERVER_URL, ...form });
  return { server, db, station, join };
}

describe('joining an event', () => {
  it('forgives case, spaces and a missing dash in the code, and stores where and how to sync', async () => {
    const { server, db, station, join } = await setting();
    const typed = server.joinCode().toLowerCase().replace('-', ' ');

    const joined = await join({ joinCode: typed });

    expect(joined).toMatchObject({ ok: true, value: { switchedEvent: false } });
    const settings = await getSyncSettings(db);
    expect(settings).toMatchObject({
      serverUrl: SERVER_URL,
      eventId: DEMO_EVENT.id,
      joinedAt: NOW.toISOString(),
      lastSyncedAt: null,
      needsRejoin: false,
    });
    // The token is the server's: it lets this station push (and nothing else here knows it).
    expect(settings?.token.length).toBeGreaterThanOrEqual(32);
    expect(settings?.serverStationId).not.toBe(station.stationId);
    expect(server.store.stations(DEMO_EVENT.id).map((s) => s.name)).toEqual(['Church hall']);
  });

  it('refuses another event while the ballots cast here are neither synced nor exported', async () => {
    const { server, db, station, join } = await setting();
    await castMany(db, station.stationId, 3);

    const joined = await join({ joinCode: server.joinCode(OTHER_EVENT.id) });

    expect(joined).toMatchObject({
      ok: false,
      error: { code: 'unsaved-ballots', params: { count: 3, event: DEMO_EVENT.name } },
    });
    expect((await getStation(db))?.eventId).toBe(DEMO_EVENT.id);
    expect(await getEvent(db, OTHER_EVENT.id)).toBeUndefined();
    expect(await getSyncSettings(db)).toBeUndefined();
  });

  it('loads the joined event when it differs, once the ballots already cast are exported', async () => {
    const { server, db, station, join } = await setting();
    const demoBallots = await castMany(db, station.stationId, 3);
    await markExported(
      db,
      demoBallots.map((b) => b.id),
      new Date(),
    );

    const joined = await join({ joinCode: server.joinCode(OTHER_EVENT.id) });

    expect(joined).toMatchObject({ ok: true, value: { switchedEvent: true } });
    expect((await getStation(db))?.eventId).toBe(OTHER_EVENT.id);
    expect((await getEvent(db, OTHER_EVENT.id))?.name).toBe(OTHER_EVENT.name);
    expect(await db.ballots.count()).toBe(demoBallots.length);
    expect(await countWaiting(db, DEMO_EVENT.id)).toBe(demoBallots.length);
  });

  it('takes the organiser’s join link (from the QR code) in place of the code, server and all', async () => {
    const { server, db, join } = await setting();
    const link = `${SERVER_URL}/?join=${encodeURIComponent(server.joinCode())}`;
    const joined = await join({ joinCode: link, pageOrigin: 'http://localhost:5173' });
    expect(joined.ok).toBe(true);
    expect((await getSyncSettings(db))?.serverUrl).toBe(SERVER_URL);
  });

  it('refuses a code of the wrong shape without asking the server, and changes nothing', async () => {
    const { server, db, join } = await setting();
    const joined = await join({ joinCode: 'BOOK-12' });
    expect(joined).toMatchObject({ ok: false, error: { code: 'join-code' } });
    expect(server.requests).toEqual([]);
    expect(await getSyncSettings(db)).toBeUndefined();
  });

  it('passes on the server’s reason for an unknown code, and changes nothing', async () => {
    const { db, join } = await setting();
    const joined = await join({ joinCode: 'WWWW-WW' });
    expect(joined).toMatchObject({
      ok: false,
      error: { code: 'refused', cause: { code: 'unknown-join-code' } },
    });
    expect(await getSyncSettings(db)).toBeUndefined();
    expect((await getStation(db))?.eventId).toBe(DEMO_EVENT.id);
  });

  it('says the server cannot be reached, with what to check', async () => {
    const { server, db, join } = await setting();
    server.down = true;
    const joined = await join({ joinCode: server.joinCode(), serverAddress: '192.168.1.20:8080' });
    expect(joined).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    expect(joined.ok || joined.error.params).toEqual({ host: '192.168.1.20:8080' });
    expect(await getSyncSettings(db)).toBeUndefined();
  });

  it('does not take a join answer that is not the protocol’s (a forged event)', async () => {
    const { server, db, join } = await setting();
    server.intercept = () =>
      Promise.resolve(
        Response.json(
          { stationId: 's1', token: 'x'.repeat(40), event: { id: 'e', name: '' } },
          { status: 201 },
        ),
      );
    const joined = await join({ joinCode: server.joinCode() });
    expect(joined).toMatchObject({ ok: false, error: { code: 'not-a-tally-server' } });
    expect(await getSyncSettings(db)).toBeUndefined();
  });

  it('needs the station set up first', async () => {
    const server = await startTestServer();
    const db = freshDatabase();
    const joined = await joinEvent(
      { db, fetch: server.fetch, now: () => NOW, timers: new ManualTimers(NOW) },
      { joinCode: server.joinCode(), serverAddress: '', pageOrigin: SERVER_URL },
    );
    expect(joined).toMatchObject({ ok: false, error: { code: 'station-not-set-up' } });
  });
});

describe('the server address a volunteer types', () => {
  const page = 'http://localhost:5173';
  it.each([
    ['', 'http://localhost:5173'],
    ['192.168.1.20:8080', 'http://192.168.1.20:8080'],
    ['  https://tally.example/organiser  ', 'https://tally.example'],
    ['HTTP://Tally.Example:80/', 'http://tally.example'],
  ])('"%s" means %s', (typed, origin) => {
    expect(normaliseServerAddress(typed, page)).toEqual({ ok: true, value: origin });
  });

  it('guesses https for an app opened over https', () => {
    expect(normaliseServerAddress('tally.example', 'https://app.example')).toEqual({
      ok: true,
      value: 'https://tally.example',
    });
  });

  it('explains that an https app cannot reach an http server', () => {
    const result = normaliseServerAddress('http://192.168.1.20:8080', 'https://app.example');
    expect(result).toMatchObject({ ok: false, error: { code: 'mixed-content' } });
  });

  it.each(['ftp://tally.example', 'http://exa mple', 'https://'])('refuses "%s"', (typed) => {
    expect(normaliseServerAddress(typed, page)).toMatchObject({
      ok: false,
      error: { code: 'server-address' },
    });
  });
});

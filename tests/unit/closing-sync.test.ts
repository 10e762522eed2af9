// A closed station's sheet travels to the tally: the sync engine sends it once after the ballots
// (a lost answer only means the same sheet again), a sheet the server holds differently is not
// sent again; the station's export file carries it, even with no ballot beside it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ClosingSheet } from '../../src/core/closing.ts';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { readTallyFile } from '../../src/core/tally-file/index.ts';
import { closeStation, closingFigures, getClosing } from '../../src/db/closing-repo.ts';
import type { StationDatabase } from '../../src/db/database.ts';
import { SyncEngine } from '../../src/sync/engine.ts';
import { exportStationBallots } from '../../src/sync/export.ts';
import { joinEvent } from '../../src/sync/join.ts';
import { setUpDemoStation } from '../support/station-db.ts';
import {
  castMany,
  ManualTimers,
  seededRandom,
  SERVER_URL,
  startTestServer,
} from './sync-harness.ts';

const START = new Date('2026-06-13T17:00:00Z');

async function close(db: StationDatabase, station: { stationId: string; name: string }) {
  const figures = await closingFigures(db, DEMO_EVENT.id, { attended: false });
  const sheet: ClosingSheet = {
    station: station.stationId,
    stationName: station.name,
    closedAt: START.toISOString(),
    ...figures,
  };
  const closed = await closeStation(db, DEMO_EVENT.id, sheet);
  if (!closed.ok) throw new Error(closed.error.code);
  return sheet;
}

describe('a closed station’s sheet', () => {
  it('goes to the tally once with the next sync, after the ballots', async () => {
    const server = await startTestServer();
    const { db, station } = await setUpDemoStation();
    const timers = new ManualTimers(START);
    const deps = { db, fetch: server.fetch, now: timers.now, timers };
    const joined = await joinEvent(deps, {
      joinCode: server.joinCode(),
      serverAddress: SERVER_URL,
      pageOrigin: SERVER_URL,
    });
    if (!joined.ok) throw new Error(joined.error.code);
    await castMany(db, station.stationId, 3);
    const sheet = await close(db, station);
    expect(sheet.waiting).toBe(3);

    const engine = new SyncEngine({ ...deps, random: seededRandom(3) });
    expect((await engine.syncNow()).kind).toBe('synced');
    expect((await getClosing(db, DEMO_EVENT.id))?.sentAt).toBe(START.toISOString());
    expect(server.store.closings(DEMO_EVENT.id).map((c) => c.sheet)).toEqual([sheet]);
    expect(server.store.event(DEMO_EVENT.id)?.ballots).toBe(3);

    const isClosing = (r: { path: string }) => r.path === '/api/v1/stations/closing';
    expect(server.requests.filter(isClosing)).toHaveLength(1);
    // Sent once: a second sync does not send it again.
    const before = server.requests.length;
    await engine.syncNow();
    const closings = server.requests
      .slice(before)
      .filter((r) => r.path === '/api/v1/stations/closing');
    expect(closings).toEqual([]);
  });

  it('the export file carries the sheet, even with no ballot', async () => {
    const { db, station } = await setUpDemoStation();
    const sheet = await close(db, station);
    const exported = await exportStationBallots(db, DEMO_EVENT.id, START);
    if (!exported.ok) throw new Error(exported.error.code);
    const read = readTallyFile(exported.value.text);
    if (!read.ok) throw new Error(read.error.code);
    expect(read.value.ballots).toEqual([]);
    expect(read.value.closings).toEqual([{ type: 'closing', sheet }]);
  });

  it('the photo of the paper tally sheet goes by sync, just before the sheet, once', async () => {
    const server = await startTestServer();
    const { db, station } = await setUpDemoStation();
    const timers = new ManualTimers(START);
    const deps = { db, fetch: server.fetch, now: timers.now, timers };
    const joined = await joinEvent(deps, {
      joinCode: server.joinCode(),
      serverAddress: SERVER_URL,
      pageOrigin: SERVER_URL,
    });
    if (!joined.ok) throw new Error(joined.error.code);
    const jpeg = new Uint8Array(
      readFileSync(new URL('../server/fixtures/picture.jpg', import.meta.url)),
    );
    const hash = createHash('sha256').update(jpeg).digest('hex');
    const figures = await closingFigures(db, DEMO_EVENT.id, { attended: false });
    const sheet: ClosingSheet = {
      station: station.stationId,
      stationName: station.name,
      closedAt: START.toISOString(),
      ...figures,
      photo: hash,
    };
    const bytes = jpeg.slice().buffer;
    expect((await closeStation(db, DEMO_EVENT.id, sheet, { type: 'image/jpeg', bytes })).ok).toBe(
      true,
    );
    const engine = new SyncEngine({ ...deps, random: seededRandom(5) });
    expect((await engine.syncNow()).kind).toBe('synced');
    const paths = server.requests.map((r) => r.path).filter((p) => p.includes('/closing'));
    expect(paths).toEqual(['/api/v1/stations/closing/photo', '/api/v1/stations/closing']);
    expect(server.store.hasPicture(hash, 'image/jpeg')).toBe(true);
    expect((await getClosing(db, DEMO_EVENT.id))?.photoSentAt).toBe(START.toISOString());
    // The export file names the photo (its hash) but does not carry it: it travels by sync only.
    const exported = await exportStationBallots(db, DEMO_EVENT.id, START);
    if (!exported.ok) throw new Error(exported.error.code);
    expect(exported.value.text).toContain(hash);
    expect(exported.value.text).not.toContain(Buffer.from(jpeg).toString('base64').slice(0, 40));
    await engine.syncNow();
    expect(server.requests.filter((r) => r.path.includes('/closing'))).toHaveLength(2);
  });
});

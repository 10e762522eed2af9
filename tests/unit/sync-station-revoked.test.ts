// The organiser removed this tablet from the event (a lost tablet; POST .../revocation): its next
// sync is refused 403 station-revoked. The station says so in its own words, keeps the ballots it
// still has, stops trying (no timer, and nothing sent on "Sync now" or after a reload), and the
// ballots it delivered before stay counted on the server.
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { countWaiting, getSyncSettings } from '../../src/db/sync-repo.ts';
import { SyncEngine } from '../../src/sync/engine.ts';
import { castMany, joinedStation, seededRandom, SERVER_URL } from './sync-harness.ts';

describe('a station the organiser removed from the event', () => {
  it('says so, keeps its waiting ballots and stops trying, for good', async () => {
    const { server, db, station, deps, engine } = await joinedStation(3);
    await castMany(db, station.stationId, 3);
    engine.start();
    await engine.whenSettled();
    expect(server.storedIds()).toHaveLength(3);

    // The organiser removes it, through the real route.
    const serverStationId = (await getSyncSettings(db))?.serverStationId ?? '';
    const revoked = await server.fetch(
      `${SERVER_URL}/api/v1/events/${DEMO_EVENT.id}/stations/${serverStationId}/revocation`,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${server.organiserToken()}`,
          'Content-Type': 'application/json',
        },
        body: '{}',
      },
    );
    expect(revoked.status).toBe(200);

    await castMany(db, station.stationId, 2);
    await engine.syncNow();
    expect(engine.getSnapshot().problem).toMatchObject({ code: 'station-revoked' });
    expect(engine.getSnapshot().nextAttemptAt).toBeNull();
    expect((await getSyncSettings(db))?.revoked).toBe(true);
    // Its ballots stay on the tablet (to export); the server keeps the three it had.
    expect(await countWaiting(db, DEMO_EVENT.id)).toBe(2);
    expect(server.storedIds()).toHaveLength(3);

    // "Sync now", and a reload, send nothing more and say the same.
    const sent = server.requests.length;
    await engine.syncNow();
    engine.stop();
    const reloaded = new SyncEngine({ ...deps, random: seededRandom(4) });
    reloaded.start();
    await reloaded.whenSettled();
    expect(reloaded.getSnapshot().problem).toMatchObject({ code: 'station-revoked' });
    expect(reloaded.getSnapshot().nextAttemptAt).toBeNull();
    expect(server.requests.length).toBe(sent);
    reloaded.stop();
  });
});

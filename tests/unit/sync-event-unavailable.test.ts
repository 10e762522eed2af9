// The tally server has the station's event but cannot open it (its tally file is damaged): the
// station is told "event unavailable", keeps its ballots and tries again by itself, and is never
// sent to join again (issue 11, fault 10). The refusal is the server's own (station-routes.ts).
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { countWaiting, getSyncSettings } from '../../src/db/sync-repo.ts';
import { eventUnavailable } from '../../src/server/http/station-routes.ts';
import { fail } from '../../src/server/http/respond.ts';
import { castMany, joinedStation } from './sync-harness.ts';

/** What the server answers a station of an event it could not open, on any station route. */
const unavailable = new Hono().all('*', (c) => {
  c.header('Retry-After', '60');
  return fail(c, eventUnavailable(DEMO_EVENT.id));
});

describe('a station whose event the server cannot open', () => {
  it('says the event is unavailable, keeps its ballots, retries later and never asks to join again', async () => {
    const { server, db, station, timers, engine } = await joinedStation(7);
    await castMany(db, station.stationId, 4);
    server.intercept = async (request, forward) =>
      new URL(request.url).pathname.endsWith('/health')
        ? forward(request)
        : unavailable.fetch(request);

    engine.start();
    await engine.whenSettled();

    expect(engine.getSnapshot().problem).toMatchObject({
      code: 'event-unavailable',
      params: { host: 'tally.test' },
    });
    expect((await getSyncSettings(db))?.needsRejoin).not.toBe(true);
    expect(await countWaiting(db, DEMO_EVENT.id)).toBe(4);
    // It tries again by itself, not before the server's Retry-After.
    expect(timers.delays()).not.toEqual([]);
    expect(Math.min(...timers.delays())).toBeGreaterThanOrEqual(60_000);

    // The organiser restores the file and restarts the server: the same ballots go through.
    server.intercept = null;
    timers.fireNext();
    await engine.whenSettled();
    expect(engine.getSnapshot().problem).toBeNull();
    expect(await countWaiting(db, DEMO_EVENT.id)).toBe(0);
    expect(server.storedIds()).toHaveLength(4);
  });
});

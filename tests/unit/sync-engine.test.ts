// The station's sync engine against the real tally server in-process, over a network the test
// breaks on purpose. Each test opens with the story it tells.
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { castBallot } from '../../src/db/ballot-repo.ts';
import type { StationDatabase } from '../../src/db/database.ts';
import { putEvent } from '../../src/db/event-repo.ts';
import { countWaiting, getSyncSettings, listRejected } from '../../src/db/sync-repo.ts';
import { markExported } from '../../src/db/event-status.ts';
import { SyncEngine, type SyncOptions } from '../../src/sync/engine.ts';
import { joinEvent } from '../../src/sync/join.ts';
import { setUpDemoStation } from '../support/station-db.ts';
import {
  castMany,
  ManualTimers,
  seededRandom,
  SERVER_URL,
  startTestServer,
  type TestServer,
} from './sync-harness.ts';

const START = new Date('2026-06-13T09:00:00Z');

async function joinedStation(options: Partial<SyncOptions> = {}) {
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
  server.requests.length = 0;
  const engine = new SyncEngine({ ...deps, random: seededRandom(7), options });
  return { server, db, station, timers, engine };
}

const sorted = (ids: Iterable<string>) => [...ids].sort();

async function syncUntilEmpty(engine: SyncEngine, timers: ManualTimers, db: StationDatabase) {
  for (let tries = 0; tries < 100; tries++) {
    if ((await countWaiting(db, DEMO_EVENT.id)) === 0) return tries;
    timers.fireNext();
    await engine.whenSettled();
  }
  throw new Error('The outbox never emptied.');
}

describe('sending the outbox', () => {
  it('sends 1,100 ballots in batches of at most 500 and the server holds each exactly once', async () => {
    const { server, db, station, engine } = await joinedStation();
    const ballots = await castMany(db, station.stationId, 1_100);

    const outcome = await engine.syncNow();

    expect(outcome).toEqual({ kind: 'synced', stored: 1_100, rejected: 0 });
    const pushes = server.pushes();
    expect(pushes.map((p) => p.ballots.length)).toEqual([500, 500, 100]);
    expect(pushes.every((p) => p.castCount === 1_100)).toBe(true);
    expect(sorted(server.storedIds())).toEqual(sorted(ballots.map((b) => b.id)));
    expect(server.store.event(DEMO_EVENT.id)?.ballots).toBe(1_100);
    expect(await countWaiting(db, DEMO_EVENT.id)).toBe(0);
    expect((await getSyncSettings(db))?.lastSyncedAt).toBe(START.toISOString());
  });

  it('shuffles each batch, so the arrival order is neither the casting order nor the id order', async () => {
    const { server, db, station, engine } = await joinedStation();
    const cast = await castMany(db, station.stationId, 300);
    await engine.syncNow();
    const sent = (server.pushes()[0]?.ballots ?? []).map((b) => b.id);
    expect(sorted(sent)).toEqual(sorted(cast.map((b) => b.id)));
    expect(sent).not.toEqual(cast.map((b) => b.id));
    expect(sent).not.toEqual(sorted(sent));
  });

  it('re-sends after a lost reply (the server had stored the batch) without adding anything twice', async () => {
    const { server, db, station, engine } = await joinedStation();
    const cast = await castMany(db, station.stationId, 40);
    server.requests.length = 0;
    // The health check's reply arrives; the push's is lost after the server stored the batch.
    server.intercept = async (request, forward) => {
      const response = await forward(request);
      if (new URL(request.url).pathname === '/api/v1/ballots') server.loseReplies = 1;
      return response;
    };

    const first = await engine.syncNow();
    expect(first).toMatchObject({ kind: 'failed', problem: { code: 'unreachable' } });
    expect(server.storedIds()).toHaveLength(40);
    expect(await countWaiting(db, DEMO_EVENT.id)).toBe(40);

    server.intercept = null;
    const second = await engine.syncNow();
    expect(second).toEqual({ kind: 'synced', stored: 40, rejected: 0 });
    expect(server.pushes()).toHaveLength(2);
    expect(server.store.event(DEMO_EVENT.id)?.ballots).toBe(40);
    expect(sorted(server.storedIds())).toEqual(sorted(cast.map((b) => b.id)));
    expect(await countWaiting(db, DEMO_EVENT.id)).toBe(0);
  });

  it('gets 2,000 ballots through a network that drops every other request, each stored once', async () => {
    const { server, db, station, timers, engine } = await joinedStation();
    engine.start();
    const cast = await castMany(db, station.stationId, 2_000);
    await engine.whenSettled();
    let requests = 0;
    server.intercept = async (request, forward) => {
      requests += 1;
      if (requests % 2 === 0) throw new TypeError('Failed to fetch');
      const response = await forward(request);
      if (requests % 3 === 0) server.loseReplies = 1;
      return response;
    };

    await syncUntilEmpty(engine, timers, db);

    expect(server.store.event(DEMO_EVENT.id)?.ballots).toBe(2_000);
    expect(sorted(server.storedIds())).toEqual(sorted(cast.map((b) => b.id)));
    engine.stop();
  });

  it('sends nothing but a heartbeat when the outbox is empty, with the cast count', async () => {
    const { server, db, engine } = await joinedStation();
    await castBallot(db, {
      event: DEMO_EVENT,
      choice: { kind: 'approval', bids: ['gala-day'] },
      now: START,
    });
    await engine.syncNow();
    server.requests.length = 0;

    const beat = await engine.syncNow();

    expect(beat).toEqual({ kind: 'synced', stored: 0, rejected: 0 });
    expect(server.pushes()).toEqual([
      { protocol: 1, eventId: DEMO_EVENT.id, castCount: 1, ballots: [] },
    ]);
    const status = server.store.stations(DEMO_EVENT.id);
    expect(status).toHaveLength(1);
    expect(status[0]).toMatchObject({ cast: 1, received: 1, missing: 0 });
  });

  it('lets a voter cast while a batch is on its way, and sends that ballot in the same run', async () => {
    const { server, db, engine } = await joinedStation();
    await castMany(db, 'station', 10);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let heldOnce = false;
    server.intercept = async (request, forward) => {
      if (new URL(request.url).pathname === '/api/v1/ballots' && !heldOnce) {
        heldOnce = true;
        await held;
      }
      return forward(request);
    };
    const running = engine.syncNow();
    await expect.poll(() => engine.getSnapshot().activity.kind).toBe('sending');

    const cast = await castBallot(db, {
      event: DEMO_EVENT,
      choice: { kind: 'approval', bids: ['chair-yoga'] },
      now: START,
    });
    expect(cast.ok).toBe(true);
    release();

    expect(await running).toEqual({ kind: 'synced', stored: 11, rejected: 0 });
    expect(server.store.event(DEMO_EVENT.id)?.ballots).toBe(11);
  });

  it('halves the batch when the server says it is too large', async () => {
    const { server, db, engine } = await joinedStation();
    await castMany(db, 'station', 300);
    server.intercept = async (request, forward) => {
      const body = request.method === 'POST' ? await request.clone().text() : '';
      const ballots = (JSON.parse(body || '{}') as { ballots?: unknown[] }).ballots ?? [];
      if (ballots.length > 100) {
        return Response.json(
          { error: { code: 'payload-too-large', message: 'This request is too large.' } },
          { status: 413 },
        );
      }
      return forward(request);
    };

    expect(await engine.syncNow()).toEqual({ kind: 'synced', stored: 300, rejected: 0 });
    expect(server.store.event(DEMO_EVENT.id)?.ballots).toBe(300);
  });
});

describe('what the server says is trusted only as far as it goes', () => {
  it('does not mark ballots it never sent as synced when a server claims them', async () => {
    const { server, db, engine } = await joinedStation({ batchSize: 5 });
    const cast = await castMany(db, 'station', 8);
    const everyId = cast.map((b) => b.id);
    server.intercept = async (request, forward) => {
      const response = await forward(request);
      if (new URL(request.url).pathname !== '/api/v1/ballots') return response;
      const body = (await response.json()) as { stored: string[] };
      return Response.json({ ...body, stored: everyId });
    };
    // Stop after the first batch: the next request finds the network down.
    let pushes = 0;
    const claim = server.intercept;
    server.intercept = async (request, forward) => {
      if (new URL(request.url).pathname === '/api/v1/ballots' && ++pushes > 1) {
        throw new TypeError('Failed to fetch');
      }
      return claim(request, forward);
    };

    await engine.syncNow();

    expect(await countWaiting(db, DEMO_EVENT.id)).toBe(3);
  });

  it('gives up on a server that never answers after the health-check timeout, changing nothing', async () => {
    const { server, db, timers, engine } = await joinedStation({ healthTimeoutMs: 4_000 });
    await castMany(db, 'station', 5);
    // Accepts the connection, then says nothing until the station hangs up.
    server.intercept = (request) =>
      new Promise((_, reject) =>
        request.signal.addEventListener('abort', () => reject(new DOMException('', 'AbortError'))),
      );

    const run = engine.syncNow();
    await expect.poll(() => timers.delays()).toEqual([4_000]);
    timers.fireNext();

    expect(await run).toMatchObject({ kind: 'failed', problem: { code: 'timeout' } });
    expect(server.pushes()).toEqual([]);
    expect(await countWaiting(db, DEMO_EVENT.id)).toBe(5);
  });

  it('changes nothing when a Wi-Fi sign-in page answers instead of the server', async () => {
    const { server, db, engine } = await joinedStation();
    await castMany(db, 'station', 5);
    server.intercept = () =>
      Promise.resolve(new Response('<html>Sign in to CafeWiFi</html>', { status: 200 }));

    const outcome = await engine.syncNow();

    expect(outcome).toMatchObject({ kind: 'failed', problem: { code: 'not-a-tally-server' } });
    expect(await countWaiting(db, DEMO_EVENT.id)).toBe(5);
  });
});

describe('refusals', () => {
  it('keeps a ballot the server rejects on the station with its reason, and never re-sends it', async () => {
    const { server, db, engine } = await joinedStation();
    // This station's copy of the event has a bid the server's has not (an out-of-date copy).
    const moonBase = { ...DEMO_EVENT.bids[0]!, id: 'moon-base', title: 'Moon base' };
    const stale = { ...DEMO_EVENT, bids: [...DEMO_EVENT.bids, moonBase] };
    await putEvent(db, stale);
    const bad = await castBallot(db, {
      event: stale,
      choice: { kind: 'approval', bids: ['moon-base'] },
      now: START,
    });
    const good = await castBallot(db, {
      event: stale,
      choice: { kind: 'approval', bids: ['gala-day'] },
      now: START,
    });
    if (!bad.ok || !good.ok) throw new Error('cast failed');

    expect(await engine.syncNow()).toEqual({ kind: 'synced', stored: 1, rejected: 1 });
    const rejected = await listRejected(db, DEMO_EVENT.id);
    expect(rejected).toEqual([
      expect.objectContaining({
        ballotId: bad.value.id,
        state: 'rejected',
        rejection: expect.objectContaining({ code: 'unknown-bid' }) as unknown,
      }),
    ]);
    expect(server.storedIds()).toEqual([good.value.id]);

    server.requests.length = 0;
    await engine.syncNow();
    expect(server.pushes().map((p) => p.ballots)).toEqual([[]]);
  });

  it('stops and asks for a new join when the server no longer knows the station token (401)', async () => {
    const { server, db, engine, timers } = await joinedStation();
    engine.start();
    await engine.whenSettled();
    await castMany(db, 'station', 3);
    // The real server answers 401 to a token it does not know.
    server.intercept = (request, forward) => {
      const headers = new Headers(request.headers);
      headers.set('Authorization', `Bearer ${'x'.repeat(43)}`);
      return forward(new Request(request, { headers }));
    };

    const outcome = await engine.syncNow();

    expect(outcome).toMatchObject({ kind: 'failed', problem: { code: 'needs-rejoin' } });
    expect(engine.getSnapshot().problem).toMatchObject({ code: 'needs-rejoin', params: {} });
    expect((await getSyncSettings(db))?.needsRejoin).toBe(true);
    expect(timers.delays()).toEqual([]);
    expect(await countWaiting(db, DEMO_EVENT.id)).toBe(3);

    // A volunteer joins again: the same ballots then go through, once.
    server.intercept = null;
    const again = await joinEvent(
      { db, fetch: server.fetch, now: timers.now, timers },
      { joinCode: server.joinCode(), serverAddress: '', pageOrigin: SERVER_URL },
    );
    expect(again.ok).toBe(true);
    expect(await engine.syncNow()).toEqual({ kind: 'synced', stored: 3, rejected: 0 });
    engine.stop();
  });

  it('does not send another event’s ballots: the demo ballots stay for export', async () => {
    const { server, db, station, engine } = await joinedStation();
    const demo = await castMany(db, station.stationId, 4);
    // Saved to a file first: otherwise the station refuses to switch.
    await markExported(
      db,
      demo.map((b) => b.id),
      START,
    );
    const relocated = await joinEvent(
      { db, fetch: server.fetch, now: () => START, timers: new ManualTimers(START) },
      { joinCode: server.joinCode('harbour-2026'), serverAddress: '', pageOrigin: SERVER_URL },
    );
    expect(relocated).toMatchObject({ ok: true, value: { switchedEvent: true } });

    await engine.syncNow();

    expect(server.pushes().flatMap((p) => p.ballots)).toEqual([]);
    expect(server.pushes().every((p) => p.eventId === 'harbour-2026')).toBe(true);
    expect(await countWaiting(db, DEMO_EVENT.id)).toBe(demo.length);
  });
});

describe('when to try again', () => {
  async function failingAttempts(
    server: TestServer,
    engine: SyncEngine,
    timers: ManualTimers,
    n: number,
  ) {
    server.down = true;
    engine.start();
    await engine.whenSettled();
    const delays = [timers.delays()[0] ?? -1];
    for (let i = 1; i < n; i++) {
      timers.fireNext();
      await engine.whenSettled();
      delays.push(timers.delays()[0] ?? -1);
    }
    return delays;
  }

  it('sends a ballot a couple of seconds after it is cast, without waiting for the heartbeat', async () => {
    const { server, db, timers, engine } = await joinedStation({
      heartbeatMs: 30_000,
      newBallotDelayMs: 2_000,
    });
    engine.start();
    await engine.whenSettled();
    expect(timers.delays()).toEqual([30_000]);

    const cast = await castBallot(db, {
      event: DEMO_EVENT,
      choice: { kind: 'approval', bids: ['warm-space'] },
      now: START,
    });
    if (!cast.ok) throw new Error(cast.error.code);

    await expect.poll(() => timers.delays()).toEqual([2_000]);
    timers.fireNext();
    await engine.whenSettled();
    expect(server.storedIds()).toEqual([cast.value.id]);
    expect(timers.delays()).toEqual([30_000]);
    engine.stop();
  });

  it('backs off exponentially with jitter, up to the cap, while the server is unreachable', async () => {
    const options = { backoffBaseMs: 1_000, backoffMaxMs: 30_000 };
    const { server, engine, timers } = await joinedStation(options);

    const delays = await failingAttempts(server, engine, timers, 8);

    delays.forEach((delay, i) => {
      const ceiling = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** i);
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    });
    expect(delays.at(-1)).toBeGreaterThan(delays[0]! * 8);
    expect(engine.getSnapshot().problem?.code).toBe('unreachable');
    engine.stop();
  });

  it('tries at once when the browser comes back online, and then heartbeats', async () => {
    let announce: (online: boolean) => void = () => {};
    const server = await startTestServer();
    const { db } = await setUpDemoStation();
    const timers = new ManualTimers(START);
    const deps = { db, fetch: server.fetch, now: timers.now, timers };
    await joinEvent(deps, {
      joinCode: server.joinCode(),
      serverAddress: '',
      pageOrigin: SERVER_URL,
    });
    const engine = new SyncEngine({
      ...deps,
      random: () => 0.5,
      network: {
        subscribe: (onChange) => {
          announce = onChange;
          return () => {};
        },
      },
      options: { heartbeatMs: 30_000, backoffBaseMs: 60_000 },
    });
    server.down = true;
    engine.start();
    await engine.whenSettled();
    await castMany(db, 'station', 2);
    announce(false);
    expect(engine.getSnapshot().offline).toBe(true);

    server.down = false;
    announce(true);
    await engine.whenSettled();

    expect(await countWaiting(db, DEMO_EVENT.id)).toBe(0);
    expect(engine.getSnapshot()).toMatchObject({ problem: null, offline: false });
    expect(timers.delays()).toEqual([30_000]);
    engine.stop();
    expect(timers.delays()).toEqual([]);
  });
});

describe('two tabs of one station', () => {
  it('do not both send the same ballots when they share a lock', async () => {
    const { server, db, station, timers } = await joinedStation();
    await castMany(db, station.stationId, 700);
    // What Web Locks give the browser: one holder at a time, in order.
    let queue: Promise<unknown> = Promise.resolve();
    const exclusive = <T>(run: () => Promise<T>): Promise<T> => {
      const turn = queue.then(run);
      queue = turn.catch(() => {});
      return turn;
    };
    const tab = (seed: number) =>
      new SyncEngine({
        db,
        fetch: server.fetch,
        now: timers.now,
        timers,
        random: seededRandom(seed),
        exclusive,
      });

    const outcomes = await Promise.all([tab(1).syncNow(), tab(2).syncNow()]);

    const sent = server.pushes().flatMap((p) => p.ballots.map((b) => b.id));
    expect(sent).toHaveLength(700);
    expect(new Set(sent).size).toBe(700);
    expect(outcomes.map((o) => (o.kind === 'synced' ? o.stored : -1)).sort()).toEqual([0, 700]);
  });
});

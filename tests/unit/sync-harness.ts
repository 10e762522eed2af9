// The real tally server (src/server's Hono app on a file store in a temp folder) running in this
// process, reached through a fake network the test controls: down, lost replies, rewritten replies.
// Plus a clock and timers the test moves by hand.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { PushRequest } from '../../src/core/protocol.ts';
import type { Ballot, EventDefinition } from '../../src/core/schema.ts';
import type { StationDatabase } from '../../src/db/database.ts';
import { createApp } from '../../src/server/http/app.ts';
import { OrganiserSessions } from '../../src/server/http/secrets.ts';
import { FileTallyStore } from '../../src/server/store/file-tally-store.ts';
import type { FetchLike, Timers } from '../../src/sync/http.ts';
import { SyncEngine } from '../../src/sync/engine.ts';
import { joinEvent } from '../../src/sync/join.ts';
import { setUpDemoStation } from '../support/station-db.ts';
import { seededRandom } from '../support/seeded-random.ts';

export const SERVER_URL = 'https://tally.test';
export const OTHER_EVENT: EventDefinition = {
  ...DEMO_EVENT,
  id: 'harbour-2026',
  name: 'Harbour Fund Day 2026',
};

type Handler = (request: Request, forward: (r: Request) => Promise<Response>) => Promise<Response>;

export interface TestServer {
  store: FileTallyStore;
  joinCode: (eventId?: string) => string;
  organiserToken: () => string;
  fetch: FetchLike;
  /** Every request that went out, network up or not. */
  requests: { method: string; path: string; body: unknown }[];
  pushes: () => PushRequest[];
  /** No request reaches the server: as with no Wi-Fi. */
  down: boolean;
  /** The next `n` requests reach the server, but their replies are lost on the way back. */
  loseReplies: number;
  /** Replaces the server for matching requests; `forward` reaches the real one. */
  intercept: Handler | null;
  storedIds: (eventId?: string) => string[];
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

export async function startTestServer(): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'decision-day-sync-'));
  const store = await FileTallyStore.open(dataDir, { log: () => {} });
  await store.createEvent(DEMO_EVENT, 'K7QF-M4');
  await store.createEvent(OTHER_EVENT, 'HTXR-9C');
  const sessions = new OrganiserSessions(3_600_000, () => new Date());
  const app = createApp({
    store,
    sessions,
    organiserPassword: 'organiser password',
    rateLimit: { burst: 1_000_000, perSecond: 1_000_000 },
    now: () => new Date(),
    distDir: join(dataDir, 'no-dist'),
    log: () => {},
  });
  cleanups.push(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const forward = async (request: Request) => app.fetch(request);

  const server: TestServer = {
    store,
    joinCode: (eventId = DEMO_EVENT.id) => store.event(eventId)?.joinCode ?? 'none',
    organiserToken: () => sessions.create().token,
    requests: [],
    pushes: () =>
      server.requests.filter((r) => r.path === '/api/v1/ballots').map((r) => r.body as PushRequest),
    down: false,
    loseReplies: 0,
    intercept: null,
    storedIds: (eventId = DEMO_EVENT.id) => {
      const ids: string[] = [];
      for (const id of allIds) if (store.hasBallot(eventId, id)) ids.push(id);
      return ids;
    },
    fetch: async (url, init) => {
      const request = new Request(url, init);
      const path = new URL(url).pathname;
      const text = typeof init.body === 'string' ? init.body : undefined;
      const body: unknown =
        path.endsWith('/import') || text === undefined ? text : JSON.parse(text);
      server.requests.push({ method: request.method, path, body });
      // Remember every ballot id ever sent, to ask the store about them afterwards.
      for (const b of (body as { ballots?: Ballot[] } | undefined)?.ballots ?? []) allIds.add(b.id);
      if (server.down) throw new TypeError('Failed to fetch');
      const response = await (server.intercept
        ? server.intercept(request, forward)
        : forward(request));
      if (server.loseReplies > 0) {
        server.loseReplies -= 1;
        throw new TypeError('Failed to fetch');
      }
      return response;
    },
  };
  const allIds = new Set<string>();
  return server;
}

/** Timers that fire only when the test says so, on a clock the test moves. */
export class ManualTimers implements Timers {
  private nowMs: number;
  private next = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();

  constructor(start: Date) {
    this.nowMs = start.getTime();
  }

  now = (): Date => new Date(this.nowMs);

  setTimeout = (callback: () => void, ms: number): unknown => {
    const id = this.next++;
    this.pending.set(id, { at: this.nowMs + ms, callback });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.pending.delete(handle as number);
  };

  /** Delays of the timers still pending, from now. */
  delays(): number[] {
    return [...this.pending.values()].map((t) => t.at - this.nowMs).sort((a, b) => a - b);
  }

  /** Moves the clock to the earliest pending timer and fires it. Returns the delay it had. */
  fireNext(): number {
    const first = [...this.pending.entries()].sort((a, b) => a[1].at - b[1].at)[0];
    if (!first) throw new Error('No timer is pending.');
    const [id, timer] = first;
    const delay = timer.at - this.nowMs;
    this.pending.delete(id);
    this.nowMs = timer.at;
    timer.callback();
    return delay;
  }
}

/**
 * `n` valid demo ballots put on the station the way castBallot stores them (ballot and outbox row
 * together), in one transaction: casting 1,000 one by one would only slow the tests down.
 */
export async function castMany(
  db: StationDatabase,
  stationId: string,
  n: number,
  event: EventDefinition = DEMO_EVENT,
): Promise<Ballot[]> {
  const bids = event.bids.map((b) => b.id);
  const ballots: Ballot[] = Array.from({ length: n }, (_, i) => ({
    id: crypto.randomUUID(),
    eventId: event.id,
    stationId,
    castHour: '2026-06-13T14:00Z',
    choice: { kind: 'approval', bids: [bids[i % bids.length] ?? ''] },
  }));
  await db.transaction('rw', db.ballots, db.outbox, async () => {
    await db.ballots.bulkAdd(ballots);
    await db.outbox.bulkAdd(
      ballots.map((b) => ({ ballotId: b.id, eventId: b.eventId, state: 'waiting' as const })),
    );
  });
  return ballots;
}

export { seededRandom };

/**
 * A demo station joined to a fresh test server, with an engine not yet started: the set-up every
 * test of a station's refused sync begins with. Throws if the join itself fails.
 */
export async function joinedStation(seed: number) {
  const server = await startTestServer();
  const { db, station } = await setUpDemoStation();
  const timers = new ManualTimers(new Date('2026-06-13T09:00:00Z'));
  const deps = { db, fetch: server.fetch, now: timers.now, timers };
  const joined = await joinEvent(deps, {
    joinCode: server.joinCode(),
    serverAddress: SERVER_URL,
    pageOrigin: SERVER_URL,
  });
  if (!joined.ok) throw new Error(`join failed: ${joined.error.code}`);
  const engine = new SyncEngine({ ...deps, random: seededRandom(seed) });
  return { server, db, station, timers, deps, engine };
}

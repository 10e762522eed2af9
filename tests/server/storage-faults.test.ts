// The disk refuses a write (EIO, ENOSPC, EPERM: a file briefly unwritable, a full disk): only the
// requests that touched it fail, with 503 storage-failed; the files stay verifiable; and once the
// disk works again every station pushes as before, with no restart and nothing counted twice.
// The server runs in this process so durable-file.ts's seam can make the disk fail on demand
// (chmod does not stop root, which the tests run as).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { JoinResponse, PushResponse } from '../../src/core/protocol.ts';
import type { Ballot } from '../../src/core/schema.ts';
import { readTallyFile, verifyTallyFile } from '../../src/core/tally-file/index.ts';
import { createApp } from '../../src/server/http/app.ts';
import { OrganiserSessions } from '../../src/server/http/secrets.ts';
import { simulateDiskFaults, type DiskOperation } from '../../src/server/store/durable-file.ts';
import { FileTallyStore } from '../../src/server/store/file-tally-store.ts';
import { demoBallots } from './support/tally-server.ts';

const JOIN_CODE = 'K7QF-M4';

interface Running {
  dataDir: string;
  store: FileTallyStore;
  sessions: OrganiserSessions;
  request: <T>(path: string, init?: { token?: string; body?: unknown }) => Promise<Reply<T>>;
  logged: string[];
}

interface Reply<T> {
  status: number;
  body: T;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  simulateDiskFaults(null);
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(dataDir = mkdtempSync(join(tmpdir(), 'decision-day-faults-'))) {
  const logged: string[] = [];
  const store = await FileTallyStore.open(dataDir, { log: (line) => logged.push(line) });
  if (store.event(DEMO_EVENT.id) === undefined && store.unopened().length === 0) {
    await store.createEvent(DEMO_EVENT, JOIN_CODE);
  }
  const sessions = new OrganiserSessions(3_600_000, () => new Date());
  const app = createApp({
    store,
    sessions,
    organiserPassword: 'organiser password',
    rateLimit: { burst: 1_000_000, perSecond: 1_000_000 },
    now: () => new Date(),
    distDir: join(dataDir, 'no-dist'),
    log: (line) => logged.push(line),
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    simulateDiskFaults(null);
    await store.close();
  };
  cleanups.push(async () => {
    await close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const running: Running & { close: () => Promise<void> } = {
    dataDir,
    store,
    sessions,
    logged,
    close,
    request: async <T>(path: string, init: { token?: string; body?: unknown } = {}) => {
      const headers: Record<string, string> = {};
      if (init.token !== undefined) headers['Authorization'] = `Bearer ${init.token}`;
      if (init.body !== undefined) headers['Content-Type'] = 'application/json';
      const response = await app.request(`http://127.0.0.1/api/v1${path}`, {
        method: init.body === undefined ? 'GET' : 'POST',
        headers,
        ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
      });
      return { status: response.status, body: (await response.json()) as T };
    },
  };
  return running;
}

const join_ = (s: Running, name: string) =>
  s.request<JoinResponse>('/stations/join', { body: { joinCode: JOIN_CODE, stationName: name } });

const pushTo = (s: Running, station: JoinResponse, ballots: readonly unknown[], cast: number) =>
  s.request<PushResponse & { error?: { code: string } }>('/ballots', {
    token: station.token,
    body: { protocol: 1, eventId: DEMO_EVENT.id, castCount: cast, ballots },
  });

const eventFile = (s: Running, name: string) => join(s.dataDir, 'events', DEMO_EVENT.id, name);

const ioError = (code: string) =>
  Object.assign(new Error(`${code}: simulated disk error`), { code });

/** Every operation on files whose name ends with `file` fails while `on()` is true. */
function failing(file: string, operations: DiskOperation[], code = 'EIO') {
  let on = true;
  simulateDiskFaults((operation, path) =>
    on && path.endsWith(file) && operations.includes(operation) ? ioError(code) : undefined,
  );
  return () => {
    on = false;
  };
}

/** Every line of a JSON-lines log is whole JSON (no torn line). */
function logLines(path: string): unknown[] {
  const text = readFileSync(path, 'utf8');
  if (text !== '') expect(text.endsWith('\n')).toBe(true);
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as unknown);
}

function tallyIds(s: Running): string[] {
  const text = readFileSync(eventFile(s, 'tally.jsonl'), 'utf8');
  const verified = verifyTallyFile(text);
  expect(verified.ok, JSON.stringify(verified)).toBe(true);
  const read = readTallyFile(text);
  if (!read.ok) throw new Error(read.error.code);
  return read.value.ballots.map((b) => b.id);
}

/** A ballot the event refuses (an unknown bid): pushed to touch the quarantine. */
const badBallot = (station: string, n: number): Ballot => ({
  ...demoBallots(station, 1, n)[0]!,
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  choice: { kind: 'approval', bids: ['no-such-bid'] },
});

describe('a write error on one of the event files', { timeout: 30_000 }, () => {
  const cases: { file: string; operations: DiskOperation[]; code: string }[] = [
    // The file cannot be written nor cut back (EPERM on both): the append's tail stays junk.
    { file: 'tally.jsonl', operations: ['write', 'truncate'], code: 'EPERM' },
    { file: 'station-log.jsonl', operations: ['write', 'truncate'], code: 'EPERM' },
    { file: 'quarantine.jsonl', operations: ['write', 'truncate'], code: 'EPERM' },
    // Written, but fsync reports EIO and the cut-back fails too: a whole unsealed batch stays.
    { file: 'tally.jsonl', operations: ['sync', 'truncate'], code: 'EIO' },
    { file: 'station-log.jsonl', operations: ['sync', 'truncate'], code: 'EIO' },
  ];
  for (const { file, operations, code } of cases) {
    it(`${file} (${code} on ${operations.join(' and ')}) fails only while it lasts and clears by itself`, async () => {
      const s = await start();
      const hall = (await join_(s, 'Hall')).body;
      const library = (await join_(s, 'Library')).body;
      const acked = new Set<string>();
      const sent: { station: JoinResponse; batch: Ballot[] }[] = [];
      const send = async (station: JoinResponse, batch: Ballot[], cast: number) => {
        sent.push({ station, batch });
        const reply = await pushTo(s, station, batch, cast);
        if (reply.status === 200) for (const id of reply.body.stored) acked.add(id);
        return reply;
      };
      expect((await send(hall, demoBallots(hall.stationId, 20), 20)).status).toBe(200);

      const heal = failing(file, operations, code);
      // Each batch touches all three files: new ballots, a refused one, the station's log.
      for (let i = 0; i < 4; i += 1) {
        const station = i % 2 === 0 ? hall : library;
        const batch = [...demoBallots(station.stationId, 10, 100 + i * 10), badBallot('x', i)];
        const reply = await send(station, batch, 30 + i * 10);
        expect(reply.status).toBe(503);
        expect(reply.body.error?.code).toBe('storage-failed');
      }
      heal();

      // The disk works again: every station pushes as before, without a restart.
      for (let i = 0; i < 3; i += 1) {
        const station = i % 2 === 0 ? library : hall;
        const reply = await send(station, demoBallots(station.stationId, 10, 500 + i * 10), 80);
        expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      }
      // The stations re-send what was not acknowledged, as their outboxes do.
      for (const { station, batch } of sent.slice(1, 5)) {
        const reply = await pushTo(s, station, batch, 80);
        expect(reply.status, JSON.stringify(reply.body)).toBe(200);
        for (const id of reply.body.stored) acked.add(id);
      }

      // Every valid ballot sent is in the tally once, and acknowledged; the file verifies.
      const ids = tallyIds(s);
      expect(new Set(ids).size).toBe(ids.length);
      const valid = sent.flatMap(({ batch }) =>
        batch.filter((b) => b.choice.kind !== 'approval' || !b.choice.bids.includes('no-such-bid')),
      );
      expect(new Set(ids)).toEqual(new Set(valid.map((b) => b.id)));
      expect([...acked].sort()).toEqual([...ids].sort());
      // The logs have no torn line, and each refused ballot is kept apart once.
      const quarantined = logLines(eventFile(s, 'quarantine.jsonl')) as { id: string }[];
      expect(quarantined.map((q) => q.id).sort()).toEqual(
        [0, 1, 2, 3].map((n) => badBallot('x', n).id),
      );
      logLines(eventFile(s, 'station-log.jsonl'));
      const stations = await s.request<{ stations: { name: string; received: number }[] }>(
        `/events/${DEMO_EVENT.id}/stations`,
        { token: s.sessions.create().token },
      );
      const received = Object.fromEntries(stations.body.stations.map((x) => [x.name, x.received]));
      expect(received).toEqual({ Hall: 20 + 20 + 10, Library: 20 + 10 + 10 });

      // A restart finds nothing to repair: no tail was left behind.
      await s.close();
      const again = await start(s.dataDir);
      expect(again.logged.filter((l) => /Recovered|interrupted|unreadable/.test(l))).toEqual([]);
      expect(again.store.event(DEMO_EVENT.id)?.ballots).toBe(ids.length);
    });
  }

  it('fails only the requests it touches: a heartbeat during a quarantine fault still answers', async () => {
    const s = await start();
    const hall = (await join_(s, 'Hall')).body;
    const heal = failing('quarantine.jsonl', ['write', 'truncate'], 'EPERM');
    expect((await pushTo(s, hall, [badBallot('x', 1)], 1)).status).toBe(503);
    // Nothing for the quarantine in these: they do not touch it.
    const ok = await pushTo(s, hall, demoBallots(hall.stationId, 5), 6);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await pushTo(s, hall, [], 6)).status).toBe(200);
    heal();
    expect((await pushTo(s, hall, [badBallot('x', 1)], 6)).status).toBe(200);
  });
});

describe('joining on a full disk', () => {
  it('answers 503 storage-failed, changes nothing, and works once there is room', async () => {
    const s = await start();
    const before = readFileSync(eventFile(s, 'stations.json'), 'utf8');
    const heal = failing('stations.json', ['write'], 'ENOSPC');
    const refused = await join_(s, 'Hall');
    expect(refused.status).toBe(503);
    expect((refused.body as unknown as { error: { code: string } }).error.code).toBe(
      'storage-failed',
    );
    expect(readFileSync(eventFile(s, 'stations.json'), 'utf8')).toBe(before);
    heal();
    const joined = await join_(s, 'Hall');
    expect(joined.status).toBe(201);
    expect((await pushTo(s, joined.body, demoBallots(joined.body.stationId, 3), 3)).status).toBe(
      200,
    );
  });
});

describe('a damaged event (an edited middle line in its tally file)', () => {
  it('is not opened; its stations are told it is unavailable, and the organiser what is wrong and where', async () => {
    const s = await start();
    const hall = (await join_(s, 'Hall')).body;
    for (let i = 0; i < 3; i += 1) {
      expect((await pushTo(s, hall, demoBallots(hall.stationId, 5, i * 5), 5 + i * 5)).status).toBe(
        200,
      );
    }
    await s.close();
    // Someone edits a ballot in the middle of the file (a choice changed by hand).
    const path = eventFile(s, 'tally.jsonl');
    const lines = readFileSync(path, 'utf8').split('\n');
    const ballotLines = lines.flatMap((l, i) => (l.includes('"choice"') ? [i] : []));
    const edited = ballotLines[Math.floor(ballotLines.length / 2)]!;
    lines[edited] = lines[edited]!.replace(
      '"castHour":"2026-06-13T14:00Z"',
      '"castHour":"2026-06-13T15:00Z"',
    );
    writeFileSync(path, lines.join('\n'));

    const again = await start(s.dataDir);
    expect(again.store.event(DEMO_EVENT.id)).toBeUndefined();
    // The station: not "join again", but "this event is unavailable" (and it keeps its ballots).
    const pushed = await pushTo(again, hall, demoBallots(hall.stationId, 2, 100), 17);
    expect(pushed.status).toBe(503);
    expect(pushed.body.error?.code).toBe('event-unavailable');
    const status = await again.request<{ error: { code: string } }>('/stations/event', {
      token: hall.token,
    });
    expect([status.status, status.body.error.code]).toEqual([503, 'event-unavailable']);
    // Joining with its code says the same, not "unknown join code".
    const joined = await again.request<{ error: { code: string; params: unknown } }>(
      '/stations/join',
      { body: { joinCode: JOIN_CODE, stationName: 'Library' } },
    );
    expect(joined.status).toBe(503);
    expect(joined.body.error.code).toBe('event-unavailable');
    // The organiser's events list says which event, that its tally file is damaged, and where.
    const list = await again.request<{
      events: unknown[];
      unavailable?: {
        id: string;
        name?: string;
        problem?: { code: string; params: Record<string, unknown> };
      }[];
    }>('/events', { token: again.sessions.create().token });
    expect(list.status).toBe(200);
    expect(list.body.events).toEqual([]);
    expect(list.body.unavailable).toEqual([
      {
        id: DEMO_EVENT.id,
        name: DEMO_EVENT.name,
        problem: {
          code: expect.any(String) as unknown,
          params: expect.objectContaining({ line: edited + 1 }) as unknown,
        },
      },
    ]);
    // Nothing was written to the damaged event's files.
    expect(readFileSync(path, 'utf8')).toBe(lines.join('\n'));
  });
});

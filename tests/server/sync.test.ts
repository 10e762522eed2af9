// Stations push ballots to a real tally server process; the organiser reads the central file.
import { get as httpsGet } from 'node:https';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { problemSummary } from '../../src/core/problem.ts';
import type {
  EventsResponse,
  RejectedResponse,
  StationsResponse,
} from '../../src/core/protocol.ts';
import type { Ballot } from '../../src/core/schema.ts';
import { eventHash, readTallyFile, verifyTallyFile } from '../../src/core/tally-file/index.ts';
import {
  call,
  demoBallot,
  demoBallots,
  joinStation,
  organiserToken,
  push,
  tempDataDir,
  type TallyServer,
} from './support/tally-server.ts';
import { selfSignedCert } from './support/tls-cert.ts';
import { useTallyServers } from './support/use-tally-servers.ts';
import { storedTally } from './support/stored.ts';

const server = useTallyServers();

const approved = (b: Ballot) => (b.choice.kind === 'approval' ? [...b.choice.bids].sort() : []);

async function centralFile(s: TallyServer): Promise<string> {
  const token = await organiserToken(s);
  const reply = await call(s, `/api/v1/events/${DEMO_EVENT.id}/tally-file`, { token });
  expect(reply.status).toBe(200);
  return reply.text;
}

describe('tally server sync', { timeout: 90_000 }, () => {
  it('reports health without authentication', async () => {
    const s = await server();
    const reply = await call(s, '/api/v1/health');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ok: true, protocol: 1 });
  });

  it('stores a re-sent batch once: the response was lost, the station sends it again', async () => {
    const s = await server();
    const station = await joinStation(s, 'Hall table 1');
    expect(station.event.id).toBe(DEMO_EVENT.id);
    const batch = demoBallots(station.stationId, 50);
    const ids = batch.map((b) => b.id).sort();

    const first = await push(s, station, batch, 50);
    expect(first.status).toBe(200);
    expect([...first.body.stored].sort()).toEqual(ids);
    expect(first.body.rejected).toEqual([]);
    expect(first.body.received).toBe(50);
    const afterFirst = storedTally(s);

    const again = await push(s, station, batch, 50);
    expect([...again.body.stored].sort()).toEqual(ids);
    expect(again.body.received).toBe(50);
    expect(storedTally(s)).toBe(afterFirst);

    const file = await centralFile(s);
    expect(file).toBe(afterFirst);
    const verified = verifyTallyFile(file);
    expect(verified.ok && verified.value.ballots).toBe(50);
    const read = readTallyFile(file);
    if (!read.ok) throw new Error(problemSummary(read.error));
    expect(read.value.ballots.map((b) => b.id).sort()).toEqual(ids);
  });

  it('keeps concurrent pushes of the same ballots to one copy each', async () => {
    const s = await server();
    const a = await joinStation(s, 'Door');
    const batch = demoBallots(a.stationId, 200);
    const replies = await Promise.all(Array.from({ length: 5 }, () => push(s, a, batch, 200)));
    for (const r of replies) expect(r.body.stored).toHaveLength(200);
    const read = readTallyFile(storedTally(s));
    expect(read.ok && read.value.ballots.length).toBe(200);
  });

  it('tells the organiser cast, received and missing for each station', async () => {
    const s = await server();
    const hall = await joinStation(s, 'Hall');
    const library = await joinStation(s, 'Library');
    const quiet = await joinStation(s, 'Quiet room');
    const eager = await joinStation(s, 'Eager');
    // The hall cast 10 and has delivered 6 so far.
    await push(s, hall, demoBallots(hall.stationId, 6), 10);
    // The library is offline-heavy: a heartbeat says 3 cast, none delivered.
    await push(s, library, [], 3);
    // A station whose count lags behind what it delivered must not show a negative gap.
    await push(s, eager, demoBallots(eager.stationId, 2), 0);

    const token = await organiserToken(s);
    const reply = await call<StationsResponse>(s, `/api/v1/events/${DEMO_EVENT.id}/stations`, {
      token,
    });
    expect(reply.status).toBe(200);
    const byName = new Map(reply.body.stations.map((st) => [st.name, st]));
    expect(byName.get('Hall')).toMatchObject({ cast: 10, received: 6, missing: 4 });
    expect(byName.get('Library')).toMatchObject({ cast: 3, received: 0, missing: 3 });
    expect(byName.get('Eager')).toMatchObject({ cast: 0, received: 2, missing: 0 });
    expect(byName.get('Quiet room')).toMatchObject({ cast: 0, received: 0, lastContact: null });
    const contact = byName.get('Hall')?.lastContact ?? '';
    expect(Date.now() - Date.parse(contact)).toBeLessThan(60_000);
    expect(quiet.stationId).not.toBe(hall.stationId);
  });

  it('quarantines invalid and conflicting ballots with their reasons and counts only valid ones', async () => {
    const s = await server();
    const st = await joinStation(s, 'Hall');
    const good = demoBallot(st.stationId, 1);
    await push(s, st, [good], 1);
    const unknownBid = {
      ...demoBallot(st.stationId, 2),
      choice: { kind: 'approval', bids: ['pony'] },
    };
    const notABallot = { id: 'scrap-1', choice: 'everything' };
    const tooMany = {
      ...demoBallot(st.stationId, 3),
      choice: { kind: 'approval', bids: DEMO_EVENT.bids.slice(0, 6).map((b) => b.id) },
    };
    const conflict = { ...good, choice: { kind: 'approval', bids: ['gala-day'] } };
    const fine = demoBallot(st.stationId, 4);
    const reply = await push(s, st, [unknownBid, notABallot, tooMany, conflict, fine], 5);
    expect(reply.status).toBe(200);
    expect(reply.body.stored).toEqual([fine.id]);
    const codes = new Map(reply.body.rejected.map((r) => [r.id, r.code]));
    expect(codes).toEqual(
      new Map([
        [unknownBid.id, 'unknown-bid'],
        ['scrap-1', 'invalid-ballot'],
        [tooMany.id, 'too-many'],
        [good.id, 'conflict'],
      ]),
    );
    for (const r of reply.body.rejected) expect(r.message.length).toBeGreaterThan(10);

    // Sent again: still rejected, but quarantined once.
    await push(s, st, [unknownBid, notABallot], 5);
    const token = await organiserToken(s);
    const q = await call<RejectedResponse>(s, `/api/v1/events/${DEMO_EVENT.id}/rejected`, {
      token,
    });
    expect(q.body.rejected.map((r) => r.id).sort()).toEqual(
      [unknownBid.id, 'scrap-1', tooMany.id, good.id].sort(),
    );
    expect(q.body.rejected.find((r) => r.id === 'scrap-1')?.ballot).toEqual(notABallot);

    const read = readTallyFile(await centralFile(s));
    if (!read.ok) throw new Error(problemSummary(read.error));
    expect(read.value.ballots.map((b) => b.id).sort()).toEqual([good.id, fine.id].sort());
    // The first version counts; the conflicting one did not overwrite it.
    const kept = read.value.ballots.find((b) => b.id === good.id);
    expect(kept && approved(kept)).toEqual(approved(good));
  });

  it('keeps stations, counts and quarantine across a clean restart', async () => {
    const first = await server();
    const st = await joinStation(first, 'Hall');
    await push(first, st, [...demoBallots(st.stationId, 7), { id: 'junk' }], 9);
    const before = storedTally(first);
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(first.output()).toContain('Stopped.');

    const again = await server({ dataDir: first.dataDir });
    expect(again.joinCodes.get(DEMO_EVENT.id)).toBe(first.joinCodes.get(DEMO_EVENT.id));
    expect(storedTally(again)).toBe(before);
    const heartbeat = await push(again, st, [], 9);
    expect(heartbeat.status).toBe(200);
    expect(heartbeat.body.received).toBe(7);
    const token = await organiserToken(again);
    const stations = await call<StationsResponse>(
      again,
      `/api/v1/events/${DEMO_EVENT.id}/stations`,
      {
        token,
      },
    );
    expect(stations.body.stations).toMatchObject([
      { name: 'Hall', cast: 9, received: 7, missing: 2 },
    ]);
    const q = await call<RejectedResponse>(again, `/api/v1/events/${DEMO_EVENT.id}/rejected`, {
      token,
    });
    expect(q.body.rejected.map((r) => r.id)).toEqual(['junk']);
  });

  it('serves the built app: files, index.html for app routes, and no stale shell', async () => {
    const dist = join(tempDataDir(), 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Decision Day</title>');
    writeFileSync(join(dist, 'sw.js'), 'self.skipWaiting()');
    writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
    const s = await server({ env: { DIST_DIR: dist } });
    const page = await fetch(`${s.url}/station/vote`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Decision Day</title>');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const sw = await fetch(`${s.url}/sw.js`);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(`${s.url}/assets/app-1234.js`);
    expect(await asset.text()).toBe('console.log(1)');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const api = await call(s, '/api/v1/no-such-thing');
    expect(api.status).toBe(404);
    expect(api.body).toMatchObject({ error: { code: 'not-found' } });
    const escape = await fetch(`${s.url}/..%2f..%2fpackage.json`);
    expect(await escape.text()).not.toContain('"dependencies"');
  });

  it('speaks HTTPS when given a certificate and key, as tablets on a LAN need', async () => {
    const dir = tempDataDir();
    const { cert, key } = selfSignedCert(dir);
    const s = await server({ env: { TLS_CERT: cert, TLS_KEY: key } });
    expect(s.url).toMatch(/^https:\/\//);
    const body = await new Promise<string>((resolve, reject) => {
      httpsGet(`${s.url}/api/v1/health`, { ca: readFileSync(cert) }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => resolve(text));
      }).on('error', reject);
    });
    expect(JSON.parse(body)).toEqual({ ok: true, protocol: 1 });
  });

  it('starts with no configuration: demo event, join code and a first account whose password it prints once', async () => {
    const s = await server({ env: { ORGANISER_PASSWORD: undefined } });
    const password =
      /account "organiser", password: (\S+) \(shown only/.exec(s.output())?.[1] ?? '';
    expect(password).toMatch(/^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/);
    expect(s.joinCodes.get(DEMO_EVENT.id)).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{2}$/);
    const wrong = await call(s, '/api/v1/organiser/login', {
      body: { name: 'organiser', password: 'guess-guess' },
    });
    expect(wrong.status).toBe(401);
    const token = await organiserToken(s, password);
    const events = await call<EventsResponse>(s, '/api/v1/events', { token });
    expect(events.body.events).toEqual([
      {
        id: DEMO_EVENT.id,
        name: DEMO_EVENT.name,
        joinCode: s.joinCodes.get(DEMO_EVENT.id),
        ballots: 0,
        // The demo is created open, so today's stations vote on it at once.
        state: 'open',
        version: 1,
        eventHash: eventHash(DEMO_EVENT),
        date: DEMO_EVENT.date,
      },
    ]);
    await s.stop();
    // Kept only as its hash: never printed again, and still the password after a restart.
    const again = await server({ dataDir: s.dataDir, env: { ORGANISER_PASSWORD: undefined } });
    expect(again.output()).not.toContain(password);
    expect(await organiserToken(again, password)).toMatch(/^[\w-]{43}$/);
  });
});

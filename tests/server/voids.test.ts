// The organiser voids a ballot with a reason on a real tally server: the void is in the tally file
// (chained, sealed) before the 200, the ballot stays in the file and is no longer counted, and it
// survives a restart. Bad requests get a clear 4xx and change nothing on disk.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { EventDetail } from '../../src/core/events-api.ts';
import type { BallotsResponse, VoidResponse } from '../../src/core/protocol.ts';
import { countedBallots, readTallyFile } from '../../src/core/tally-file/index.ts';
import {
  call,
  demoBallots,
  joinStation,
  organiserToken,
  push,
  type TallyServer,
} from './support/tally-server.ts';
import { useTallyServers } from './support/use-tally-servers.ts';
import { storedTally } from './support/stored.ts';

const servers = useTallyServers({ stopAfter: 'all' });
let s: TallyServer;
let token: string;

const tallyText = () => storedTally(s);
/** `t`: whose token, or null for none. */
const voidIt = (body: unknown, t: string | null = token) =>
  call<VoidResponse & { error?: { code: string; params?: Record<string, unknown> } }>(
    s,
    `/api/v1/events/${DEMO_EVENT.id}/voids`,
    t === null ? { body } : { body, token: t },
  );
const list = () => call<BallotsResponse>(s, `/api/v1/events/${DEMO_EVENT.id}/ballots`, { token });

describe('voids on the tally server', { timeout: 90_000 }, () => {
  const paper = { paper: true as const };
  let ids: string[] = [];

  beforeAll(async () => {
    s = await servers();
    token = await organiserToken(s);
    const station = await joinStation(s, 'Library');
    const ballots = demoBallots(station.stationId, 4).map((b, i) =>
      i < 3 ? { ...b, ...paper } : b,
    );
    ids = ballots.map((b) => b.id);
    const pushed = await push(s, station, ballots, 4);
    expect(pushed.status).toBe(200);
  });

  it('lists the ballots with station, hour, paper and counts', async () => {
    const reply = await list();
    expect(reply.status).toBe(200);
    expect(reply.body.counts).toEqual({ ballots: 4, paper: 3, voided: 0 });
    const row = reply.body.ballots.find((b) => b.id === ids[0]);
    expect(row).toMatchObject({ stationName: 'Library', paper: true, void: null });
    expect(row?.castHour).toBe('2026-06-13T14:00Z');
  });

  it('voids a ballot with a reason: in the file before the 200, kept, not counted', async () => {
    const reply = await voidIt({ ballot: ids[1], reason: '  Keyed from the wrong pile  ' });
    expect(reply.status).toBe(200);
    expect(reply.body.void).toMatchObject({
      ballot: ids[1],
      reason: 'Keyed from the wrong pile',
      by: 'organiser',
    });
    const read = readTallyFile(tallyText());
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.ballots).toHaveLength(4);
    expect(read.value.voids.map((v) => v.ballot)).toEqual([ids[1]]);
    expect(countedBallots(read.value).map((b) => b.id)).not.toContain(ids[1]);
    const after = await list();
    expect(after.body.counts).toEqual({ ballots: 4, paper: 3, voided: 1 });
    expect(after.body.ballots.find((b) => b.id === ids[1])?.void?.reason).toBe(
      'Keyed from the wrong pile',
    );
    const events = await call<{ events: { id: string; ballots: number }[] }>(s, '/api/v1/events', {
      token,
    });
    expect(events.body.events.find((e) => e.id === DEMO_EVENT.id)?.ballots).toBe(4);
  });

  it.each([
    ['an unknown ballot', { ballot: 'no-such-ballot', reason: 'x' }, 404, 'ballot-not-found'],
    ['an empty reason', { ballot: 'B', reason: '   ' }, 400, 'invalid-request'],
    [
      'a reason over 500 characters',
      { ballot: 'B', reason: 'x'.repeat(501) },
      400,
      'invalid-request',
    ],
    ['no ballot', { reason: 'wrong' }, 400, 'invalid-request'],
    ['a second void of one ballot', { ballot: 'V', reason: 'again' }, 409, 'ballot-voided'],
  ] as const)('refuses %s and changes nothing', async (_label, body, status, code) => {
    const fill = (v: string) => (v === 'B' ? ids[2] : v === 'V' ? ids[1] : v);
    const before = tallyText();
    const sent = 'ballot' in body ? { ...body, ballot: fill(body.ballot) } : body;
    const reply = await voidIt(sent);
    expect(reply.status).toBe(status);
    expect(reply.body.error?.code).toBe(code);
    expect(tallyText()).toBe(before);
  });

  it('refuses anyone not signed in as the organiser, and a bad body', async () => {
    const before = tallyText();
    const anonymous = await voidIt({ ballot: ids[2], reason: 'x' }, null);
    expect(anonymous.status).toBe(401);
    const station = await joinStation(s, 'Hall');
    const asStation = await voidIt({ ballot: ids[2], reason: 'x' }, station.token);
    expect(asStation.status).toBe(401);
    const garbled = await call(s, `/api/v1/events/${DEMO_EVENT.id}/voids`, { raw: '{', token });
    expect(garbled.status).toBe(400);
    const listing = await call(s, `/api/v1/events/${DEMO_EVENT.id}/ballots`);
    expect(listing.status).toBe(401);
    expect(tallyText()).toBe(before);
  });

  it('two requests to void one ballot at once: one is recorded, the other refused', async () => {
    const both = await Promise.all([
      voidIt({ ballot: ids[3], reason: 'first' }),
      voidIt({ ballot: ids[3], reason: 'second' }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const read = readTallyFile(tallyText());
    expect(read.ok && read.value.voids.filter((v) => v.ballot === ids[3])).toHaveLength(1);
  });

  it('keeps voids across a restart, and refuses voids once the count is final', async () => {
    const dataDir = s.dataDir;
    await s.stop();
    s = await servers({ dataDir });
    token = await organiserToken(s);
    expect((await list()).body.counts.voided).toBe(2);
    expect((await voidIt({ ballot: ids[1], reason: 'again' })).status).toBe(409);
    const detail = await call<EventDetail>(s, `/api/v1/events/${DEMO_EVENT.id}`, { token });
    let version = detail.body.version;
    for (const to of ['closed', 'final']) {
      const moved = await call<EventDetail>(s, `/api/v1/events/${DEMO_EVENT.id}/state`, {
        token,
        body: { version, to },
      });
      expect(moved.status).toBe(200);
      version = moved.body.version;
    }
    const before = tallyText();
    const late = await voidIt({ ballot: ids[2], reason: 'too late' });
    expect(late.status).toBe(409);
    expect(late.body.error?.code).toBe('event-final');
    expect(tallyText()).toBe(before);
    expect(readTallyFile(before).ok).toBe(true);
  });
});

// A station's closing sheet on a real tally server: pushed once (idempotent), recorded in the tally
// file with the server's own receipt time; bad requests get a 4xx and change nothing on disk; an
// imported station file carries its sheet; the organiser's stations answer has closings,
// reconciliation and turnout; a restart keeps them.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClosingSheet } from '../../src/core/closing.ts';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type {
  ClosingPushResponse,
  ImportResponse,
  JoinResponse,
  StationsResponse,
} from '../../src/core/protocol.ts';
import { readTallyFile, writeTallyFile } from '../../src/core/tally-file/index.ts';
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
let station: JoinResponse;

const tallyText = () => storedTally(s);
type Answer = ClosingPushResponse & { error?: { code: string; params?: Record<string, unknown> } };
const close = (body: unknown, t: string | null = station.token) =>
  call<Answer>(s, '/api/v1/stations/closing', t === null ? { body } : { body, token: t });
const stations = () =>
  call<StationsResponse>(s, `/api/v1/events/${DEMO_EVENT.id}/stations`, { token });

const sheet: ClosingSheet = {
  station: 'tablet-hall',
  stationName: 'Hall',
  // The tablet's clock is a day behind: the server keeps its own time too.
  closedAt: '2026-06-12T17:00:00.000Z',
  released: 3,
  unused: 1,
  codesUsed: 0,
  screenBallots: 2,
  paperBallots: 1,
  synced: 3,
  waiting: 0,
};
const body = (change: Partial<ClosingSheet> = {}, extra: Record<string, unknown> = {}) => ({
  protocol: 1,
  eventId: DEMO_EVENT.id,
  sheet: { ...sheet, ...change },
  ...extra,
});

describe('closing a station on the tally server', { timeout: 90_000 }, () => {
  beforeAll(async () => {
    s = await servers();
    token = await organiserToken(s);
    station = await joinStation(s, 'Hall');
    const ballots = demoBallots('tablet-hall', 3).map((b, i) =>
      i === 0 ? { ...b, paper: true as const } : b,
    );
    expect((await push(s, station, ballots, 3)).status).toBe(200);
  });

  it('records the sheet once, in the tally file, with the server’s time and the joined station', async () => {
    const first = await close(body());
    expect(first.status).toBe(200);
    expect(first.body.added).toBe(true);
    const read = readTallyFile(tallyText());
    if (!read.ok) throw new Error(read.error.code);
    expect(read.value.closings).toHaveLength(1);
    expect(read.value.closings[0]).toMatchObject({
      sheet,
      receivedAt: first.body.receivedAt,
      joined: station.stationId,
    });
    expect(first.body.receivedAt.slice(0, 10)).not.toBe('2026-06-12');

    // The same sheet again (a retry after a lost answer): nothing written twice.
    const before = tallyText();
    const again = await close(body());
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ added: false, receivedAt: first.body.receivedAt });
    expect(tallyText()).toBe(before);
  });

  it.each([
    ['a different sheet of the same station', body({ screenBallots: 9 }), 409, 'closing-conflict'],
    [
      'a sheet with a voter’s name in it',
      { ...body(), sheet: { ...sheet, voter: 'Ann' } },
      400,
      'invalid-request',
    ],
    ['a negative count', body({ paperBallots: -1 }), 400, 'invalid-request'],
    ['a note over 1000 characters', body({ note: 'x'.repeat(1001) }), 400, 'invalid-request'],
    ['a time that is not a time', body({ closedAt: 'teatime' }), 400, 'invalid-request'],
    ['another event', { ...body(), eventId: 'other-event' }, 403, 'wrong-event'],
    ['another protocol', { ...body(), protocol: 2 }, 400, 'invalid-request'],
  ] as const)('refuses %s and changes nothing', async (_label, sent, status, code) => {
    const before = tallyText();
    const reply = await close(sent);
    expect(reply.status).toBe(status);
    expect(reply.body.error?.code).toBe(code);
    expect(tallyText()).toBe(before);
  });

  it('refuses anyone without a station token, and a body that is not JSON', async () => {
    const before = tallyText();
    expect((await close(body(), null)).status).toBe(401);
    expect((await close(body(), token)).status).toBe(401);
    const garbled = await call(s, '/api/v1/stations/closing', { raw: '{', token: station.token });
    expect(garbled.status).toBe(400);
    expect(tallyText()).toBe(before);
  });

  it('an imported station file carries its closing sheet, once', async () => {
    const ballots = demoBallots('tablet-library', 2, 100);
    const librarySheet: ClosingSheet = {
      ...sheet,
      station: 'tablet-library',
      stationName: 'Library',
      released: 2,
      unused: 0,
      screenBallots: 2,
      paperBallots: 0,
      synced: 0,
      waiting: 2,
    };
    const file = writeTallyFile(DEMO_EVENT, ballots, [], [{ sheet: librarySheet }]);
    const imported = await call<ImportResponse>(s, `/api/v1/events/${DEMO_EVENT.id}/import`, {
      token,
      raw: file,
    });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ added: 2, closings: { added: 1, conflicts: 0 } });
    const again = await call<ImportResponse>(s, `/api/v1/events/${DEMO_EVENT.id}/import`, {
      token,
      raw: file,
    });
    expect(again.body).toMatchObject({ added: 0, closings: { added: 0, conflicts: 0 } });
    const read = readTallyFile(tallyText());
    if (!read.ok) throw new Error(read.error.code);
    expect(read.value.closings.map((c) => c.sheet.station)).toEqual([
      'tablet-hall',
      'tablet-library',
    ]);
    expect(read.value.closings[1]?.joined).toBeUndefined();
    expect(read.value.closings[1]?.receivedAt).toMatch(/^\d{4}-/);
  });

  it('the stations answer has closings, reconciliation and turnout, and a restart keeps them', async () => {
    const check = async () => {
      const reply = await stations();
      expect(reply.status).toBe(200);
      const { closings, tallies, turnout } = reply.body;
      expect(closings?.map((c) => [c.sheet.stationName, c.joined])).toEqual([
        ['Hall', station.stationId],
        ['Library', null],
      ]);
      expect(tallies).toEqual([
        {
          station: 'tablet-hall',
          screen: 2,
          paper: 1,
          voided: 0,
          codes: 0,
          joined: station.stationId,
        },
        { station: 'tablet-library', screen: 2, paper: 0, voided: 0, codes: 0, joined: null },
      ]);
      expect(turnout?.reduce((n, t) => n + t.ballots, 0)).toBe(5);
      expect(turnout?.every((t) => /^\d{4}-\d{2}-\d{2}T\d{2}:00Z$/.test(t.hour))).toBe(true);
      const hall = reply.body.stations.find((x) => x.stationId === station.stationId);
      expect(hall?.ballotStation).toBe('tablet-hall');
    };
    await check();
    const dataDir = s.dataDir;
    await s.stop();
    s = await servers({ dataDir });
    token = await organiserToken(s);
    await check();
    // And the same sheet, re-sent after the restart, is still "already there".
    const again = await close(body());
    expect(again.status).toBe(200);
    expect(again.body.added).toBe(false);
  });
});

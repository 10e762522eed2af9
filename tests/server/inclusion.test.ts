// The inclusion report on a real tally server: built from the counted ballots, the stations'
// ballots per language (latest push, or the closing sheet, by sync or in a file) and hidden small
// groups; the organiser's only; the counts survive a restart.
import { describe, expect, it } from 'vitest';
import type { ClosingSheet } from '../../src/core/closing.ts';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { InclusionReport, InclusionTable } from '../../src/core/inclusion.ts';
import type { ImportResponse } from '../../src/core/protocol.ts';
import { writeTallyFile } from '../../src/core/tally-file/write.ts';
import {
  call,
  demoBallots,
  joinStation,
  organiserToken,
  type TallyServer,
} from './support/tally-server.ts';
import { useTallyServers } from './support/use-tally-servers.ts';

const server = useTallyServers();
const path = `/api/v1/events/${DEMO_EVENT.id}/inclusion`;

const pushWith = (s: TallyServer, token: string, body: Record<string, unknown>) =>
  call(s, '/api/v1/ballots', {
    token,
    body: { protocol: 1, eventId: DEMO_EVENT.id, ballots: [], ...body },
  });

async function report(s: TallyServer, token: string): Promise<InclusionReport> {
  const reply = await call<InclusionReport>(s, path, { token });
  expect(reply.status).toBe(200);
  return reply.body;
}
const table = (r: InclusionReport, dimension: string): InclusionTable | undefined =>
  r.tables.find((t) => t.dimension === dimension);

describe('the inclusion report on the tally server', { timeout: 90_000 }, () => {
  it('adds up the latest language count of each station, hides small groups, and keeps the counts over a restart', async () => {
    const s = await server();
    const token = await organiserToken(s);
    const hall = await joinStation(s, 'Hall');
    const library = await joinStation(s, 'Library');
    const hallBallots = demoBallots('tablet-hall', 25);
    const libraryBallots = demoBallots('tablet-library', 15, 100).map((b, i) =>
      i < 5 ? { ...b, paper: true as const } : b,
    );
    const pushed = await pushWith(s, hall.token, {
      castCount: 25,
      ballots: hallBallots,
      languages: { 'en-GB': 24, gd: 1 },
    });
    expect(pushed.status).toBe(200);
    await pushWith(s, library.token, {
      castCount: 15,
      ballots: libraryBallots,
      languages: { 'en-GB': 10 },
    });
    // A heartbeat sends the same running count again: the latest replaces it, never adds.
    await pushWith(s, hall.token, { castCount: 25, languages: { 'en-GB': 24, gd: 1 } });
    // A push with no count (an older app) leaves the last one.
    await pushWith(s, library.token, { castCount: 15 });

    const first = await report(s, token);
    expect(table(first, 'station')).toEqual({
      dimension: 'station',
      total: 40,
      groups: [
        { group: 'tablet-hall', name: 'Hall', count: 25 },
        { group: 'tablet-library', name: 'Library', count: 15 },
      ],
    });
    // The demo event's five languages in its order; the lone Gaelic voter is hidden, and so are
    // the 5 paper ballots no one counted a language for.
    expect(table(first, 'language')?.groups).toEqual([
      { group: 'en-GB', count: 34 },
      { group: 'cy', count: 0 },
      { group: 'gd', suppressed: true },
      { group: 'pl', count: 0 },
      { group: 'ar', count: 0 },
      { group: 'not-recorded', suppressed: true },
    ]);
    expect(table(first, 'medium')?.groups).toEqual([
      { group: 'screen', suppressed: true },
      { group: 'paper', suppressed: true },
    ]);
    expect(table(first, 'hour')?.groups).toEqual([{ group: '2026-06-13T14:00Z', count: 40 }]);
    // The demo event asks no equalities question and weights no area.
    expect(table(first, 'age-band')).toBeUndefined();
    expect(table(first, 'area')).toBeUndefined();

    await s.stop();
    const again = await server({ dataDir: s.dataDir });
    expect(await report(again, await organiserToken(again))).toEqual(first);
  });

  it("takes a closing sheet's count in a station's file, for a station that never synced", async () => {
    const s = await server();
    const token = await organiserToken(s);
    const sheet: ClosingSheet = {
      station: 'tablet-van',
      stationName: 'Van',
      closedAt: '2026-06-13T17:00:00.000Z',
      codesUsed: 0,
      screenBallots: 30,
      paperBallots: 0,
      synced: 0,
      waiting: 30,
      languages: { 'en-GB': 18, pl: 12 },
    };
    const file = writeTallyFile(DEMO_EVENT, demoBallots('tablet-van', 30), [], [{ sheet }]);
    const imported = await call<ImportResponse>(s, `/api/v1/events/${DEMO_EVENT.id}/import`, {
      token,
      raw: file,
    });
    expect(imported.status).toBe(200);
    const r = await report(s, token);
    expect(table(r, 'station')?.groups).toEqual([{ group: 'tablet-van', name: 'Van', count: 30 }]);
    expect(table(r, 'language')?.groups).toEqual([
      { group: 'en-GB', count: 18 },
      { group: 'cy', count: 0 },
      { group: 'gd', count: 0 },
      { group: 'pl', count: 12 },
      { group: 'ar', count: 0 },
      { group: 'not-recorded', count: 0 },
    ]);
  });

  it("is the organiser's only; a bad language count is refused with nothing stored", async () => {
    const s = await server();
    const hall = await joinStation(s, 'Hall');
    expect((await call(s, path)).status).toBe(401);
    expect((await call(s, path, { token: hall.token })).status).toBe(401);
    const token = await organiserToken(s);
    expect((await call(s, '/api/v1/events/no-such-event/inclusion', { token })).status).toBe(404);
    const bad = await pushWith(s, hall.token, {
      castCount: 12,
      ballots: demoBallots('tablet-hall', 12),
      languages: { 'not a tag': 12 },
    });
    expect(bad.status).toBe(400);
    expect(table(await report(s, token), 'station')).toEqual({
      dimension: 'station',
      total: 0,
      groups: [],
    });
  });
});

// A confirmed new version of an open event with no ballots yet rewrites the tally file: the
// stations' closing sheets already recorded are carried into the new file, so the file, the
// organiser's stations answer and a restart all agree that the station closed.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClosingSheet } from '../../src/core/closing.ts';
import { problemSummary } from '../../src/core/problem.ts';
import type {
  ClosingPushResponse,
  JoinResponse,
  StationsResponse,
} from '../../src/core/protocol.ts';
import { readTallyFile } from '../../src/core/tally-file/index.ts';
import { call, organiserToken, type TallyServer } from './support/tally-server.ts';
import { organiserApi } from './support/organiser-api.ts';
import { smallEvent } from './support/small-event.ts';
import { useTallyServers } from './support/use-tally-servers.ts';
import { storedTally } from './support/stored.ts';

const servers = useTallyServers({ stopAfter: 'all' });
let s: TallyServer;
let token: string;

beforeAll(async () => {
  s = await servers();
  token = await organiserToken(s);
}, 30_000);

const { api, create, save } = organiserApi(() => ({ server: s, token }));

function readTally(id: string) {
  const read = readTallyFile(storedTally(s, id));
  if (!read.ok) throw new Error(problemSummary(read.error));
  return read.value;
}

describe('a new version of an open event after a station closed', { timeout: 60_000 }, () => {
  it('keeps the closing sheet in the new tally file, in the stations answer and after a restart', async () => {
    let event = await create({ from: 'definition', definition: smallEvent('reversion-2026') });
    const opened = await api(`/events/${event.id}/state`, {
      body: { version: event.version, to: 'open' },
    });
    expect(opened.status).toBe(200);
    event = opened.body;
    const joined = await call<JoinResponse>(s, '/api/v1/stations/join', {
      body: { joinCode: event.joinCode, stationName: 'Spare tablet' },
    });
    expect(joined.status).toBe(201);
    // A spare tablet, never used, closes with nothing on it.
    const sheet: ClosingSheet = {
      station: 'tablet-spare',
      stationName: 'Spare tablet',
      closedAt: '2026-06-13T09:30:00.000Z',
      codesUsed: 0,
      screenBallots: 0,
      paperBallots: 0,
      synced: 0,
      waiting: 0,
      note: 'Not needed today.',
    };
    const closing = { protocol: 1, eventId: event.id, sheet };
    const closed = await call<ClosingPushResponse>(s, '/api/v1/stations/closing', {
      body: closing,
      token: joined.body.token,
    });
    expect(closed.status).toBe(200);
    expect(readTally(event.id).closings).toHaveLength(1);

    // The organiser corrects a typo: a confirmed new version, no ballots yet.
    const v = await save(
      event,
      { ...event.definition, name: 'Reversion, corrected' },
      { confirmNewVersion: true },
    );
    expect(v.status).toBe(200);
    const detail = v.body;
    expect(detail).toMatchObject({ state: 'open', version: event.version + 1 });

    const check = async () => {
      const file = readTally(event.id);
      expect(file.eventHash).toBe(detail.eventHash);
      expect(file.closings).toEqual([
        expect.objectContaining({ sheet, joined: joined.body.stationId }),
      ]);
      const stations = await call<StationsResponse>(s, `/api/v1/events/${event.id}/stations`, {
        token,
      });
      expect(stations.body.closings?.map((c) => c.sheet)).toEqual([sheet]);
      // The same sheet again is still "already there"; another one of this station is refused.
      const again = await call<ClosingPushResponse>(s, '/api/v1/stations/closing', {
        body: closing,
        token: joined.body.token,
      });
      expect(again.status).toBe(200);
      expect(again.body.added).toBe(false);
    };
    await check();
    const dataDir = s.dataDir;
    await s.stop();
    s = await servers({ dataDir });
    token = await organiserToken(s);
    await check();
  });
});

/**
 * Revoking a station (a lost tablet), on the real server: its later pushes, code-list, register
 * and event requests answer 403 station-revoked and add nothing; the ballots it delivered before
 * stay in the tally file, which still verifies, and still count; the stations list shows it
 * revoked; the revocation survives a restart and is in the audit trail; other stations carry on.
 */
import { describe, expect, it } from 'vitest';
import type { AuditResponse } from '../../src/core/audit.ts';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { StationRevocationResponse, StationsResponse } from '../../src/core/protocol.ts';
import { readTallyFile, verifyTallyFile } from '../../src/core/tally-file/index.ts';
import {
  call,
  demoBallots,
  joinStation,
  organiserToken,
  push,
  type TallyServer,
} from './support/tally-server.ts';
import { useTallyServers } from './support/use-tally-servers.ts';

const servers = useTallyServers();
const EVENT = DEMO_EVENT.id;

const revoke = (s: TallyServer, token: string | undefined, stationId: string) =>
  call<StationRevocationResponse>(s, `/api/v1/events/${EVENT}/stations/${stationId}/revocation`, {
    method: 'POST',
    ...(token === undefined ? {} : { token }),
    body: {},
  });

async function stations(s: TallyServer, token: string) {
  const reply = await call<StationsResponse>(s, `/api/v1/events/${EVENT}/stations`, { token });
  expect(reply.status).toBe(200);
  return reply.body.stations;
}

async function tallyText(s: TallyServer, token: string) {
  const reply = await call(s, `/api/v1/events/${EVENT}/tally-file`, { token });
  expect(reply.status).toBe(200);
  return reply.text;
}

describe('revoking a station', { timeout: 60_000 }, () => {
  it('refuses everything the station sends afterwards and keeps what it delivered', async () => {
    let s = await servers();
    const organiser = await organiserToken(s);
    const lost = await joinStation(s, 'Library');
    const other = await joinStation(s, 'Hall');
    const before = demoBallots(lost.stationId, 4);
    expect((await push(s, lost, before, 4)).status).toBe(200);

    const revoked = await revoke(s, organiser, lost.stationId);
    expect(revoked.status).toBe(200);
    expect(revoked.body.station.stationId).toBe(lost.stationId);
    expect(Date.parse(revoked.body.station.revokedAt ?? '')).not.toBeNaN();
    const fileBefore = await tallyText(s, organiser);

    // Everything the station asks for afterwards: refused with the same code, nothing added.
    const later = demoBallots(lost.stationId, 3, 10);
    const refused = [
      await push(s, lost, later, 7),
      await call(s, '/api/v1/stations/codes', { token: lost.token }),
      await call(s, '/api/v1/stations/event', { token: lost.token }),
      await call(s, '/api/v1/registrations', {
        token: lost.token,
        body: { protocol: 1, eventId: EVENT, registrations: [] },
      }),
    ];
    for (const reply of refused) {
      expect(reply.status).toBe(403);
      expect((reply.body as { error: { code: string } }).error.code).toBe('station-revoked');
    }
    const fileAfter = await tallyText(s, organiser);
    expect(fileAfter).toBe(fileBefore);
    for (const b of later) expect(fileAfter).not.toContain(b.id);

    // What it delivered before is still there, the file verifies, and it counts.
    expect(verifyTallyFile(fileAfter).ok).toBe(true);
    const read = readTallyFile(fileAfter);
    if (!read.ok) throw new Error(read.error.code);
    expect(read.value.ballots.map((b) => b.id).sort()).toEqual(before.map((b) => b.id).sort());
    const events = await call<{ events: { id: string; ballots: number }[] }>(s, '/api/v1/events', {
      token: organiser,
    });
    expect(events.body.events.find((e) => e.id === EVENT)?.ballots).toBe(4);

    // Another station is not touched.
    expect((await push(s, other, demoBallots(other.stationId, 2, 20), 2)).status).toBe(200);

    // The list says which; revoking again changes nothing.
    const listed = await stations(s, organiser);
    const lostRow = listed.find((r) => r.stationId === lost.stationId);
    expect(lostRow?.revokedAt).toBe(revoked.body.station.revokedAt);
    expect(lostRow?.received).toBe(4);
    expect(listed.find((r) => r.stationId === other.stationId)?.revokedAt).toBeUndefined();
    const again = await revoke(s, organiser, lost.stationId);
    expect(again.status).toBe(200);
    expect(again.body.station.revokedAt).toBe(revoked.body.station.revokedAt);

    // In the audit trail, once, with the station.
    const trail = await call<AuditResponse>(s, '/api/v1/audit', { token: organiser });
    const records = trail.body.records.filter((r) => r.action === 'station-revoke');
    expect(records.map((r) => [r.event, r.details['station']])).toEqual([
      [EVENT, lost.stationId],
      [EVENT, lost.stationId],
    ]);

    // Durable: after a restart the token is still refused, the list still says revoked.
    await s.stop();
    s = await servers({ dataDir: s.dataDir });
    const token = await organiserToken(s);
    const afterRestart = await push(s, lost, later, 7);
    expect(afterRestart.status).toBe(403);
    expect((afterRestart.body as unknown as { error: { code: string } }).error.code).toBe(
      'station-revoked',
    );
    expect((await stations(s, token)).find((r) => r.stationId === lost.stationId)?.revokedAt).toBe(
      revoked.body.station.revokedAt,
    );
    expect((await push(s, other, [], 2)).status).toBe(200);
  });

  it('needs an organiser, a known station and a known event', async () => {
    const s = await servers();
    const organiser = await organiserToken(s);
    const station = await joinStation(s, 'Library');
    expect((await revoke(s, undefined, station.stationId)).status).toBe(401);
    // A station cannot revoke itself or another.
    expect((await revoke(s, station.token, station.stationId)).status).toBe(401);
    const unknown = await revoke(s, organiser, 'no-such-station');
    expect(unknown.status).toBe(404);
    const noEvent = await call(s, `/api/v1/events/nope/stations/${station.stationId}/revocation`, {
      token: organiser,
      body: {},
    });
    expect(noEvent.status).toBe(404);
    // Nothing was revoked on the way.
    expect((await push(s, station, [], 0)).status).toBe(200);
  });
});

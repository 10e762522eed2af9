// A courier station carries another station's tally file to the tally server
// (POST /stations/carried with its own token): imported exactly as the organiser's file import.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { problemSummary } from '../../src/core/problem.ts';
import type { ImportResponse, JoinResponse } from '../../src/core/protocol.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { readTallyFile, verifyTallyFile, writeTallyFile } from '../../src/core/tally-file/index.ts';
import {
  call,
  demoBallots,
  joinStation,
  organiserToken,
  type Reply,
  type TallyServer,
} from './support/tally-server.ts';
import { useTallyServers } from './support/use-tally-servers.ts';
import { storedTally } from './support/stored.ts';

const server = useTallyServers({ stopAfter: 'all' });
let s: TallyServer;
let courier: JoinResponse;
let organiser: string;
beforeAll(async () => {
  s = await server();
  courier = await joinStation(s, 'Lead volunteer');
  organiser = await organiserToken(s);
}, 30_000);

const carry = (text: string, token: string = courier.token): Promise<Reply<ImportResponse>> =>
  call<ImportResponse>(s, '/api/v1/stations/carried', { token, raw: text });
function centralIds(): string[] {
  const read = readTallyFile(storedTally(s));
  if (!read.ok) throw new Error(problemSummary(read.error));
  return read.value.ballots.map((b) => b.id);
}

describe('carried tally files', { timeout: 90_000 }, () => {
  it('stores a carried file once; delivered again, nothing new', async () => {
    const start = centralIds().length;
    const file = writeTallyFile(DEMO_EVENT, demoBallots('st-offline-a', 25, 100));
    const first = await carry(file);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ added: 25, duplicates: 0, rejected: [] });
    const again = await carry(file);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ added: 0, duplicates: 25, rejected: [] });
    const ids = centralIds();
    expect(ids).toHaveLength(start + 25);
    expect(new Set(ids).size).toBe(ids.length);
    expect(verifyTallyFile(storedTally(s)).ok).toBe(true);
    // The organiser importing the same file afterwards finds it all there.
    const imported = await call<ImportResponse>(s, `/api/v1/events/${DEMO_EVENT.id}/import`, {
      token: organiser,
      raw: file,
    });
    expect(imported.body).toEqual({ added: 0, duplicates: 25, rejected: [] });
  });

  it("refuses another event's file and stores nothing", async () => {
    const before = storedTally(s);
    const other: EventDefinition = { ...DEMO_EVENT, id: 'harbour-2026', name: 'Harbour Day' };
    const ballots = demoBallots('st-harbour', 3, 200).map((b) => ({ ...b, eventId: other.id }));
    const reply = await carry(writeTallyFile(other, ballots));
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({
      error: { code: 'other-event-file', params: { event: 'harbour-2026' } },
    });
    expect(storedTally(s)).toBe(before);
  });

  it('refuses a tampered file with the line to blame and stores nothing', async () => {
    const before = storedTally(s);
    const lines = writeTallyFile(DEMO_EVENT, demoBallots('st-offline-b', 4, 300)).split('\n');
    lines[2] = (lines[2] ?? '').replace('T14:00Z', 'T15:00Z');
    const reply = await carry(lines.join('\n'));
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({
      error: { code: 'invalid-file', params: { problem: 'broken-chain', line: 3 } },
    });
    expect(storedTally(s)).toBe(before);
  });

  it('takes only a station token: an organiser, none or an unknown one is refused', async () => {
    const before = storedTally(s);
    const file = writeTallyFile(DEMO_EVENT, demoBallots('st-offline-c', 2, 400));
    expect((await carry(file, organiser)).status).toBe(401);
    expect((await call(s, '/api/v1/stations/carried', { raw: file })).status).toBe(401);
    expect((await carry(file, 'not-a-token')).status).toBe(401);
    expect(storedTally(s)).toBe(before);
  });

  it('refuses a revoked station and stores nothing', async () => {
    const lost = await joinStation(s, 'Lost tablet');
    const revoked = await call(
      s,
      `/api/v1/events/${DEMO_EVENT.id}/stations/${lost.stationId}/revocation`,
      { token: organiser, body: {} },
    );
    expect(revoked.status).toBe(200);
    const before = storedTally(s);
    const reply = await carry(writeTallyFile(DEMO_EVENT, demoBallots('st-x', 3, 500)), lost.token);
    expect(reply.status).toBe(403);
    expect(reply.body).toMatchObject({ error: { code: 'station-revoked' } });
    expect(storedTally(s)).toBe(before);
  });
});

// The organiser imports a station's exported tally file (a USB stick after a network outage).
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { problemSummary } from '../../src/core/problem.ts';
import type { ImportResponse, JoinResponse, RejectedResponse } from '../../src/core/protocol.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { readTallyFile, verifyTallyFile, writeTallyFile } from '../../src/core/tally-file/index.ts';
import {
  call,
  demoBallot,
  demoBallots,
  joinStation,
  organiserToken,
  push,
  type Reply,
  type TallyServer,
} from './support/tally-server.ts';
import { useTallyServers } from './support/use-tally-servers.ts';
import { storedTally } from './support/stored.ts';

const server = useTallyServers({ stopAfter: 'all' });
let s: TallyServer;
let station: JoinResponse;
let organiser: string;
beforeAll(async () => {
  s = await server();
  station = await joinStation(s, 'Hall');
  organiser = await organiserToken(s);
}, 30_000);

const tallyText = () => storedTally(s);
const importFile = (text: string, token = organiser): Promise<Reply<ImportResponse>> =>
  call<ImportResponse>(s, `/api/v1/events/${DEMO_EVENT.id}/import`, { token, raw: text });
function centralIds(): string[] {
  const read = readTallyFile(tallyText());
  if (!read.ok) throw new Error(problemSummary(read.error));
  return read.value.ballots.map((b) => b.id);
}

describe('importing station files', { timeout: 90_000 }, () => {
  it('imports a station file once: the second import finds everything already there', async () => {
    const start = centralIds().length;
    const ballots = demoBallots('st-usb', 30, 1000);
    const file = writeTallyFile(DEMO_EVENT, ballots);
    const first = await importFile(file);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ added: 30, duplicates: 0, rejected: [] });
    const second = await importFile(file);
    expect(second.body).toEqual({ added: 0, duplicates: 30, rejected: [] });
    const ids = centralIds();
    expect(ids).toHaveLength(start + 30);
    expect(new Set(ids).size).toBe(ids.length);
    expect(verifyTallyFile(tallyText()).ok).toBe(true);
  });

  it('adds only what the network did not already deliver', async () => {
    const start = centralIds().length;
    const ballots = demoBallots(station.stationId, 40, 2000);
    await push(s, station, ballots.slice(0, 25), 40);
    const reply = await importFile(writeTallyFile(DEMO_EVENT, ballots));
    expect(reply.body).toEqual({ added: 15, duplicates: 25, rejected: [] });
    expect(centralIds()).toHaveLength(start + 40);
    // And the station, pushing the rest later, finds them there.
    const late = await push(s, station, ballots.slice(25), 40);
    expect(late.body.stored).toHaveLength(15);
    expect(centralIds()).toHaveLength(start + 40);
  });

  it("refuses another event's file, or another version of this event, and changes nothing", async () => {
    const before = tallyText();
    const other: EventDefinition = {
      ...DEMO_EVENT,
      id: 'community-fund-2026',
      name: 'Community Fund Day 2026',
    };
    const foreign = await importFile(writeTallyFile(other, []));
    expect(foreign.status).toBe(409);
    expect(foreign.text).toContain('Community Fund Day 2026');
    const edited: EventDefinition = {
      ...DEMO_EVENT,
      pots: DEMO_EVENT.pots.map((p) => ({ ...p, budget: p.budget * 2 })),
    };
    const version = await importFile(writeTallyFile(edited, [demoBallot('st-x', 1)]));
    expect(version.status).toBe(409);
    expect(version.body).toMatchObject({ error: { code: 'other-event-file' } });
    expect(tallyText()).toBe(before);
  });

  it('refuses a tampered or cut-short file with the line to blame, and changes nothing', async () => {
    const before = tallyText();
    const file = writeTallyFile(DEMO_EVENT, demoBallots('st-usb', 5, 3000));
    const lines = file.split('\n');
    // Moved to another hour: still a valid ballot, so only the hash chain can tell.
    lines[3] = (lines[3] ?? '').replace('T14:00Z', 'T15:00Z');
    expect(lines.join('\n')).not.toBe(file);
    const tampered = await importFile(lines.join('\n'));
    expect(tampered.status).toBe(422);
    expect(tampered.body).toMatchObject({
      error: { code: 'invalid-file', params: { problem: 'broken-chain', line: 4 } },
    });
    const cut = await importFile(file.slice(0, file.lastIndexOf('{"ballots"')));
    expect(cut.status).toBe(422);
    expect(cut.text).toContain('Nothing was imported');
    expect(tallyText()).toBe(before);
  });

  it('keeps a ballot whose id is already counted with other choices apart, as a conflict', async () => {
    const original = demoBallot(station.stationId, 3);
    await push(s, station, [original], 1);
    const clash = { ...original, choice: { kind: 'approval' as const, bids: ['bus-shelter'] } };
    const fresh = demoBallot('st-usb', 4);
    const reply = await importFile(writeTallyFile(DEMO_EVENT, [clash, fresh]));
    expect(reply.body.added).toBe(1);
    expect(reply.body.rejected).toMatchObject([{ id: original.id, code: 'conflict' }]);
    const q = await call<RejectedResponse>(s, `/api/v1/events/${DEMO_EVENT.id}/rejected`, {
      token: organiser,
    });
    expect(q.body.rejected.find((r) => r.id === original.id)).toMatchObject({
      stationId: null,
      code: 'conflict',
    });
  });

  it('lets only the organiser import', async () => {
    const before = tallyText();
    const file = writeTallyFile(DEMO_EVENT, demoBallots('st-usb', 3, 4000));
    expect((await importFile(file, station.token)).status).toBe(401);
    expect((await call(s, `/api/v1/events/${DEMO_EVENT.id}/import`, { raw: file })).status).toBe(
      401,
    );
    expect(tallyText()).toBe(before);
  });
});

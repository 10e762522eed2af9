// The server is killed without warning (SIGKILL) and restarted: nothing acknowledged may be lost.
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { problemSummary } from '../../src/core/problem.ts';
import type { JoinResponse, StationsResponse } from '../../src/core/protocol.ts';
import type { Ballot } from '../../src/core/schema.ts';
import { appendBallots, readTallyFile, verifyTallyFile } from '../../src/core/tally-file/index.ts';
import {
  call,
  demoBallots,
  joinStation,
  organiserToken,
  push,
  type TallyServer,
} from './support/tally-server.ts';
import { useTallyServers } from './support/use-tally-servers.ts';
import { editStoredTallyLine, storedTally } from './support/stored.ts';
import { onPostgres } from './support/test-storage.ts';

const server = useTallyServers({ stopWith: 'SIGKILL' });

const eventDir = (s: TallyServer) => join(s.dataDir, 'events', DEMO_EVENT.id);
const tallyPath = (s: TallyServer) => join(eventDir(s), 'tally.jsonl');

function idsInFile(text: string): string[] {
  const read = readTallyFile(text);
  if (!read.ok) throw new Error(problemSummary(read.error));
  return read.value.ballots.map((b) => b.id);
}

describe('crash safety', { timeout: 90_000 }, () => {
  it('loses no acknowledged ballot when killed mid-stream, and takes the rest again exactly once', async () => {
    const first = await server();
    const stations = await Promise.all([1, 2, 3, 4].map((i) => joinStation(first, `Table ${i}`)));
    const sent: { station: JoinResponse; batch: Ballot[] }[] = [];
    const acked = new Set<string>();
    let killed = false;
    const streams = stations.map(async (station) => {
      for (let i = 0; !killed; i += 1) {
        const batch = demoBallots(station.stationId, 25, i * 25);
        sent.push({ station, batch });
        try {
          const reply = await push(first, station, batch, (i + 1) * 25);
          if (reply.status === 200) for (const id of reply.body.stored) acked.add(id);
        } catch {
          return; // The connection died with the server: this batch was never acknowledged.
        }
      }
    });
    while (acked.size < 600) await new Promise((r) => setTimeout(r, 20));
    first.process.kill('SIGKILL');
    killed = true;
    await Promise.all(streams);
    await first.stop();

    const again = await server({ dataDir: first.dataDir });
    const afterCrash = storedTally(again);
    expect(verifyTallyFile(afterCrash).ok).toBe(true);
    const survived = new Set(idsInFile(afterCrash));
    const lost = [...acked].filter((id) => !survived.has(id));
    expect(lost).toEqual([]);

    // Every station sends everything again, as its outbox would.
    for (const { station, batch } of sent) {
      const reply = await push(again, station, batch, 0);
      expect(reply.status).toBe(200);
      expect(reply.body.stored).toHaveLength(batch.length);
    }
    const final = idsInFile(storedTally(again));
    const everySent = sent.flatMap(({ batch }) => batch.map((b) => b.id));
    expect(final).toHaveLength(everySent.length);
    expect(new Set(final)).toEqual(new Set(everySent));
  }, 60_000);

  it('finishes the pushes in progress on SIGTERM, then exits cleanly', async () => {
    const s = await server();
    const stations = await Promise.all([1, 2, 3].map((i) => joinStation(s, `Table ${i}`)));
    const acked: string[] = [];
    let firstReply = () => {};
    const replied = new Promise<void>((resolve) => (firstReply = resolve));
    const pushes = stations.flatMap((station) =>
      [0, 1, 2, 3].map(async (k) => {
        try {
          const reply = await push(s, station, demoBallots(station.stationId, 100, k * 100), 400);
          if (reply.status === 200) acked.push(...reply.body.stored);
          firstReply();
        } catch {
          // Refused once the server stopped accepting: never acknowledged, the station retries.
        }
      }),
    );
    // Stop while the other pushes are still being received or written.
    await replied;
    const exit = s.stop('SIGTERM');
    await Promise.all(pushes);
    expect(await exit).toBe(0);
    expect(s.output()).toContain('Stopped. Every acknowledged ballot is on disk.');
    const file = storedTally(s);
    expect(verifyTallyFile(file).ok).toBe(true);
    const inFile = new Set(idsInFile(file));
    expect(acked.length).toBeGreaterThanOrEqual(100);
    expect(acked.filter((id) => !inFile.has(id))).toEqual([]);
  });

  it('cuts an append interrupted part-way back to the last seal on restart, and says so', async ({
    skip,
  }) => {
    skip(onPostgres, 'a transaction commits whole or not at all: no torn append to cut back');
    const first = await server();
    const station = await joinStation(first, 'Hall');
    await push(first, station, demoBallots(station.stationId, 10), 10);
    await first.stop('SIGKILL');
    const sound = storedTally(first);
    const read = readTallyFile(sound);
    if (!read.ok) throw new Error(problemSummary(read.error));
    // What a crash in the middle of the next append leaves: ballot lines, and half a seal.
    const unsealed = demoBallots(station.stationId, 3, 100);
    const chunk = appendBallots(read.value.head, unsealed).text;
    appendFileSync(tallyPath(first), chunk.slice(0, chunk.length - 40));
    appendFileSync(join(eventDir(first), 'station-log.jsonl'), '{"station":"st-');

    const again = await server({ dataDir: first.dataDir });
    expect(again.output()).toMatch(/Recovered .*tally\.jsonl: an append was interrupted/);
    expect(storedTally(again)).toBe(sound);
    const aside = readdirSync(eventDir(again)).filter((f) => f.startsWith('tally.jsonl.cut-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(eventDir(again), aside[0] ?? ''), 'utf8')).toBe(
      chunk.slice(0, chunk.length - 40),
    );

    const reply = await push(again, station, unsealed, 13);
    expect(reply.body.stored).toHaveLength(3);
    expect(reply.body.received).toBe(13);
    const after = storedTally(again);
    expect(verifyTallyFile(after).ok).toBe(true);
    expect(idsInFile(after)).toHaveLength(13);
    const token = await organiserToken(again);
    const stations = await call<StationsResponse>(
      again,
      `/api/v1/events/${DEMO_EVENT.id}/stations`,
      {
        token,
      },
    );
    expect(stations.body.stations).toMatchObject([{ cast: 13, received: 13, missing: 0 }]);
  });

  it('refuses to open, or "repair", a tally file that was edited', async () => {
    const first = await server();
    const station = await joinStation(first, 'Hall');
    await push(first, station, demoBallots(station.stationId, 5), 5);
    await push(first, station, demoBallots(station.stationId, 5, 5), 10);
    await first.stop();
    const lines = storedTally(first).split('\n');
    // Move one vote from a bid to another on the first ballot line, keeping valid JSON.
    const at = lines.findIndex((line) => line.includes('"type":"ballot"'));
    const original = lines[at] ?? '';
    lines[at] = original.replace(/"bids":\["[a-z-]+"/, '"bids":["gala-day"');
    expect(lines[at]).not.toBe(original);
    const tampered = lines.join('\n');
    editStoredTallyLine(first, at, lines[at] ?? '');

    const again = await server({ dataDir: first.dataDir });
    expect(again.output()).toMatch(
      new RegExp(
        `Event "burnfoot-2026-demo" was not opened: .*is damaged \\(\\S+ line=${at + 1}\\b`,
      ),
    );
    expect(storedTally(again)).toBe(tampered);
    const health = await call(again, '/api/v1/health');
    expect(health.status).toBe(200);
    // Its station is told the event is unavailable (issue 11, fault 10), not to join again.
    const refused = await push(again, station, demoBallots(station.stationId, 1, 50), 11);
    expect(refused.status).toBe(503);
    expect(refused.text).toContain('"code":"event-unavailable"');
    expect(storedTally(again)).toBe(tampered);
  });
});

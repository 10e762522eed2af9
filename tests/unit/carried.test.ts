// A courier station keeps other stations' tally files whole (its own event only, each transfer
// once) and delivers them to the real tally server (in process) at its next sync: imported once,
// then gone from the tablet; a lost reply sends it again harmlessly; a file the server refuses for
// good is kept apart and never sent again. Its own ballots and outbox are left as they are.
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { Ballot } from '../../src/core/schema.ts';
import { writeTallyFile } from '../../src/core/tally-file/write.ts';
import {
  carryTransfer,
  listCarried,
  summariseCarried,
  type CarriedTransfer,
} from '../../src/db/carried-repo.ts';
import { countWaiting } from '../../src/db/sync-repo.ts';
import { freshDatabase, setUpDemoStation } from '../support/station-db.ts';
import { castMany, joinedStation, OTHER_EVENT } from './sync-harness.ts';
import { stationBallots } from '../support/station-ballots.ts';

const NOW = new Date('2026-06-13T11:00:00Z');

const otherStationBallots = (n: number, event = DEMO_EVENT): Ballot[] => stationBallots(event, n);

function transferOf(ballots: Ballot[], event = DEMO_EVENT, transferId = crypto.randomUUID()) {
  return {
    transferId,
    eventId: event.id,
    text: writeTallyFile(event, ballots),
    ballots: ballots.length,
  } satisfies CarriedTransfer;
}

describe('the carried store', () => {
  it('keeps a transfer of its own event once, however often it arrives', async () => {
    const { db } = await setUpDemoStation();
    const transfer = transferOf(otherStationBallots(5));
    expect(await carryTransfer(db, transfer, NOW)).toEqual({
      ok: true,
      value: { added: true, delivered: false },
    });
    expect(await carryTransfer(db, transfer, NOW)).toEqual({
      ok: true,
      value: { added: false, delivered: false },
    });
    const rows = await listCarried(db, DEMO_EVENT.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ text: transfer.text, ballots: 5, state: 'waiting' });
    // Never mixed into this station's own ballots or outbox.
    expect(await db.ballots.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    await carryTransfer(db, transferOf(otherStationBallots(7)), NOW);
    expect(summariseCarried(await listCarried(db, DEMO_EVENT.id))).toEqual({
      transfers: 2,
      ballots: 12,
      refused: 0,
    });
  });

  it("refuses another event's transfer and keeps nothing", async () => {
    const { db } = await setUpDemoStation();
    const other = transferOf(otherStationBallots(3, OTHER_EVENT), OTHER_EVENT);
    const refused = await carryTransfer(db, other, NOW);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'other-event', params: { event: OTHER_EVENT.id, joined: DEMO_EVENT.id } },
    });
    expect(await db.carried.count()).toBe(0);
  });

  it('refuses before the station is set up', async () => {
    const db = freshDatabase();
    const refused = await carryTransfer(db, transferOf(otherStationBallots(1)), NOW);
    expect(refused).toMatchObject({ ok: false, error: { code: 'no-station' } });
    expect(await db.carried.count()).toBe(0);
  });
});

describe('delivering carried files at sync', () => {
  it('imports each once, then it leaves the tablet; a lost reply sends it again harmlessly', async () => {
    const { server, db, station, engine } = await joinedStation(11);
    const own = await castMany(db, station.stationId, 2);
    const carried = otherStationBallots(6);
    const transfer = transferOf(carried);
    await carryTransfer(db, transfer, NOW);

    // The first delivery reaches the server, but its reply is lost.
    server.intercept = async (request, forward) => {
      const response = await forward(request);
      if (new URL(request.url).pathname === '/api/v1/stations/carried') {
        server.intercept = null;
        throw new TypeError('Failed to fetch');
      }
      return response;
    };
    const first = await engine.syncNow();
    expect(first.kind).toBe('failed');
    expect(carried.every((b) => server.store.hasBallot(DEMO_EVENT.id, b.id))).toBe(true);
    expect(await listCarried(db, DEMO_EVENT.id)).toHaveLength(1);

    const second = await engine.syncNow();
    expect(second.kind).toBe('synced');
    // The file left the tablet; its id stays, so the same station shown again adds nothing.
    expect(await listCarried(db, DEMO_EVENT.id)).toEqual([]);
    expect(await db.carried.get(transfer.transferId)).toMatchObject({
      state: 'delivered',
      text: '',
    });
    expect(await carryTransfer(db, transfer, NOW)).toEqual({
      ok: true,
      value: { added: false, delivered: true },
    });
    await engine.syncNow();
    expect(server.store.event(DEMO_EVENT.id)?.ballots).toBe(own.length + carried.length);
    const deliveries = server.requests.filter((r) => r.path === '/api/v1/stations/carried');
    expect(deliveries).toHaveLength(2);
    // The station's own ballots went as always and its own outbox is empty.
    expect(own.every((b) => server.store.hasBallot(DEMO_EVENT.id, b.id))).toBe(true);
    expect(await countWaiting(db, DEMO_EVENT.id)).toBe(0);
    engine.stop();
  });

  it('keeps a file the server refuses for good apart, and never sends it again', async () => {
    const { server, db, engine } = await joinedStation(12);
    const lines = writeTallyFile(DEMO_EVENT, otherStationBallots(3)).split('\n');
    lines[2] = (lines[2] ?? '').replace('T10:00Z', 'T11:00Z');
    await carryTransfer(
      db,
      { transferId: 'tampered', eventId: DEMO_EVENT.id, text: lines.join('\n'), ballots: 3 },
      NOW,
    );
    const before = server.store.event(DEMO_EVENT.id)?.ballots;
    expect((await engine.syncNow()).kind).toBe('synced');
    const [row] = await listCarried(db, DEMO_EVENT.id);
    expect(row).toMatchObject({
      state: 'refused',
      refusal: { code: 'invalid-file', params: { problem: 'broken-chain' } },
    });
    await engine.syncNow();
    const deliveries = server.requests.filter((r) => r.path === '/api/v1/stations/carried');
    expect(deliveries).toHaveLength(1);
    expect(server.store.event(DEMO_EVENT.id)?.ballots).toBe(before);
    engine.stop();
  });
});

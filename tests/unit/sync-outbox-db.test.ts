// The outbox in the station database: filled by castBallot in the same transaction, and by the
// v1 → v2 upgrade for ballots cast before sync existed.
import { Dexie } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { Ballot } from '../../src/core/schema.ts';
import { castBallot, listBallots } from '../../src/db/ballot-repo.ts';
import { StationDatabase } from '../../src/db/database.ts';
import { resetDemo } from '../../src/db/event-repo.ts';
import { acknowledge, countWaiting, listRejected } from '../../src/db/sync-repo.ts';
import { SCHEMA_VERSIONS } from '../../src/db/versions.ts';
import { freshDatabase, setUpDemoStation } from '../support/station-db.ts';

const at = new Date('2026-06-13T10:47:12Z');
const approve = (...bids: string[]) => ({ kind: 'approval' as const, bids });

describe('the outbox', () => {
  it('gets a waiting row for each ballot cast, in the same transaction', async () => {
    const { db } = await setUpDemoStation();
    const cast = await castBallot(db, { event: DEMO_EVENT, choice: approve('gala-day'), now: at });
    if (!cast.ok) throw new Error(cast.error.code);
    expect(await db.outbox.toArray()).toEqual([
      { ballotId: cast.value.id, eventId: DEMO_EVENT.id, state: 'waiting' },
    ]);
  });

  it('gets no row when a ballot is refused', async () => {
    const { db } = await setUpDemoStation();
    const refused = await castBallot(db, { event: DEMO_EVENT, choice: approve('moon'), now: at });
    expect(refused.ok).toBe(false);
    expect(await db.outbox.count()).toBe(0);
  });

  it('stores neither ballot nor row when the outbox write fails', async () => {
    const { db } = await setUpDemoStation();
    const first = await castBallot(db, { event: DEMO_EVENT, choice: approve('gala-day'), now: at });
    if (!first.ok) throw new Error(first.error.code);
    // A row already there under the next ballot's id makes the outbox add fail inside castBallot.
    const clash = '00000000-0000-4000-8000-000000000000';
    await db.outbox.add({ ballotId: clash, eventId: DEMO_EVENT.id, state: 'waiting' });
    const realUuid = crypto.randomUUID.bind(crypto);
    crypto.randomUUID = () => clash;
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const failed = await castBallot(db, {
        event: DEMO_EVENT,
        choice: approve('chair-yoga'),
        now: at,
      });
      expect(failed).toMatchObject({ ok: false, error: { code: 'not-saved' } });
      expect(log).toHaveBeenCalledWith('Ballot not saved', expect.anything());
    } finally {
      crypto.randomUUID = realUuid;
      log.mockRestore();
    }
    expect((await listBallots(db, DEMO_EVENT.id)).map((b) => b.id)).toEqual([first.value.id]);
  });

  it('forgets stored ids, and marks rejected ones with their reason', async () => {
    const { db } = await setUpDemoStation();
    const ids: string[] = [];
    for (const bid of ['gala-day', 'chair-yoga', 'bike-repair']) {
      const cast = await castBallot(db, { event: DEMO_EVENT, choice: approve(bid), now: at });
      if (cast.ok) ids.push(cast.value.id);
    }
    const [a, b, c] = ids as [string, string, string];
    await acknowledge(db, {
      stored: [a],
      rejected: [{ id: b, code: 'unknown-bid', params: { bid: 'nope' } }],
    });
    expect(await countWaiting(db, DEMO_EVENT.id)).toBe(1);
    expect((await db.outbox.get(c))?.state).toBe('waiting');
    expect(await listRejected(db, DEMO_EVENT.id)).toEqual([
      {
        ballotId: b,
        eventId: DEMO_EVENT.id,
        state: 'rejected',
        rejection: { code: 'unknown-bid', params: { bid: 'nope' } },
      },
    ]);
    // The ballots themselves are all still on the station.
    expect(await listBallots(db, DEMO_EVENT.id)).toHaveLength(3);
  });

  it('is emptied by the demo reset together with the ballots', async () => {
    const { db } = await setUpDemoStation();
    await castBallot(db, { event: DEMO_EVENT, choice: approve('gala-day'), now: at });
    await resetDemo(db);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('upgrading a station from version 1', () => {
  it('puts every ballot cast before the upgrade in the outbox, and keeps the ballots as they were', async () => {
    const name = freshDatabase().name;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_VERSIONS[0]!.stores);
    const ballots: Ballot[] = ['gala-day', 'warm-space', 'chair-yoga'].map((bid, i) => ({
      id: `old-ballot-${i}`,
      eventId: DEMO_EVENT.id,
      stationId: 'station-1',
      castHour: '2026-06-13T10:00Z',
      choice: approve(bid),
    }));
    await v1.table('ballots').bulkAdd(ballots);
    v1.close();
    const onDisk = new Dexie(name);
    await onDisk.open();
    expect(onDisk.verno).toBe(1);
    onDisk.close();

    const upgraded = new StationDatabase(name);
    try {
      await upgraded.open();
      // Up to the latest version, through v2's upgrade (v3, v4 and v5 add tables and need none).
      expect(upgraded.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
      expect(upgraded.verno).toBe(5);
      expect(await upgraded.ballots.toArray()).toEqual(ballots);
      expect(await countWaiting(upgraded, DEMO_EVENT.id)).toBe(3);
      expect((await upgraded.outbox.toArray()).map((r) => r.ballotId).sort()).toEqual(
        ballots.map((b) => b.id).sort(),
      );
      expect(await upgraded.sync.count()).toBe(0);
      expect(await upgraded.pictures.count()).toBe(0);
      expect(await upgraded.eventStatus.count()).toBe(0);
      // The check-in tables start empty: nothing of a voter's check-in exists before v4.
      for (const table of ['codeLists', 'usedCodes', 'counters', 'closings', 'paperEntries']) {
        expect(await upgraded.table(table).count()).toBe(0);
      }
    } finally {
      upgraded.close();
    }
  });
});

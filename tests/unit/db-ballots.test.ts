import { describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { castBallot, countBallots, listBallots } from '../../src/db/ballot-repo.ts';
import { freshDatabase, reopen, setUpDemoStation } from '../support/station-db.ts';

const at = new Date('2026-06-13T10:47:12.345Z');
const approve = (...bids: string[]) => ({ kind: 'approval' as const, bids });

describe('casting a ballot', () => {
  it('stores the choice in canonical form with the station id and the hour only', async () => {
    const { db, station } = await setUpDemoStation();
    const cast = await castBallot(db, {
      event: DEMO_EVENT,
      choice: approve('gala-day', 'chair-yoga'),
      now: at,
    });
    expect(cast.ok).toBe(true);
    const stored = await listBallots(db, DEMO_EVENT.id);
    expect(stored).toHaveLength(1);
    const ballot = stored[0];
    expect(ballot?.choice).toEqual(approve('chair-yoga', 'gala-day'));
    expect(ballot?.castHour).toBe('2026-06-13T10:00Z');
    expect(ballot?.stationId).toBe(station.stationId);
    expect(ballot?.eventId).toBe(DEMO_EVENT.id);
    // Nothing else: no voter identity, no exact time.
    expect(Object.keys(ballot ?? {}).sort()).toEqual([
      'castHour',
      'choice',
      'eventId',
      'id',
      'stationId',
    ]);
    if (cast.ok) expect(cast.value).toEqual(ballot);
  });

  it('gives each ballot a random version-4 UUID, so ids do not reveal the casting order', async () => {
    const { db } = await setUpDemoStation();
    for (let i = 0; i < 5; i++) {
      await castBallot(db, { event: DEMO_EVENT, choice: approve('gala-day'), now: at });
    }
    const ids = (await listBallots(db, DEMO_EVENT.id)).map((b) => b.id);
    expect(new Set(ids).size).toBe(5);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab]/);
  });

  it('commits with strict durability, so an acknowledged ballot is flushed to disk', async () => {
    // Dexie binds the connection's transaction() when it opens, so watch the prototype first.
    const opened = vi.spyOn(IDBDatabase.prototype, 'transaction');
    const { db } = await setUpDemoStation();
    opened.mockClear();
    await castBallot(db, { event: DEMO_EVENT, choice: approve('gala-day'), now: at });
    const writes = opened.mock.calls.filter(([, mode]) => mode === 'readwrite');
    expect(writes).toHaveLength(1);
    expect(writes[0]?.[0]).toContain('ballots');
    expect(writes[0]?.[2]).toEqual({ durability: 'strict' });
    opened.mockRestore();
  });

  it('is still there after the database is closed and opened again, as after a reload', async () => {
    const { db } = await setUpDemoStation();
    const cast = await castBallot(db, {
      event: DEMO_EVENT,
      choice: approve('bike-repair'),
      now: at,
    });
    const again = reopen(db);
    const stored = await listBallots(again, DEMO_EVENT.id);
    expect(cast.ok && stored).toEqual([cast.ok && cast.value]);
  });

  it('refuses an invalid choice with the reason and stores nothing', async () => {
    const { db } = await setUpDemoStation();
    const six = approve(
      'gala-day',
      'chair-yoga',
      'bike-repair',
      'warm-space',
      'cooking-club',
      'football-kit',
    );
    const tooMany = await castBallot(db, { event: DEMO_EVENT, choice: six, now: at });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'too-many' } });
    const unknown = await castBallot(db, {
      event: DEMO_EVENT,
      choice: approve('moon-base'),
      now: at,
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-bid' } });
    expect(await countBallots(db, DEMO_EVENT.id)).toBe(0);
  });

  it('refuses before the station is set up, storing nothing', async () => {
    const db = freshDatabase();
    const cast = await castBallot(db, { event: DEMO_EVENT, choice: approve('gala-day'), now: at });
    expect(cast).toMatchObject({ ok: false, error: { code: 'station-not-set-up' } });
    expect(await db.ballots.count()).toBe(0);
  });

  it('reports "not saved" rather than success when the database cannot be written', async () => {
    const { db } = await setUpDemoStation();
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    db.close();
    const cast = await castBallot(db, { event: DEMO_EVENT, choice: approve('gala-day'), now: at });
    expect(cast).toMatchObject({ ok: false, error: { code: 'not-saved' } });
    if (!cast.ok) expect(cast.error).toEqual({ code: 'not-saved', params: {} });
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
    expect(await countBallots(reopen(db), DEMO_EVENT.id)).toBe(0);
  });
});

describe('counting ballots', () => {
  it('counts only the given event', async () => {
    const { db } = await setUpDemoStation();
    const other = { ...DEMO_EVENT, id: 'other-event' };
    await castBallot(db, { event: DEMO_EVENT, choice: approve('gala-day'), now: at });
    await castBallot(db, { event: DEMO_EVENT, choice: approve('chair-yoga'), now: at });
    await castBallot(db, { event: other, choice: approve('chair-yoga'), now: at });
    expect(await countBallots(db, DEMO_EVENT.id)).toBe(2);
    expect(await countBallots(db, other.id)).toBe(1);
  });
});

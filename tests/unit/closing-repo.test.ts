/**
 * Attended start and closing on the station: each release is counted durably, ends cast or
 * unused, and the closing sheet's figures reconcile (released − unused = screen ballots).
 */
import { describe, expect, it } from 'vitest';
import { closingMismatches, checkClosingSheet, type ClosingSheet } from '../../src/core/closing.ts';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { castBallot } from '../../src/db/ballot-repo.ts';
import {
  closeStation,
  closingFigures,
  counts,
  getClosing,
  recoverReleases,
  releaseBallot,
  releaseEnded,
  takeRelease,
  withdrawRelease,
} from '../../src/db/closing-repo.ts';
import { reopen, setUpDemoStation } from '../support/station-db.ts';

const id = DEMO_EVENT.id;
const at = new Date('2026-06-13T10:47:12.345Z');
const vote = (db: Awaited<ReturnType<typeof setUpDemoStation>>['db']) =>
  castBallot(db, { event: DEMO_EVENT, choice: { kind: 'approval', bids: ['gala-day'] }, now: at });

describe('attended start', () => {
  it('counts each release once, one waiting at a time, and survives a restart', async () => {
    const { db } = await setUpDemoStation();
    expect(await counts(db, id)).toEqual({ released: 0, unused: 0, ready: false, inUse: false });
    expect((await releaseBallot(db, id)).ok).toBe(true);
    const again = await releaseBallot(db, id);
    expect(again.ok ? null : again.error.code).toBe('already-released');
    const reopened = reopen(db);
    expect(await counts(reopened, id)).toEqual({
      released: 1,
      unused: 0,
      ready: true,
      inUse: false,
    });
  });

  it('ends a release cast or unused: walked away, cancelled, or restarted mid-ballot', async () => {
    let { db } = await setUpDemoStation();
    // 1: cast.
    await releaseBallot(db, id);
    expect(await takeRelease(db, id)).toBe(true);
    expect(await takeRelease(db, id)).toBe(false);
    await vote(db);
    await releaseEnded(db, id, true);
    // 2: walked away before Start.
    await releaseBallot(db, id);
    await withdrawRelease(db, id);
    // 3: cancelled mid-ballot.
    await releaseBallot(db, id);
    await takeRelease(db, id);
    await releaseEnded(db, id, false);
    // 4: the tablet restarted mid-ballot.
    await releaseBallot(db, id);
    await takeRelease(db, id);
    db = reopen(db);
    await recoverReleases(db, id);
    expect(await counts(db, id)).toEqual({ released: 4, unused: 3, ready: false, inUse: false });
    const figures = await closingFigures(db, id, { attended: true });
    expect(figures).toMatchObject({ released: 4, unused: 3, screenBallots: 1, paperBallots: 0 });
    expect(closingMismatches(figures, { codes: false })).toEqual([]);
  });
});

describe('closing', () => {
  it('figures say what is synced and waiting; a mismatch is named; closing is durable and once', async () => {
    const { db, station } = await setUpDemoStation();
    await vote(db);
    await vote(db);
    await releaseBallot(db, id);
    const figures = await closingFigures(db, id, { attended: true });
    // The waiting release will never be used once closed.
    expect(figures).toEqual({
      released: 1,
      unused: 1,
      codesUsed: 0,
      screenBallots: 2,
      paperBallots: 0,
      synced: 0,
      waiting: 2,
    });
    expect(closingMismatches(figures, { codes: false })).toEqual([
      { kind: 'released', expected: 0, ballots: 2 },
    ]);
    const sheet: ClosingSheet = {
      station: station.stationId,
      stationName: station.name,
      closedAt: at.toISOString(),
      ...figures,
      note: 'Two voters started before the volunteer arrived.',
    };
    expect(checkClosingSheet(sheet)).toBe(true);
    expect((await closeStation(db, id, sheet)).ok).toBe(true);
    const twice = await closeStation(db, id, sheet);
    expect(twice.ok ? null : twice.error.code).toBe('already-closed');
    const reopened = reopen(db);
    expect((await getClosing(reopened, id))?.sheet).toEqual(sheet);
    const refused = await releaseBallot(reopened, id);
    expect(refused.ok ? null : refused.error.code).toBe('station-closed');
  });

  it('checkClosingSheet refuses extra fields, negative counts and bad times', () => {
    const good: ClosingSheet = {
      station: 's1',
      stationName: 'Hall',
      closedAt: '2026-06-13T17:00:00.000Z',
      codesUsed: 0,
      screenBallots: 1,
      paperBallots: 0,
      synced: 1,
      waiting: 0,
    };
    expect(checkClosingSheet(good)).toBe(true);
    expect(checkClosingSheet({ ...good, voter: 'Ann' })).toBe(false);
    expect(checkClosingSheet({ ...good, screenBallots: -1 })).toBe(false);
    expect(checkClosingSheet({ ...good, closedAt: 'yesterday' })).toBe(false);
    expect(checkClosingSheet({ ...good, note: 'x'.repeat(1001) })).toBe(false);
    const missing: Partial<ClosingSheet> = { ...good };
    delete missing.synced;
    expect(checkClosingSheet(missing)).toBe(false);
  });
});

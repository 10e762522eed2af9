// Paper ballots: the pure comparison of two passes (core/paper-entry.ts) and the station's piles
// (db/paper-repo.ts): entries are durable as soon as saved, a ballot that breaks the rules is
// refused, mismatches block casting until decided, only agreed ballots are cast (once), as paper.
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { comparePasses, readyToCast } from '../../src/core/paper-entry.ts';
import { listBallots } from '../../src/db/ballot-repo.ts';
import {
  castPaperBallot,
  castPile,
  countPaperBallots,
  finishFirstPass,
  openPiles,
  pileView,
  saveEntry,
  startPile,
} from '../../src/db/paper-repo.ts';
import { reopen, setUpDemoStation } from '../support/station-db.ts';

const approve = (...bids: string[]) => ({ kind: 'approval' as const, bids });
const now = new Date('2026-06-13T11:20:00Z');

describe('comparing two passes', () => {
  // Entries are stored canonical (validateChoice sorts the bids), as saveEntry keeps them.
  it('agrees on equal choices, names mismatches and ballots still waiting', () => {
    const first = [
      { position: 1, choice: approve('chair-yoga', 'gala-day') },
      { position: 2, choice: approve('gala-day') },
      { position: 3, choice: approve('chair-yoga') },
    ];
    const second = [
      { position: 1, choice: approve('chair-yoga', 'gala-day') },
      { position: 2, choice: approve('chair-yoga') },
    ];
    const c = comparePasses(first, second);
    expect(c.map((x) => x.status)).toEqual(['agreed', 'mismatch', 'waiting']);
    expect(readyToCast(c)).toBeNull();
    const all = comparePasses(
      first,
      [...second, { position: 3, choice: approve('chair-yoga') }],
      [{ position: 2, choice: approve('gala-day') }],
    );
    expect(all.map((x) => x.status)).toEqual(['agreed', 'resolved', 'agreed']);
    expect(readyToCast(all)?.map((r) => r.position)).toEqual([1, 2, 3]);
  });
});

describe('paper piles on the station', () => {
  it('double entry: entries survive a reopen, a mismatch blocks casting until decided', async () => {
    const setUp = await setUpDemoStation();
    let db = setUp.db;
    const pile = await startPile(db, DEMO_EVENT.id, now);
    for (const [i, bids] of [['gala-day'], ['chair-yoga'], ['gala-day', 'chair-yoga']].entries()) {
      expect((await saveEntry(db, DEMO_EVENT, pile.id, 1, i + 1, approve(...bids))).ok).toBe(true);
    }
    await finishFirstPass(db, pile.id);
    // Leaving halfway: the tablet closes after the second volunteer's first ballot.
    await saveEntry(db, DEMO_EVENT, pile.id, 2, 1, approve('gala-day'));
    db = reopen(db);
    expect((await openPiles(db, DEMO_EVENT.id)).map((p) => p.id)).toEqual([pile.id]);
    await saveEntry(db, DEMO_EVENT, pile.id, 2, 2, approve('gala-day'));
    await saveEntry(db, DEMO_EVENT, pile.id, 2, 3, approve('chair-yoga', 'gala-day'));
    const view = await pileView(db, pile.id);
    expect(view?.pile).toMatchObject({ stage: 'second', size: 3 });
    expect(view?.comparison.map((c) => c.status)).toEqual(['agreed', 'mismatch', 'agreed']);

    const early = await castPile(db, DEMO_EVENT, pile.id, now);
    expect(!early.ok && early.error.code).toBe('not-ready');
    expect(await countPaperBallots(db, DEMO_EVENT.id)).toBe(0);

    await saveEntry(db, DEMO_EVENT, pile.id, 3, 2, approve('chair-yoga'));
    const cast = await castPile(db, DEMO_EVENT, pile.id, now);
    expect(cast.ok && cast.value).toHaveLength(3);
    const ballots = await listBallots(db, DEMO_EVENT.id);
    expect(ballots.map((b) => b.paper)).toEqual([true, true, true]);
    expect(ballots.map((b) => JSON.stringify(b.choice)).sort()).toEqual(
      [approve('chair-yoga'), approve('chair-yoga', 'gala-day'), approve('gala-day')]
        .map((c) => JSON.stringify(c))
        .sort(),
    );
    expect(await db.outbox.count()).toBe(3);
    // Casting again casts nothing twice; the keyed entries are gone, the pile is done.
    const again = await castPile(db, DEMO_EVENT, pile.id, now);
    expect(again.ok && again.value).toEqual([]);
    expect(await countPaperBallots(db, DEMO_EVENT.id)).toBe(3);
    expect(await openPiles(db, DEMO_EVENT.id)).toEqual([]);
    expect(await db.paperEntries.count()).toBe(1);
  });

  it('refuses a paper ballot that breaks the rules, storing nothing', async () => {
    const { db } = await setUpDemoStation();
    const max = DEMO_EVENT.method?.kind === 'approval' ? (DEMO_EVENT.method.max ?? 0) : 0;
    const tooMany = approve(...DEMO_EVENT.bids.slice(0, max + 1).map((b) => b.id));
    const single = await castPaperBallot(db, DEMO_EVENT, tooMany, now);
    expect(!single.ok && single.error.code).toBe('too-many');
    const pile = await startPile(db, DEMO_EVENT.id, now);
    const entry = await saveEntry(db, DEMO_EVENT, pile.id, 1, 1, tooMany);
    expect(!entry.ok && entry.error.code).toBe('too-many');
    expect((await pileView(db, pile.id))?.first).toEqual([]);
    expect(await listBallots(db, DEMO_EVENT.id)).toEqual([]);
  });

  it('a single paper ballot is cast at once, marked as paper', async () => {
    const { db } = await setUpDemoStation();
    const cast = await castPaperBallot(db, DEMO_EVENT, approve('gala-day'), now);
    expect(cast.ok && cast.value.paper).toBe(true);
    expect(await countPaperBallots(db, DEMO_EVENT.id)).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { castBallot, countBallots } from '../../src/db/ballot-repo.ts';
import { ensureEventLoaded, getEvent, putEvent, resetDemo } from '../../src/db/event-repo.ts';
import { getStation } from '../../src/db/station-repo.ts';
import { freshDatabase, reopen, setUpDemoStation } from '../support/station-db.ts';

const renamed = (event: EventDefinition, name: string): EventDefinition => ({ ...event, name });

describe('first start', () => {
  it('loads the demo event, bids in their original order', async () => {
    const db = freshDatabase();
    expect(await ensureEventLoaded(db)).toBe(DEMO_EVENT.id);
    expect(await db.bids.count()).toBe(DEMO_EVENT.bids.length);
    expect(await getEvent(reopen(db), DEMO_EVENT.id)).toEqual(DEMO_EVENT);
  });

  it('leaves an event already on the station alone', async () => {
    const db = freshDatabase();
    const mine = renamed({ ...DEMO_EVENT, id: 'hall-day' }, 'Hall day');
    await putEvent(db, mine);
    expect(await ensureEventLoaded(db)).toBe('hall-day');
    expect(await getEvent(db, DEMO_EVENT.id)).toBeUndefined();
    expect((await getEvent(db, 'hall-day'))?.name).toBe('Hall day');
  });
});

describe('replacing an event', () => {
  it('drops bids the new version no longer has', async () => {
    const db = freshDatabase();
    await putEvent(db, DEMO_EVENT);
    const fewer = { ...DEMO_EVENT, bids: DEMO_EVENT.bids.slice(0, 3).reverse() };
    await putEvent(db, fewer);
    expect((await getEvent(db, DEMO_EVENT.id))?.bids).toEqual(fewer.bids);
  });

  it('returns nothing for an unknown event', async () => {
    expect(await getEvent(freshDatabase(), 'nope')).toBeUndefined();
  });
});

describe('resetting the demo', () => {
  it('removes every ballot, restores the demo event and keeps the station', async () => {
    const { db, station } = await setUpDemoStation();
    await putEvent(db, renamed(DEMO_EVENT, 'Edited by hand'));
    const now = new Date('2026-06-13T11:00Z');
    await castBallot(db, {
      event: DEMO_EVENT,
      choice: { kind: 'approval', bids: ['gala-day'] },
      now,
    });
    expect(await countBallots(db, DEMO_EVENT.id)).toBe(1);

    await resetDemo(db);

    expect(await db.ballots.count()).toBe(0);
    expect(await getEvent(db, DEMO_EVENT.id)).toEqual(DEMO_EVENT);
    expect(await getStation(db)).toEqual(station);
  });
});

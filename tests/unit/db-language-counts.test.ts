// Ballots per language (docs/sync-protocol.md, "Ballots per language"): counted on the station
// with the ballot, never written on it; on the closing sheet and on every push.
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { castBallot, languageCounts, listBallots } from '../../src/db/ballot-repo.ts';
import { closingFigures } from '../../src/db/closing-repo.ts';
import { learnEventStatus } from '../../src/db/event-status.ts';
import { setUpDemoStation } from '../support/station-db.ts';

const at = new Date('2026-06-13T10:47:12.345Z');
const approve = (...bids: string[]) => ({ kind: 'approval' as const, bids });

describe('ballots per language', () => {
  it('counts each ballot in its language, and the ballot does not say which', async () => {
    const { db } = await setUpDemoStation();
    for (const language of ['gd', 'en-GB', 'gd']) {
      const cast = await castBallot(db, {
        event: DEMO_EVENT,
        choice: approve('gala-day'),
        now: at,
        language,
      });
      expect(cast.ok).toBe(true);
    }
    expect(await languageCounts(db, DEMO_EVENT.id)).toEqual({ gd: 2, 'en-GB': 1 });
    for (const ballot of await listBallots(db, DEMO_EVENT.id)) {
      expect(JSON.stringify(ballot)).not.toMatch(/gd|en-GB|language/);
    }
    const figures = await closingFigures(db, DEMO_EVENT.id, { attended: false });
    expect(figures.languages).toEqual({ gd: 2, 'en-GB': 1 });
  });

  it('counts nothing for a refused ballot, a rehearsal, or a ballot with no language', async () => {
    const { db } = await setUpDemoStation();
    const refused = await castBallot(db, {
      event: DEMO_EVENT,
      choice: approve('no-such-bid'),
      now: at,
      language: 'pl',
    });
    expect(refused.ok).toBe(false);
    await castBallot(db, { event: DEMO_EVENT, choice: approve('gala-day'), now: at });
    expect(await languageCounts(db, DEMO_EVENT.id)).toEqual({});
    expect((await closingFigures(db, DEMO_EVENT.id, { attended: false })).languages).toBe(
      undefined,
    );

    await learnEventStatus(db, DEMO_EVENT.id, { state: 'draft', eventHash: 'h', version: 1 });
    const rehearsal = await castBallot(db, {
      event: DEMO_EVENT,
      choice: approve('gala-day'),
      now: at,
      language: 'cy',
    });
    expect(rehearsal.ok).toBe(true);
    expect(await languageCounts(db, DEMO_EVENT.id)).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { equalitiesAnswersSchema } from '../../src/core/equalities-protocol.ts';
import { summariseEqualities, type EqualitiesAnswers } from '../../src/core/questions.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { castBallot, listBallots } from '../../src/db/ballot-repo.ts';
import {
  countEqualities,
  equalitiesBatchStored,
  saveEqualities,
  takeEqualitiesBatch,
} from '../../src/db/equalities-repo.ts';
import { setUpDemoStation } from '../support/station-db.ts';

const event: EventDefinition = {
  ...DEMO_EVENT,
  checkIn: { equalities: ['age-band', 'disability', 'gender'] },
};

describe('equalities answers on the station', () => {
  it('are stored apart from the ballot, with nothing that links the two', async () => {
    const { db } = await setUpDemoStation();
    const cast = await castBallot(db, {
      event,
      choice: { kind: 'approval', bids: ['gala-day'] },
      now: new Date('2026-06-13T10:47:00Z'),
    });
    expect(cast.ok).toBe(true);
    const saved = await saveEqualities(db, event, {
      'age-band': '25-44',
      disability: 'prefer-not-to-say',
      // Not asked by this event, and an answer no question has: both dropped.
      ethnicity: 'white',
      gender: 'sometimes',
    });
    expect(saved).toEqual({ ok: true, value: 'saved' });
    const [row] = await db.equalities.toArray();
    const [ballot] = await listBallots(db, event.id);
    expect(Object.keys(row ?? {}).sort()).toEqual(['answers', 'eventId', 'id']);
    expect(row?.answers).toEqual({ 'age-band': '25-44', disability: 'prefer-not-to-say' });
    expect(row?.id).not.toBe(ballot?.id);
    expect(JSON.stringify(row)).not.toContain(ballot?.id ?? '-');
    expect(JSON.stringify(row)).not.toMatch(/T\d\d:\d\d|castHour|stationId/);
    // Every question skipped: nothing is stored at all.
    expect(await saveEqualities(db, event, {})).toEqual({ ok: true, value: 'nothing' });
    expect(await countEqualities(db, event.id)).toBe(1);
  });

  it('leave in one batch that keeps its id until the server has it, then are deleted', async () => {
    const { db } = await setUpDemoStation();
    for (const band of ['8-15', '18-24', '65-plus']) {
      await saveEqualities(db, event, { 'age-band': band });
    }
    const first = await takeEqualitiesBatch(db, event.id);
    expect(first?.answers).toHaveLength(3);
    expect(first?.answers.map((a) => a['age-band']).sort()).toEqual(['18-24', '65-plus', '8-15']);
    // No id leaves the station: answers only.
    for (const a of first?.answers ?? []) expect(Object.keys(a)).toEqual(['age-band']);
    // A reply lost: the next sync sends the same batch again, with its same id.
    await saveEqualities(db, event, { disability: 'yes' });
    const again = await takeEqualitiesBatch(db, event.id);
    expect(again?.batch).toBe(first?.batch);
    expect(again?.answers).toHaveLength(3);
    await equalitiesBatchStored(db, event.id, first?.batch ?? '');
    const next = await takeEqualitiesBatch(db, event.id);
    expect(next?.batch).not.toBe(first?.batch);
    expect(next?.answers).toEqual([{ disability: 'yes' }]);
    await equalitiesBatchStored(db, event.id, next?.batch ?? '');
    expect(await takeEqualitiesBatch(db, event.id)).toBeNull();
  });
});

describe('equalities counts', () => {
  const many = (n: number, answers: EqualitiesAnswers) => Array.from({ length: n }, () => answers);

  it('suppress every group of 1 to 9, and the next smallest when one alone would show', () => {
    const records = [
      ...many(20, { gender: 'woman' }),
      ...many(14, { gender: 'man' }),
      ...many(4, { gender: 'another-way' }),
    ];
    const [gender] = summariseEqualities(['gender'], records).questions;
    expect(gender?.counts).toEqual([
      { answer: 'woman', count: 20 },
      { answer: 'man', suppressed: true },
      { answer: 'another-way', suppressed: true },
      { answer: 'prefer-not-to-say', count: 0 },
    ]);
    expect(gender?.skipped).toEqual({ answer: 'skipped', count: 0 });
  });

  it('show nothing at all when fewer than 10 answered', () => {
    const summary = summariseEqualities(['disability'], many(9, { disability: 'no' }));
    expect(summary.responses).toBe('suppressed');
    // Zeros too: beside a single suppressed group they would say what everyone answered.
    expect(summary.questions[0]?.counts).toEqual([
      { answer: 'yes', suppressed: true },
      { answer: 'no', suppressed: true },
      { answer: 'prefer-not-to-say', suppressed: true },
    ]);
    expect(summary.questions[0]?.skipped).toEqual({ answer: 'skipped', suppressed: true });
  });

  it('the wire shape refuses any id, time or link beside the answers', () => {
    expect(equalitiesAnswersSchema.safeParse({ gender: 'man' }).success).toBe(true);
    for (const extra of [{ id: 'x' }, { ballot: 'b' }, { at: '2026-06-13' }, { station: 's' }]) {
      expect(equalitiesAnswersSchema.safeParse({ gender: 'man', ...extra }).success).toBe(false);
    }
  });
});

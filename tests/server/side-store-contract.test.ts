// The equalities answers and published results stores, one contract on both backends (issue 12):
// the files under DATA_DIR and PostgreSQL. A batch is stored once whatever resends it; a snapshot
// is replaced whole and removed; a damaged one is not served; all of it survives a restart. Then
// PostgreSQL alone: two instances on one database read each other's writes after `refresh`, a
// batch sent to both at once is stored once, and the answers' table holds no station, no time,
// no ballot. (The registers' contract: register-store-contract.test.ts.)
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { buildPublication, type Publication } from '../../src/core/publication.ts';
import type { EqualitiesAnswers } from '../../src/core/questions.ts';
import { readChanges } from '../../src/server/store/pg/changes.ts';
import { StorageError } from '../../src/server/store/tally-store.ts';
import type { PgEqualitiesStore } from '../../src/server/store/pg/pg-equalities-store.ts';
import type { PgPublicationStore } from '../../src/server/store/pg/pg-publication-store.ts';
import { approvalBallot, demoBidIds } from '../fixtures/tally/ballots.ts';
import { countedFile } from '../fixtures/tally/final-file.ts';
import { sideStoreBackends, type Place } from './support/side-store-backends.ts';

const { file: fileBackend, postgres, cluster } = sideStoreBackends();

const EVENT = DEMO_EVENT.id;
const women = (n: number): EqualitiesAnswers[] =>
  Array.from({ length: n }, () => ({ gender: 'woman', 'age-band': '25-44' }));
const men = (n: number): EqualitiesAnswers[] =>
  Array.from({ length: n }, () => ({ gender: 'man' }));

const [first = '', second = ''] = demoBidIds;
function publication(publishedAt: string, votes = 3): Publication {
  const ballots = Array.from({ length: votes }, (_, i) =>
    approvalBallot(`b-${i}`, i % 2 === 0 ? [first] : [first, second]),
  );
  const built = buildPublication(countedFile(ballots), publishedAt);
  if (!built.ok) throw new Error(JSON.stringify(built.error));
  return built.value;
}

describe.each([fileBackend, postgres])('equalities store on $name', (backend) => {
  let place: Place;
  beforeEach(async () => {
    place = await backend.place();
  });

  it('stores a batch once: the same batch id again stores nothing', async () => {
    const store = await place.equalities();
    expect(await store.push(EVENT, 'batch-1', women(3))).toEqual({ stored: 3, duplicate: false });
    expect(await store.push(EVENT, 'batch-2', men(2))).toEqual({ stored: 2, duplicate: false });
    expect(await store.push(EVENT, 'batch-1', women(3))).toEqual({ stored: 0, duplicate: true });
    expect(await store.push(EVENT, 'batch-1', men(5))).toEqual({ stored: 0, duplicate: true });
    expect(store.answers(EVENT)).toHaveLength(5);
    expect(store.answers(EVENT).filter((a) => a.gender === 'woman')).toEqual(women(3));
  });

  it('keeps events apart (a batch id of one event is new in another) and knows none unasked', async () => {
    const store = await place.equalities();
    await store.push('event-a', 'batch-1', women(2));
    expect(await store.push('event-b', 'batch-1', men(1))).toEqual({
      stored: 1,
      duplicate: false,
    });
    expect(store.answers('event-a')).toEqual(women(2));
    expect(store.answers('event-b')).toEqual(men(1));
    expect(store.answers('event-c')).toEqual([]);
  });

  it('keeps the answers across a restart, and a batch resent after it is still stored once', async () => {
    const before = await place.equalities();
    await before.push(EVENT, 'batch-1', women(2));
    await before.push(EVENT, 'batch-2', men(1));
    await before.close();
    const after = await place.equalities();
    expect(after.answers(EVENT)).toHaveLength(3);
    expect(await after.push(EVENT, 'batch-2', men(1))).toEqual({ stored: 0, duplicate: true });
    expect(after.answers(EVENT)).toHaveLength(3);
  });
});

describe('equalities answers copied between the backends (store copy: batches, push)', () => {
  it.each([
    ['the files to PostgreSQL', fileBackend, postgres],
    ['PostgreSQL to the files', postgres, fileBackend],
  ])(
    'from %s: the same batches, so a station resending one after is still stored once',
    async (_, from, to) => {
      const source = await (await from.place()).equalities();
      const target = await (await to.place()).equalities();
      await source.push(EVENT, 'batch-1', women(2));
      await source.push(EVENT, 'batch-2', men(3));
      await target.push(EVENT, 'batch-2', men(3));
      for (const { batch, answers } of source.batches(EVENT))
        await target.push(EVENT, batch, answers);
      expect(target.batches(EVENT)).toEqual([
        { batch: 'batch-2', answers: men(3) },
        { batch: 'batch-1', answers: women(2) },
      ]);
      expect(target.answers(EVENT)).toHaveLength(5);
      expect(await target.push(EVENT, 'batch-1', women(2))).toEqual({ stored: 0, duplicate: true });
    },
  );
});

describe.each([fileBackend, postgres])('publication store on $name', (backend) => {
  let place: Place;
  beforeEach(async () => {
    place = await backend.place();
  });

  it('publishes, replaces the snapshot whole, and unpublishes', async () => {
    const store = await place.publications();
    expect(store.get(EVENT)).toBeUndefined();
    const one = publication('2026-06-14T10:00:00.000Z', 3);
    await store.put(one);
    expect(store.get(EVENT)).toEqual(one);
    const two = publication('2026-06-14T11:00:00.000Z', 5);
    await store.put(two);
    expect(store.get(EVENT)).toEqual(two);
    expect(await store.remove(EVENT)).toBe(true);
    expect(store.get(EVENT)).toBeUndefined();
    expect(await store.remove(EVENT)).toBe(false);
  });

  it('keeps the snapshot across a restart, and does not serve a damaged one', async () => {
    const before = await place.publications();
    const kept = publication('2026-06-14T10:00:00.000Z');
    await before.put(kept);
    await before.close();
    const after = await place.publications();
    expect(after.get(EVENT)).toEqual(kept);
    await place.damagePublication('spoilt-event');
    const lines: string[] = [];
    const reopened = await place.publications((line) => lines.push(line));
    expect(reopened.get('spoilt-event')).toBeUndefined();
    expect(reopened.get(EVENT)).toEqual(kept);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/spoilt-event.*not.*served/);
  });
});

describe('equalities and publications on PostgreSQL, several instances on one database', () => {
  let place: Place;
  beforeEach(async () => {
    place = await postgres.place();
  });
  const caughtUp = async (
    ...stores: { refresh(c: ReadonlyMap<string, bigint>): Promise<void> }[]
  ) => {
    if (place.pool === undefined) throw new Error('no pool');
    const changes = await readChanges(place.pool);
    for (const store of stores) await store.refresh(changes);
  };

  it('reads answers another instance stored once it refreshes', async () => {
    const one = (await place.equalities()) as PgEqualitiesStore;
    const two = (await place.equalities()) as PgEqualitiesStore;
    await one.push(EVENT, 'batch-1', women(2));
    expect(two.answers(EVENT)).toEqual([]);
    await caughtUp(two);
    expect(two.answers(EVENT)).toEqual(women(2));
    // Its cache is behind, yet the database knows the batch: a duplicate, not a second copy.
    const three = (await place.equalities()) as PgEqualitiesStore;
    await one.push(EVENT, 'batch-2', men(1));
    expect(await two.push(EVENT, 'batch-2', men(1))).toEqual({ stored: 0, duplicate: true });
    await caughtUp(one, two, three);
    for (const store of [one, two, three]) expect(store.answers(EVENT)).toHaveLength(3);
  });

  it('stores each batch once when two instances take many at once, and both end with all of them', async () => {
    const one = (await place.equalities()) as PgEqualitiesStore;
    const two = (await place.equalities()) as PgEqualitiesStore;
    // Every batch sent to both instances (a retry after a lost reply landing elsewhere).
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) => [
        one.push(EVENT, `batch-${i}`, women(1 + (i % 3))),
        two.push(EVENT, `batch-${i}`, women(1 + (i % 3))),
      ]).flat(),
    );
    const expected = Array.from({ length: 40 }, (_, i) => 1 + (i % 3)).reduce((a, b) => a + b);
    expect(outcomes.filter((o) => !o.duplicate)).toHaveLength(40);
    expect(outcomes.reduce((sum, o) => sum + o.stored, 0)).toBe(expected);
    await caughtUp(one, two);
    expect(one.answers(EVENT)).toHaveLength(expected);
    expect(two.answers(EVENT)).toHaveLength(expected);
  });

  it('keeps the answers apart: no station, no time, no ballot in their table', async () => {
    const columns = await place.pool?.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
       WHERE table_name = 'equalities_batch' ORDER BY column_name`,
    );
    expect((columns?.rows ?? []).map((c) => c.column_name)).toEqual([
      'answers',
      'batch',
      'event_id',
      'seq',
    ]);
  });

  it('shows a publication, a replacement and an unpublishing made on another instance after refresh', async () => {
    const one = (await place.publications()) as PgPublicationStore;
    const two = (await place.publications()) as PgPublicationStore;
    const first = publication('2026-06-14T10:00:00.000Z', 3);
    await one.put(first);
    expect(two.get(EVENT)).toBeUndefined();
    await caughtUp(two);
    expect(two.get(EVENT)).toEqual(first);
    const again = publication('2026-06-14T12:00:00.000Z', 4);
    await two.put(again);
    await caughtUp(one);
    expect(one.get(EVENT)).toEqual(again);
    // `two` removes what it knows is published; `one`, not caught up, learns from the database.
    expect(await two.remove(EVENT)).toBe(true);
    expect(await one.remove(EVENT)).toBe(false);
    await caughtUp(one, two);
    expect(one.get(EVENT)).toBeUndefined();
    expect(two.get(EVENT)).toBeUndefined();
  });

  it('keeps one whole snapshot when two instances publish at once', async () => {
    const one = (await place.publications()) as PgPublicationStore;
    const two = (await place.publications()) as PgPublicationStore;
    const [a, b] = [
      publication('2026-06-14T10:00:00.000Z', 3),
      publication('2026-06-14T10:00:01.000Z', 6),
    ];
    await Promise.all([one.put(a), two.put(b), one.put(a), two.put(b)]);
    await caughtUp(one, two);
    const held = one.get(EVENT);
    expect([a, b]).toContainEqual(held);
    expect(two.get(EVENT)).toEqual(held);
  });

  it('fails a write while the database is down (503: the station retries), then stores it once', async () => {
    const answers = await place.equalities();
    const registers = await place.registers();
    await answers.push(EVENT, 'batch-1', women(1));
    const row = { id: 'r1', eventId: EVENT, day: '2026-06-14', released: 'card' } as const;
    cluster().stopServer();
    try {
      await expect(answers.push(EVENT, 'batch-2', men(2))).rejects.toBeInstanceOf(StorageError);
      await expect(registers.push(EVENT, 'st-a', [row])).rejects.toBeInstanceOf(StorageError);
    } finally {
      cluster().startServer();
    }
    expect(await answers.push(EVENT, 'batch-2', men(2))).toEqual({ stored: 2, duplicate: false });
    expect(await answers.push(EVENT, 'batch-2', men(2))).toEqual({ stored: 0, duplicate: true });
    expect(answers.answers(EVENT)).toHaveLength(3);
    expect(await registers.push(EVENT, 'st-a', [row])).toMatchObject({ stored: ['r1'], added: 1 });
  });
});

// The registration desks' register store, one contract on both backends (issue 12): the files
// under DATA_DIR/registers/ and PostgreSQL. Rows are idempotent by id and never overwritten, the
// summary counts per desk and finds likely duplicates, deleting deletes and is recorded once, and
// all of it survives a restart. Then PostgreSQL alone: two instances on one database decide in
// the database (a deletion or a row made on one is known to a push on the other before it has
// caught up) and read each other's writes after `refresh`; a deleted register is gone from the
// tables, and no table of it names a ballot.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Registration } from '../../src/core/register.ts';
import { readChanges } from '../../src/server/store/pg/changes.ts';
import type { PgRegisterStore } from '../../src/server/store/pg/pg-register-store.ts';
import { sideStoreBackends, type Place } from './support/side-store-backends.ts';

const { file: fileBackend, postgres } = sideStoreBackends();

const EVENT = 'park-2026';
const AT = new Date('2026-06-14T18:00:00.000Z');
const named = (id: string) => (id === 'st-b' ? 'Bravo desk' : id === 'st-a' ? 'Alpha desk' : id);

function row(id: string, answers: Partial<Registration> = {}): Registration {
  return { id, eventId: EVENT, day: '2026-06-14', released: 'tablet', ...answers };
}

describe.each([fileBackend, postgres])('register store on $name', (backend) => {
  let place: Place;
  beforeEach(async () => {
    place = await backend.place();
  });
  let n = 0;
  const event = () => `ev-${backend.name}-${(n += 1)}`;
  const rowOf = (eventId: string, id: string, answers: Partial<Registration> = {}) => ({
    ...row(id, answers),
    eventId,
  });

  it('stores a new row once: sent again it is stored already, with other answers a conflict', async () => {
    const store = await place.registers();
    const e = event();
    const first = await store.push(e, 'st-a', [rowOf(e, 'r1', { name: 'Ann Lee' })]);
    expect(first).toEqual({ stored: ['r1'], conflicts: [], deleted: false, added: 1 });
    const again = await store.push(e, 'st-a', [
      rowOf(e, 'r1', { name: 'Ann Lee' }),
      rowOf(e, 'r2', { name: 'Bo Kay' }),
    ]);
    expect(again).toEqual({ stored: ['r1', 'r2'], conflicts: [], deleted: false, added: 1 });
    const changed = await store.push(e, 'st-b', [rowOf(e, 'r1', { name: 'Someone Else' })]);
    expect(changed).toEqual({ stored: [], conflicts: ['r1'], deleted: false, added: 0 });
    // The first answers stay, with the desk that sent them.
    const summary = store.summary(e, named);
    expect(summary.total).toBe(2);
    expect(summary.desks).toEqual([
      { stationId: 'st-a', name: 'Alpha desk', rows: 2, overridden: 0 },
    ]);
  });

  it('takes the first of an id sent twice in one push, the second as stored or a conflict', async () => {
    const store = await place.registers();
    const e = event();
    const outcome = await store.push(e, 'st-a', [
      rowOf(e, 'r1', { name: 'Ann' }),
      rowOf(e, 'r1', { name: 'Ann' }),
      rowOf(e, 'r1', { name: 'Anne' }),
    ]);
    expect(outcome).toEqual({ stored: ['r1', 'r1'], conflicts: ['r1'], deleted: false, added: 1 });
    expect(store.summary(e, named).total).toBe(1);
  });

  it('an empty push stores nothing and says the register is not deleted', async () => {
    const store = await place.registers();
    const e = event();
    expect(await store.push(e, 'st-a', [])).toEqual({
      stored: [],
      conflicts: [],
      deleted: false,
      added: 0,
    });
    expect(store.summary(e, named)).toEqual({
      total: 0,
      desks: [],
      duplicates: [],
      duplicatesCut: false,
      deletion: null,
    });
  });

  it('counts per desk (sorted by name) and shows likely duplicates with their desks', async () => {
    const store = await place.registers();
    const e = event();
    await store.push(e, 'st-a', [
      rowOf(e, 'r1', { name: 'Ann Lee', postcode: 'CF10 1AA' }),
      rowOf(e, 'r3', { name: 'Cy Dee', overridden: 'area' }),
    ]);
    await store.push(e, 'st-b', [rowOf(e, 'r2', { name: 'Ann Lee', postcode: 'CF10 1AA' })]);
    const summary = store.summary(e, named);
    expect(summary.total).toBe(3);
    expect(summary.desks).toEqual([
      { stationId: 'st-a', name: 'Alpha desk', rows: 2, overridden: 1 },
      { stationId: 'st-b', name: 'Bravo desk', rows: 1, overridden: 0 },
    ]);
    expect(summary.duplicates).toEqual([
      {
        reason: 'same-name-postcode',
        acrossDesks: true,
        a: { id: 'r1', desk: 'Alpha desk', name: 'Ann Lee', postcode: 'CF10 1AA' },
        b: { id: 'r2', desk: 'Bravo desk', name: 'Ann Lee', postcode: 'CF10 1AA' },
      },
    ]);
  });

  it('keeps registers of events apart', async () => {
    const store = await place.registers();
    const [e1, e2] = [event(), event()];
    await store.push(e1, 'st-a', [rowOf(e1, 'r1')]);
    await store.push(e2, 'st-a', [rowOf(e2, 'r1', { name: 'Other' }), rowOf(e2, 'r2')]);
    expect(store.summary(e1, named).total).toBe(1);
    expect(store.summary(e2, named).total).toBe(2);
    await store.delete(e2, 'Organiser', AT);
    expect(store.summary(e1, named).total).toBe(1);
  });

  it('deletes with one record; then rows are taken and dropped; a second deletion returns the first', async () => {
    const lines: string[] = [];
    const store = await place.registers((line) => lines.push(line));
    const e = event();
    await store.push(e, 'st-a', [rowOf(e, 'r1'), rowOf(e, 'r2')]);
    const record = await store.delete(e, 'Gwen Organiser', AT);
    expect(record).toEqual({ at: AT.toISOString(), by: 'Gwen Organiser', rows: 2 });
    expect(lines).toEqual([`Register of ${e} deleted by Gwen Organiser: 2 rows`]);
    expect(store.summary(e, named)).toEqual({
      total: 0,
      desks: [],
      duplicates: [],
      duplicatesCut: false,
      deletion: record,
    });
    expect(await store.push(e, 'st-a', [rowOf(e, 'r2'), rowOf(e, 'r3')])).toEqual({
      stored: ['r2', 'r3'],
      conflicts: [],
      deleted: true,
      added: 0,
    });
    expect(store.summary(e, named).total).toBe(0);
    expect(await store.delete(e, 'Someone Else', new Date(AT.getTime() + 60_000))).toEqual(record);
    expect(lines).toHaveLength(1);
  });

  it('keeps rows, desks and deletions across a restart', async () => {
    const [kept, deleted] = [event(), event()];
    const before = await place.registers();
    // A desk name from an imported file may hold any character, a NUL included.
    const desk = 'file:Hall\u0000"desk"';
    await before.push(kept, desk, [rowOf(kept, 'r1', { name: 'Zoë \u0000 Ó' }), rowOf(kept, 'r2')]);
    await before.push(deleted, 'st-a', [rowOf(deleted, 'r1')]);
    const record = await before.delete(deleted, 'Gwen', AT);
    await before.close();
    const after = await place.registers();
    const summary = after.summary(kept, (id) => id);
    expect(summary.total).toBe(2);
    expect(summary.desks).toEqual([{ stationId: desk, name: desk, rows: 2, overridden: 0 }]);
    expect(
      await after.push(kept, 'st-b', [rowOf(kept, 'r1', { name: 'Zoë \u0000 Ó' })]),
    ).toMatchObject({ stored: ['r1'], conflicts: [], added: 0 });
    expect(after.summary(deleted, named)).toEqual({
      total: 0,
      desks: [],
      duplicates: [],
      duplicatesCut: false,
      deletion: record,
    });
  });
});

describe('register store on PostgreSQL, several instances on one database', () => {
  let place: Place;
  let one: PgRegisterStore;
  let two: PgRegisterStore;
  beforeEach(async () => {
    place = await postgres.place();
  });
  const open = async () => {
    one = (await place.registers()) as PgRegisterStore;
    two = (await place.registers()) as PgRegisterStore;
  };
  const caughtUp = async (store: PgRegisterStore) => {
    if (place.pool === undefined) throw new Error('no pool');
    await store.refresh(await readChanges(place.pool));
  };
  const count = async (sql: string, params: unknown[]) => {
    const result = await place.pool?.query<{ n: string }>(sql, params);
    return Number(result?.rows[0]?.n);
  };

  it('reads rows another instance stored once it refreshes', async () => {
    await open();
    await one.push(EVENT, 'st-a', [row('r1', { name: 'Ann' })]);
    expect(two.summary(EVENT, named).total).toBe(0);
    await caughtUp(two);
    expect(two.summary(EVENT, named).total).toBe(1);
    await two.push(EVENT, 'st-b', [row('r2')]);
    await caughtUp(one);
    expect(one.summary(EVENT, named).desks.map((d) => [d.stationId, d.rows])).toEqual([
      ['st-a', 1],
      ['st-b', 1],
    ]);
  });

  it('decides conflicts and deletion in the database, not in a cache that has not caught up', async () => {
    await open();
    const e = 'decide-in-db';
    await one.push(e, 'st-a', [row('r1', { name: 'Ann' })]);
    // `two` has not refreshed: its cache holds nothing of the event.
    expect(await two.push(e, 'st-b', [row('r1', { name: 'Not Ann' })])).toMatchObject({
      stored: [],
      conflicts: ['r1'],
      added: 0,
    });
    expect(await two.push(e, 'st-b', [row('r1', { name: 'Ann' })])).toMatchObject({
      stored: ['r1'],
      added: 0,
    });
    const record = await two.delete(e, 'Gwen', AT);
    expect(record.rows).toBe(1);
    // `one` last saw the row it stored: the push must still learn of the deletion.
    expect(await one.push(e, 'st-a', [row('r5')])).toMatchObject({ deleted: true, added: 0 });
    expect(await one.delete(e, 'Other', new Date())).toEqual(record);
    await caughtUp(one);
    expect(one.summary(e, named)).toMatchObject({ total: 0, deletion: record });
  });

  it('stores a row pushed to two instances at once exactly once, the other answers a conflict', async () => {
    await open();
    const e = 'at-once';
    const pushes = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? one : two).push(e, `st-${i}`, [row('same', { name: `Name ${i}` })]),
      ),
    );
    expect(pushes.filter((p) => p.added === 1)).toHaveLength(1);
    expect(pushes.filter((p) => p.conflicts.length === 1)).toHaveLength(9);
    expect(await count('SELECT count(*) AS n FROM register_row WHERE event_id = $1', [e])).toBe(1);
  });

  it('deletes the rows from the database, not flags them, and keeps only the record', async () => {
    await open();
    const e = 'really-gone';
    await one.push(e, 'st-a', [row('r1', { name: 'Dai Jones', street: '1 High St' }), row('r2')]);
    await one.delete(e, 'Gwen', AT);
    expect(await count('SELECT count(*) AS n FROM register_row WHERE event_id = $1', [e])).toBe(0);
    const everything = await place.pool?.query<{ t: string }>(
      `SELECT string_agg(r::text, ' ') AS t FROM (
         SELECT row_to_json(register_row) AS r FROM register_row
         UNION ALL SELECT row_to_json(register_deletion) FROM register_deletion) x`,
    );
    expect(everything?.rows[0]?.t ?? '').not.toContain('Dai Jones');
    expect(everything?.rows[0]?.t ?? '').toContain('"row_count":2');
  });

  it('keeps the register apart from the tally: no column of its tables names a ballot', async () => {
    const columns = await place.pool?.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_name IN ('register_row', 'register_deletion') ORDER BY table_name, column_name`,
    );
    const names = (columns?.rows ?? []).map((c) => `${c.table_name}.${c.column_name}`);
    expect(names).toEqual([
      'register_deletion.deleted_at',
      'register_deletion.deleted_by',
      'register_deletion.event_id',
      'register_deletion.row_count',
      'register_row.event_id',
      'register_row.registration',
      'register_row.row_id',
      'register_row.seq',
      'register_row.station',
    ]);
  });
});

describe('a register copied between the backends (store copy: contents, push, delete)', () => {
  it.each([
    ['the files to PostgreSQL', fileBackend, postgres],
    ['PostgreSQL to the files', postgres, fileBackend],
  ])('from %s: the same rows, desks, duplicates and deletion record', async (_, from, to) => {
    const [source, target] = [
      await (await from.place()).registers(),
      await (await to.place()).registers(),
    ];
    const [kept, deleted] = ['kept', 'deleted'];
    await source.push(kept, 'st-a', [row('r1', { name: 'Ann Lee', postcode: 'CF10 1AA' })]);
    await source.push(kept, 'file:Hall \u0000', [
      row('r2', { name: 'Ann Lee', postcode: 'CF10 1AA' }),
    ]);
    await source.push(kept, 'st-a', [row('r3', { overridden: 'area' })]);
    await source.push(deleted, 'st-b', [row('r1'), row('r2'), row('r3')]);
    await source.delete(deleted, 'Gwen', AT);
    for (const eventId of [kept, deleted]) {
      const { rows, deletion } = source.contents(eventId);
      // Runs of one desk's rows, in the order stored.
      for (let i = 0; i < rows.length;) {
        const station = rows[i]?.station ?? '';
        let j = i;
        while (rows[j]?.station === station) j += 1;
        await target.push(
          eventId,
          station,
          rows.slice(i, j).map((r) => r.row),
        );
        i = j;
      }
      if (deletion !== null) {
        await target.delete(eventId, deletion.by, new Date(deletion.at), deletion.rows);
      }
      expect(target.contents(eventId)).toEqual(source.contents(eventId));
      expect(target.summary(eventId, named)).toEqual(source.summary(eventId, named));
    }
    expect(source.contents(kept).rows).toHaveLength(3);
    expect(target.summary(deleted, named).deletion).toEqual({
      at: AT.toISOString(),
      by: 'Gwen',
      rows: 3,
    });
  });
});

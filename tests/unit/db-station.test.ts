import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { StationDatabase } from '../../src/db/database.ts';
import { hashPin, pinMatches } from '../../src/db/pin.ts';
import { checkPin, getStation, MAX_PIN_TRIES, PIN_LOCKOUT_MS } from '../../src/db/station-repo.ts';
import { setUpStation } from '../../src/db/station-setup.ts';
import { freshDatabase, reopen, setUpDemoStation, TEST_PIN } from '../support/station-db.ts';

const t0 = new Date('2026-06-13T09:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);
const form = { name: 'Library', pin: '4321', pinAgain: '4321', eventId: DEMO_EVENT.id };

describe('station set-up', () => {
  it('stores the name, a random station id and only a salted hash of the PIN', async () => {
    const db = freshDatabase();
    const set = await setUpStation(db, { ...form, name: '  Library  ' });
    expect(set).toMatchObject({ ok: true, value: { name: 'Library', eventId: DEMO_EVENT.id } });
    const row = await db.station.get('this');
    expect(JSON.stringify(row)).not.toContain('"4321"');
    expect(row?.pin.salt).toBeTruthy();
    expect(row?.stationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await getStation(db)).toEqual(set.ok && set.value);
  });

  it.each([
    [{ name: ' ' }, 'name-missing'],
    [{ name: 'x'.repeat(61) }, 'name-too-long'],
    [{ pin: '12', pinAgain: '12' }, 'pin-format'],
    [{ pin: 'abcd', pinAgain: 'abcd' }, 'pin-format'],
    [{ pinAgain: '4322' }, 'pins-differ'],
  ])('refuses %o with %s and stores nothing', async (change, code) => {
    const db = freshDatabase();
    const set = await setUpStation(db, { ...form, ...change });
    expect(set).toMatchObject({ ok: false, error: { code } });
    // A code with its facts, no sentence: the screen words it in the volunteer's language.
    if (!set.ok) expect(set.error).not.toHaveProperty('message');
    expect(await getStation(db)).toBeUndefined();
  });

  it.each([
    ['Library\u200B', 'text-invisible'],
    ['Hall 2 \u202Eelbat tnemnrevog', 'text-bidi'],
    ['Li\u0000brary', 'text-control'],
    ['Hall\n2', 'text-line-break'],
    [`Z${'\u0353'.repeat(5)}`, 'text-marks'],
    ['\u200B\u200B', 'text-invisible'],
    ['\u3000', 'name-missing'],
  ])('refuses the name %j with %s (issue 11: names that deceive)', async (name, code) => {
    const db = freshDatabase();
    expect(await setUpStation(db, { ...form, name })).toMatchObject({ ok: false, error: { code } });
    expect(await getStation(db)).toBeUndefined();
  });

  it('keeps real names, stored in NFC, and counts their length as a reader does', async () => {
    const family = '👩‍👩‍👧'.repeat(60);
    expect(await setUpStation(freshDatabase(), { ...form, name: family })).toMatchObject({
      ok: true,
    });
    expect(await setUpStation(freshDatabase(), { ...form, name: `${family}!` })).toMatchObject({
      error: { code: 'name-too-long', params: { max: 60 } },
    });
    const set = await setUpStation(freshDatabase(), { ...form, name: ' Cafe\u0301 می‌خواهم ' });
    expect(set).toMatchObject({ ok: true, value: { name: 'Café می‌خواهم' } });
  });

  it('cannot be done twice: the first PIN stays', async () => {
    const { db } = await setUpDemoStation();
    const again = await setUpStation(db, form);
    expect(again).toMatchObject({ ok: false, error: { code: 'already-set-up' } });
    expect((await checkPin(db, TEST_PIN, t0)).ok).toBe(true);
    expect((await checkPin(db, '4321', t0)).ok).toBe(false);
  });
});

describe('PIN hashes', () => {
  it('are salted: the same PIN hashes differently each time, and both verify', async () => {
    const a = await hashPin('2468', 1000);
    const b = await hashPin('2468', 1000);
    expect(a.hash).not.toBe(b.hash);
    expect(await pinMatches('2468', a)).toBe(true);
    expect(await pinMatches('2468', b)).toBe(true);
    expect(await pinMatches('2469', a)).toBe(false);
  });

  it('verify with the iteration count they were made with', async () => {
    const stored = await hashPin('2468', 1000);
    expect(await pinMatches('2468', { ...stored, iterations: 1001 })).toBe(false);
  });
});

describe('checking the volunteer PIN', () => {
  it('accepts the right PIN and refuses a wrong one, saying how many tries are left', async () => {
    const { db } = await setUpDemoStation();
    expect(await checkPin(db, TEST_PIN, t0)).toEqual({ ok: true, value: undefined });
    const wrong = await checkPin(db, '0000', t0);
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'wrong-pin', triesLeft: MAX_PIN_TRIES - 1 },
    });
  });

  it(`locks for a while after ${MAX_PIN_TRIES} wrong tries, even for the right PIN and after a reload`, async () => {
    const { db } = await setUpDemoStation();
    for (let i = 1; i < MAX_PIN_TRIES; i++) {
      expect(await checkPin(db, '0000', t0)).toMatchObject({ error: { code: 'wrong-pin' } });
    }
    expect(await checkPin(db, '0000', t0)).toMatchObject({ error: { code: 'locked' } });
    const reloaded = reopen(db);
    const during = await checkPin(reloaded, TEST_PIN, later(PIN_LOCKOUT_MS - 1000));
    expect(during).toMatchObject({ ok: false, error: { code: 'locked' } });
    if (!during.ok) expect(during.error.params).toEqual({ seconds: 1 });
    expect((await checkPin(reloaded, TEST_PIN, later(PIN_LOCKOUT_MS))).ok).toBe(true);
  });

  it('starts counting again after the right PIN', async () => {
    const { db } = await setUpDemoStation();
    for (let i = 1; i < MAX_PIN_TRIES; i++) await checkPin(db, '0000', t0);
    expect((await checkPin(db, TEST_PIN, t0)).ok).toBe(true);
    expect(await checkPin(db, '0000', t0)).toMatchObject({
      error: { code: 'wrong-pin', triesLeft: MAX_PIN_TRIES - 1 },
    });
  });

  it('refuses on a station that is not set up', async () => {
    expect(await checkPin(freshDatabase(), '1234', t0)).toMatchObject({
      error: { code: 'station-not-set-up' },
    });
  });
});

describe('the PIN lockout under parallel guesses (issue 11, fault 2)', () => {
  const wrongPins = (count: number) =>
    Array.from({ length: count }, (_, i) => String(1000 + i).padStart(6, '0'));

  it('holds when many wrong PINs arrive at once: no more than the allowed tries are judged', async () => {
    const { db } = await setUpDemoStation();
    // Six tabs on one profile, each sending wrong PINs as fast as it can (some over a second
    // connection, as another tab has).
    const other = new StationDatabase(db.name);
    const results = await Promise.all(
      wrongPins(15).map((pin, i) => checkPin(i % 2 ? other : db, pin, t0)),
    );
    other.close();
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes.filter((c) => c === 'wrong-pin').length).toBeLessThanOrEqual(MAX_PIN_TRIES - 1);
    expect(codes.filter((c) => c === 'locked').length).toBeGreaterThanOrEqual(
      15 - MAX_PIN_TRIES + 1,
    );
    const row = await db.station.get('this');
    expect(row?.pinLockedUntil).toBe(t0.getTime() + PIN_LOCKOUT_MS);
    // The right PIN straight after is refused: the lock was not written over.
    expect(await checkPin(db, TEST_PIN, later(1000))).toMatchObject({ error: { code: 'locked' } });
  });

  it('is not lifted by a right PIN sent alongside wrong ones', async () => {
    const { db } = await setUpDemoStation();
    for (let i = 1; i < MAX_PIN_TRIES; i++) await checkPin(db, '0000', t0);
    // The fifth wrong PIN and the right one race: whichever is judged first, no lock is undone.
    const [wrong, right] = await Promise.all([
      checkPin(db, '0001', t0),
      checkPin(db, TEST_PIN, t0),
    ]);
    const row = await db.station.get('this');
    if (right.ok) {
      // The right PIN was judged first: it reset the count, so the wrong one is a first try.
      expect(wrong).toMatchObject({ error: { code: 'wrong-pin', triesLeft: MAX_PIN_TRIES - 1 } });
    } else {
      expect(right).toMatchObject({ error: { code: 'locked' } });
      expect(row?.pinLockedUntil).toBe(t0.getTime() + PIN_LOCKOUT_MS);
    }
  });

  it('never lowers a lock: many rounds of mixed guesses at once', async () => {
    for (let round = 0; round < 3; round++) {
      const { db } = await setUpDemoStation();
      const pins = [...wrongPins(12), TEST_PIN, TEST_PIN];
      const results = await Promise.all(pins.map((pin) => checkPin(db, pin, t0)));
      const judgedWrong = results.filter((r) => !r.ok && r.error.code === 'wrong-pin').length;
      const locked = results.some((r) => !r.ok && r.error.code === 'locked');
      // At most MAX_PIN_TRIES wrong guesses in a row are ever judged before a lock.
      expect(judgedWrong).toBeLessThanOrEqual(2 * (MAX_PIN_TRIES - 1));
      if (locked) {
        const row = await db.station.get('this');
        expect(row?.pinLockedUntil).toBe(t0.getTime() + PIN_LOCKOUT_MS);
        expect(await checkPin(db, TEST_PIN, later(1000))).toMatchObject({
          error: { code: 'locked' },
        });
      }
    }
  });
});

/**
 * The TallyStore contract, the same tests against both stores (issue 12: "the storage interface's
 * test suite runs against both storages"): the file store and PostgreSQL, in this process. The
 * same sequence of calls must give the same tally file, byte for byte, on both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { ClosingSheet } from '../../src/core/closing.ts';
import type { Ballot } from '../../src/core/schema.ts';
import { eventHash, readTallyFile, verifyTallyFile } from '../../src/core/tally-file/index.ts';
import { EventChangeRefused, type EventDump } from '../../src/server/store/tally-store.ts';
import { DamagedTallyFile } from '../../src/server/store/recover-tally.ts';
import {
  canonicalBallots,
  steppingClock,
  useBackends,
  type Backend,
  type ContractStore,
} from './support/tally-store-backends.ts';

const { backends } = useBackends({ beforeAll, afterAll });
const HASH = eventHash(DEMO_EVENT);
const ID = DEMO_EVENT.id;

const station = (n: number) => ({
  stationId: `srv-station-${n}`,
  eventId: ID,
  name: `Hall ${n}`,
  tokenHash: `${String(n).repeat(64)}`.slice(0, 64),
  joinedAt: '2026-06-12T08:00:00.000Z',
});

const sheet: ClosingSheet = {
  station: 'tablet-hall',
  stationName: 'Hall',
  closedAt: '2026-06-12T17:00:00.000Z',
  codesUsed: 0,
  screenBallots: 2,
  paperBallots: 0,
  synced: 2,
  waiting: 0,
};

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(EventChangeRefused);
  return (e as EventChangeRefused).code;
};

const push = (
  store: ContractStore,
  ballots: Ballot[],
  rejected = [],
  stationId = 'srv-station-1',
) =>
  store.store(ID, {
    eventHash: HASH,
    ballots,
    rejected,
    station: { stationId, castCount: ballots.length },
  });

/**
 * One event's life through the store's interface; returns what the store said at each step, so
 * the two backends' answers can be compared as well as their files.
 */
async function life(store: ContractStore): Promise<unknown[]> {
  const said: unknown[] = [];
  said.push(await store.createEvent(DEMO_EVENT, 'K7QF-M4', { state: 'draft', by: 'Ann' }));
  expect(await refusal(store.createEvent(DEMO_EVENT, 'OTHER-1'))).toBe('event-exists');
  await expect(store.createEvent({ ...DEMO_EVENT, id: 'other' }, 'K7QF-M4')).rejects.toThrow(
    'Join code already in use',
  );
  const renamed = { ...DEMO_EVENT, name: 'Burnfoot (renamed)' };
  said.push(
    await store.replaceDefinition(ID, {
      event: renamed,
      expectedVersion: 1,
      by: 'Ann',
      newVersion: false,
    }),
  );
  expect(
    await refusal(
      store.replaceDefinition(ID, {
        event: DEMO_EVENT,
        expectedVersion: 1,
        by: 'Bo',
        newVersion: false,
      }),
    ),
  ).toBe('edit-conflict');
  said.push(
    await store.replaceDefinition(ID, {
      event: DEMO_EVENT,
      expectedVersion: 2,
      by: 'Ann',
      newVersion: false,
    }),
  );
  await store.addStation(station(1));
  await store.addStation(station(2));
  // A draft's ballots are rehearsals: kept apart, never in the tally.
  const rehearsal = canonicalBallots('tablet-hall', 2, 900);
  said.push(await push(store, rehearsal));
  said.push(await store.changeState(ID, { to: 'open', expectedVersion: 3, by: 'Ann' }));
  const ballots = canonicalBallots('tablet-hall', 6);
  said.push(await push(store, ballots.slice(0, 4)));
  said.push(await push(store, [...ballots.slice(2, 6), rehearsal[0]!]));
  // The same id with other choices: a conflict, quarantined, never overwriting.
  const other = canonicalBallots('tablet-hall', 1, 50)[0]!;
  said.push(await push(store, [{ ...other, id: ballots[0]!.id }], [], 'srv-station-2'));
  said.push(
    await push(store, [], [
      {
        id: 'bad-1',
        code: 'unknown-bid',
        message: 'no such bid',
        stationId: 'tablet-hall',
        ballot: {},
      },
    ] as never),
  );
  expect(
    await refusal(
      store.store(ID, { eventHash: 'f'.repeat(64), ballots, rejected: [], station: null }),
    ),
  ).toBe('event-changed');
  expect(
    await refusal(
      store.replaceDefinition(ID, {
        event: renamed,
        expectedVersion: 4,
        by: 'Ann',
        newVersion: true,
      }),
    ),
  ).toBe('event-has-ballots');
  said.push(
    await store.voidBallot(ID, { ballot: ballots[1]!.id, reason: 'Voted twice', by: 'Ann' }),
  );
  await expect(
    store.voidBallot(ID, { ballot: ballots[1]!.id, reason: 'Again', by: 'Ann' }),
  ).rejects.toThrow();
  const bid = DEMO_EVENT.bids[0]!.id;
  said.push(await store.withdrawBid(ID, { bid, reason: 'Withdrawn by its group', by: 'Ann' }));
  said.push(await store.recordClosing(ID, { sheet, receivedAt: '2026-06-12T17:01:00.000Z' }));
  said.push(await store.recordClosing(ID, { sheet, receivedAt: '2026-06-12T17:01:00.000Z' }));
  said.push(
    await store.revokeStation(ID, 'srv-station-2', { at: '2026-06-12T17:02:00.000Z', by: 'Ann' }),
  );
  said.push(await store.changeState(ID, { to: 'closed', expectedVersion: 4, by: 'Ann' }));
  expect(
    await refusal(store.changeState(ID, { to: 'closed', expectedVersion: 4, by: 'Ann' })),
  ).toBe('edit-conflict');
  said.push(await store.changeState(ID, { to: 'final', expectedVersion: 5, by: 'Ann' }));
  said.push(await push(store, canonicalBallots('tablet-hall', 1, 70)));
  said.push(store.event(ID), store.stations(ID), store.quarantine(ID), store.closings(ID));
  said.push(store.ballots(ID).map((b) => [b.ballot.id, b.void?.reason ?? null]));
  return said;
}

describe.each(backends.map((b) => [b.name, b] as const))(
  'the %s tally store',
  (_, backend: Backend) => {
    it("keeps the contract through an event's life, and opens it again the same", async () => {
      const { store, reopen } = await backend.fresh(steppingClock());
      const said = await life(store);
      const info = store.event(ID)!;
      expect(info).toMatchObject({
        ballots: 6,
        voided: 1,
        state: 'final',
        version: 6,
        rehearsalBallots: 2,
      });
      expect(info.rejected).toBe(4); // rehearsal ballot, conflict, unknown bid, after final
      expect(
        store
          .quarantine(ID)
          .map((q) => q.code)
          .sort(),
      ).toEqual(['conflict', 'event-final', 'rehearsal-ballot', 'unknown-bid'].sort());
      const text = await store.tallyFile(ID);
      expect(verifyTallyFile(text).ok).toBe(true);
      const read = readTallyFile(text);
      if (!read.ok) throw new Error('unreadable');
      expect(read.value.ballots.map((b) => b.id)).toEqual(
        canonicalBallots('tablet-hall', 6).map((b) => b.id),
      );
      expect(store.stationByTokenHash(station(2).tokenHash)?.revokedAt).toBe(
        '2026-06-12T17:02:00.000Z',
      );
      await store.close();
      const again = await reopen();
      expect(again.event(ID)).toEqual(info);
      expect(await again.tallyFile(ID)).toBe(text);
      expect(again.stations(ID)).toEqual(said.at(-4));
      expect(again.quarantine(ID)).toEqual(store.quarantine(ID));
    });

    it('counts a voting code once; a second use is kept apart', async () => {
      const { store } = await backend.fresh(steppingClock());
      await store.createEvent(DEMO_EVENT, 'K7QF-M4');
      await store.addStation(station(1));
      const batch = await store.codes(ID).book.generate({
        count: 2,
        label: 'Cards',
        test: false,
        by: 'Ann',
        at: '2026-06-12T08:00:00.000Z',
        iterations: 1000,
      });
      const tag = batch.codes[0]!.tag;
      const [a, b] = canonicalBallots('tablet-hall', 2).map((x) => ({ ...x, code: tag }));
      const first = await push(store, [a!]);
      expect(first.added).toBe(1);
      const second = await push(store, [b!]);
      expect(second.rejected.map((r) => r.code)).toEqual(['code-used']);
      expect(store.codes(ID).used.get(tag)?.ballot).toBe(a!.id);
      expect(
        await store
          .codes(ID)
          .book.voidCode(batch.codes[1]!.code, 'Ann', '2026-06-12T09:00:00.000Z'),
      ).toBe(batch.codes[1]!.tag);
    });

    it('stores a picture once by its hash', async () => {
      const { store } = await backend.fresh(steppingClock());
      const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
      const sha = await store.putPicture(bytes, 'image/png');
      expect(await store.putPicture(bytes, 'image/png')).toBe(sha);
      expect(store.hasPicture(sha, 'image/png')).toBe(true);
      expect(store.hasPicture(sha, 'image/jpeg')).toBe(false);
      expect(await store.picture(sha, 'image/png')).toEqual(bytes);
      expect(store.pictureList()).toEqual([{ sha256: sha, type: 'image/png' }]);
    });

    it('restores a dump: already there when the same, refused when it differs or is damaged', async () => {
      const { store } = await backend.fresh(steppingClock());
      await store.createEvent(DEMO_EVENT, 'K7QF-M4');
      await push(store, canonicalBallots('tablet-hall', 3));
      const dump = await store.dumpEvent(ID);
      expect(await store.restoreEvent(dump)).toBe('already-there');
      const differing: EventDump = {
        ...dump,
        files: { ...dump.files, 'quarantine.jsonl': '{"id":"x"}\n' },
      };
      expect(await refusal(store.restoreEvent(differing))).toBe('event-exists');
      const lines = dump.files['tally.jsonl']!.split('\n');
      // A ballot's station changed after it was chained: the hash no longer follows.
      lines[4] = lines[4]!.replace('"stationId":"tablet-hall"', '"stationId":"tablet-kiosk"');
      const damaged: EventDump = {
        eventId: ID,
        files: { ...dump.files, 'tally.jsonl': lines.join('\n') },
      };
      await expect(store.restoreEvent(damaged)).rejects.toBeInstanceOf(DamagedTallyFile);
      expect(await store.dumpEvent(ID)).toEqual(dump);
    });
  },
);

describe('the two stores', () => {
  it('write the same tally file, byte for byte, and the same records, for the same calls', async () => {
    const [file, postgres] = await Promise.all(backends.map((b) => b.fresh(steppingClock())));
    const saidFile = await life(file!.store);
    const saidPg = await life(postgres!.store);
    expect(saidPg).toEqual(saidFile);
    const fileText = await file!.store.tallyFile(ID);
    expect(await postgres!.store.tallyFile(ID)).toBe(fileText);
    expect(verifyTallyFile(fileText).ok).toBe(true);
    expect(await postgres!.store.dumpEvent(ID)).toEqual(await file!.store.dumpEvent(ID));
  });

  it('copy an event both ways line for line', async () => {
    const [file, postgres] = await Promise.all(backends.map((b) => b.fresh(steppingClock())));
    await life(file!.store);
    const dump = await file!.store.dumpEvent(ID);
    expect(await postgres!.store.restoreEvent(dump)).toBe('copied');
    expect(await postgres!.store.tallyFile(ID)).toBe(dump.files['tally.jsonl']);
    expect(postgres!.store.event(ID)).toEqual(file!.store.event(ID));
    expect(await postgres!.store.restoreEvent(dump)).toBe('already-there');
    const back = (await backends[0]!.fresh(steppingClock())).store;
    expect(await back.restoreEvent(await postgres!.store.dumpEvent(ID))).toBe('copied');
    expect(await back.dumpEvent(ID)).toEqual(dump);
  });
});

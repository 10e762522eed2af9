// Voting codes on the station database: a code is used exactly when its ballot is stored, never
// twice here, not by a rehearsal, and an older list never replaces a newer one.
import { describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { codeTag, newSalt, type CodeList } from '../../src/core/voting-codes.ts';
import { castBallot, listBallots } from '../../src/db/ballot-repo.ts';
import { checkCode, countUsedCodes, getCodeList, saveCodeList } from '../../src/db/code-repo.ts';
import { setUpDemoStation } from '../support/station-db.ts';

const at = new Date('2026-06-13T10:47:12.345Z');
const choice = { kind: 'approval' as const, bids: ['gala-day'] };
const CODE = 'KFQ7-M4TX-9CJR';

async function withList() {
  const { db } = await setUpDemoStation();
  const salt = newSalt();
  const list: CodeList = {
    eventId: DEMO_EVENT.id,
    version: 3,
    salt,
    iterations: 1000,
    valid: [await codeTag(CODE, salt, 1000)],
    voided: [],
    test: [],
  };
  await saveCodeList(db, list);
  return { db, list };
}

describe('voting codes on a station', () => {
  it('stores the tag in the ballot and marks the code used in the same transaction', async () => {
    const { db } = await withList();
    const accepted = await checkCode(db, DEMO_EVENT.id, 'kfq7 m4tx 9cjr', false);
    if (!accepted.ok) throw new Error(accepted.error.code);
    const cast = await castBallot(db, {
      event: DEMO_EVENT,
      choice,
      now: at,
      code: accepted.value.tag,
    });
    expect(cast.ok && cast.value.code).toBe(accepted.value.tag);
    expect(await countUsedCodes(db, DEMO_EVENT.id)).toBe(1);
    // The used-codes row holds the tag only: nothing that points at the ballot.
    const [row] = await db.usedCodes.toArray();
    expect(row).toEqual({ eventId: DEMO_EVENT.id, tag: accepted.value.tag });
    expect(await checkCode(db, DEMO_EVENT.id, CODE, false)).toMatchObject({
      ok: false,
      error: { code: 'code-used-here' },
    });
    // A second ballot with the same tag (another tab) is refused and nothing is stored.
    const again = await castBallot(db, {
      event: DEMO_EVENT,
      choice,
      now: at,
      code: accepted.value.tag,
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'code-used-here' } });
    expect(await listBallots(db, DEMO_EVENT.id)).toHaveLength(1);
  });

  it('marks nothing used when the ballot fails to store', async () => {
    const { db, list } = await withList();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const add = vi.spyOn(db.outbox, 'add').mockRejectedValueOnce(new Error('disk full'));
    const cast = await castBallot(db, { event: DEMO_EVENT, choice, now: at, code: list.valid[0] });
    expect(cast).toMatchObject({ ok: false, error: { code: 'not-saved' } });
    expect(await countUsedCodes(db, DEMO_EVENT.id)).toBe(0);
    expect(await listBallots(db, DEMO_EVENT.id)).toHaveLength(0);
    add.mockRestore();
  });

  it('does not use a card up in a rehearsal (the event still a draft)', async () => {
    const { db, list } = await withList();
    await db.eventStatus.put({
      eventId: DEMO_EVENT.id,
      eventHash: 'h',
      state: 'draft',
      version: 1,
      source: 'join',
    });
    await castBallot(db, { event: DEMO_EVENT, choice, now: at, code: list.valid[0] });
    expect(await countUsedCodes(db, DEMO_EVENT.id)).toBe(0);
  });

  it('keeps the newer list when an older one arrives (a package loaded after a sync)', async () => {
    const { db, list } = await withList();
    await saveCodeList(db, { ...list, version: 2, valid: [] });
    expect((await getCodeList(db, DEMO_EVENT.id))?.valid).toEqual(list.valid);
    await saveCodeList(db, { ...list, version: 4, voided: list.valid, valid: [] });
    expect(await checkCode(db, DEMO_EVENT.id, CODE, false)).toMatchObject({
      error: { code: 'code-voided' },
    });
  });

  it('says when the station holds no codes for the event', async () => {
    const { db } = await setUpDemoStation();
    expect(await checkCode(db, DEMO_EVENT.id, CODE, false)).toMatchObject({
      error: { code: 'code-list-missing' },
    });
  });
});

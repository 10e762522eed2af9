/**
 * The account layer's parts on their own, with a clock the test moves: sessions'
 * idle and absolute expiry and their store, password hashing and the rules for a new password,
 * and the account book's uniqueness and last-organiser rule.
 */
import { describe, expect, it } from 'vitest';
import {
  AccountBook,
  MemoryAccountStore,
  type AccountsData,
} from '../../src/server/accounts/account-book.ts';
import {
  commonPasswords,
  hashPassword,
  passwordWeakness,
  verifyPassword,
} from '../../src/server/accounts/passwords.ts';
import { OrganiserSessions, type SessionRecord } from '../../src/server/accounts/sessions.ts';

const MIN = 60_000;

class Store {
  saved: SessionRecord[][] = [];
  constructor(private records: SessionRecord[] = []) {}
  load() {
    return Promise.resolve(structuredClone(this.records));
  }
  save(records: readonly SessionRecord[]) {
    this.records = structuredClone([...records]);
    this.saved.push(this.records);
    return Promise.resolve();
  }
}

describe('sessions', () => {
  const limits = { idleMs: 30 * MIN, absoluteMs: 12 * 60 * MIN };

  it('end after 30 minutes unused, or 12 hours after they began however busy', async () => {
    let now = Date.parse('2026-06-13T08:00:00Z');
    const store = new Store();
    const sessions = await OrganiserSessions.open(
      store,
      limits,
      () => new Date(now),
      () => {},
    );
    const idle = sessions.create('ac-1');
    const busy = sessions.create('ac-1');
    expect(sessions.expiry(busy.session)).toEqual({
      expiresAt: '2026-06-13T20:00:00.000Z',
      idleExpiresAt: '2026-06-13T08:30:00.000Z',
    });
    now += 29 * MIN;
    expect(sessions.use(busy.session.hash)).toBeDefined();
    now += 2 * MIN;
    expect(sessions.use(idle.session.hash)).toBeUndefined();
    for (let t = 0; t < 12 * 60; t += 20) {
      now += 20 * MIN;
      const alive = sessions.use(busy.session.hash) !== undefined;
      expect(alive).toBe(now < Date.parse('2026-06-13T20:00:00Z'));
    }
  });

  it('are stored by hash only, kept through a reopen, and the last use written at most once a minute', async () => {
    let now = 0;
    const store = new Store();
    const clock = () => new Date(now);
    const sessions = await OrganiserSessions.open(store, limits, clock, () => {});
    const { token, session } = sessions.create('ac-1');
    await sessions.saved();
    expect(JSON.stringify(store.saved)).not.toContain(token);
    const writes = store.saved.length;
    for (let i = 0; i < 50; i += 1) {
      now += 1000;
      sessions.use(session.hash);
    }
    await sessions.saved();
    // 50 uses over 50 s: not one write; the 61st second writes once.
    expect(store.saved.length).toBe(writes);
    now += 11_000;
    sessions.use(session.hash);
    await sessions.saved();
    expect(store.saved.length).toBe(writes + 1);
    const reopened = await OrganiserSessions.open(store, limits, clock, () => {});
    expect(reopened.use(session.hash)?.accountId).toBe('ac-1');
    await reopened.endAll('ac-1');
    expect(reopened.use(session.hash)).toBeUndefined();
    expect(store.saved.at(-1)).toEqual([]);
  });
});

describe('passwords', () => {
  it('hash with scrypt in the stored form and verify only the same password', async () => {
    const stored = await hashPassword('a long and unusual passphrase');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('a long and unusual passphrase', stored)).toBe(true);
    expect(await verifyPassword('a long and unusual passphrasE', stored)).toBe(false);
    expect(await verifyPassword('anything', 'scrypt$2$1$1$AAAA$AAAA')).toBe(false);
    // Two hashes of one password differ (salted).
    expect(await hashPassword('a long and unusual passphrase')).not.toBe(stored);
  });

  it('refuse short, long, common and same-as-name passwords, counting graphemes', async () => {
    const common = await commonPasswords();
    expect(common.size).toBeGreaterThanOrEqual(10_000);
    expect(passwordWeakness('elevenchars', 'ann', common)).toBe('too-short');
    // Twelve family emoji are twelve characters, though 8 UTF-16 units each.
    expect(passwordWeakness('👨‍👩‍👧'.repeat(12), 'ann', common)).toBeUndefined();
    expect(passwordWeakness('x'.repeat(257), 'ann', common)).toBe('too-long');
    expect(passwordWeakness('Password1234', 'ann', common)).toBe('common');
    expect(passwordWeakness('Ann Example Person', 'ann example person', common)).toBe(
      'same-as-name',
    );
    expect(passwordWeakness('a long and unusual passphrase', 'ann', common)).toBeUndefined();
  });
});

describe('the account book', () => {
  const empty = (): AccountsData => ({ accounts: [], invites: [] });
  const at = new Date('2026-06-13T08:00:00Z');

  it('keeps names unique without case after NFC, and refuses names that deceive', async () => {
    const book = await AccountBook.open(new MemoryAccountStore(empty()));
    const first = await book.create({ name: 'Zoë', role: 'viewer', createdBy: 't' }, at);
    expect(first.ok).toBe(true);
    // "Zoe" + combining diaeresis is Zoë after NFC; upper case is the same name.
    const again = await book.create({ name: 'ZOE\u0308', role: 'viewer', createdBy: 't' }, at);
    expect(again).toEqual({ ok: false, error: { code: 'name-taken' } });
    const rtl = await book.create({ name: 'Ann\u202Eevil', role: 'viewer', createdBy: 't' }, at);
    expect(!rtl.ok && rtl.error.code).toBe('invalid-name');
  });

  it('never leaves no active organiser, and changes nothing when the store refuses', async () => {
    const store = new MemoryAccountStore(empty());
    const book = await AccountBook.open(store);
    const one = await book.create(
      { name: 'one', role: 'organiser', createdBy: 't', passwordHash: 'h' },
      at,
    );
    const id = one.ok ? one.value.id : '';
    expect(await book.change(id, { disabled: true }, at)).toEqual({
      ok: false,
      error: { code: 'last-organiser' },
    });
    // Concurrent changes each see the one before: two invites for two names both land.
    await Promise.all([
      book.create({ name: 'two', role: 'organiser', createdBy: 't', passwordHash: 'h' }, at),
      book.create({ name: 'three', role: 'viewer', createdBy: 't' }, at),
    ]);
    expect(book.accounts().map((a) => a.name)).toEqual(['one', 'two', 'three']);
    expect((await book.change(id, { role: 'viewer' }, at)).ok).toBe(true);
    store.save = () => Promise.reject(new Error('EIO'));
    await expect(book.change(id, { role: 'organiser' }, at)).rejects.toThrow('EIO');
    expect(book.byId(id)?.role).toBe('viewer');
  });
});

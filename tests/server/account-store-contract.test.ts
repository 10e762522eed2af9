/**
 * Accounts, invites, sessions and the audit trail: one contract, two backends (issue 12) — the
 * files under DATA_DIR and PostgreSQL (a throwaway cluster for this file, a fresh database per
 * test). Reopening the stores on the same place is a restart.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/core/audit.ts';
import {
  fileBackend,
  MIN,
  organiser as made,
  pgBackend,
  START,
  useCluster,
  type Backend,
  type Opened,
  type Place,
} from './support/account-backends.ts';

const cluster = useCluster();

describe.each<Backend>([fileBackend, pgBackend(cluster)])('$name backend', (backend) => {
  let now = START;
  const clock = () => new Date(now);
  let place: Place;
  let stores: Opened;
  const restart = async () => {
    await stores.sessions.flush();
    stores = await place.open(clock);
  };
  const organiser = (name: string) => made(stores, name, clock());
  const begin = async () => {
    now = START;
    place = await backend.place();
    stores = await place.open(clock);
  };

  describe('accounts', () => {
    it('keeps names unique without case after NFC, and every field through a restart', async () => {
      await begin();
      const zoe = await stores.accounts.create(
        { name: 'Zoë', role: 'viewer', createdBy: 'ann' },
        clock(),
      );
      expect(zoe.ok).toBe(true);
      const again = await stores.accounts.create(
        { name: 'ZOE\u0308', role: 'organiser', createdBy: 't' },
        clock(),
      );
      expect(again).toEqual({ ok: false, error: { code: 'name-taken' } });
      const ann = await organiser('Ann');
      now += MIN;
      await stores.accounts.change(ann.id, { disabled: true }, clock()).catch(() => null);
      const bo = await organiser('Bo');
      await stores.accounts.change(ann.id, { disabled: true, role: 'viewer' }, clock());
      const before = structuredClone(stores.accounts.accounts());
      expect(before.map((a) => a.name)).toEqual(['Zoë', 'Ann', 'Bo']);
      expect(before[1]).toMatchObject({ role: 'viewer', disabledAt: '2026-06-13T08:01:00.000Z' });
      expect(before[0]?.passwordHash).toBeUndefined();
      await restart();
      expect(stores.accounts.accounts()).toEqual(before);
      expect(stores.accounts.byName(' bo ')?.id).toBe(bo.id);
    });

    it('never leaves no active organiser: of two demotions at once, one is refused', async () => {
      await begin();
      const one = await organiser('one');
      expect(await stores.accounts.change(one.id, { disabled: true }, clock())).toEqual({
        ok: false,
        error: { code: 'last-organiser' },
      });
      const two = await organiser('two');
      const results = await Promise.all([
        stores.accounts.change(one.id, { role: 'viewer' }, clock()),
        stores.accounts.change(two.id, { disabled: true }, clock()),
      ]);
      expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
      await restart();
      const active = stores.accounts
        .accounts()
        .filter((a) => a.role === 'organiser' && a.disabledAt === undefined);
      expect(active).toHaveLength(1);
    });

    it('keeps one live invite per account, uses it once, and frees the name when withdrawn', async () => {
      await begin();
      const made = await stores.accounts.create(
        { name: 'Cy', role: 'viewer', createdBy: 't' },
        clock(),
      );
      const cy = made.ok ? made.value : undefined;
      const first = await stores.accounts.invite(cy?.id ?? '', 'ann', clock(), 'a'.repeat(64));
      const second = await stores.accounts.invite(cy?.id ?? '', 'ann', clock(), 'b'.repeat(64));
      expect(stores.accounts.invites(clock()).map((i) => i.id)).toEqual([second.id]);
      expect(stores.accounts.inviteByTokenHash('a'.repeat(64), clock())).toBeUndefined();
      await restart();
      expect(stores.accounts.inviteByTokenHash('b'.repeat(64), clock())).toEqual(second);
      // Two acceptances at once: only one uses it.
      const used = await Promise.all([
        stores.accounts.endInvite(second.id, clock(), true),
        stores.accounts.endInvite(second.id, clock(), true),
      ]);
      expect(used.sort()).toEqual([false, true]);
      expect(first.id).not.toBe(second.id);
      const dee = await stores.accounts.create(
        { name: 'Dee', role: 'viewer', createdBy: 't' },
        clock(),
      );
      const invite = await stores.accounts.invite(
        dee.ok ? dee.value.id : '',
        'ann',
        clock(),
        'c'.repeat(64),
      );
      // Seven days on, it is no longer live.
      now += 7 * 24 * 60 * MIN;
      expect(await stores.accounts.endInvite(invite.id, clock(), false)).toBe(false);
      now -= 1;
      expect(await stores.accounts.endInvite(invite.id, clock(), false)).toBe(true);
      await restart();
      expect(stores.accounts.byName('Dee')).toBeUndefined();
      expect(stores.accounts.byName('Cy')?.id).toBe(cy?.id);
      expect(
        (await stores.accounts.create({ name: 'dee', role: 'viewer', createdBy: 't' }, clock())).ok,
      ).toBe(true);
    });
  });

  describe('sessions', () => {
    it('are kept through a restart, ended one by one or all of an account', async () => {
      await begin();
      const a1 = stores.sessions.create('ac-1');
      const a2 = stores.sessions.create('ac-1');
      const b = stores.sessions.create('ac-2');
      await stores.sessions.saved();
      await restart();
      expect(stores.sessions.use(a1.session.hash)).toEqual(a1.session);
      await stores.sessions.end(a1.session.hash);
      await restart();
      expect(stores.sessions.use(a1.session.hash)).toBeUndefined();
      expect(stores.sessions.use(a2.session.hash)?.csrfToken).toBe(a2.session.csrfToken);
      await stores.sessions.endAll('ac-1');
      await restart();
      expect(stores.sessions.isValid(a2.session.hash)).toBe(false);
      expect(stores.sessions.isValid(b.session.hash)).toBe(true);
    });

    it('end 30 minutes unused or 12 hours after they began, last uses stored at most once a minute', async () => {
      await begin();
      const early = stores.sessions.create('ac-1');
      const busy = stores.sessions.create('ac-1');
      await stores.sessions.saved();
      // A use 50 s after the last write is not stored yet: after a crash the session may end up
      // to a minute early (counted from its start), never late.
      now += 50_000;
      expect(stores.sessions.use(early.session.hash)).toBeDefined();
      stores = await place.open(clock);
      now = START + 2 * MIN;
      expect(stores.sessions.use(busy.session.hash)).toBeDefined();
      await stores.sessions.saved();
      stores = await place.open(clock);
      now = START + 30 * MIN + 30_000;
      expect(stores.sessions.use(early.session.hash)).toBeUndefined();
      // The use two minutes in was stored: 30 minutes from it, not from the start.
      now = START + 31 * MIN;
      expect(stores.sessions.use(busy.session.hash)).toBeDefined();
      for (let t = 31; t < 13 * 60; t += 20) {
        now = START + t * MIN;
        expect(stores.sessions.use(busy.session.hash) !== undefined).toBe(t < 12 * 60);
        if (t % 200 === 11) await restart();
      }
      now = START + 12 * 60 * MIN - 1;
      await restart();
      expect(stores.sessions.isValid(busy.session.hash)).toBe(false);
    });
  });

  describe('the audit trail', () => {
    const entry = (n: number, event?: string): AuditEntry => ({
      at: new Date(START + n * 1000).toISOString(),
      by: 'Ann',
      action: 'event-edit',
      ...(event === undefined ? {} : { event }),
      details: { n, note: `edit ${n}`, ok: true },
    });

    it('keeps the records in order through a restart and chains on from them', async () => {
      await begin();
      for (const n of [1, 2, 3]) await stores.audit.record(entry(n, n === 2 ? 'ev-1' : undefined));
      const read = await stores.audit.read();
      expect(read.problem).toBeUndefined();
      expect(read.records.map((r) => [r.seq, r.event, r.details['n']])).toEqual([
        [1, undefined, 1],
        [2, 'ev-1', 2],
        [3, undefined, 3],
      ]);
      expect(read.records[0]?.prev).toBe('0'.repeat(64));
      await restart();
      await stores.audit.record(entry(4));
      const after = await stores.audit.read();
      expect(after.problem).toBeUndefined();
      expect(after.records.slice(0, 3)).toEqual(read.records);
      expect(after.records.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    });

    it('finds an edited line, shows what comes before it, and chains new lines on', async () => {
      await begin();
      for (const n of [1, 2, 3]) await stores.audit.record(entry(n));
      await place.damageAudit(2, (line) => line.replace('"by":"Ann"', '"by":"Bob"'));
      await restart();
      await stores.audit.record(entry(4));
      const read = await stores.audit.read();
      expect(read.problem).toEqual({ code: 'broken-chain', params: { line: 3 } });
      expect(read.records.map((r) => r.by)).toEqual(['Ann', 'Bob']);
      await place.damageAudit(1, () => '{"not":"a record"}');
      expect((await stores.audit.read()).problem).toEqual({
        code: 'bad-line',
        params: { line: 1 },
      });
    });
  });
});

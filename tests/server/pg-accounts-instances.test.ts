/**
 * Accounts, sessions and the audit trail with two server instances on one PostgreSQL database
 * (issue 12), in one process: two sets of stores on one database, each catching up through the
 * change feed as the server does before each request. Every decision that must hold across
 * instances is taken in the database, so an instance whose memory is behind still cannot break it.
 */
import { describe, expect, it } from 'vitest';
import { ensureFirstAccount } from '../../src/server/first-run.ts';
import type { Pool } from '../../src/server/store/pg/database.ts';
import { StorageError } from '../../src/server/store/tally-store.ts';
import {
  freshPool,
  MIN,
  openPgInstance,
  organiser as made,
  START,
  useCluster,
  type Opened,
} from './support/account-backends.ts';

const cluster = useCluster();
let now = START;
const clock = () => new Date(now);

async function twoInstances(): Promise<{ pool: Pool; a: Opened; b: Opened }> {
  now = START;
  const pool = await freshPool(cluster());
  return { pool, a: await openPgInstance(pool, clock), b: await openPgInstance(pool, clock) };
}

const organiser = (on: Opened, name: string) => made(on, name, clock());

describe('two instances on one database', () => {
  it('a name taken on one is taken on the other, even before it has caught up', async () => {
    const { a, b } = await twoInstances();
    await organiser(a, 'Ann');
    // b has not refreshed: its memory has no Ann, the database has.
    expect(b.accounts.byName('Ann')).toBeUndefined();
    expect(
      await b.accounts.create({ name: 'ANN', role: 'viewer', createdBy: 't' }, clock()),
    ).toEqual({
      ok: false,
      error: { code: 'name-taken' },
    });
    // The refusal brought b's book up to date.
    expect(b.accounts.byName('ann')?.name).toBe('Ann');
    // The same new name on both at once: one account.
    const both = await Promise.all(
      [a, b].map((on) =>
        on.accounts.create({ name: 'Bo', role: 'viewer', createdBy: 't' }, clock()),
      ),
    );
    expect(both.map((r) => r.ok).sort()).toEqual([false, true]);
    await a.refresh();
    expect(a.accounts.accounts().map((x) => x.name)).toEqual(['Ann', 'Bo']);
  });

  it('of two demotions of the last two organisers on two instances at once, one is refused', async () => {
    const { a, b } = await twoInstances();
    const one = await organiser(a, 'one');
    const two = await organiser(a, 'two');
    await b.refresh();
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([
        a.accounts.change(one.id, { role: 'viewer' }, clock()),
        b.accounts.change(two.id, { disabled: true }, clock()),
      ]);
      expect(results.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual([
        'last-organiser',
        'ok',
      ]);
      await a.refresh();
      const active = a.accounts
        .accounts()
        .filter((x) => x.role === 'organiser' && x.disabledAt === undefined);
      expect(active).toHaveLength(1);
      // Both back as active organisers for the next round.
      expect(
        (await a.accounts.change(one.id, { role: 'organiser', disabled: false }, clock())).ok,
      ).toBe(true);
      expect(
        (await a.accounts.change(two.id, { role: 'organiser', disabled: false }, clock())).ok,
      ).toBe(true);
      await b.refresh();
    }
  });

  it('an invite is used once whichever instances accept it; a disabled account is seen disabled on the other', async () => {
    const { a, b } = await twoInstances();
    const ann = await organiser(a, 'Ann');
    for (let round = 0; round < 5; round++) {
      const cy = await a.accounts.create(
        { name: `Cy ${round}`, role: 'viewer', createdBy: 't' },
        clock(),
      );
      const tokenHash = String(round).repeat(64);
      const invite = await a.accounts.invite(cy.ok ? cy.value.id : '', 'Ann', clock(), tokenHash);
      await b.refresh();
      expect(b.accounts.inviteByTokenHash(tokenHash, clock())?.id).toBe(invite.id);
      const used = await Promise.all([
        a.accounts.endInvite(invite.id, clock(), true),
        b.accounts.endInvite(invite.id, clock(), true),
      ]);
      expect(used.sort()).toEqual([false, true]);
    }
    await organiser(a, 'Dee');
    expect((await a.accounts.change(ann.id, { disabled: true }, clock())).ok).toBe(true);
    expect(b.accounts.byId(ann.id)?.disabledAt).toBeUndefined();
    await b.refresh();
    expect(b.accounts.byId(ann.id)?.disabledAt).toBe(clock().toISOString());
  });

  it('a session begun on one works on the other; signing out on one ends it on the other', async () => {
    const { a, b } = await twoInstances();
    const first = a.sessions.create('ac-1');
    const second = a.sessions.create('ac-1');
    const other = a.sessions.create('ac-2');
    await a.sessions.saved();
    await b.refresh();
    expect(b.sessions.use(first.session.hash)?.csrfToken).toBe(first.session.csrfToken);
    await a.sessions.end(first.session.hash);
    await b.refresh();
    expect(b.sessions.use(first.session.hash)).toBeUndefined();
    expect(b.sessions.use(second.session.hash)).toBeDefined();
    // Sign out everywhere, on b this time.
    await b.sessions.endAll('ac-1');
    await a.refresh();
    expect(a.sessions.use(second.session.hash)).toBeUndefined();
    expect(a.sessions.use(other.session.hash)).toBeDefined();
  });

  it('a session used only on one instance for an hour is still live on the other', async () => {
    const { a, b } = await twoInstances();
    const { session } = a.sessions.create('ac-1');
    await a.sessions.saved();
    await b.refresh();
    for (let t = 1; t <= 60; t++) {
      now = START + t * MIN;
      expect(a.sessions.use(session.hash)).toBeDefined();
      await a.sessions.saved();
    }
    await b.refresh();
    expect(b.sessions.use(session.hash)).toBeDefined();
    // b's later use is not moved back by a's older one, and a learns of it.
    now += 20 * MIN;
    expect(b.sessions.use(session.hash)).toBeDefined();
    await b.sessions.flush();
    now += 20 * MIN;
    await a.refresh();
    expect(a.sessions.use(session.hash)).toBeDefined();
  });

  it("two instances' audit records make one chain, in order", async () => {
    const { a, b } = await twoInstances();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 === 0 ? a : b).audit.record({
          at: new Date(START + i).toISOString(),
          by: i % 2 === 0 ? 'on a' : 'on b',
          action: 'event-edit',
          details: { i },
        }),
      ),
    );
    const read = await b.audit.read();
    expect(read.problem).toBeUndefined();
    expect(read.records.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(new Set(read.records.map((r) => r.details['i'])).size).toBe(40);
    expect(await a.audit.read()).toEqual(read);
  });

  it('the audit table refuses a line changed or removed', async () => {
    const { pool, a } = await twoInstances();
    await a.audit.record({ at: clock().toISOString(), by: 'Ann', action: 'sign-in', details: {} });
    const refused = /append-only/;
    await expect(pool.query("UPDATE audit SET line = '{}'")).rejects.toThrow(refused);
    await expect(pool.query('DELETE FROM audit')).rejects.toThrow(refused);
    await expect(pool.query('TRUNCATE audit')).rejects.toThrow(refused);
    expect((await a.audit.read()).records).toHaveLength(1);
  });

  it('a database that stops fails each write and read as a StorageError (503), and all works once it is back', async () => {
    const { a, b } = await twoInstances();
    const ann = await organiser(a, 'Ann');
    const entry = { at: clock().toISOString(), by: 'Ann', action: 'sign-in', details: {} } as const;
    cluster().stopServer();
    try {
      // A sign-in is not answered with a session the database does not hold.
      a.sessions.create(ann.id);
      await expect(a.sessions.saved()).rejects.toBeInstanceOf(StorageError);
      await expect(
        a.accounts.create({ name: 'Bo', role: 'viewer', createdBy: 't' }, clock()),
      ).rejects.toBeInstanceOf(StorageError);
      await expect(a.accounts.change(ann.id, { role: 'viewer' }, clock())).rejects.toBeInstanceOf(
        StorageError,
      );
      await expect(a.audit.record(entry)).rejects.toBeInstanceOf(StorageError);
      await expect(a.audit.read()).rejects.toBeInstanceOf(StorageError);
    } finally {
      cluster().startServer();
    }
    expect(a.accounts.byName('Bo')).toBeUndefined();
    const { session } = a.sessions.create(ann.id);
    await a.sessions.saved();
    await a.audit.record(entry);
    expect((await a.audit.read()).records).toHaveLength(1);
    await b.refresh();
    expect(b.sessions.use(session.hash)?.accountId).toBe(ann.id);
    expect(b.accounts.byId(ann.id)?.role).toBe('organiser');
  });

  it('the first account is created once when two instances start at once on an empty database', async () => {
    const { a, b } = await twoInstances();
    const lines: string[] = [];
    await Promise.all(
      [a, b].map((on) =>
        ensureFirstAccount(on.accounts, '/nonexistent', null, (l) => lines.push(l), clock),
      ),
    );
    await a.refresh();
    expect(a.accounts.accounts().map((x) => x.name)).toEqual(['organiser']);
    // One password, printed once.
    expect(lines.filter((l) => l.includes('password:'))).toHaveLength(1);
  });
});

// The desk's register reaches the real tally server app (in process) on its own endpoint: rows
// leave the waiting state only when stored, a lost reply sends them again harmlessly, and a
// register the organiser deleted is deleted on the tablet too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { JoinResponse } from '../../src/core/protocol.ts';
import type { Registration } from '../../src/core/register.ts';
import type { SyncRow } from '../../src/db/database.ts';
import { addRegistration, countRegistrations } from '../../src/db/register-repo.ts';
import { createApp } from '../../src/server/http/app.ts';
import { OrganiserSessions } from '../../src/server/http/secrets.ts';
import { FileTallyStore } from '../../src/server/store/file-tally-store.ts';
import { FileRegisterStore } from '../../src/server/store/register-store.ts';
import { pushRegistrations } from '../../src/sync/register-sync.ts';
import type { FetchLike } from '../../src/sync/http.ts';
import { freshDatabase } from '../support/station-db.ts';

const URL_BASE = 'https://tally.test';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function setUp() {
  const dataDir = mkdtempSync(join(tmpdir(), 'decision-day-register-'));
  const store = await FileTallyStore.open(dataDir, { log: () => {} });
  await store.createEvent(DEMO_EVENT, 'K7QF-M4');
  const registers = await FileRegisterStore.open(join(dataDir, 'registers'));
  const sessions = new OrganiserSessions(3_600_000, () => new Date());
  const app = createApp({
    store,
    sessions,
    organiserPassword: 'pw',
    rateLimit: { burst: 1_000_000, perSecond: 1_000_000 },
    now: () => new Date(),
    distDir: join(dataDir, 'no-dist'),
    log: () => {},
    registers,
  });
  cleanups.push(async () => {
    await registers.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const net = { loseReplies: 0, requests: 0 };
  const fetch: FetchLike = async (url, init) => {
    net.requests += 1;
    const response = await app.fetch(new Request(url, init));
    if (net.loseReplies > 0) {
      net.loseReplies -= 1;
      throw new TypeError('Failed to fetch');
    }
    return response;
  };
  const joined = (await (
    await fetch(`${URL_BASE}/api/v1/stations/join`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ joinCode: 'K7QF-M4', stationName: 'Hall desk' }),
    })
  ).json()) as JoinResponse;
  const settings: SyncRow = {
    key: 'this',
    serverUrl: URL_BASE,
    token: joined.token,
    serverStationId: joined.stationId,
    eventId: DEMO_EVENT.id,
  } as SyncRow;
  const db = freshDatabase();
  const deps = {
    db,
    fetch,
    timers: { setTimeout, clearTimeout } as never,
    now: () => new Date(),
    random: Math.random,
  };
  const organiser = sessions.create().token;
  return { deps, db, settings, registers, net, app, organiser };
}

const row = (id: string): Registration => ({
  id,
  eventId: DEMO_EVENT.id,
  day: '2026-06-13',
  name: `Person ${id}`,
  postcode: 'TD9 8AB',
  released: 'card',
});

describe('register sync', () => {
  it('sends waiting rows once they are stored, again after a lost reply, and nothing twice', async () => {
    const { deps, db, settings, registers, net } = await setUp();
    await addRegistration(db, row('a'));
    await addRegistration(db, row('b'));

    net.loseReplies = 1;
    const lost = await pushRegistrations(deps, settings, 5_000);
    expect(lost.ok).toBe(false);
    expect(await countRegistrations(db, DEMO_EVENT.id)).toEqual({ total: 2, waiting: 2 });

    const sent = await pushRegistrations(deps, settings, 5_000);
    expect(sent).toEqual({ ok: true, value: 2 });
    expect(await countRegistrations(db, DEMO_EVENT.id)).toEqual({ total: 2, waiting: 0 });
    expect(registers.summary(DEMO_EVENT.id, (id) => id).total).toBe(2);

    // Nothing waiting: one empty push, only to learn whether the register was deleted.
    const before = net.requests;
    expect(await pushRegistrations(deps, settings, 5_000)).toEqual({ ok: true, value: 0 });
    expect(net.requests).toBe(before + 1);
    expect(registers.summary(DEMO_EVENT.id, (id) => id).total).toBe(2);
  });

  it('sends nothing at all while the tablet holds no registration', async () => {
    const { deps, settings, net } = await setUp();
    const before = net.requests;
    expect(await pushRegistrations(deps, settings, 5_000)).toEqual({ ok: true, value: 0 });
    expect(net.requests).toBe(before);
  });

  it('deletes a fully synced tablet copy once the organiser deleted the register', async () => {
    const { deps, db, settings, registers } = await setUp();
    await addRegistration(db, row('a'));
    await pushRegistrations(deps, settings, 5_000);
    expect(await countRegistrations(db, DEMO_EVENT.id)).toEqual({ total: 1, waiting: 0 });
    await registers.delete(DEMO_EVENT.id, 'organiser', new Date());
    expect(await pushRegistrations(deps, settings, 5_000)).toEqual({ ok: true, value: 0 });
    expect(await countRegistrations(db, DEMO_EVENT.id)).toEqual({ total: 0, waiting: 0 });
  });

  it('deletes the tablet’s copy once the organiser deleted the register', async () => {
    const { deps, db, settings, registers } = await setUp();
    await addRegistration(db, row('a'));
    await pushRegistrations(deps, settings, 5_000);
    await registers.delete(DEMO_EVENT.id, 'organiser', new Date());
    await addRegistration(db, row('late'));
    expect(await pushRegistrations(deps, settings, 5_000)).toEqual({ ok: true, value: 0 });
    expect(await countRegistrations(db, DEMO_EVENT.id)).toEqual({ total: 0, waiting: 0 });
    expect(registers.summary(DEMO_EVENT.id, (id) => id).total).toBe(0);
  });
});

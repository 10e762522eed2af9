// The station follows the event's lifecycle through its contacts with a real tally server: ballots
// cast in a draft are rehearsals (kept apart by the server, marked on the station), opening clears
// them from the tablet so they can never be sent or exported as real ones, each push names the
// definition its ballots were cast on, and closing is learnt at the next contact.
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { eventHash } from '../../src/core/tally-file/format.ts';
import { castBallot } from '../../src/db/ballot-repo.ts';
import type { StationDatabase } from '../../src/db/database.ts';
import { SyncEngine } from '../../src/sync/engine.ts';
import { exportStationBallots } from '../../src/sync/export.ts';
import { joinEvent } from '../../src/sync/join.ts';
import { setUpDemoStation } from '../support/station-db.ts';
import { buildEventPackage } from '../../src/core/event-package.ts';
import { readPackageFile, storePackage } from '../../src/sync/event-package.ts';
import {
  ManualTimers,
  OTHER_EVENT,
  seededRandom,
  SERVER_URL,
  startTestServer,
} from './sync-harness.ts';
import { fileOf } from './sync-package-fixture.ts';

const NOW = new Date('2026-06-13T10:00:00Z');
const DRAFT: EventDefinition = { ...DEMO_EVENT, id: 'rehearsed-2026', name: 'Rehearsed Day' };

async function cast(db: StationDatabase, event: EventDefinition) {
  const result = await castBallot(db, {
    event,
    choice: { kind: 'approval', bids: [event.bids[0]!.id] },
    now: NOW,
  });
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

/** A tally server holding DRAFT as a draft, and a station joined to it with its sync engine. */
async function joinedToDraft() {
  const server = await startTestServer();
  await server.store.createEvent(DRAFT, 'PQRT-UV', { state: 'draft', by: 'test' });
  const { db } = await setUpDemoStation();
  const timers = new ManualTimers(NOW);
  const deps = { db, fetch: server.fetch, now: timers.now, timers };
  const engine = new SyncEngine({ ...deps, random: seededRandom(1) });
  const joined = await joinEvent(deps, {
    joinCode: 'PQRT-UV',
    serverAddress: '',
    pageOrigin: SERVER_URL,
  });
  expect(joined.ok).toBe(true);
  return { server, db, engine };
}

describe('the station and the event’s lifecycle', () => {
  it('rehearses in a draft, clears its rehearsals at opening, counts after, learns closing', async () => {
    const { server, db, engine } = await joinedToDraft();
    expect(await db.eventStatus.get(DRAFT.id)).toMatchObject({
      state: 'draft',
      eventHash: eventHash(DRAFT),
      source: 'join',
    });

    // Two rehearsal ballots reach the server's rehearsal log; a third is cast while it is away.
    const synced = [await cast(db, DRAFT), await cast(db, DRAFT)];
    expect((await engine.syncNow()).kind).toBe('synced');
    expect(server.pushes().at(-1)?.ballots).toHaveLength(2);
    expect((server.pushes().at(-1) as { eventHash?: string }).eventHash).toBe(eventHash(DRAFT));
    for (const b of synced) expect((await db.outbox.get(b.id))?.state).toBe('rehearsed');
    server.down = true;
    const unsent = await cast(db, DRAFT);
    expect((await engine.syncNow()).kind).toBe('failed');
    server.down = false;

    // The organiser opens voting; the station learns it at its next contact.
    const info = server.store.event(DRAFT.id)!;
    await server.store.changeState(DRAFT.id, {
      to: 'open',
      expectedVersion: info.version,
      by: 't',
    });
    const pushesBefore = server.pushes().length;
    expect((await engine.syncNow()).kind).toBe('synced');
    // Before sending its rehearsal the station asked where the event stands: open, so every
    // rehearsal ballot left the tablet and the unsent one was never sent (it would have counted).
    const status = await db.eventStatus.get(DRAFT.id);
    expect(status?.state).toBe('open');
    expect(await db.ballots.where('eventId').equals(DRAFT.id).count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(status?.rehearsalsCleared).toBe(3);
    expect(server.store.event(DRAFT.id)?.ballots).toBe(0);
    expect(server.storedIds(DRAFT.id)).not.toContain(unsent.id);
    expect(server.pushes().length).toBeGreaterThan(pushesBefore);

    // A real ballot now counts, and an export carries only it.
    const real = await cast(db, DRAFT);
    expect((await db.outbox.get(real.id))?.rehearsal).toBeUndefined();
    const file = await exportStationBallots(db, DRAFT.id, NOW);
    expect(file.ok && file.value.ballotIds).toEqual([real.id]);
    expect((await engine.syncNow()).kind).toBe('synced');
    expect(server.store.event(DRAFT.id)?.ballots).toBe(1);

    // Closing is learnt at the next contact (a heartbeat).
    const open = server.store.event(DRAFT.id)!;
    await server.store.changeState(DRAFT.id, {
      to: 'closed',
      expectedVersion: open.version,
      by: 't',
    });
    expect((await engine.syncNow()).kind).toBe('synced');
    expect((await db.eventStatus.get(DRAFT.id))?.state).toBe('closed');
    await engine.whenSettled();
  });

  it('stops sending rehearsal ballots cast on a draft the organiser has since changed', async () => {
    const { server, db, engine } = await joinedToDraft();
    const old = await cast(db, DRAFT);

    const info = server.store.event(DRAFT.id)!;
    await server.store.replaceDefinition(DRAFT.id, {
      event: { ...DRAFT, name: 'Rehearsed Day (renamed)' },
      expectedVersion: info.version,
      by: 't',
      newVersion: false,
    });
    // The push names the old definition: refused whole; the rehearsal is set aside, not retried.
    expect((await engine.syncNow()).kind).toBe('synced');
    expect((await db.outbox.get(old.id))?.state).toBe('rehearsed');
    const pushes = server.pushes().length;
    expect((await engine.syncNow()).kind).toBe('synced');
    expect(
      server
        .pushes()
        .slice(pushes)
        .flatMap((p) => p.ballots),
    ).toEqual([]);
    await engine.whenSettled();
  });

  it('a station loaded from a file joins the same event later and its ballots count', async () => {
    const server = await startTestServer();
    const { db } = await setUpDemoStation();
    const pkg = await readPackageFile(fileOf(buildEventPackage(OTHER_EVENT, [])));
    if (!pkg.ok) throw new Error(pkg.error.code);
    expect((await storePackage(db, pkg.value)).ok).toBe(true);
    const offline = await cast(db, OTHER_EVENT);

    const timers = new ManualTimers(NOW);
    const deps = { db, fetch: server.fetch, now: timers.now, timers };
    const joined = await joinEvent(deps, {
      joinCode: server.joinCode(OTHER_EVENT.id),
      serverAddress: '',
      pageOrigin: SERVER_URL,
    });
    // The same event: not a switch, nothing to ask.
    expect(joined).toMatchObject({ ok: true, value: { switchedEvent: false } });
    const engine = new SyncEngine({ ...deps, random: seededRandom(3) });
    expect((await engine.syncNow()).kind).toBe('synced');
    expect(server.storedIds(OTHER_EVENT.id)).toEqual([offline.id]);
    expect((server.pushes()[0] as { eventHash?: string }).eventHash).toBe(eventHash(OTHER_EVENT));
    expect((await db.eventStatus.get(OTHER_EVENT.id))?.state).toBe('open');
    await engine.whenSettled();
  });
});

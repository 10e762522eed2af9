// Registration desks push their register to a real tally server, apart from ballots; the
// organiser sees counts and likely duplicates, then deletes the register with one recorded action.
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { RegisterSummary, RegistrationsPushResponse } from '../../src/core/protocol.ts';
import type { Registration } from '../../src/core/register.ts';
import { call, joinStation, organiserToken, type TallyServer } from './support/tally-server.ts';
import { smallEvent } from './support/small-event.ts';
import { useTallyServers } from './support/use-tally-servers.ts';
import { storedRegister, storedRegisterFiles, storedTally } from './support/stored.ts';

const server = useTallyServers();
const EVENT = DEMO_EVENT.id;

const row = (id: string, extra: Partial<Registration> = {}): Registration => ({
  id,
  eventId: EVENT,
  day: '2026-06-13',
  name: 'Jo Smith',
  postcode: 'TD9 8AB',
  ageBand: '25-44',
  released: 'tablet',
  ...extra,
});

const pushRows = (s: TallyServer, token: string, registrations: unknown[], eventId = EVENT) =>
  call<RegistrationsPushResponse>(s, '/api/v1/registrations', {
    token,
    body: { protocol: 1, eventId, registrations },
  });

const logText = (s: TallyServer) => storedRegister(s, EVENT);

async function summary(s: TallyServer, token: string): Promise<RegisterSummary> {
  const reply = await call<RegisterSummary>(s, `/api/v1/events/${EVENT}/register`, { token });
  expect(reply.status).toBe(200);
  return reply.body;
}

describe('registration desk register', { timeout: 90_000 }, () => {
  it('stores rows once by id, apart from the tally, and flags a likely duplicate across desks', async () => {
    const s = await server();
    const hall = await joinStation(s, 'Hall desk');
    const library = await joinStation(s, 'Library desk');
    const rows = [row('r1'), row('r2', { name: 'Ann Lee', overridden: 'area' })];

    const first = await pushRows(s, hall.token, rows);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ stored: ['r1', 'r2'], conflicts: [], deleted: false });
    const afterFirst = logText(s);
    // The reply was lost: the same rows again change nothing.
    const again = await pushRows(s, hall.token, rows);
    expect(again.body).toEqual({ stored: ['r1', 'r2'], conflicts: [], deleted: false });
    expect(logText(s)).toBe(afterFirst);
    // Same id, other answers: never overwritten.
    const clash = await pushRows(s, hall.token, [row('r1', { name: 'Someone Else' })]);
    expect(clash.body).toEqual({ stored: [], conflicts: ['r1'], deleted: false });
    expect(logText(s)).toBe(afterFirst);

    await pushRows(s, library.token, [row('r9', { name: 'JO SMITH' })]);
    const token = await organiserToken(s);
    const seen = await summary(s, token);
    expect(seen.total).toBe(3);
    expect(seen.desks).toEqual([
      { stationId: hall.stationId, name: 'Hall desk', rows: 2, overridden: 1 },
      { stationId: library.stationId, name: 'Library desk', rows: 1, overridden: 0 },
    ]);
    expect(seen.duplicates).toEqual([
      {
        reason: 'same-name-postcode',
        acrossDesks: true,
        a: { id: 'r1', desk: 'Hall desk', name: 'Jo Smith', postcode: 'TD9 8AB', ageBand: '25-44' },
        b: {
          id: 'r9',
          desk: 'Library desk',
          name: 'JO SMITH',
          postcode: 'TD9 8AB',
          ageBand: '25-44',
        },
      },
    ]);
    expect(seen.deletion).toBeNull();
    // Nothing of the register is in the tally file.
    const tally = storedTally(s, EVENT);
    expect(tally).not.toContain('Jo Smith');
    expect(tally).not.toContain('TD9 8AB');
  });

  it('refuses bad pushes whole with a 4xx and changes nothing', async () => {
    const s = await server();
    const desk = await joinStation(s, 'Hall desk');
    await pushRows(s, desk.token, [row('keep')]);
    const before = logText(s);
    const token = await organiserToken(s);

    const bad: [string, () => ReturnType<typeof pushRows>, number, string][] = [
      [
        'a row linked to a ballot',
        () => pushRows(s, desk.token, [row('x1'), { ...row('x2'), ballotId: 'b1' }]),
        400,
        'invalid-request',
      ],
      [
        'a time finer than the day',
        () => pushRows(s, desk.token, [{ ...row('x3'), day: '2026-06-13T10:15' }]),
        400,
        'invalid-request',
      ],
      [
        'a postcode not normalised',
        () => pushRows(s, desk.token, [row('x4', { postcode: 'td98ab' })]),
        400,
        'invalid-request',
      ],
      [
        'a row of another event',
        () => pushRows(s, desk.token, [row('x5', { eventId: 'other' })]),
        403,
        'wrong-event',
      ],
      ['another event', () => pushRows(s, desk.token, [], 'other'), 403, 'wrong-event'],
      ['no station token', () => pushRows(s, token, [row('x6')]), 401, 'unauthorized'],
      [
        'not JSON',
        () =>
          call<RegistrationsPushResponse>(s, '/api/v1/registrations', {
            token: desk.token,
            raw: '{',
          }),
        400,
        'bad-json',
      ],
    ];
    for (const [what, send, status, code] of bad) {
      const reply = await send();
      expect(reply.status, what).toBe(status);
      expect((reply.body as unknown as { error: { code: string } }).error.code, what).toBe(code);
    }
    expect(logText(s)).toBe(before);
    expect((await summary(s, token)).total).toBe(1);
  });

  it('deletes the register with one recorded action that outlives a restart', async () => {
    const s = await server();
    const desk = await joinStation(s, 'Hall desk');
    await pushRows(s, desk.token, [row('a'), row('b', { name: 'Bo' })]);
    const token = await organiserToken(s);

    const unconfirmed = await call(s, `/api/v1/events/${EVENT}/register/deletion`, {
      token,
      body: { confirm: 'not-this-event' },
    });
    expect(unconfirmed.status).toBe(400);
    expect((await summary(s, token)).total).toBe(2);
    const asStation = await call(s, `/api/v1/events/${EVENT}/register/deletion`, {
      token: desk.token,
      body: { confirm: EVENT },
    });
    expect(asStation.status).toBe(401);

    const deleted = await call<{ deletion: { at: string; by: string; rows: number } }>(
      s,
      `/api/v1/events/${EVENT}/register/deletion`,
      { token, body: { confirm: EVENT } },
    );
    expect(deleted.status).toBe(200);
    expect(deleted.body.deletion).toMatchObject({ by: 'organiser', rows: 2 });
    expect(storedRegisterFiles(s)).toEqual([`${EVENT}.deletion.json`]);

    // A desk that syncs late: its rows are taken and dropped, and it is told to delete its copy.
    const late = await pushRows(s, desk.token, [row('c')]);
    expect(late.body).toEqual({ stored: ['c'], conflicts: [], deleted: true });
    expect(storedRegisterFiles(s)).toEqual([`${EVENT}.deletion.json`]);

    await s.stop();
    const restarted = await server({ dataDir: s.dataDir });
    const after = await summary(restarted, await organiserToken(restarted));
    expect(after.total).toBe(0);
    expect(after.deletion).toEqual(deleted.body.deletion);
  });
  it("imports a desk's register file once by row id; a file of another event or a damaged one changes nothing", async () => {
    const s = await server();
    const desk = await joinStation(s, 'Hall desk');
    await pushRows(s, desk.token, [row('synced')]);
    const token = await organiserToken(s);
    const file = {
      format: 'decision-day-register',
      version: 1,
      eventId: EVENT,
      desk: 'Library desk',
      rows: [row('synced'), row('f1', { name: 'Kim Park' }), row('f2', { name: 'Lee Ray' })],
    };
    const importFile = (body: unknown) =>
      call<{ added: number; already: number; conflicts: number; deleted: boolean }>(
        s,
        `/api/v1/events/${EVENT}/register/import`,
        { token, body },
      );

    const first = await importFile(file);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({ added: 2, already: 1, conflicts: 0, deleted: false });
    const after = logText(s);
    expect((await importFile(file)).body).toEqual({
      added: 0,
      already: 3,
      conflicts: 0,
      deleted: false,
    });
    for (const [bad, status] of [
      [{ ...file, eventId: 'other-event' }, 409],
      [{ ...file, rows: [{ ...row('f3'), ballotId: 'x' }] }, 422],
      [{ ...file, format: 'something-else' }, 422],
    ] as const) {
      const reply = await importFile(bad);
      expect(reply.status, reply.text).toBe(status);
    }
    const asStation = await call(s, `/api/v1/events/${EVENT}/register/import`, {
      token: desk.token,
      body: file,
    });
    expect(asStation.status).toBe(401);
    expect(logText(s)).toBe(after);
    const seen = await summary(s, token);
    expect(seen.total).toBe(3);
    expect(seen.desks.map((d) => [d.name, d.rows])).toEqual([
      ['Hall desk', 1],
      ['Library desk', 2],
    ]);
  });
  it("acknowledges a rehearsal's registrations (a draft event) and keeps none of them", async () => {
    const s = await server();
    const token = await organiserToken(s);
    const created = await call<{ id: string; joinCode: string }>(s, '/api/v1/events', {
      token,
      body: { from: 'definition', definition: smallEvent('rehearsal-day') },
    });
    expect(created.status, created.text).toBe(201);
    const joined = await call<{ token: string }>(s, '/api/v1/stations/join', {
      body: { joinCode: created.body.joinCode, stationName: 'Rehearsal desk' },
    });
    expect(joined.status, joined.text).toBe(201);
    const rows = [row('t1', { eventId: 'rehearsal-day' })];
    const reply = await pushRows(s, joined.body.token, rows, 'rehearsal-day');
    expect(reply.body).toEqual({ stored: ['t1'], conflicts: [], deleted: false });
    const seen = await call<RegisterSummary>(s, '/api/v1/events/rehearsal-day/register', { token });
    expect(seen.body.total).toBe(0);
    expect(storedRegisterFiles(s)).not.toContain('rehearsal-day.ndjson');
  });
});

// Organisers make their own events on a real server over real HTTP: create (blank, copy, from a
// definition), save with optimistic concurrency, move through draft → open → closed → final, and
// every refusal is a clear 4xx with a code that changes nothing.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { EventListResponse, StationEventResponse } from '../../src/core/events-api.ts';
import { problemSummary } from '../../src/core/problem.ts';
import type {
  ApiError,
  ImportResponse,
  JoinResponse,
  PushResponse,
} from '../../src/core/protocol.ts';
import type { Ballot, EventDefinition } from '../../src/core/schema.ts';
import { eventHash, readTallyFile, writeTallyFile } from '../../src/core/tally-file/index.ts';
import { WARDS_EVENT, wardsChoice } from '../fixtures/sections/events.ts';
import { call, organiserToken, type Reply, type TallyServer } from './support/tally-server.ts';
import { organiserApi } from './support/organiser-api.ts';
import { smallEvent } from './support/small-event.ts';
import { useTallyServers } from './support/use-tally-servers.ts';
import { storedEventFiles, storedEventIds, storedTally } from './support/stored.ts';

const server = useTallyServers({ stopAfter: 'all' });
let s: TallyServer;
let organiser: string;

beforeAll(async () => {
  s = await server({ env: { RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_SECOND: '100000' } });
  organiser = await organiserToken(s);
}, 30_000);

const { api, create, save } = organiserApi(() => ({ server: s, token: organiser }));

const errorOf = (reply: Reply) => (reply.body as ApiError).error;

const move = (event: { id: string; version: number }, to: string) =>
  api(`/events/${event.id}/state`, { body: { version: event.version, to } });

const tallyText = (id: string) => storedTally(s, id);

function readTally(id: string) {
  const read = readTallyFile(tallyText(id));
  if (!read.ok) throw new Error(problemSummary(read.error));
  return read.value;
}

const ballotFor = (eventId: string, stationId: string, bids: string[]): Ballot => ({
  id: randomUUID(),
  eventId,
  stationId,
  castHour: '2026-06-13T14:00Z',
  choice: { kind: 'approval', bids },
});

describe('events', { timeout: 60_000 }, () => {
  it('creates a blank draft from a name, with a warning until it has a budget', async () => {
    const event = await create({
      from: 'blank',
      name: 'Hawick Youth Fund 2026',
      date: '2026-09-05',
    });
    expect(event).toMatchObject({ state: 'draft', version: 1, ballots: 0, definitionLocked: null });
    expect(event.id).toMatch(/^hawick-youth-fund-2026-[0-9a-f]{4}$/);
    expect(event.definition).toMatchObject({ name: 'Hawick Youth Fund 2026', date: '2026-09-05' });
    expect(event.problems).toEqual([
      expect.objectContaining({ code: 'bid-too-costly', level: 'warning' }),
    ]);
    expect(event.fingerprint).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
    const list = await api<EventListResponse>('/events');
    expect(list.body.events.find((e) => e.id === event.id)).toMatchObject({ state: 'draft' });
    const got = await api(`/events/${event.id}`);
    expect(got.headers.get('etag')).toBe('"1"');
    expect(got.body).toEqual(event);
    // The tally file records the draft, with who and when.
    expect(readTally(event.id).states).toEqual([
      expect.objectContaining({ state: 'draft', version: 1, by: 'organiser' }),
    ]);
  });

  it('copies an event under a new id, as a draft of its own', async () => {
    const source = await create({ from: 'definition', definition: smallEvent('copy-source') });
    const copy = await create({ from: 'copy', eventId: source.id, name: 'Copy of it' });
    expect(copy.id).not.toBe(source.id);
    expect(copy.joinCode).not.toBe(source.joinCode);
    expect(copy.definition).toEqual({ ...source.definition, id: copy.id, name: 'Copy of it' });
    expect(copy.state).toBe('draft');
    const missing = await api('/events', { body: { from: 'copy', eventId: 'no-such-event' } });
    expect(missing.status).toBe(404);
  });

  it('creates from a whole definition, keeping its id, and refuses an id already taken', async () => {
    const made = await create({ from: 'definition', definition: smallEvent('kept-id-2026') });
    expect(made.id).toBe('kept-id-2026');
    expect(made.eventHash).toBe(eventHash(smallEvent('kept-id-2026')));
    expect(made.problems).toEqual([]);
    const again = await api('/events', {
      body: { from: 'definition', definition: smallEvent('kept-id-2026') },
    });
    expect(again.status).toBe(409);
    expect(errorOf(again)).toMatchObject({
      code: 'event-exists',
      params: { event: 'kept-id-2026' },
    });
  });

  it('saves with the version it started from; a stale save is told, never overwrites', async () => {
    const event = await create({ from: 'definition', definition: smallEvent('two-editors') });
    const renamed = { ...event.definition, name: 'Renamed by Ann' };
    const first = await save(event, renamed);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 2, definition: { name: 'Renamed by Ann' } });
    const before = tallyText(event.id);
    // Bob started from version 1 too.
    const second = await save(event, { ...event.definition, name: 'Renamed by Bob' });
    expect(second.status).toBe(409);
    expect(errorOf(second)).toMatchObject({
      code: 'edit-conflict',
      params: { version: 2, yours: 1 },
    });
    expect(tallyText(event.id)).toBe(before);
    // If-Match may carry the version too; when it disagrees with the body, nothing is saved.
    const withIfMatch = (ifMatch: string) =>
      fetch(`${s.url}/api/v1/events/${event.id}/definition`, {
        method: 'PUT',
        headers: {
          Authorization: `Bearer ${organiser}`,
          'Content-Type': 'application/json',
          'If-Match': ifMatch,
        },
        body: JSON.stringify({ version: 2, definition: { ...renamed, name: 'Via If-Match' } }),
      });
    expect((await withIfMatch('"1"')).status).toBe(412);
    expect(tallyText(event.id)).toBe(before);
    const matched = await withIfMatch('"2"');
    expect(matched.status).toBe(200);
    expect(matched.headers.get('etag')).toBe('"3"');
    // Two saves from one version at once: exactly one wins.
    const current = (await api(`/events/${event.id}`)).body;
    const race = await Promise.all(
      ['One', 'Two', 'Three'].map((n) => save(current, { ...current.definition, name: n })),
    );
    expect(race.map((r) => r.status).sort()).toEqual([200, 409, 409]);
  });

  it('refuses an invalid definition with every problem as a code, and keeps what it had', async () => {
    const event = await create({ from: 'definition', definition: smallEvent('bad-edits') });
    const before = tallyText(event.id);
    const cycle = {
      ...event.definition,
      pots: [
        { id: 'a', name: 'A', budget: 100, eligible: { kind: 'all' }, rollOverTo: 'b' },
        { id: 'b', name: 'B', budget: 100, eligible: { kind: 'all' }, rollOverTo: 'a' },
      ],
    };
    const refused = await save(event, cycle);
    expect(refused.status).toBe(422);
    expect(errorOf(refused)).toMatchObject({
      code: 'invalid-event',
      problems: [{ code: 'roll-over-cycle', level: 'error', params: { pots: 'a → b → a' } }],
    });
    const wrongTypes = await save(event, {
      ...event.definition,
      bids: [{ id: 'x', amount: '£5' }],
    });
    expect(wrongTypes.status).toBe(422);
    const codes = errorOf(wrongTypes).problems?.map((p) => p.code) ?? [];
    expect(codes).toContain('bad-type');
    const otherId = await save(event, { ...event.definition, id: 'another-id' });
    expect(otherId.status).toBe(400);
    expect(tallyText(event.id)).toBe(before);
    expect((await api(`/events/${event.id}`)).body.version).toBe(1);
  });

  it('warns of a bid no pot can fund, or one costing more than any pot could hold', async () => {
    const definition: EventDefinition = {
      ...smallEvent('funding-checks'),
      categories: [{ id: 'health', name: 'Health' }],
      pots: [
        {
          id: 'health',
          name: 'Health',
          budget: 500_00,
          eligible: { kind: 'categories', categories: ['health'] },
          rollOverTo: 'main',
        },
        { id: 'main', name: 'Main', budget: 1500_00, eligible: { kind: 'bids', bids: ['garden'] } },
      ],
    };
    const event = await create({ from: 'definition', definition });
    expect(event.problems).toEqual(
      expect.arrayContaining([
        { code: 'bid-unfundable', level: 'warning', params: { path: 'bids.1', bid: 'bus' } },
      ]),
    );
    // Garden (1,000) fits main's 1,500 plus the 500 that could roll in: no warning.
    expect(event.problems.filter((p) => p.params['bid'] === 'garden')).toEqual([]);
    const costly = await save(event, {
      ...definition,
      bids: [
        { ...definition.bids[0], amount: 2500_00 },
        { ...definition.bids[1], category: 'health' },
      ],
    });
    const costlyBids = costly.body.problems
      .filter((p) => p.code === 'bid-too-costly')
      .map((p) => [p.params['bid'], p.params['most']]);
    expect(costlyBids).toEqual([
      ['garden', 2000_00],
      ['bus', 500_00],
    ]);
    const open = await move(costly.body, 'open');
    expect(open.status).toBe(422);
    expect(errorOf(open).code).toBe('event-has-problems');
    expect((await api(`/events/${event.id}`)).body.state).toBe('draft');
  });

  it('runs the lifecycle: rehearsal, open, a confirmed new version, closed, final', async () => {
    const event = await create({ from: 'definition', definition: smallEvent('lifecycle-2026') });
    // A station joins the draft to rehearse.
    const joined = await call<JoinResponse & { state: string; eventHash: string }>(
      s,
      '/api/v1/stations/join',
      { body: { joinCode: event.joinCode, stationName: 'Rehearsal table' } },
    );
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({ state: 'draft', eventHash: event.eventHash });
    const station = joined.body;
    const pushAs = (ballots: Ballot[], extra: Record<string, unknown> = {}) =>
      call<PushResponse & { event: { state: string; eventHash: string } }>(s, '/api/v1/ballots', {
        token: station.token,
        body: { protocol: 1, eventId: event.id, castCount: ballots.length, ballots, ...extra },
      });
    const rehearsal = ballotFor(event.id, station.stationId, ['garden']);
    const practised = await pushAs([rehearsal]);
    expect(practised.status).toBe(200);
    expect(practised.body).toMatchObject({ stored: [rehearsal.id], event: { state: 'draft' } });
    let detail = (await api(`/events/${event.id}`)).body;
    expect(detail).toMatchObject({ ballots: 0, rehearsalBallots: 1 });

    // Open: the definition is frozen and pinned by the file's header.
    const opened = await move(detail, 'open');
    expect(opened.status).toBe(200);
    detail = opened.body;
    expect(detail).toMatchObject({
      state: 'open',
      version: 2,
      definitionLocked: 'needs-new-version',
    });
    expect(readTally(event.id).states.map((r) => r.state)).toEqual(['draft', 'open']);
    expect(readTally(event.id).eventHash).toBe(detail.eventHash);
    const frozen = await save(detail, { ...detail.definition, name: 'Changed' });
    expect(frozen.status).toBe(409);
    expect(errorOf(frozen)).toMatchObject({ code: 'event-frozen', params: { state: 'open' } });

    // Before any ballot, a new version the organiser confirms replaces it (the old file kept).
    const v3 = await save(
      detail,
      { ...detail.definition, name: 'Lifecycle, version 2' },
      { confirmNewVersion: true },
    );
    expect(v3.status).toBe(200);
    expect(v3.body).toMatchObject({ state: 'open', version: 3 });
    expect(v3.body.eventHash).not.toBe(detail.eventHash);
    expect(Object.keys(storedEventFiles(s, event.id))).toContain('tally.v2.jsonl');
    detail = v3.body;

    // A station still on the old definition is told to fetch the new one.
    const stale = await pushAs([ballotFor(event.id, station.stationId, ['bus'])], {
      eventHash: station.eventHash,
    });
    expect(stale.status).toBe(409);
    expect(errorOf(stale)).toMatchObject({
      code: 'event-changed',
      params: { eventHash: detail.eventHash },
    });
    const fetched = await call<StationEventResponse>(s, '/api/v1/stations/event', {
      token: station.token,
    });
    expect(fetched.body).toMatchObject({ state: 'open', eventHash: detail.eventHash, version: 3 });
    expect(fetched.body.event.name).toBe('Lifecycle, version 2');

    // The rehearsal ballot, sent again after opening, is still never counted.
    const counted = ballotFor(event.id, station.stationId, ['bus']);
    const after = await pushAs([rehearsal, counted], { eventHash: detail.eventHash });
    expect(after.body.stored).toEqual([counted.id]);
    expect(after.body.rejected).toMatchObject([{ id: rehearsal.id, code: 'rehearsal-ballot' }]);
    expect(after.body.event).toMatchObject({ state: 'open' });

    // Once a ballot has arrived, not even a confirmed new version.
    detail = (await api(`/events/${event.id}`)).body;
    expect(detail).toMatchObject({ ballots: 1, definitionLocked: 'has-ballots' });
    const late = await save(
      detail,
      { ...detail.definition, name: 'Too late' },
      { confirmNewVersion: true },
    );
    expect(late.status).toBe(409);
    expect(errorOf(late)).toMatchObject({ code: 'event-has-ballots', params: { ballots: 1 } });

    // Closed: stations learn it; ballots cast before still arrive and count.
    const closed = await move(detail, 'closed');
    expect(closed.body).toMatchObject({ state: 'closed', version: 4 });
    const straggler = ballotFor(event.id, station.stationId, ['garden', 'bus']);
    const arrived = await pushAs([straggler]);
    expect(arrived.body).toMatchObject({ stored: [straggler.id], event: { state: 'closed' } });

    // Final: the count is sealed; nothing more is accepted, already-counted ids still answer.
    const sealed = await move(closed.body, 'final');
    expect(sealed.body).toMatchObject({ state: 'final', version: 5, ballots: 2 });
    const tooLate = ballotFor(event.id, station.stationId, ['garden']);
    const refused = await pushAs([tooLate, straggler]);
    expect(refused.body.stored).toEqual([straggler.id]);
    expect(refused.body.rejected).toMatchObject([{ id: tooLate.id, code: 'event-final' }]);
    const imported = await api<ImportResponse>(`/events/${event.id}/import`, {
      raw: writeTallyFile(detail.definition, [ballotFor(event.id, 'st-usb', ['bus'])]),
    });
    expect(imported.status).toBe(409);
    expect(errorOf(imported).code).toBe('event-final');
    const backwards = await move(sealed.body, 'open');
    expect(backwards.status).toBe(409);
    expect(errorOf(backwards)).toMatchObject({
      code: 'bad-transition',
      params: { from: 'final', to: 'open' },
    });

    // The tally file tells the whole story, and still verifies.
    const file = readTally(event.id);
    expect(file.ballots.map((b) => b.id).sort()).toEqual([counted.id, straggler.id].sort());
    expect(file.states.map((r) => [r.state, r.version, r.by])).toEqual([
      ['open', 3, 'organiser'],
      ['closed', 4, 'organiser'],
      ['final', 5, 'organiser'],
    ]);
    expect(sealed.body.history.map((h) => h.state)).toEqual(['open', 'closed', 'final']);
  });

  it('takes ballots with sections part by part, refusing a bid outside its part', async () => {
    const definition: EventDefinition = { ...WARDS_EVENT, id: 'wards-server-2026' };
    const event = await create({ from: 'definition', definition });
    expect(event.problems).toEqual([]);
    const opened = await move(event, 'open');
    expect(opened.status).toBe(200);
    const joined = await call<JoinResponse>(s, '/api/v1/stations/join', {
      body: { joinCode: event.joinCode, stationName: 'Ward table' },
    });
    expect(joined.status).toBe(201);
    const station = joined.body;
    const ballot = (choice: Ballot['choice']): Ballot => ({
      id: randomUUID(),
      eventId: definition.id,
      stationId: station.stationId,
      castHour: '2026-09-05T14:00Z',
      choice,
    });
    const good = ballot(wardsChoice('North', ['n2', 'n1'], ['w1']));
    // A North voter's own-ward part naming a South bid.
    const bad = ballot(wardsChoice('North', ['s1'], []));
    const pushed = await call<PushResponse>(s, '/api/v1/ballots', {
      token: station.token,
      body: { protocol: 1, eventId: definition.id, castCount: 2, ballots: [good, bad] },
    });
    expect(pushed.status).toBe(200);
    expect(pushed.body.stored).toEqual([good.id]);
    expect(pushed.body.rejected).toEqual([
      expect.objectContaining({
        id: bad.id,
        code: 'unknown-bid',
        params: { bid: 's1', section: 'your-ward' },
      }),
    ]);
    // Kept in canonical form, sections and all: the central file reads back and tallies.
    const held = readTally(definition.id);
    expect(held.ballots.map((b) => b.choice)).toEqual([wardsChoice('North', ['n1', 'n2'], ['w1'])]);
  });

  it('answers hostile requests with a clear 4xx and changes nothing', async () => {
    const event = await create({ from: 'definition', definition: smallEvent('hostile-2026') });
    const files = () => storedEventIds(s).map((id) => [id, tallyText(id)] as const);
    const before = files();
    const huge = 'x'.repeat(9 * 1024 * 1024);
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const manyBids = {
      ...event.definition,
      bids: Array.from({ length: 5001 }, (_, i) => ({
        id: `b${i}`,
        title: `Bid ${i}`,
        group: '',
        amount: 1,
        summary: '',
      })),
    };
    const put = (body: unknown) => ({ method: 'PUT', body });
    const putRaw = (raw: string) => ({ method: 'PUT', raw });
    const cases: [string, string, Parameters<typeof api>[1], number, string][] = [
      ['malformed JSON', '/events', { raw: '{"from":' }, 400, 'bad-json'],
      ['a JSON array', '/events', { raw: '[]' }, 400, 'invalid-request'],
      ['an unknown source', '/events', { body: { from: 'thin-air' } }, 400, 'invalid-request'],
      [
        'a name of the wrong type',
        '/events',
        { body: { from: 'blank', name: 5 } },
        400,
        'invalid-request',
      ],
      [
        'an empty name',
        '/events',
        { body: { from: 'blank', name: '   ' } },
        400,
        'invalid-request',
      ],
      ['a 9 MB body', '/events', { body: { from: 'blank', name: huge } }, 413, 'payload-too-large'],
      [
        '5,001 bids',
        '/events',
        { body: { from: 'definition', definition: manyBids } },
        422,
        'invalid-event',
      ],
      [
        'deep nesting',
        '/events',
        { raw: `{"from":"definition","definition":${deep}}` },
        400,
        'too-deeply-nested',
      ],
      [
        'no definition',
        `/events/${event.id}/definition`,
        put({ version: 1 }),
        400,
        'invalid-request',
      ],
      [
        'a version as text',
        `/events/${event.id}/definition`,
        put({ version: '1', definition: event.definition }),
        400,
        'invalid-request',
      ],
      [
        'version 0',
        `/events/${event.id}/definition`,
        put({ version: 0, definition: event.definition }),
        400,
        'invalid-request',
      ],
      ['malformed JSON (save)', `/events/${event.id}/definition`, putRaw('{'), 400, 'bad-json'],
      [
        'an unknown state',
        `/events/${event.id}/state`,
        { body: { version: 1, to: 'archived' } },
        400,
        'invalid-request',
      ],
      [
        'a future version',
        `/events/${event.id}/state`,
        { body: { version: 99, to: 'open' } },
        409,
        'edit-conflict',
      ],
      [
        'a big state body',
        `/events/${event.id}/state`,
        { body: { version: 1, to: 'open', pad: huge.slice(0, 20_000) } },
        413,
        'payload-too-large',
      ],
      [
        'no such event',
        '/events/no-such-event/definition',
        put({ version: 1, definition: event.definition }),
        404,
        'not-found',
      ],
      ['no token', `/events/${event.id}`, { token: '' }, 401, 'unauthorized'],
      [
        'a station token',
        '/events',
        { token: 'not-a-real-token', body: { from: 'blank', name: 'X' } },
        401,
        'unauthorized',
      ],
    ];
    for (const [label, path, init, status, code] of cases) {
      const reply = await api(path, init);
      expect(reply.status, label).toBe(status);
      expect(errorOf(reply).code, label).toBe(code);
      expect(errorOf(reply).message.length, label).toBeGreaterThan(10);
    }
    expect(files()).toEqual(before);
    expect((await api(`/events/${event.id}`)).body).toMatchObject({ version: 1, state: 'draft' });
  });

  it('builds the demo event through the same path, created open', () => {
    const file = readTally(DEMO_EVENT.id);
    expect(file.eventHash).toBe(eventHash(DEMO_EVENT));
    expect(file.states).toEqual([
      expect.objectContaining({ state: 'open', version: 1, by: 'server (first start)' }),
    ]);
  });

  it('keeps state and version across a restart', async () => {
    const event = await create({ from: 'definition', definition: smallEvent('restart-2026') });
    const opened = await move(event, 'open');
    await s.stop();
    s = await server({
      dataDir: s.dataDir,
      env: { RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_SECOND: '100000' },
    });
    organiser = await organiserToken(s);
    const again = await api(`/events/${event.id}`);
    expect(again.body).toMatchObject({ state: 'open', version: opened.body.version });
    expect(again.body.history).toEqual(opened.body.history);
  });
});

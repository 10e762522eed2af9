// Voting codes on a real tally server: batches, voids, the station's tag list, and ingest keeping
// unknown, voided, test and second uses of a code apart (by push and by file import).
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail } from '../../src/core/events-api.ts';
import type {
  ApiError,
  CodeBatchResponse,
  CodeBatchSummary,
  CodesResponse,
  ImportResponse,
  JoinResponse,
  PushResponse,
  RejectedResponse,
} from '../../src/core/protocol.ts';
import type { Ballot } from '../../src/core/schema.ts';
import { writeTallyFile } from '../../src/core/tally-file/index.ts';
import { ballotsCsv } from '../../src/core/export/index.ts';
import { codeTag, type CodeList } from '../../src/core/voting-codes.ts';
import { organiserApi } from './support/organiser-api.ts';
import { smallEvent } from './support/small-event.ts';
import { call, organiserToken, type Reply, type TallyServer } from './support/tally-server.ts';
import { useTallyServers } from './support/use-tally-servers.ts';
import { storedEventFiles } from './support/stored.ts';

const server = useTallyServers({ stopAfter: 'all' });
let s: TallyServer;
let organiser: string;

beforeAll(async () => {
  s = await server({ env: { RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_SECOND: '100000' } });
  organiser = await organiserToken(s);
}, 30_000);

const { api, create } = organiserApi(() => ({ server: s, token: organiser }));
const errorOf = (reply: Reply) => (reply.body as ApiError).error;

/** An open event with codes on, a station joined to it, and the station's push. */
async function openEventWithCodes(id: string) {
  const event = await create({
    from: 'definition',
    definition: { ...smallEvent(id), checkIn: { codes: true } },
  });
  const opened = await api(`/events/${event.id}/state`, {
    body: { version: event.version, to: 'open' },
  });
  expect(opened.status).toBe(200);
  const join = async (name: string) => {
    const joined = await call<JoinResponse>(s, '/api/v1/stations/join', {
      body: { joinCode: event.joinCode, stationName: name },
    });
    expect(joined.status).toBe(201);
    return joined.body;
  };
  return { event: opened.body, join };
}

const pushAs = (station: JoinResponse, eventId: string, ballots: Ballot[]) =>
  call<PushResponse>(s, '/api/v1/ballots', {
    token: station.token,
    body: { protocol: 1, eventId, castCount: ballots.length, ballots },
  });

const ballot = (eventId: string, stationId: string, code?: string): Ballot => ({
  id: randomUUID(),
  eventId,
  stationId,
  castHour: '2026-06-13T14:00Z',
  choice: { kind: 'approval', bids: ['garden'] },
  ...(code !== undefined && { code }),
});

async function batch(eventId: string, count: number, test = false) {
  const made = await api<CodeBatchSummary>(`/events/${eventId}/codes`, {
    body: { count, label: test ? 'Rehearsal' : 'Hall', test },
  });
  expect(made.status).toBe(201);
  const codes = await api<CodeBatchResponse>(`/events/${eventId}/codes/batches/${made.body.id}`);
  expect(codes.status).toBe(200);
  return codes.body;
}

async function stationList(station: JoinResponse, have?: number) {
  const reply = await call<CodeList | { unchanged: true; version: number }>(
    s,
    `/api/v1/stations/codes${have === undefined ? '' : `?have=${have}`}`,
    { token: station.token },
  );
  expect(reply.status).toBe(200);
  return reply.body;
}

const files = (eventId: string) => storedEventFiles(s, eventId);

describe('voting codes on the tally server', { timeout: 90_000 }, () => {
  it('generates batches, lists them, voids a code, and gives a station tags only', async () => {
    const { event, join } = await openEventWithCodes('codes-batches');
    const hall = await batch(event.id, 5);
    const test = await batch(event.id, 2, true);
    expect(hall.codes).toHaveLength(5);
    expect(hall.batch).toMatchObject({ issued: 5, used: 0, voided: 0, test: false });
    expect(test.batch.test).toBe(true);
    for (const c of hall.codes) expect(c.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    const station = await join('Door');
    const list = (await stationList(station)) as CodeList;
    expect(list.valid).toHaveLength(5);
    expect(list.test).toHaveLength(2);
    const held = JSON.stringify(list);
    for (const c of [...hall.codes, ...test.codes]) {
      expect(held).not.toContain(c.code);
      expect(held).not.toContain(c.code.replace(/-/g, ''));
    }
    // Each printed code's tag is in the list the station holds.
    const first = hall.codes[0]!.code;
    expect(list.valid).toContain(await codeTag(first, list.salt, list.iterations));
    // Nothing new: a station that has this version gets a short answer.
    expect(await stationList(station, list.version)).toEqual({
      unchanged: true,
      version: list.version,
    });

    // Void a lost card, typed carelessly: it leaves the valid list for the voided one.
    const voided = await api<CodesResponse>(`/events/${event.id}/codes/void`, {
      body: { code: first.toLowerCase().replace(/-/g, ' ') },
    });
    expect(voided.status).toBe(200);
    expect(voided.body.batches[0]).toMatchObject({ issued: 5, voided: 1 });
    const after = (await stationList(station, list.version)) as CodeList;
    expect(after.version).toBeGreaterThan(list.version);
    expect(after.valid).toHaveLength(4);
    expect(after.voided).toEqual([await codeTag(first, list.salt, list.iterations)]);
    // The code book is on disk, so a restarted server keeps it (read back from codes.json).
    expect(JSON.parse(files(event.id)['codes.json']!)).toMatchObject({ version: after.version });
  });

  it('refuses bad requests clearly and changes nothing; a station cannot reach organiser routes', async () => {
    const { event, join } = await openEventWithCodes('codes-bad');
    await batch(event.id, 1);
    const station = await join('Porch');
    const before = files(event.id);
    const bad = [
      await api(`/events/${event.id}/codes`, { body: { count: 0 } }),
      await api(`/events/${event.id}/codes`, { body: { count: 5001 } }),
      await api(`/events/${event.id}/codes`, { body: { count: 'ten' } }),
      await api(`/events/${event.id}/codes`, { raw: '{nope' }),
      await api(`/events/${event.id}/codes/void`, { body: {} }),
      await api(`/events/${event.id}/codes/decisions`, {
        body: { ballot: 'not-there', decision: 'keep-apart' },
      }),
    ];
    expect(bad.map((r) => [r.status, errorOf(r).code])).toEqual([
      [400, 'invalid-request'],
      [400, 'invalid-request'],
      [400, 'invalid-request'],
      [400, 'bad-json'],
      [400, 'invalid-request'],
      [404, 'not-found'],
    ]);
    const unknown = await api(`/events/${event.id}/codes/void`, {
      body: { code: 'AAAA-AAAA-AAAA' },
    });
    expect([unknown.status, errorOf(unknown).code]).toEqual([404, 'unknown-code']);
    const missing = await api(`/events/${event.id}/codes/batches/b99`);
    expect([missing.status, errorOf(missing).code]).toEqual([404, 'not-found']);
    expect(files(event.id)).toEqual(before);

    for (const [path, body] of [
      [`/events/${event.id}/codes`, undefined],
      [`/events/${event.id}/codes`, { count: 3 }],
      [`/events/${event.id}/codes/batches/b1`, undefined],
      [`/events/${event.id}/codes/void`, { code: 'AAAA-AAAA-AAAA' }],
    ] as const) {
      const reply = await call(s, `/api/v1${path}`, { token: station.token, body });
      expect([path, reply.status]).toEqual([path, 401]);
    }
    const anonymous = await call(s, '/api/v1/stations/codes');
    expect(anonymous.status).toBe(401);
    expect(files(event.id)).toEqual(before);
  });

  it('keeps unknown, voided, test, missing and second uses of a code apart, by push and by file', async () => {
    const { event, join } = await openEventWithCodes('codes-ingest');
    const hall = await batch(event.id, 4);
    const test = await batch(event.id, 1, true);
    const a = await join('Station A');
    const b = await join('Station B');
    const list = (await stationList(a)) as CodeList;
    const tag = (code: string) => codeTag(code, list.salt, list.iterations);
    const [c1, c2, c3, c4] = hall.codes.map((c) => c.code);
    await api(`/events/${event.id}/codes/void`, { body: { code: c3 } });

    const good = ballot(event.id, a.stationId, await tag(c1!));
    const first = await pushAs(a, event.id, [good]);
    expect(first.body).toMatchObject({ stored: [good.id], rejected: [] });

    // Another event's code, a voided one, a test one, none at all, and c1 again from station B.
    const otherEventTag = await codeTag(c1!, '0'.repeat(32), list.iterations);
    const kept = {
      unknown: ballot(event.id, b.stationId, otherEventTag),
      voided: ballot(event.id, b.stationId, await tag(c3!)),
      test: ballot(event.id, b.stationId, await tag(test.codes[0]!.code)),
      missing: ballot(event.id, b.stationId),
      used: ballot(event.id, b.stationId, good.code),
    };
    const fine = ballot(event.id, b.stationId, await tag(c2!));
    const second = await pushAs(b, event.id, [...Object.values(kept), fine]);
    expect(second.status).toBe(200);
    expect(second.body.stored).toEqual([fine.id]);
    const codes = Object.fromEntries(second.body.rejected.map((r) => [r.id, r]));
    expect(codes[kept.unknown.id]?.code).toBe('code-unknown');
    expect(codes[kept.voided.id]?.code).toBe('code-voided');
    expect(codes[kept.test.id]?.code).toBe('code-test');
    expect(codes[kept.missing.id]?.code).toBe('code-missing');
    expect(codes[kept.used.id]).toMatchObject({
      code: 'code-used',
      params: { first: good.id, station: 'Station A', hour: '2026-06-13T14:00Z' },
    });

    // Two pushes of one fresh code at the same moment: exactly one counts.
    const racers = [
      ballot(event.id, a.stationId, await tag(c4!)),
      ballot(event.id, b.stationId, await tag(c4!)),
    ];
    const raced = await Promise.all([
      pushAs(a, event.id, [racers[0]!]),
      pushAs(b, event.id, [racers[1]!]),
    ]);
    expect(raced.flatMap((r) => r.body.stored)).toHaveLength(1);
    expect(raced.flatMap((r) => r.body.rejected.map((x) => x.code))).toEqual(['code-used']);

    // A station's exported file with c2 used again is kept apart on import too.
    const detail = (await api<EventDetail>(`/events/${event.id}`)).body;
    const again = ballot(event.id, b.stationId, fine.code);
    const file = writeTallyFile(detail.definition, [again]);
    const imported = await api<ImportResponse>(`/events/${event.id}/import`, { raw: file });
    expect(imported.status).toBe(200);
    expect(imported.body.added).toBe(0);
    expect(imported.body.rejected.map((r) => r.code)).toEqual(['code-used']);

    // The organiser sees the batch's use and the duplicates, and records a decision.
    const overview = await api<CodesResponse>(`/events/${event.id}/codes`);
    expect(overview.body.batches[0]).toMatchObject({
      issued: 4,
      used: 3,
      voided: 1,
      duplicates: 3,
    });
    expect(overview.body.duplicates.map((d) => d.ballot).sort()).toEqual(
      [kept.used.id, again.id, ...raced.flatMap((r) => r.body.rejected.map((x) => x.id))].sort(),
    );
    const decided = await api<CodesResponse>(`/events/${event.id}/codes/decisions`, {
      body: { ballot: kept.used.id, decision: 'keep-apart' },
    });
    expect(decided.status).toBe(200);
    expect(decided.body.duplicates.find((d) => d.ballot === kept.used.id)?.decision).toMatchObject({
      kind: 'keep-apart',
      by: 'organiser',
    });
    // "Count this one instead": the first ballot is voided (recorded in the tally file), the
    // kept-apart one counted; a second request changes nothing.
    const raceKept = raced.flatMap((r) => r.body.rejected.map((x) => x.id))[0]!;
    const raceFirst = racers.find((r) => r.id !== raceKept)!;
    const instead = await api<CodesResponse>(`/events/${event.id}/codes/decisions`, {
      body: { ballot: raceKept, decision: 'count-instead' },
    });
    expect(instead.status, instead.text).toBe(200);
    const decided2 = instead.body.duplicates.find((d) => d.ballot === raceKept);
    expect(decided2?.decision?.kind).toBe('count-instead');
    expect(decided2?.first).toMatchObject({ ballot: raceFirst.id, castHour: '2026-06-13T14:00Z' });
    expect(decided2?.first.stationId).not.toBeNull();
    const tallyNow = files(event.id)['tally.jsonl']!;
    expect(tallyNow).toContain(`"id":"${raceKept}"`);
    expect(tallyNow).toMatch(
      new RegExp(`"type":"void"[^\n]*${raceFirst.id}|${raceFirst.id}[^\n]*"type":"void"`),
    );
    for (const decision of ['count-instead', 'keep-apart']) {
      const twice = await api(`/events/${event.id}/codes/decisions`, {
        body: { ballot: raceKept, decision },
      });
      expect(twice.status).toBe(409);
    }
    expect(files(event.id)['tally.jsonl']).toBe(tallyNow);

    const rejected = await api<RejectedResponse>(`/events/${event.id}/rejected`);
    expect(rejected.body.rejected).toHaveLength(7);

    // After a restart the server still knows which codes were used, and voided, from its files.
    await s.stop();
    s = await server({ dataDir: s.dataDir });
    organiser = await organiserToken(s);
    const late = [
      ballot(event.id, b.stationId, good.code),
      ballot(event.id, b.stationId, await tag(c3!)),
    ];
    const afterRestart = await pushAs(b, event.id, late);
    expect(afterRestart.body.stored).toEqual([]);
    expect(afterRestart.body.rejected.map((r) => [r.code, r.params?.['station']])).toEqual([
      ['code-used', 'Station A'],
      ['code-voided', undefined],
    ]);

    // Counted ballots carry the tag in the tally file, but the CSV export does not.
    const tallyText = files(event.id)['tally.jsonl']!;
    expect(tallyText).toContain(good.code);
    const csv = ballotsCsv(detail.definition, [good, fine], Math.random);
    expect(csv).not.toContain(good.code);
    expect(csv).not.toContain(fine.code);
  });
});

// Equalities answers from a station that never reaches the network: the station saves them as a
// `.ddequalities` file of their own and the organiser imports it into a real tally server. The
// import is idempotent (the batches' random ids), agrees with a later sync, and a file of another
// event or a damaged one is refused with nothing stored.
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type {
  EqualitiesImportResponse,
  EqualitiesPushResponse,
} from '../../src/core/equalities-protocol.ts';
import type { EqualitiesSummary } from '../../src/core/questions.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import type { EventDetail } from '../../src/core/events-api.ts';
import { saveEqualities, takeEqualitiesBatch } from '../../src/db/equalities-repo.ts';
import { exportEqualities } from '../../src/sync/equalities-export.ts';
import { setUpDemoStation } from '../support/station-db.ts';
import { organiserApi } from './support/organiser-api.ts';
import { smallEvent } from './support/small-event.ts';
import { call, joinStation, organiserToken, type TallyServer } from './support/tally-server.ts';
import { useTallyServers } from './support/use-tally-servers.ts';
import { storedEqualities } from './support/stored.ts';

const server = useTallyServers();

const logOf = (s: TallyServer, eventId: string) => storedEqualities(s, eventId);

async function setUp() {
  const s = await server();
  const token = await organiserToken(s);
  const { create } = organiserApi(() => ({ server: s, token }));
  const definition = { ...smallEvent('equal'), checkIn: { equalities: ['age-band', 'gender'] } };
  const event: EventDetail = await create({ from: 'definition', definition });
  const other: EventDetail = await create({ from: 'definition', definition: smallEvent('other') });
  s.joinCodes.set(event.id, event.joinCode);
  return { s, token, eventId: event.id, otherId: other.id };
}

/** A station that saved `count` people's answers for `eventId`, and the file it exports. */
async function stationFile(eventId: string, count: number) {
  const { db } = await setUpDemoStation();
  const event: EventDefinition = {
    ...DEMO_EVENT,
    id: eventId,
    checkIn: { equalities: ['age-band', 'gender'] },
  };
  for (let i = 0; i < count; i++) {
    await saveEqualities(db, event, { 'age-band': i % 2 ? '25-44' : '45-64', gender: 'woman' });
  }
  const saved = await exportEqualities(db, eventId, new Date(2026, 5, 13, 18));
  if (!saved.ok) throw new Error(saved.error.code);
  return { db, file: saved.value };
}

const importFile = (s: TallyServer, token: string, eventId: string, raw: string) =>
  call<EqualitiesImportResponse>(s, `/api/v1/events/${eventId}/equalities/import`, {
    token,
    raw,
  });

describe('equalities file', { timeout: 90_000 }, () => {
  it('is imported once, and a later sync of the same answers adds nothing', async () => {
    const { s, token, eventId } = await setUp();
    const { db, file } = await stationFile(eventId, 23);
    expect(file.filename).toMatch(/-equalities-2026-06-13\.ddequalities$/);
    expect(file.answers).toBe(23);
    // Nothing in the file but the answers and their batch: no station, no time, no row id.
    expect(file.text).not.toContain('Church hall');
    expect(file.text).not.toMatch(/"id"|"station"|"at"|20\d\d-\d\d-\d\dT/);

    const first = await importFile(s, token, eventId, file.text);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ added: 23, already: 0 });
    const stored = logOf(s, eventId);
    const again = await importFile(s, token, eventId, file.text);
    expect(again.body).toEqual({ added: 0, already: 23 });
    expect(logOf(s, eventId)).toBe(stored);

    // The station reaches the network after all: it sends the very batch the file carried.
    const station = await joinStation(s, 'Hall', eventId);
    const batch = await takeEqualitiesBatch(db, eventId);
    if (batch === null) throw new Error('the answers left the tablet before the server held them');
    const push = await call<EqualitiesPushResponse>(s, '/api/v1/equalities', {
      token: station.token,
      body: { protocol: 1, eventId, batch: batch.batch, answers: batch.answers },
    });
    expect(push.body).toMatchObject({ stored: 0, duplicate: true });
    expect(logOf(s, eventId)).toBe(stored);

    const summary = await call<EqualitiesSummary>(s, `/api/v1/events/${eventId}/equalities`, {
      token,
    });
    expect(summary.body.responses).toBe(23);
  });

  it('refuses a file of another event, a damaged one or a station token, storing nothing', async () => {
    const { s, token, eventId, otherId } = await setUp();
    const { file } = await stationFile(eventId, 12);
    const intoOther = await importFile(s, token, otherId, file.text);
    expect(intoOther.status).toBe(409);
    expect(intoOther.text).toContain('other-event-file');
    expect(logOf(s, otherId)).toBe('');

    const cut = await importFile(s, token, eventId, file.text.slice(0, file.text.length / 2));
    expect(cut.status).toBe(422);
    expect(cut.text).toContain('invalid-file');
    // One answer that is not a plain answer (a ballot id slipped in): the whole file is refused.
    const parsed = JSON.parse(file.text) as { batches: { answers: object[] }[] };
    parsed.batches[0]!.answers.push({ gender: 'woman', ballot: 'b-1' });
    const tampered = await importFile(s, token, eventId, JSON.stringify(parsed));
    expect(tampered.status).toBe(422);
    expect(logOf(s, eventId)).toBe('');

    const station = await joinStation(s, 'Hall', eventId);
    const asStation = await importFile(s, station.token, eventId, file.text);
    expect(asStation.status).toBeGreaterThanOrEqual(401);
    expect(asStation.status).toBeLessThan(404);
    expect(logOf(s, eventId)).toBe('');
  });
});

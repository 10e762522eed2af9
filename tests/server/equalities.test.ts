// Equalities answers reach a real tally server on their own endpoint, apart from ballots and the
// tally file: a batch is stored once however often it is sent; a bad batch changes nothing; the
// organiser sees counts with every group under 10 suppressed.
import { describe, expect, it } from 'vitest';
import type { EqualitiesPushResponse } from '../../src/core/equalities-protocol.ts';
import type { EqualitiesSummary } from '../../src/core/questions.ts';
import type { EventDetail } from '../../src/core/events-api.ts';
import { organiserApi } from './support/organiser-api.ts';
import { smallEvent } from './support/small-event.ts';
import { call, joinStation, organiserToken, type TallyServer } from './support/tally-server.ts';
import { useTallyServers } from './support/use-tally-servers.ts';
import { storedElsewhere, storedEqualities } from './support/stored.ts';

const server = useTallyServers();
const BATCH = '0d9b6c1e-58a1-4a5e-9f3c-2f1d3a4b5c6d';

const push = (s: TallyServer, token: string, body: Record<string, unknown>) =>
  call<EqualitiesPushResponse>(s, '/api/v1/equalities', { token, body: { protocol: 1, ...body } });

const logOf = (s: TallyServer, eventId: string) => storedEqualities(s, eventId);

/** An event asking two equalities questions, created and joined by a station. */
async function setUp() {
  const s = await server();
  const token = await organiserToken(s);
  const { create } = organiserApi(() => ({ server: s, token }));
  const definition = {
    ...smallEvent('equal'),
    checkIn: { equalities: ['age-band', 'disability'] },
  };
  const event: EventDetail = await create({ from: 'definition', definition });
  s.joinCodes.set(event.id, event.joinCode);
  const station = await joinStation(s, 'Hall', event.id);
  return { s, token, station, eventId: event.id };
}

describe('equalities answers', { timeout: 90_000 }, () => {
  it('stores a batch once, apart from the tally, and reports counts with small groups suppressed', async () => {
    const { s, token, station, eventId } = await setUp();
    const answers = [
      ...Array.from({ length: 12 }, () => ({ 'age-band': '25-44', disability: 'no' })),
      ...Array.from({ length: 10 }, () => ({ 'age-band': '45-64', disability: 'yes' })),
      ...Array.from({ length: 3 }, () => ({ 'age-band': '65-plus' })),
    ];
    const first = await push(s, station.token, { eventId, batch: BATCH, answers });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ batch: BATCH, stored: 25, duplicate: false });
    const stored = logOf(s, eventId);
    // The reply was lost and the station sends the same batch again: nothing more is stored.
    const again = await push(s, station.token, { eventId, batch: BATCH, answers });
    expect(again.body).toEqual({ batch: BATCH, stored: 0, duplicate: true });
    expect(logOf(s, eventId)).toBe(stored);
    // No station, no time, no id beside the answers.
    expect(JSON.parse(stored.trim())).toEqual({ batch: BATCH, answers });
    // Nothing else on the server holds them: no other file names the batch.
    const others = storedElsewhere(s, { folder: 'equalities', tables: ['equalities_batch'] });
    expect(others.length).toBeGreaterThan(0);
    for (const text of others) expect(text).not.toContain(BATCH);

    const summary = await call<EqualitiesSummary>(s, `/api/v1/events/${eventId}/equalities`, {
      token,
    });
    expect(summary.status).toBe(200);
    expect(summary.body.responses).toBe(25);
    const [age, disability] = summary.body.questions;
    expect(age?.counts).toContainEqual({ answer: '25-44', count: 12 });
    expect(age?.counts).toContainEqual({ answer: '65-plus', suppressed: true });
    // One hidden group could be worked out from the total: the next smallest is hidden too.
    expect(age?.counts).toContainEqual({ answer: '45-64', suppressed: true });
    expect(age?.counts).toContainEqual({ answer: '8-15', count: 0 });
    // 3 skipped the disability question: suppressed, and so is the next smallest (10 "yes").
    expect(disability?.skipped).toEqual({ answer: 'skipped', suppressed: true });
    expect(disability?.counts).toContainEqual({ answer: 'yes', suppressed: true });
    expect(disability?.counts).toContainEqual({ answer: 'no', count: 12 });
    // Stations cannot read it.
    const asStation = await call(s, `/api/v1/events/${eventId}/equalities`, {
      token: station.token,
    });
    expect(asStation.status).toBe(401);
  });

  it('refuses a bad batch whole and stores nothing', async () => {
    const { s, station, eventId } = await setUp();
    const good = { 'age-band': '25-44' };
    const bad: [string, Record<string, unknown>][] = [
      [
        'an id beside the answers',
        { eventId, batch: BATCH, answers: [good, { ...good, id: 'x' }] },
      ],
      ['a ballot id', { eventId, batch: BATCH, answers: [{ ...good, ballot: 'b1' }] }],
      ['an unknown answer', { eventId, batch: BATCH, answers: [{ disability: 'maybe' }] }],
      ['an empty record', { eventId, batch: BATCH, answers: [{}] }],
      ['no answers', { eventId, batch: BATCH, answers: [] }],
      ['a batch id that is not random', { eventId, batch: '1', answers: [good] }],
    ];
    for (const [why, body] of bad) {
      const reply = await push(s, station.token, body);
      expect(reply.status, why).toBe(400);
    }
    const other = await push(s, station.token, {
      eventId: 'demo-other',
      batch: BATCH,
      answers: [good],
    });
    expect(other.status).toBe(403);
    const anonymous = await call(s, '/api/v1/equalities', {
      body: { protocol: 1, eventId, batch: BATCH, answers: [good] },
    });
    expect(anonymous.status).toBe(401);
    expect(logOf(s, eventId)).toBe('');
  });
});

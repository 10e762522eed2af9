/**
 * The organisers' audit trail on the real server: sign-ins (failed ones too), changes and the
 * downloads worth guarding are recorded with who, when and which event, in order; a station's
 * ballots and the organiser's reading are not; it survives a restart and chains on; an edited
 * line on disk is reported where it is, and GET /audit needs the organiser.
 */
import { describe, expect, it } from 'vitest';
import type { AuditResponse } from '../../src/core/audit.ts';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import {
  call,
  demoBallots,
  joinStation,
  organiserToken,
  push,
  type TallyServer,
} from './support/tally-server.ts';
import { useTallyServers } from './support/use-tally-servers.ts';
import { editStoredAuditLine, storedAudit } from './support/stored.ts';
import { onPostgres } from './support/test-storage.ts';

const servers = useTallyServers();
const EVENT = DEMO_EVENT.id;

async function trail(s: TallyServer, token: string, query = '') {
  const reply = await call<AuditResponse>(s, `/api/v1/audit${query}`, { token });
  expect(reply.status).toBe(200);
  return reply.body;
}

async function closeEvent(s: TallyServer, token: string) {
  const detail = await call<{ version: number }>(s, `/api/v1/events/${EVENT}`, { token });
  const moved = await call(s, `/api/v1/events/${EVENT}/state`, {
    token,
    body: { version: detail.body.version, to: 'closed' },
  });
  expect(moved.status).toBe(200);
}

describe('the audit trail', { timeout: 60_000 }, () => {
  it('records who did what and when, in order, and nothing of the ballots', async () => {
    const s = await servers();
    const wrong = await call(s, '/api/v1/organiser/login', {
      body: { name: 'organiser', password: 'not it at all' },
    });
    expect(wrong.status).toBe(401);
    const token = await organiserToken(s);
    const station = await joinStation(s, 'Hall');
    const ballots = demoBallots(station.stationId, 3);
    expect((await push(s, station, ballots, 3)).status).toBe(200);
    // Reading is not an action; downloading the tally file is worth knowing.
    await call(s, `/api/v1/events/${EVENT}/stations`, { token });
    expect((await call(s, `/api/v1/events/${EVENT}/tally-file`, { token })).status).toBe(200);
    await closeEvent(s, token);

    const { records, problem } = await trail(s, token);
    expect(problem).toBeUndefined();
    expect(records.map((r) => [r.seq, r.action, r.event ?? null])).toEqual([
      [1, 'sign-in-failed', null],
      [2, 'sign-in', null],
      [3, 'tally-file-download', EVENT],
      [4, 'event-state', EVENT],
    ]);
    expect(records[3]?.details).toEqual({ to: 'closed' });
    expect(records[3]?.by).toBe('organiser');
    expect(records[0]?.details['address']).toBe('127.0.0.1');
    for (const r of records) expect(Date.parse(r.at)).not.toBeNaN();
    // Not a ballot id, nor anything of a choice, anywhere in the trail.
    const text = storedAudit(s);
    for (const b of ballots) expect(text).not.toContain(b.id);
    expect(text).not.toContain('approval');
    // Filtered by event: the sign-ins are not about one.
    expect((await trail(s, token, `?event=${EVENT}`)).records.map((r) => r.seq)).toEqual([3, 4]);
  });

  it('needs the organiser', async () => {
    const s = await servers();
    const station = await joinStation(s, 'Hall');
    expect((await call(s, '/api/v1/audit')).status).toBe(401);
    expect((await call(s, '/api/v1/audit', { token: station.token })).status).toBe(401);
  });

  it('survives a restart and chains on; an edited line is reported where it is', async () => {
    const first = await servers();
    let token = await organiserToken(first);
    await closeEvent(first, token);
    await first.stop();
    const again = await servers({ dataDir: first.dataDir });
    token = await organiserToken(again);
    const after = await trail(again, token);
    expect(after.problem).toBeUndefined();
    expect(after.records.map((r) => [r.seq, r.action])).toEqual([
      [1, 'sign-in'],
      [2, 'event-state'],
      [3, 'sign-in'],
    ]);
    await again.stop();

    // Someone edits who closed the event, keeping valid JSON: the next line no longer follows.
    const lines = storedAudit(first).split('\n');
    editStoredAuditLine(
      first,
      1,
      (lines[1] ?? '').replace('"by":"organiser"', '"by":"somebody else"'),
    );
    const third = await servers({ dataDir: first.dataDir });
    // The file store checks the trail at start and says so; PostgreSQL's is checked as it is read.
    if (!onPostgres)
      expect(third.output()).toMatch(/audit trail .* is damaged \(broken-chain line=3\)/);
    token = await organiserToken(third);
    const damaged = await trail(third, token);
    expect(damaged.problem).toEqual({ code: 'broken-chain', params: { line: 3 } });
    expect(damaged.records.map((r) => r.seq)).toEqual([1, 2]);
    // Never rewritten: the edited line is still there as it was left.
    expect(storedAudit(third)).toContain('"by":"somebody else"');
  });
});

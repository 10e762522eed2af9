// Publishing results on a real tally server: refused (nothing written) until the count is final;
// then published from the server's own tally file, readable by anyone with no login, surviving a
// restart, replaced when published again, and gone after unpublishing. An unknown event and an
// unpublished one get the same public 404; bad requests get a clear error and change nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { EventDetail } from '../../src/core/events-api.ts';
import type { Publication, PublicationStatus } from '../../src/core/publication.ts';
import { contentSeed, countedBallots, readTallyFile } from '../../src/core/tally-file/index.ts';
import { tally } from '../../src/core/tally/index.ts';
import {
  call,
  demoBallots,
  joinStation,
  organiserToken,
  push,
  type TallyServer,
} from './support/tally-server.ts';
import { useTallyServers } from './support/use-tally-servers.ts';
import { storedTally } from './support/stored.ts';
import { storedPublications } from './support/stored.ts';

const servers = useTallyServers({ stopAfter: 'all' });
let s: TallyServer;
let token: string;

type Answer = PublicationStatus & { error?: { code: string; params?: Record<string, unknown> } };
const ID = DEMO_EVENT.id;
const route = `/api/v1/events/${ID}/publication`;
const publish = (t: string | null = token, id = ID) =>
  call<Answer>(
    s,
    `/api/v1/events/${id}/publication`,
    t === null ? { method: 'POST' } : { method: 'POST', token: t },
  );
const publicResults = (id = ID) =>
  call<Publication & { error?: { code: string } }>(s, `/api/v1/public/results/${id}`);
const publishedFiles = () => storedPublications(s);
const tallyText = () => storedTally(s, ID);

async function moveTo(to: 'closed' | 'final') {
  const detail = await call<EventDetail>(s, `/api/v1/events/${ID}`, { token });
  const moved = await call(s, `/api/v1/events/${ID}/state`, {
    token,
    body: { version: detail.body.version, to },
  });
  expect(moved.status).toBe(200);
}

describe('publishing results', { timeout: 90_000 }, () => {
  beforeAll(async () => {
    s = await servers();
    token = await organiserToken(s);
    const station = await joinStation(s, 'Library');
    expect((await push(s, station, demoBallots(station.stationId, 6), 6)).status).toBe(200);
  });

  it('refuses to publish a count that is not final, and writes nothing', async () => {
    const reply = await publish();
    expect(reply.status).toBe(409);
    expect(reply.body.error).toMatchObject({ code: 'event-not-final', params: { state: 'open' } });
    expect(publishedFiles()).toEqual([]);
    expect((await publicResults()).status).toBe(404);
  });

  it('refuses without the organiser’s login and for an unknown event', async () => {
    await moveTo('closed');
    await moveTo('final');
    const anonymous = await publish(null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error?.code).toBe('unauthorized');
    expect((await publish('not-a-token')).status).toBe(401);
    expect((await call<Answer>(s, route)).status).toBe(401);
    expect((await call<Answer>(s, route, { method: 'DELETE' })).status).toBe(401);
    const unknown = await publish(token, 'no-such-event');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.code).toBe('not-found');
    const wrong = await call<Answer>(s, route, { method: 'PUT', token });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, POST, DELETE');
    const wrongPublic = await call(s, `/api/v1/public/results/${ID}`, { method: 'POST', body: {} });
    expect(wrongPublic.status).toBe(405);
    expect(publishedFiles()).toEqual([]);
  });

  it('publishes the final count from the server’s tally file; anyone reads it', async () => {
    const before = await call<Answer>(s, route, { token });
    expect(before.body).toMatchObject({ state: 'final', published: null, changed: false });
    const reply = await publish();
    expect(reply.status).toBe(200);
    expect(reply.body.published?.tallyFileHash).toBe(before.body.currentHash);
    expect(reply.body.changed).toBe(false);
    expect(publishedFiles()).toEqual([`${ID}.json`]);

    const open = await publicResults();
    expect(open.status).toBe(200);
    expect(open.headers.get('cache-control')).toBe('no-store');
    // The same winners as the CLI's count of the same file.
    const read = readTallyFile(tallyText());
    if (!read.ok) throw new Error('tally file does not read');
    const ballots = countedBallots(read.value);
    const cli = tally(read.value.event, ballots, {
      seed: contentSeed(read.value.eventHash, ballots),
    });
    expect(open.body.result.selected).toEqual(cli.selected);
    expect(open.body.ballotsCounted).toBe(6);
    expect(open.body.tallyFileHash).toBe(read.value.head.hash);
    // Never the ballots themselves.
    expect(open.text).not.toContain(ballots[0]?.id ?? '?');
  });

  it('keeps it across a restart; publishing again replaces it', async () => {
    const first = (await publicResults()).body.publishedAt;
    const dataDir = s.dataDir;
    await s.stop();
    s = await servers({ dataDir });
    token = await organiserToken(s);
    expect((await publicResults()).body.publishedAt).toBe(first);
    await new Promise((r) => setTimeout(r, 5));
    expect((await publish()).status).toBe(200);
    const again = await publicResults();
    expect(again.body.publishedAt > first).toBe(true);
    expect(publishedFiles()).toEqual([`${ID}.json`]);
  });

  it('says when the tally changed since (a withdrawal); publishing again shows it', async () => {
    const published = (await publicResults()).body;
    const bid = published.result.selected[0] ?? '';
    const withdrawn = await call(s, `/api/v1/events/${ID}/withdrawals`, {
      token,
      body: { bid, reason: 'Found ineligible' },
    });
    expect(withdrawn.status, withdrawn.text).toBe(200);
    const status = await call<Answer>(s, route, { token });
    expect(status.body.changed).toBe(true);
    // What is public stays as published until the organiser publishes again.
    expect((await publicResults()).body.result.selected).toContain(bid);
    expect((await publish()).status).toBe(200);
    const again = (await publicResults()).body;
    expect(again.result.selected).not.toContain(bid);
    expect(again.withdrawals).toMatchObject([{ bid, reason: 'Found ineligible' }]);
    expect((await call<Answer>(s, route, { token })).body.changed).toBe(false);
  });

  it('unpublishes: the public answer is then the same as for an event that does not exist', async () => {
    const gone = await call<Answer>(s, route, { method: 'DELETE', token });
    expect(gone.status).toBe(200);
    expect(gone.body.published).toBeNull();
    expect(publishedFiles()).toEqual([]);
    const unpublished = await publicResults();
    const unknown = await publicResults('no-such-event');
    expect(unpublished.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(unpublished.text).toBe(unknown.text);
  });
});

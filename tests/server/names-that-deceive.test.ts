// Names that deceive (issue 11, fault 7), on the real server: a station cannot join under a name
// with invisible, bidi or control characters, a real name in any script joins and is kept in NFC,
// and an event whose names could deceive is not created.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { ApiError, StationsResponse } from '../../src/core/protocol.ts';
import { call, organiserToken, type TallyServer } from './support/tally-server.ts';
import { useTallyServers } from './support/use-tally-servers.ts';

const server = useTallyServers({ stopAfter: 'all' });
let s: TallyServer;
let token: string;

beforeAll(async () => {
  s = await server();
  token = await organiserToken(s);
}, 30_000);

const join = (stationName: string) =>
  call<ApiError>(s, '/api/v1/stations/join', {
    body: { joinCode: s.joinCodes.get(DEMO_EVENT.id), stationName },
  });

describe('joining under a name that deceives', { timeout: 30_000 }, () => {
  it.each([
    ['Library\u200B', 'text-invisible', { char: 'U+200B' }],
    ['Hall 2 \u202Eelbat tnemnrevog', 'text-bidi', { char: 'U+202E' }],
    ['Li\u0000brary', 'text-control', { char: 'U+0000' }],
    ['Hall\n2', 'text-line-break', {}],
    [`Z${'\u0353'.repeat(9)}`, 'text-marks', { max: 4 }],
    ['\u200B\u2060', 'text-invisible', { char: 'U+200B' }],
    ['x'.repeat(81), 'text-too-long', { max: 80 }],
  ])('%j is refused with %s', async (name, code, params) => {
    const reply = await join(name);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({
      code: 'invalid-request',
      params: { path: 'stationName' },
      cause: { code, params },
    });
  });

  it('lets real names join, kept in NFC, and shows them to the organiser as they were given', async () => {
    const names = ['Neuadd 👩‍👩‍👧 Cymru 🏴󠁧󠁢󠁷󠁬󠁳󠁿', 'می‌خواهم', 'Zażółć gęślą', '👩‍👩‍👧'.repeat(80)];
    for (const name of names) expect((await join(name)).status).toBe(201);
    expect((await join('Cafe\u0301')).status).toBe(201);
    const listed = await call<StationsResponse>(s, `/api/v1/events/${DEMO_EVENT.id}/stations`, {
      token,
    });
    const shown = listed.body.stations.map((station) => station.name);
    expect(shown).toEqual(expect.arrayContaining([...names, 'Café']));
    expect(shown).not.toContain('Cafe\u0301');
  });
});

describe('an event whose names deceive', { timeout: 30_000 }, () => {
  it('is not created, and the organiser is told which field and why', async () => {
    const definition = {
      ...DEMO_EVENT,
      id: 'deceiving-names',
      bids: DEMO_EVENT.bids.map((bid, i) => (i === 0 ? { ...bid, title: 'Library\u200B' } : bid)),
    };
    const reply = await call<ApiError>(s, '/api/v1/events', {
      token,
      body: { from: 'definition', definition },
    });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expect(reply.text).toContain('text-invisible');
    expect(reply.text).toContain('bids.0.title');
  });
});

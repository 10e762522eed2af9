// The organiser withdraws a bid after voting began on a real tally server: the withdrawal is in
// the tally file (chained, sealed) before the 200, every ballot still counts and the count funds
// the bid nowhere, it survives a restart, and a final count still takes one. Bad requests get a
// clear 4xx and leave the tally file's bytes as they were.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { EventDetail } from '../../src/core/events-api.ts';
import type { WithdrawalResponse } from '../../src/core/protocol.ts';
import { tally } from '../../src/core/tally/index.ts';
import { contentSeed, readTallyFile, withdrawnBids } from '../../src/core/tally-file/index.ts';
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

const servers = useTallyServers({ stopAfter: 'all' });
let s: TallyServer;
let token: string;

const tallyText = (eventId = DEMO_EVENT.id) => storedTally(s, eventId);
type Reply = WithdrawalResponse & { error?: { code: string; params?: Record<string, unknown> } };
/** `t`: whose token, or null for none. */
const withdraw = (body: unknown, t: string | null = token, eventId = DEMO_EVENT.id) =>
  call<Reply>(
    s,
    `/api/v1/events/${eventId}/withdrawals`,
    t === null ? { body } : { body, token: t },
  );

/** The count of the server's tally file, as every caller makes it. */
function countOf(text: string) {
  const read = readTallyFile(text);
  if (!read.ok) throw new Error(read.error.code);
  return tally(read.value.event, read.value.ballots, {
    seed: contentSeed(read.value.eventHash, read.value.ballots),
    withdrawn: withdrawnBids(read.value),
  });
}

describe('withdrawals on the tally server', { timeout: 90_000 }, () => {
  let winner = '';
  let other = '';

  beforeAll(async () => {
    s = await servers();
    token = await organiserToken(s);
    const station = await joinStation(s, 'Library');
    const pushed = await push(s, station, demoBallots(station.stationId, 12), 12);
    expect(pushed.status).toBe(200);
    const funded = countOf(tallyText()).selected;
    winner = funded[0] ?? '';
    other = funded[1] ?? '';
    expect(winner).not.toBe('');
  });

  it('withdraws a bid with a reason: in the file before the 200, funded nowhere, every ballot counted', async () => {
    const reply = await withdraw({ bid: winner, reason: '  Found ineligible: private land  ' });
    expect(reply.status).toBe(200);
    expect(reply.body.withdrawal).toMatchObject({
      bid: winner,
      reason: 'Found ineligible: private land',
      by: 'organiser',
    });
    const read = readTallyFile(tallyText());
    expect(read.ok && read.value.withdrawals.map((w) => w.bid)).toEqual([winner]);
    const count = countOf(tallyText());
    expect(count.selected).not.toContain(winner);
    expect(count.withdrawn).toEqual([winner]);
    expect(count.ballotsCounted).toBe(12);
  });

  it.each([
    ['a bid the event does not have', { bid: 'no-such-bid', reason: 'x' }, 404, 'bid-not-found'],
    ['an empty reason', { bid: 'O', reason: '   ' }, 400, 'invalid-request'],
    ['a reason over 500 characters', { bid: 'O', reason: 'x'.repeat(501) }, 400, 'invalid-request'],
    ['no bid', { reason: 'wrong' }, 400, 'invalid-request'],
    ['a bid id that is no id', { bid: '../../etc', reason: 'x' }, 400, 'invalid-request'],
    ['a second withdrawal of one bid', { bid: 'W', reason: 'again' }, 409, 'bid-withdrawn'],
  ] as const)('refuses %s and changes nothing', async (_label, body, status, code) => {
    const fill = (v: string) => (v === 'O' ? other : v === 'W' ? winner : v);
    const before = tallyText();
    const sent = 'bid' in body ? { ...body, bid: fill(body.bid) } : body;
    const reply = await withdraw(sent);
    expect(reply.status).toBe(status);
    expect(reply.body.error?.code).toBe(code);
    expect(tallyText()).toBe(before);
  });

  it('refuses anyone not signed in as the organiser, and a body that is not JSON', async () => {
    const before = tallyText();
    const anonymous = await withdraw({ bid: other, reason: 'x' }, null);
    expect(anonymous.status).toBe(401);
    const station = await joinStation(s, 'Hall');
    const asStation = await withdraw({ bid: other, reason: 'x' }, station.token);
    expect(asStation.status).toBe(401);
    const garbled = await call<Reply>(s, `/api/v1/events/${DEMO_EVENT.id}/withdrawals`, {
      raw: '{',
      token,
    });
    expect(garbled.status).toBe(400);
    expect(garbled.body.error?.code).toBeDefined();
    const unknownEvent = await withdraw({ bid: other, reason: 'x' }, token, 'no-such-event');
    expect(unknownEvent.status).toBe(404);
    expect(tallyText()).toBe(before);
  });

  it('refuses a withdrawal in a draft (a draft edits its bids) and changes nothing', async () => {
    const made = await call<EventDetail>(s, '/api/v1/events', {
      token,
      body: { from: 'definition', definition: { ...DEMO_EVENT, id: 'draft-for-withdrawal' } },
    });
    expect(made.status).toBe(201);
    expect(made.body.state).toBe('draft');
    const before = tallyText(made.body.id);
    const reply = await withdraw({ bid: winner, reason: 'x' }, token, made.body.id);
    expect(reply.status).toBe(409);
    expect(reply.body.error?.code).toBe('event-not-open');
    expect(tallyText(made.body.id)).toBe(before);
  });

  it('two requests to withdraw one bid at once: one is recorded, the other refused', async () => {
    const both = await Promise.all([
      withdraw({ bid: other, reason: 'first' }),
      withdraw({ bid: other, reason: 'second' }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const read = readTallyFile(tallyText());
    expect(read.ok && read.value.withdrawals.filter((w) => w.bid === other)).toHaveLength(1);
  });

  it('keeps withdrawals across a restart, and takes one once the count is final', async () => {
    const dataDir = s.dataDir;
    await s.stop();
    s = await servers({ dataDir });
    token = await organiserToken(s);
    expect((await withdraw({ bid: winner, reason: 'again' })).status).toBe(409);
    const detail = await call<EventDetail>(s, `/api/v1/events/${DEMO_EVENT.id}`, { token });
    let version = detail.body.version;
    for (const to of ['closed', 'final']) {
      const moved = await call<EventDetail>(s, `/api/v1/events/${DEMO_EVENT.id}/state`, {
        token,
        body: { version, to },
      });
      expect(moved.status).toBe(200);
      version = moved.body.version;
    }
    const third = DEMO_EVENT.bids.map((b) => b.id).find((id) => id !== winner && id !== other);
    const late = await withdraw({ bid: third, reason: 'Found after the count' });
    expect(late.status).toBe(200);
    const read = readTallyFile(tallyText());
    expect(read.ok && read.value.withdrawals.map((w) => w.bid)).toEqual([winner, other, third]);
    expect(read.ok && read.value.states.at(-1)?.state).toBe('final');
  });
});

/**
 * An event with something on every organiser screen, made over the API on a spec's own tally
 * server: the demo event's bids (with their pictures and translations) and two pots, a ballot of
 * two parts (choose up to 3, then one boost among the young people's bids); once voting is open,
 * two stations send ballots — one still has some to deliver, so every table has rows.
 */
import { randomUUID } from 'node:crypto';
import { expect, type CDPSession, type Page } from '@playwright/test';
import { DEMO_EVENT } from '../../../src/core/demo-event.ts';
import type { JoinResponse } from '../../../src/core/protocol.ts';
import type { Ballot, EventDefinition } from '../../../src/core/schema.ts';
import { call, organiserToken, push } from '../../server/support/tally-server.ts';
import type { TallyServerProcess } from './server.ts';

/** The demo event without its one-part ballot: this one has `sections` instead. */
const demo: EventDefinition = { ...DEMO_EVENT };
delete demo.method;

export const TWO_PART_EVENT: EventDefinition = {
  ...demo,
  id: 'two-part-a11y',
  name: 'Burnfoot Choices in two parts',
  translations: {
    cy: { name: 'Dewisiadau Burnfoot mewn dwy ran' },
    ar: { name: 'خيارات بيرنفوت على جزأين' },
  },
  languages: ['en-GB', 'cy', 'ar'],
  sections: [
    {
      id: 'choose',
      title: 'Choose up to 3',
      translations: { cy: { title: 'Dewiswch hyd at 3' }, ar: { title: 'اختر حتى 3' } },
      scope: { kind: 'all' },
      method: { kind: 'approval', min: 1, max: 3 },
    },
    {
      id: 'boost',
      title: 'One boost for young people',
      translations: {
        cy: { title: 'Un hwb i bobl ifanc' },
        ar: { title: 'دفعة واحدة للشباب' },
      },
      scope: { kind: 'categories', categories: ['young-people'] },
      method: { kind: 'approval', min: 0, max: 1 },
    },
  ],
};

const BIDS = TWO_PART_EVENT.bids.map((b) => b.id);
const YOUNG = TWO_PART_EVENT.bids.filter((b) => b.category === 'young-people').map((b) => b.id);

function twoPartBallot(stationId: string, seed: number): Ballot {
  const chosen = [0, 1, 2]
    .slice(0, 1 + (seed % 3))
    .map((k) => BIDS[(seed + k * 5) % BIDS.length] ?? '');
  const boost = seed % 4 === 0 ? [] : [YOUNG[seed % YOUNG.length] ?? ''];
  return {
    id: randomUUID(),
    eventId: TWO_PART_EVENT.id,
    stationId,
    castHour: '2026-06-13T14:00Z',
    choice: {
      kind: 'sections',
      parts: [
        { section: 'choose', choice: { kind: 'approval', bids: [...new Set(chosen)] } },
        { section: 'boost', choice: { kind: 'approval', bids: boost } },
      ],
    },
  };
}

/** Makes the event, still a draft (its editor screens can be edited). */
export async function createTwoPartEvent(server: TallyServerProcess): Promise<void> {
  const created = await call(server, '/api/v1/events', {
    token: await organiserToken(server),
    body: { from: 'definition', definition: TWO_PART_EVENT },
  });
  expect(created.status, created.text).toBe(201);
}

/** Two stations join the event (voting is open) and send ballots. */
export async function sendBallots(server: TallyServerProcess): Promise<void> {
  const listed = await call<{ events: { id: string; joinCode: string }[] }>(
    server,
    '/api/v1/events',
    { token: await organiserToken(server) },
  );
  const joinCode = listed.body.events.find((e) => e.id === TWO_PART_EVENT.id)?.joinCode;
  for (const [name, cast, delivered, from] of [
    ['Church hall', 30, 27, 0],
    ['Library', 20, 20, 1000],
  ] as const) {
    const joined = await call<JoinResponse>(server, '/api/v1/stations/join', {
      body: { joinCode, stationName: name },
    });
    expect(joined.status, joined.text).toBe(201);
    const ballots = Array.from({ length: delivered }, (_, i) =>
      twoPartBallot(joined.body.stationId, from + i),
    );
    const reply = await push(server, joined.body, ballots, cast, TWO_PART_EVENT.id);
    expect(reply.status, reply.text).toBe(200);
  }
}

const sessions = new WeakMap<Page, CDPSession>();

/**
 * The browser's text size: 1 is the default (16 px), 2 is "200% text" (as in browser settings).
 * The session stays open: closing it would undo the setting.
 */
export async function textSize(page: Page, factor: 1 | 2): Promise<void> {
  let cdp = sessions.get(page);
  if (cdp === undefined) {
    cdp = await page.context().newCDPSession(page);
    sessions.set(page, cdp);
  }
  await cdp.send('Page.setFontSizes', {
    fontSizes: { standard: 16 * factor, fixed: 13 * factor },
  });
}

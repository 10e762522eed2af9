/**
 * Eligibility and equalities questions in real Chromium, against the built app and a real tally
 * server: a voter answers the age band and area questions after Start, sees that area's part of
 * the ballot without being asked their ward again, votes (the ballot carries the area: the event
 * weights it), then answers one equalities question and skips the other. The answers are stored
 * apart from the ballot with nothing linking them, reach the server on their own, and the
 * organiser's counts suppress a group under 10. A younger voter than the event allows is told so
 * and no ballot starts. axe finds no violation on any of the new screens.
 *
 * With QUESTIONS_SHOTS=<folder>, screenshots at tablet (1280×800), phone (390×844) and in Arabic.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { EqualitiesSummary } from '../../src/core/questions.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { call, organiserToken } from '../server/support/tally-server.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { readStore } from './support/indexeddb.ts';
import { goWithin } from './support/organiser.ts';
import type { TallyServerProcess } from './support/server.ts';
import { THANK_YOU, unlockVolunteerArea } from './support/station.ts';
import { joinFromWelcome } from './support/sync.ts';

const NORTH = new Set(['cooking-club', 'walking-group', 'community-garden', 'chair-yoga']);
const EVENT: EventDefinition = {
  ...DEMO_EVENT,
  id: 'questions-2026',
  name: 'Burnfoot Questions Day',
  translations: {},
  bids: DEMO_EVENT.bids.map((b) => ({
    ...b,
    ward: NORTH.has(b.id) ? 'Burnfoot North' : 'Stirches',
  })),
  method: undefined,
  sections: [
    {
      id: 'local',
      title: 'Projects in your area',
      scope: { kind: 'own-ward' },
      method: { kind: 'approval', min: 1, max: 2 },
    },
  ],
  checkIn: {
    questions: {
      ageBand: { minimum: '16-17' },
      area: { weights: { 'Burnfoot North': '1.5' } },
    },
    equalities: ['age-band', 'disability'],
  },
};
delete EVENT.method;

const TABLET = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

async function shots(page: Page, name: string): Promise<void> {
  const dir = process.env['QUESTIONS_SHOTS'];
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  for (const [size, viewport] of [
    ['tablet', TABLET],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: join(dir, `${name}-${size}.png`), fullPage: true });
  }
  await page.setViewportSize(TABLET);
}

async function openEvent(server: TallyServerProcess): Promise<{ joinCode: string; token: string }> {
  const token = await organiserToken(server);
  const created = await call(server, '/api/v1/events', {
    token,
    body: { from: 'definition', definition: EVENT },
  });
  expect(created.status, created.text).toBe(201);
  const listed = await call<{ events: { id: string; joinCode: string; version: number }[] }>(
    server,
    '/api/v1/events',
    { token },
  );
  const event = listed.body.events.find((e) => e.id === EVENT.id);
  const opened = await call(server, `/api/v1/events/${EVENT.id}/state`, {
    token,
    body: { version: event?.version, to: 'open' },
  });
  expect(opened.status, opened.text).toBe(200);
  return { joinCode: event?.joinCode ?? '', token };
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

test('a voter answers the area question, sees that area’s part, votes, and answers or skips the equalities questions', async ({
  server,
  newStation,
  organiser,
}) => {
  const { joinCode, token } = await openEvent(server);
  const { page } = await newStation('Hall');
  await page.setViewportSize(TABLET);
  await joinFromWelcome(page, joinCode);
  await expect(heading(page, EVENT.name)).toBeVisible();

  // ── Too young: told kindly, and no ballot starts.
  await page.getByRole('button', { name: 'Start voting' }).click();
  await expect(heading(page, 'Before you vote')).toBeVisible();
  await page.getByRole('radio', { name: '8 to 15' }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(heading(page, 'Sorry, you cannot vote in this one')).toBeVisible();
  await expect(page.getByText('This vote is for people aged 16 and over.')).toBeVisible();
  await expectNoAxeViolations(page, 'too young');
  await shots(page, 'too-young');
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(heading(page, EVENT.name)).toBeVisible();

  // ── The age band: one question, large answers, "prefer not to say" last; nothing chosen yet.
  await page.getByRole('button', { name: 'Start voting' }).click();
  await expect(page.getByText('Question 1 of 2')).toBeVisible();
  const age = page.getByRole('group', { name: 'How old are you?' });
  await expect(age.getByRole('radio')).toHaveCount(7);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert')).toHaveText('Please choose an answer.');
  await expectNoAxeViolations(page, 'age band question, nothing chosen');
  await shots(page, 'age-band');
  await age.getByRole('radio', { name: 'Prefer not to say' }).check();
  await page.getByRole('button', { name: 'Next' }).click();

  // ── The area: it answers the ballot's own-area part, so no "prefer not to say" here.
  const area = page.getByRole('group', { name: 'Which area do you live in?' });
  await expect(area.getByRole('radio')).toHaveCount(2);
  await expectNoAxeViolations(page, 'area question');
  await shots(page, 'area');
  await area.getByRole('radio', { name: 'Burnfoot North' }).check();
  await page.getByRole('button', { name: 'Next' }).click();

  // ── The projects, then that area's part straight away: the ward is not asked again.
  await expect(heading(page, 'The projects')).toBeVisible();
  await page.getByRole('button', { name: 'Next: choose projects' }).click();
  await expect(page.getByText('Your ward or area: Burnfoot North')).toBeVisible();
  await expect(page.getByRole('checkbox')).toHaveCount(NORTH.size);
  await page.getByRole('checkbox', { name: 'Chair yoga for older people' }).check();
  await page.getByRole('button', { name: /^Next/ }).click();
  await expect(heading(page, 'Check your choices')).toBeVisible();
  await page.getByRole('button', { name: 'Cast my vote' }).click();
  await expect(heading(page, THANK_YOU)).toBeVisible();

  // ── The equalities questions, offered after the vote: answer one, skip the other.
  await expectNoAxeViolations(page, 'thank you with the equalities offer');
  await shots(page, 'thanks-offer');
  await page.getByRole('button', { name: 'Answer 2 short questions about you' }).click();
  await expect(heading(page, 'About you (optional)')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Next' })).toBeDisabled();
  await expectNoAxeViolations(page, 'equalities question');
  await shots(page, 'equalities');
  await page.getByRole('radio', { name: '25 to 44' }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('group', { name: /disability/ })).toBeVisible();
  await page.getByRole('button', { name: 'Skip this question' }).click();
  await expect(heading(page, EVENT.name)).toBeVisible();

  // ── On the tablet: the ballot carries its area, the answers nothing that links them to it.
  const ballots = (await readStore(page, 'ballots')) as { id: string; area?: string }[];
  expect(ballots.map((b) => b.area)).toEqual(['Burnfoot North']);
  const answers = (await readStore(page, 'equalities')) as Record<string, unknown>[];
  expect(answers).toHaveLength(1);
  expect(answers[0]?.['answers']).toEqual({ 'age-band': '25-44' });
  expect(JSON.stringify(answers)).not.toContain(ballots[0]?.id ?? '-');

  // ── They reach the server on their own (not nudged by the ballot: the next sync takes them);
  // one response is under 10: suppressed.
  await unlockVolunteerArea(page);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect
    .poll(async () => (await readStore(page, 'equalities')).length, { timeout: 20_000 })
    .toBe(0);
  await page.getByRole('button', { name: 'Lock and go back to voting' }).click();
  const summary = await call<EqualitiesSummary>(server, `/api/v1/events/${EVENT.id}/equalities`, {
    token,
  });
  expect(summary.body.responses).toBe('suppressed');
  expect(summary.body.questions[0]?.counts).toContainEqual({ answer: '25-44', suppressed: true });
  expect(summary.body.questions[0]?.counts).toContainEqual({ answer: '8-15', suppressed: true });

  // ── The organiser's Equalities screen: the one answer shows only as "fewer than 10".
  await organiser.setViewportSize(TABLET);
  await goWithin(organiser, `/organiser/events/${EVENT.id}/equalities`);
  await expect(heading(organiser, 'Who took part: equalities answers')).toBeVisible();
  await expect(organiser.getByText('Fewer than 10 voters have answered so far')).toBeVisible();
  // Under 10 in all: no table at all (a zero beside "fewer than 10" would give the answer away).
  await expect(organiser.getByRole('table')).toHaveCount(0);
  await expectNoAxeViolations(organiser, 'organiser equalities');
  await shots(organiser, 'organiser-equalities');
  // ── The editor's Check-in screen with the questions' fields.
  await goWithin(organiser, `/organiser/events/${EVENT.id}/checkin`);
  await expect(organiser.getByRole('textbox', { name: 'Weight for Burnfoot North' })).toHaveValue(
    '1.5',
  );
  await expectNoAxeViolations(organiser, 'editor check-in with questions');
  await shots(organiser, 'editor-questions');

  // ── Arabic, right to left: the question screens look right.
  if (process.env['QUESTIONS_SHOTS']) {
    await page.getByRole('button', { name: 'العربية', exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.getByRole('button', { name: 'ابدأ التصويت' }).click();
    await shots(page, 'age-band-ar');
    await expectNoAxeViolations(page, 'age band question in Arabic');
  }
});

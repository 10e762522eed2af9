/**
 * A whole ballot with the keyboard alone, for every method and for a ballot in two parts (one over
 * the voter's own ward), at 1180×820: after every Tab the focused control must be fully in view,
 * not under the sticky tray or the sticky actions. The part screens and the ward question also
 * pass axe in English and Arabic, keep every control 44 px or more and fit 320 px without sideways
 * scroll. Each test makes its event over the events API and joins a fresh station to it.
 */
import type { Locator, Page } from '@playwright/test';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { BallotMethod, EventDefinition } from '../../src/core/schema.ts';
import { call, organiserToken } from '../server/support/tally-server.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import type { TallyServerProcess } from './support/server.ts';
import { THANK_YOU } from './support/station.ts';
import { joinFromWelcome } from './support/sync.ts';
import {
  chooseLanguage,
  focusCovered,
  shot,
  sidewaysScroll,
  smallTargets,
  VIEWPORTS,
} from './support/voter.ts';

/** Four demo bids, two of them health projects; each in a ward for the own-ward part. */
const BIDS = ['chair-yoga', 'cooking-club', 'walking-group', 'community-garden'].map((id, i) => {
  const bid = DEMO_EVENT.bids.find((b) => b.id === id);
  if (!bid) throw new Error(`No demo bid ${id}`);
  return { ...bid, ward: i % 2 === 0 ? 'Burnfoot' : 'Stirches' };
});

function eventWith(id: string, ballot: Pick<EventDefinition, 'method' | 'sections'>) {
  // JSON leaves out the demo's method when the ballot has sections instead.
  return { ...DEMO_EVENT, method: undefined, ...ballot, id, name: `Keyboard ${id}`, bids: BIDS };
}

/** Creates the event as an organiser would, opens voting, and returns its join code. */
async function openEvent(server: TallyServerProcess, definition: object): Promise<string> {
  const token = await organiserToken(server);
  const made = await call<{ id: string; version: number; joinCode: string; problems: unknown[] }>(
    server,
    '/api/v1/events',
    { token, body: { from: 'definition', definition } },
  );
  expect(made.status, made.text).toBe(201);
  const opened = await call(server, `/api/v1/events/${made.body.id}/state`, {
    token,
    body: { version: made.body.version, to: 'open' },
  });
  expect(opened.status, opened.text).toBe(200);
  return made.body.joinCode;
}

/** A station joined to `definition`'s event, at tablet size, on its welcome screen. */
async function stationOn(
  server: TallyServerProcess,
  newStation: (name: string) => Promise<{ page: Page }>,
  definition: { name: string },
): Promise<Page> {
  const joinCode = await openEvent(server, definition);
  const { page } = await newStation('Keyboard table');
  await page.setViewportSize(VIEWPORTS['tablet-landscape']);
  await joinFromWelcome(page, joinCode);
  await expect(page.getByRole('heading', { level: 1, name: definition.name })).toBeVisible();
  return page;
}

const isFocused = (target: Locator) =>
  target.evaluate((el) => el === document.activeElement).catch(() => false);

/** Presses Tab until `target` has focus, checking after every Tab that the focus is in full view. */
async function tabTo(page: Page, target: Locator, most = 60): Promise<void> {
  for (let i = 0; i < most; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
    // The app scrolls a covered control clear in the next frame: judged two frames on.
    expect(await focusCovered(page, 2), `after Tab ${i + 1} towards ${String(target)}`).toBe('');
  }
  throw new Error(`${String(target)} never took focus in ${most} Tabs`);
}

async function press(page: Page, target: Locator, key = 'Enter'): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press(key);
}

const button = (page: Page, name: string | RegExp) =>
  page.getByRole('button', { name, exact: typeof name === 'string' });
const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

async function toFirstPart(page: Page, firstHeading: string | RegExp): Promise<void> {
  await press(page, button(page, 'Start voting'));
  await expect(h1(page, 'The projects')).toBeFocused();
  await press(page, button(page, 'Next: choose projects'));
  await expect(h1(page, firstHeading)).toBeFocused();
}

async function checkAndCast(page: Page): Promise<void> {
  await press(page, button(page, 'Next: check your choices'));
  await expect(h1(page, 'Check your choices')).toBeFocused();
  await press(page, button(page, 'Cast my vote'));
  await expect(h1(page, THANK_YOU)).toBeVisible();
}

const METHODS: { name: string; method: BallotMethod; fill: (page: Page) => Promise<void> }[] = [
  {
    name: 'approval',
    method: { kind: 'approval', min: 1, max: 2 },
    fill: async (page) => {
      await press(page, page.getByRole('checkbox', { name: /Chair yoga/ }), 'Space');
      await press(page, page.getByRole('checkbox', { name: /Raised beds/ }), 'Space');
      await expect(page.getByRole('checkbox', { name: /Raised beds/ })).toBeChecked();
    },
  },
  {
    name: 'knapsack',
    method: { kind: 'knapsack', limit: 500_000 },
    fill: async (page) => {
      await press(page, page.getByRole('checkbox', { name: /Youth cooking/ }), 'Space');
      await expect(page.getByRole('checkbox', { name: /Youth cooking/ })).toBeChecked();
    },
  },
  {
    name: 'score',
    method: { kind: 'score', min: 1, max: 5, allowNoOpinion: false },
    fill: async (page) => {
      for (const bid of BIDS) {
        const group = page.getByRole('group', { name: new RegExp(bid.title) });
        await press(page, group.getByRole('radio').first(), 'Space');
        await page.keyboard.press('ArrowRight');
        await expect(group.getByRole('radio', { name: '2' })).toBeChecked();
      }
    },
  },
  {
    name: 'ranking',
    method: { kind: 'ranking', maxRanks: 2 },
    fill: async (page) => {
      await press(page, button(page, /^Add.*Health walks/));
      await press(page, button(page, /^Add.*Chair yoga/));
      await press(page, button(page, /^Move up.*Chair yoga/));
      await expect(page.getByRole('status').filter({ hasText: 'number 1' })).toBeAttached();
    },
  },
  {
    name: 'cumulative',
    method: { kind: 'cumulative', points: 3, maxPerBid: 2 },
    fill: async (page) => {
      await press(page, button(page, /Raised beds/).last());
      await page.keyboard.press('Enter');
      await press(page, button(page, /Chair yoga/).last());
      await expect(page.getByText('3 of 3 points given')).toBeVisible();
    },
  },
];

for (const { name, method, fill } of METHODS) {
  test(`a whole ${name} ballot by keyboard, the focus never under a sticky bar`, async ({
    server,
    newStation,
  }) => {
    const page = await stationOn(server, newStation, eventWith(name, { method }));
    await toFirstPart(page, 'Choose projects');
    await fill(page);
    await shot(page, `${name}-tablet-landscape`);
    await checkAndCast(page);
  });
}

const SECTIONS = eventWith('sections', {
  sections: [
    {
      id: 'everyone',
      title: 'Projects for everyone',
      intro: 'Choose the projects you like best from the whole list.',
      translations: { ar: { title: 'مشاريع للجميع' } },
      scope: { kind: 'all' },
      method: { kind: 'approval', min: 1, max: 2 },
    },
    {
      id: 'my-area',
      title: 'Projects in your area',
      scope: { kind: 'own-ward' },
      method: { kind: 'approval', min: 1, max: 1 },
    },
  ],
});

test('a ballot in two parts by keyboard, the second over the voter’s own ward', async ({
  server,
  newStation,
}) => {
  const page = await stationOn(server, newStation, SECTIONS);
  await toFirstPart(page, 'Projects for everyone');
  await expect(page.getByText('Part 1 of 2')).toBeVisible();
  await press(page, page.getByRole('checkbox', { name: /Chair yoga/ }), 'Space');
  await press(page, button(page, 'Next: Projects in your area'));

  await expect(h1(page, 'Projects in your area')).toBeFocused();
  const wards = page.getByRole('group', { name: 'Which ward or area do you live in?' });
  await press(page, wards.getByRole('radio').first(), 'Space');
  await page.keyboard.press('ArrowDown');
  await expect(wards.getByRole('radio', { name: 'Stirches' })).toBeChecked();
  await press(page, button(page, 'Next: show its projects'));

  await expect(h1(page, 'Projects in your area')).toBeFocused();
  await expect(page.getByText('Your ward or area: Stirches')).toBeVisible();
  await expect(page.getByRole('checkbox')).toHaveCount(2);
  await press(page, page.getByRole('checkbox', { name: /Youth cooking/ }), 'Space');
  await press(page, button(page, 'Next: check your choices'));

  await expect(h1(page, 'Check your choices')).toBeFocused();
  const area = page.getByRole('region', { name: 'Projects in your area' });
  await expect(area.getByRole('listitem')).toHaveText([/Youth cooking club/]);
  // Back to the first part from the check, and on again.
  await press(page, button(page, 'Change Projects for everyone'));
  await expect(h1(page, 'Projects for everyone')).toBeFocused();
  await press(page, button(page, 'Next: Projects in your area'));
  await expect(h1(page, 'Projects in your area')).toBeFocused();
  await checkAndCast(page);
});

test('the part screens and the ward question pass axe in English and Arabic, fit 320 px and have 44 px controls', async ({
  server,
  newStation,
}) => {
  const page = await stationOn(server, newStation, SECTIONS);
  const look = async (screen: string) => {
    await expectNoAxeViolations(page, screen);
    expect(await smallTargets(page), `small controls on ${screen}`).toEqual([]);
    for (const [size, viewport] of Object.entries({
      ...VIEWPORTS,
      narrow: { width: 320, height: 640 },
    })) {
      await page.setViewportSize(viewport);
      expect(await sidewaysScroll(page), `sideways scroll on ${screen} at ${size}`).toBe(0);
      if (size === 'tablet-landscape' || size === 'phone') await shot(page, `${screen}-${size}`);
    }
    await page.setViewportSize(VIEWPORTS['tablet-landscape']);
  };
  for (const [language, lang] of [
    ['English', 'en-GB'],
    ['العربية', 'ar'],
  ] as const) {
    await chooseLanguage(page, language, lang);
    await page.locator('.button.primary.big').click();
    await page.locator('.actions.sticky .button.primary').click();
    await expect(page.locator('h1')).toBeFocused();
    await look(`part-1-${lang}`);
    await page.getByRole('checkbox').first().check();
    await page.locator('.actions.sticky .button.primary').click();
    await expect(page.getByRole('radio')).toHaveCount(2);
    await look(`ward-question-${lang}`);
    await page.getByRole('radio').last().check();
    await page.locator('.actions.sticky .button.primary').click();
    await expect(page.getByRole('checkbox')).toHaveCount(2);
    await look(`part-2-${lang}`);
    await page.getByRole('checkbox').first().check();
    await page.locator('.actions.sticky .button.primary').click();
    await expect(page.locator('h1')).toBeFocused();
    await look(`check-${lang}`);
    await page.locator('.actions.sticky .button.primary').click();
    await page.locator('.thanks .button.primary').click();
    await expect(h1(page, SECTIONS.name)).toBeVisible();
  }
});

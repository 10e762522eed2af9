/**
 * A ballot in sections at the station: each part is its own step with its own heading, meter and
 * rules; a part over the voter's own ward asks the ward first; the check lists every part and goes
 * back to any of them; the stored ballot has one part per section, in order.
 */
import { act, fireEvent, screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { eventSchema, type EventDefinition } from '../../src/core/schema.ts';
import { listBallots } from '../../src/db/ballot-repo.ts';
import { expectFocusedHeading, heading, renderStation, stationWith } from './station-harness.tsx';

const EVERYONE = {
  id: 'everyone',
  title: 'Projects for everyone',
  intro: 'Choose the projects you like best from the whole list.',
  scope: { kind: 'all' },
  method: { kind: 'approval', min: 1, max: 3 },
} as const;

const HEALTH = DEMO_EVENT.bids.filter((b) => b.category === 'health');
const NOT_HEALTH = DEMO_EVENT.bids.filter((b) => b.category !== 'health');

/** The demo event with two parts: three over every bid, then one boost among the health bids. */
const TWO_PARTS: EventDefinition = eventSchema.parse({
  ...DEMO_EVENT,
  id: 'sections-demo',
  method: undefined,
  sections: [
    EVERYONE,
    {
      id: 'health-boost',
      title: 'Boost a health project',
      scope: { kind: 'categories', categories: ['health'] },
      method: { kind: 'approval', min: 0, max: 1 },
    },
  ],
});

/** The first seven bids are in Burnfoot, the rest in Stirches; the second part is your own ward. */
const BURNFOOT = DEMO_EVENT.bids.slice(0, 7);
const STIRCHES = DEMO_EVENT.bids.slice(7);
const OWN_WARD: EventDefinition = eventSchema.parse({
  ...DEMO_EVENT,
  id: 'ward-demo',
  method: undefined,
  bids: DEMO_EVENT.bids.map((b, i) => ({ ...b, ward: i < 7 ? 'Burnfoot' : 'Stirches' })),
  sections: [
    EVERYONE,
    {
      id: 'my-area',
      title: 'Projects in your area',
      scope: { kind: 'own-ward' },
      method: { kind: 'approval', min: 1, max: 1 },
    },
  ],
});

const box = (name: string) => screen.getByRole('checkbox', { name: new RegExp(name) });
const boxes = () => screen.getAllByRole('checkbox').map((b) => b.getAttribute('aria-describedby'));
const titlesOfBoxes = () =>
  screen
    .getAllByRole('checkbox')
    .map((b) => b.closest('label')?.querySelector('.choice-title')?.textContent);

async function startParts(user: UserEvent, event: EventDefinition) {
  await heading(event.name);
  expect(screen.getByText(/Your ballot has 2 parts\./)).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Start voting' }));
  await heading('The projects');
  await user.click(screen.getByRole('button', { name: 'Next: choose projects' }));
  await expectFocusedHeading(EVERYONE.title);
  expect(screen.getByText('Part 1 of 2')).toBeInTheDocument();
  expect(screen.getByText(EVERYONE.intro)).toBeInTheDocument();
  expect(screen.getByText('Choose 1 to 3 projects.')).toBeInTheDocument();
  expect(boxes()).toHaveLength(DEMO_EVENT.bids.length);
}

describe('a ballot in two sections', () => {
  it('shows each part in turn with its own rules, checks them together and stores both', async () => {
    const db = await stationWith(TWO_PARTS);
    const { user } = renderStation(db);
    await startParts(user, TWO_PARTS);

    // The first part's own meter counts its own places.
    const tray = screen.getByRole('region', { name: 'Your choices' });
    await user.click(box('Youth cooking club'));
    await user.click(box('Burnfoot gala day'));
    expect(within(tray).getByRole('status')).toHaveTextContent('2 of 3');
    await user.click(screen.getByRole('button', { name: 'Next: Boost a health project' }));

    await expectFocusedHeading('Boost a health project');
    expect(screen.getByText('Part 2 of 2')).toBeInTheDocument();
    // Only the health projects, and one of them at most.
    expect(new Set(titlesOfBoxes())).toEqual(new Set(HEALTH.map((b) => b.title)));
    expect(
      screen.queryByRole('checkbox', { name: new RegExp(NOT_HEALTH[0]?.title ?? '') }),
    ).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('0 of 1');
    await user.click(box('Chair yoga'));
    await user.click(box('Health walks'));
    expect(screen.getByRole('alert')).toHaveTextContent('You can choose up to 1.');
    expect(box('Health walks')).not.toBeChecked();

    // Back to the first part keeps what was chosen in both.
    await user.click(screen.getByRole('button', { name: 'Back: Projects for everyone' }));
    await expectFocusedHeading(EVERYONE.title);
    expect(box('Youth cooking club')).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Next: Boost a health project' }));
    await expectFocusedHeading('Boost a health project');
    expect(box('Chair yoga')).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Next: check your choices' }));

    await expectFocusedHeading('Check your choices');
    const first = screen.getByRole('region', { name: EVERYONE.title });
    const second = screen.getByRole('region', { name: 'Boost a health project' });
    expect(
      within(first)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Youth cooking club £2,400', 'Burnfoot gala day £5,000']);
    expect(
      within(second)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Chair yoga for older people £900']);

    // From the check straight back to one part, then on to the check again.
    await user.click(within(second).getByRole('button', { name: 'Change Boost a health project' }));
    await expectFocusedHeading('Boost a health project');
    await user.click(box('Chair yoga'));
    await user.click(box('Dementia'));
    await user.click(screen.getByRole('button', { name: 'Next: check your choices' }));
    await expectFocusedHeading('Check your choices');
    await user.click(screen.getByRole('button', { name: 'Cast my vote' }));

    await expectFocusedHeading('Thank you. Your vote has been saved.');
    const [ballot, ...more] = await listBallots(db, TWO_PARTS.id);
    expect(more).toEqual([]);
    expect(ballot?.choice).toEqual({
      kind: 'sections',
      parts: [
        { section: 'everyone', choice: { kind: 'approval', bids: ['cooking-club', 'gala-day'] } },
        { section: 'health-boost', choice: { kind: 'approval', bids: ['dementia-cafe'] } },
      ],
    });
  });

  it('does not go on to the next part until this one follows its rules', async () => {
    const db = await stationWith(TWO_PARTS);
    const { user } = renderStation(db);
    await startParts(user, TWO_PARTS);
    await user.click(screen.getByRole('button', { name: 'Next: Boost a health project' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose at least 1.');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(EVERYONE.title);
  });
});

describe('a part over the voter’s own ward', () => {
  it('asks the ward, shows only its projects, lets the voter change it, and stores it', async () => {
    const db = await stationWith(OWN_WARD);
    const { user } = renderStation(db);
    await startParts(user, OWN_WARD);
    await user.click(box('Mural for the bus shelter'));
    await user.click(screen.getByRole('button', { name: 'Next: Projects in your area' }));

    await expectFocusedHeading('Projects in your area');
    const question = screen.getByRole('group', { name: 'Which ward or area do you live in?' });
    expect(
      within(question)
        .getAllByRole('radio')
        .map((r) => r.closest('label')?.textContent),
    ).toEqual(['Burnfoot', 'Stirches']);
    expect(screen.queryByRole('checkbox')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Next: show its projects' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose the ward or area you live in.');

    await user.click(within(question).getByRole('radio', { name: 'Stirches' }));
    await user.click(screen.getByRole('button', { name: 'Next: show its projects' }));
    await expectFocusedHeading('Projects in your area');
    expect(screen.getByText(/Your ward or area:/)).toHaveTextContent('Your ward or area: Stirches');
    expect(new Set(titlesOfBoxes())).toEqual(new Set(STIRCHES.map((b) => b.title)));
    await user.click(box('Mural for the bus shelter'));

    // Changing the ward clears this part (not the first) and asks again.
    await user.click(screen.getByRole('button', { name: 'Change ward or area' }));
    await expectFocusedHeading('Projects in your area');
    await user.click(screen.getByRole('radio', { name: 'Burnfoot' }));
    await user.click(screen.getByRole('button', { name: 'Next: show its projects' }));
    await expectFocusedHeading('Projects in your area');
    expect(new Set(titlesOfBoxes())).toEqual(new Set(BURNFOOT.map((b) => b.title)));
    expect(screen.getAllByRole('checkbox').filter((b) => (b as HTMLInputElement).checked)).toEqual(
      [],
    );
    await user.click(box('Youth cooking club'));
    await user.click(screen.getByRole('button', { name: 'Next: check your choices' }));

    await expectFocusedHeading('Check your choices');
    const area = screen.getByRole('region', { name: 'Projects in your area' });
    expect(area).toHaveTextContent('Your ward or area: Burnfoot');
    expect(
      within(area)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Youth cooking club £2,400']);
    await user.click(screen.getByRole('button', { name: 'Cast my vote' }));
    await expectFocusedHeading('Thank you. Your vote has been saved.');
    const [ballot] = await listBallots(db, OWN_WARD.id);
    expect(ballot?.choice).toEqual({
      kind: 'sections',
      parts: [
        { section: 'everyone', choice: { kind: 'approval', bids: ['bus-shelter'] } },
        {
          section: 'my-area',
          ward: 'Burnfoot',
          choice: { kind: 'approval', bids: ['cooking-club'] },
        },
      ],
    });
  });
});

describe('the idle warning', () => {
  it('gives more time on the same ballot when the voter asks for it', async () => {
    const db = await stationWith(TWO_PARTS);
    const { user } = renderStation(db);
    await startParts(user, TWO_PARTS);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
    try {
      const tick = box('Youth cooking club');
      fireEvent.pointerDown(tick);
      fireEvent.click(tick);
      await wait(70_000);
      const warning = screen.getByRole('alertdialog', { name: 'Are you still there?' });
      const more = within(warning).getByRole('button', { name: 'I need more time' });
      fireEvent.pointerDown(more);
      fireEvent.click(more);
      // Twice the usual 90 seconds before the end, so no warning at 70 or at 150.
      await wait(150_000);
      expect(screen.queryByRole('alertdialog')).toBeNull();
      await wait(10_000);
      expect(screen.getByRole('alertdialog')).toBeInTheDocument();
      expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(EVERYONE.title);
      expect(box('Youth cooking club')).toBeChecked();
    } finally {
      vi.useRealTimers();
    }
  });
});

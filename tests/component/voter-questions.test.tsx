/**
 * The eligibility questions after Start and the equalities questions after the vote, at the
 * station: one question per screen, found by role and label; "prefer not to say" only where the
 * organiser allows; the area answers the own-area part (no second ward question) and goes on the
 * ballot of a weighted event; the equalities questions are each skippable and stored apart.
 */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { eventSchema, type EventDefinition } from '../../src/core/schema.ts';
import { listBallots } from '../../src/db/ballot-repo.ts';
import { expectFocusedHeading, heading, renderStation, stationWith } from './station-harness.tsx';

const WARDED: EventDefinition = eventSchema.parse({
  ...DEMO_EVENT,
  id: 'questions-demo',
  method: undefined,
  bids: DEMO_EVENT.bids.map((b, i) => ({ ...b, ward: i < 7 ? 'Burnfoot' : 'Stirches' })),
  sections: [
    {
      id: 'my-area',
      title: 'Projects in your area',
      scope: { kind: 'own-ward' },
      method: { kind: 'approval', min: 1, max: 1 },
    },
  ],
  checkIn: {
    questions: { ageBand: { required: true }, area: { weights: { Stirches: '2' } } },
    equalities: ['disability', 'gender'],
  },
});

const group = (name: string) => screen.getByRole('group', { name });

describe('eligibility questions', () => {
  it('ask one question a screen, then the own-area part shows without asking the ward again', async () => {
    const db = await stationWith(WARDED);
    const { user } = renderStation(db);
    await heading(WARDED.name);
    await user.click(screen.getByRole('button', { name: 'Start voting' }));
    await expectFocusedHeading('Before you vote');
    expect(screen.getByText('Question 1 of 2')).toBeInTheDocument();
    // Required by the organiser: no "prefer not to say", and Next without an answer says so.
    const age = group('How old are you?');
    expect(within(age).getAllByRole('radio')).toHaveLength(6);
    expect(within(age).queryByRole('radio', { name: 'Prefer not to say' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Please choose an answer.');
    await user.click(within(age).getByRole('radio', { name: '45 to 64' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));

    // The area answers the own-area part, so it is required: no "prefer not to say".
    const area = group('Which area do you live in?');
    expect(within(area).getAllByRole('radio')).toHaveLength(2);
    expect(within(area).queryByRole('radio', { name: 'Prefer not to say' })).toBeNull();
    await user.click(within(area).getByRole('radio', { name: 'Stirches' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await heading('The projects');
    await user.click(screen.getByRole('button', { name: 'Next: choose projects' }));
    await heading('Projects in your area');
    expect(screen.queryByRole('group', { name: /ward or area do you live in/ })).toBeNull();
    const yours = (_: string, el: Element | null) =>
      el?.tagName === 'P' && el.textContent === 'Your ward or area: Stirches';
    expect(screen.getByText(yours)).toBeInTheDocument();
    expect(screen.getAllByRole('checkbox')).toHaveLength(DEMO_EVENT.bids.length - 7);
    const [first] = screen.getAllByRole('checkbox');
    if (first) await user.click(first);
    await user.click(screen.getByRole('button', { name: /^Next/ }));
    await heading('Check your choices');
    await user.click(screen.getByRole('button', { name: 'Cast my vote' }));
    await heading('Thank you. Your vote has been saved.');

    // The ballot carries the area (the event weights it), and nothing of the age band.
    const [ballot] = await listBallots(db, WARDED.id);
    expect(ballot?.area).toBe('Stirches');
    expect(JSON.stringify(ballot)).not.toContain('45-64');
  });
});

describe('equalities questions', () => {
  it('are offered after the vote, each skippable, and stored apart from the ballot', async () => {
    const plain: EventDefinition = {
      ...DEMO_EVENT,
      id: 'equalities-demo',
      checkIn: { equalities: ['disability', 'gender'] },
    };
    const db = await stationWith(plain);
    const { user } = renderStation(db);
    await heading(plain.name);
    await user.click(screen.getByRole('button', { name: 'Start voting' }));
    await heading('The projects');
    await user.click(screen.getByRole('button', { name: 'Next: choose projects' }));
    await heading('Choose projects');
    await user.click(screen.getByRole('checkbox', { name: /Burnfoot gala day/ }));
    await user.click(screen.getByRole('button', { name: 'Next: check your choices' }));
    await user.click(await screen.findByRole('button', { name: 'Cast my vote' }));
    await heading('Thank you. Your vote has been saved.');

    await user.click(
      await screen.findByRole('button', { name: 'Answer 2 short questions about you' }),
    );
    await expectFocusedHeading('About you (optional)');
    // Nothing chosen: only skipping moves on.
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Skip this question' }));
    const gender = group('How would you describe your gender?');
    await user.click(within(gender).getByRole('radio', { name: 'Prefer not to say' }));
    await user.click(screen.getByRole('button', { name: 'Finish' }));
    await heading(plain.name);

    const rows = await db.equalities.toArray();
    expect(rows.map((r) => r.answers)).toEqual([{ gender: 'prefer-not-to-say' }]);
    const [ballot] = await listBallots(db, plain.id);
    expect(JSON.stringify(rows)).not.toContain(ballot?.id ?? '-');
  });

  it('store nothing when every question is skipped', async () => {
    const plain: EventDefinition = {
      ...DEMO_EVENT,
      id: 'equalities-skip',
      checkIn: { equalities: ['age-band'] },
    };
    const db = await stationWith(plain);
    const { user } = renderStation(db);
    await heading(plain.name);
    await user.click(screen.getByRole('button', { name: 'Start voting' }));
    await heading('The projects');
    await user.click(screen.getByRole('button', { name: 'Next: choose projects' }));
    await user.click(await screen.findByRole('checkbox', { name: /Burnfoot gala day/ }));
    await user.click(screen.getByRole('button', { name: 'Next: check your choices' }));
    await user.click(await screen.findByRole('button', { name: 'Cast my vote' }));
    await user.click(
      await screen.findByRole('button', { name: 'Answer 1 short question about you' }),
    );
    await expectFocusedHeading('About you (optional)');
    await user.click(screen.getByRole('button', { name: 'Skip this question' }));
    await heading(plain.name);
    expect(await db.equalities.count()).toBe(0);
  });
});

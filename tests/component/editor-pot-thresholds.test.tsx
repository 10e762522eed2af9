/**
 * A pot's own threshold: set on the Pots and rules screen as a percent beside that pot, saved as
 * the pot's `thresholds`, refused beside the field when it is not a percent; and on the Results
 * screen, the bids it left out are listed beside that pot with why.
 */
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { PotsScreen } from '../../src/app/organiser/editor/PotsScreen.tsx';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { Ballot, EventDefinition } from '../../src/core/schema.ts';
import { SMALL } from './editor-event.ts';
import { fakeEditorServer, renderEditor } from './editor-fake-api.tsx';
import {
  bloc,
  expectedTally,
  fakeServer,
  openScreen,
  renderOrganiser,
  signIn,
} from './organiser-fake-api.ts';

afterEach(cleanup);

const LABEL = 'At least this share of voters, for this pot (percent, optional)';

async function openPots(event: EventDefinition = SMALL) {
  const server = fakeEditorServer([event]);
  await renderEditor(server, `/events/${event.id}/pots`, [
    {
      path: '/events/:eventId/pots',
      render: (p: Record<string, string>) => <PotsScreen eventId={p['eventId'] ?? ''} />,
    },
  ]);
  await screen.findByRole('group', { name: 'Pot 1: Arts pot' });
  return { user: userEvent.setup(), server };
}

const saved = (server: ReturnType<typeof fakeEditorServer>) =>
  server.events.get('hawick')?.definition;

describe('a pot’s own threshold on Pots and rules', () => {
  it('saves 10% on one pot only, and says the event has none to fall back on', async () => {
    const { user, server } = await openPots();
    const arts = screen.getByRole('group', { name: 'Pot 1: Arts pot' });
    const field = within(arts).getByRole('spinbutton', { name: LABEL });
    expect(field).toHaveValue(null);
    expect(field).toHaveAccessibleDescription(/use the event’s threshold \(it has none\)/);
    await user.type(field, '10');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved');
    expect(saved(server)?.pots[0]?.thresholds).toEqual({ minSupportShare: 0.1 });
    expect(saved(server)?.pots[1]).not.toHaveProperty('thresholds');
    expect(saved(server)).not.toHaveProperty('thresholds');
  });

  it('names the event’s threshold it replaces, keeps 0 as "none for this pot", and empties back to the event’s', async () => {
    const { user, server } = await openPots({
      ...SMALL,
      thresholds: { minSupportShare: 0.2 },
      pots: SMALL.pots.map((p, i) =>
        i === 1 ? { ...p, thresholds: { minSupportShare: 0.05 } } : p,
      ),
    });
    const main = screen.getByRole('group', { name: 'Pot 2: Main pot' });
    const field = within(main).getByRole('spinbutton', { name: LABEL });
    expect(field).toHaveValue(5);
    expect(field).toHaveAccessibleDescription(/use the event’s threshold \(20%\)/);
    await user.clear(field);
    const arts = within(screen.getByRole('group', { name: 'Pot 1: Arts pot' })).getByRole(
      'spinbutton',
      { name: LABEL },
    );
    await user.type(arts, '0');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved');
    expect(saved(server)?.pots[0]?.thresholds).toEqual({ minSupportShare: 0 });
    expect(saved(server)?.pots[1]).not.toHaveProperty('thresholds');
    expect(saved(server)?.thresholds).toEqual({ minSupportShare: 0.2 });
  });

  it('refuses a share over 100% beside the field, and does not save', async () => {
    const { user, server } = await openPots();
    const arts = screen.getByRole('group', { name: 'Pot 1: Arts pot' });
    const field = within(arts).getByRole('spinbutton', { name: LABEL });
    await user.type(field, '150');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(/Give a whole percent from 0 to 100\./);
    expect(server.calls).not.toContain('save');
  });
});

async function showResults(event: EventDefinition, ballots: Ballot[]) {
  const user = userEvent.setup();
  await renderOrganiser({ api: fakeServer(event, ballots).api });
  await signIn(user, event.name);
  await openScreen(user, 'Results');
}

describe('a pot’s own threshold on Results', () => {
  it('lists beside that pot the bid it left out, with why, while the next pot funds it', async () => {
    // Health pot needs 10% of voters. 19 of 20 ballots choose the gala day, 1 the health walks:
    // 1 < 10% × 20, so the health pot leaves the walks out and the community fund funds them.
    const event: EventDefinition = {
      ...DEMO_EVENT,
      pots: DEMO_EVENT.pots.map((p) =>
        p.id === 'health' ? { ...p, thresholds: { minSupportShare: 0.1 } } : p,
      ),
    };
    const ballots = [
      ...bloc(event, 'gala', 19, ['gala-day']),
      ...bloc(event, 'walks', 1, ['walking-group']),
    ];
    const expected = expectedTally(event, ballots, event.rule);
    expect(expected.pots.map((p) => p.selected)).toEqual([[], ['gala-day', 'walking-group']]);

    await showResults(event, ballots);
    const health = await screen.findByRole('region', { name: 'Health and wellbeing pot' });
    const list = within(health).getByRole('list', { name: 'Left out by this pot’s own threshold' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Health walks for all ages — Supported on 1 of 20 ballots, below the 10% threshold.',
    ]);
    const main = screen.getByRole('region', { name: 'Community fund' });
    // The community fund has no threshold of its own: nothing listed as left out by one (its
    // list of why each bid was or was not funded is another list).
    expect(
      within(main).queryByRole('list', { name: 'Left out by this pot’s own threshold' }),
    ).toBeNull();
    expect(within(main).getByRole('table')).toHaveTextContent('Health walks for all ages');
  });

  it('does not say the event’s threshold ruled out a bid a pot with its own threshold funded', async () => {
    // The event needs 10%; the community fund says 0 (none for it). The walks, on 1 of 20, are
    // ruled out by the event's threshold (which the health pot counts with), yet funded.
    const event: EventDefinition = {
      ...DEMO_EVENT,
      thresholds: { minSupportShare: 0.1 },
      pots: DEMO_EVENT.pots.map((p) =>
        p.id === 'main' ? { ...p, thresholds: { minSupportShare: 0 } } : p,
      ),
    };
    const ballots = [
      ...bloc(event, 'gala', 19, ['gala-day']),
      ...bloc(event, 'walks', 1, ['walking-group']),
    ];
    expect(expectedTally(event, ballots, event.rule).selected).toEqual([
      'gala-day',
      'walking-group',
    ]);
    await showResults(event, ballots);
    const chart = await screen.findByRole('figure', { name: 'Support for each bid' });
    const walks = within(chart)
      .getAllByRole('listitem')
      .find((li) => li.textContent?.includes('Health walks for all ages'));
    expect(walks).toHaveTextContent('— funded');
    expect(walks).not.toHaveTextContent('ruled out');
    // A bid no pot's own threshold covers still says it: chair yoga, on no ballot.
    const yoga = within(chart)
      .getAllByRole('listitem')
      .find((li) => li.textContent?.includes('Chair yoga for older people'));
    expect(yoga).toHaveTextContent('ruled out: Supported on 0 of 20 ballots');
  });
});

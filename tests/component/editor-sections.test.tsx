import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { BallotScreen } from '../../src/app/organiser/editor/BallotScreen.tsx';
import { BidsScreen } from '../../src/app/organiser/editor/BidsScreen.tsx';
import { PotsScreen } from '../../src/app/organiser/editor/PotsScreen.tsx';
import { SetUpScreen } from '../../src/app/organiser/editor/SetUpScreen.tsx';
import type { EventDefinition } from '../../src/core/schema.ts';
import { SMALL } from './editor-event.ts';
import { fakeEditorServer, renderEditor } from './editor-fake-api.tsx';

afterEach(cleanup);

const id = (p: Record<string, string>) => p['eventId'] ?? '';
const screens = [
  {
    path: '/events/:eventId/setup',
    render: (p: Record<string, string>) => <SetUpScreen eventId={id(p)} />,
  },
  {
    path: '/events/:eventId/bids',
    render: (p: Record<string, string>) => <BidsScreen eventId={id(p)} />,
  },
  {
    path: '/events/:eventId/pots',
    render: (p: Record<string, string>) => <PotsScreen eventId={id(p)} />,
  },
  {
    path: '/events/:eventId/ballot',
    render: (p: Record<string, string>) => <BallotScreen eventId={id(p)} />,
  },
];

async function open(screenName: string, event: EventDefinition = SMALL) {
  const server = fakeEditorServer([event]);
  await renderEditor(server, `/events/${event.id}/${screenName}`, screens);
  return server;
}

const saved = (server: ReturnType<typeof fakeEditorServer>) =>
  server.events.get('hawick')?.definition;

describe('a ballot of several parts', () => {
  it('adds a part over some categories with its own limits, and saves sections instead of a method', async () => {
    const user = userEvent.setup();
    const server = await open('ballot');
    await user.click(await screen.findByRole('radio', { name: 'Several parts' }));
    await user.click(screen.getByRole('button', { name: 'Add a part' }));

    const second = screen.getByRole('group', { name: 'Part 2: Part 2' });
    const title = within(second).getByRole('textbox', { name: 'Title voters see' });
    await user.clear(title);
    await user.type(title, 'Arts boost');
    const part = screen.getByRole('group', { name: 'Part 2: Arts boost' });
    await user.click(within(part).getByRole('radio', { name: 'Bids in these categories' }));
    await user.click(within(part).getByRole('checkbox', { name: 'Arts' }));
    expect(within(part).getByText('1 bid is in this part.')).toBeInTheDocument();
    const most = within(part).getByRole('spinbutton', { name: 'Most bids a voter may choose' });
    await user.clear(most);
    await user.type(most, '1');
    await user.type(within(part).getByRole('textbox', { name: 'Title in Cymraeg' }), 'Hwb celf');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Saved');
    const definition = saved(server);
    expect(definition?.method).toBeUndefined();
    expect(definition?.sections).toEqual([
      {
        id: 'part-1',
        title: 'Part 1',
        scope: { kind: 'all' },
        method: { kind: 'approval', min: 1, max: 3 },
      },
      {
        id: 'part-2',
        title: 'Arts boost',
        translations: { cy: { title: 'Hwb celf' } },
        scope: { kind: 'categories', categories: ['arts'] },
        method: { kind: 'approval', min: 1, max: 1 },
      },
    ]);
  });

  it('puts each problem beside its field and sends nothing: a part over no bids, a most below the fewest', async () => {
    const user = userEvent.setup();
    const server = await open('ballot');
    await user.click(await screen.findByRole('radio', { name: 'Several parts' }));
    await user.click(screen.getByRole('button', { name: 'Add a part' }));
    const first = screen.getByRole('group', { name: 'Part 1: Part 1' });
    const fewest = within(first).getByRole('spinbutton', {
      name: 'Fewest bids a voter must choose',
    });
    await user.clear(fewest);
    await user.type(fewest, '3');
    const most = within(first).getByRole('spinbutton', { name: 'Most bids a voter may choose' });
    await user.clear(most);
    await user.type(most, '2');
    const second = screen.getByRole('group', { name: 'Part 2: Part 2' });
    await user.click(within(second).getByRole('radio', { name: 'Only these bids' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(most).toHaveAttribute('aria-invalid', 'true');
    expect(most).toHaveAccessibleDescription(/\(2\).*\(3\)/);
    // The other part's limits are right: nothing is said beside them.
    const otherMost = within(second).getByRole('spinbutton', {
      name: 'Most bids a voter may choose',
    });
    expect(otherMost).not.toHaveAttribute('aria-invalid');
    const scope = within(second).getByRole('group', { name: 'Bids in this part' });
    expect(scope).toHaveAccessibleDescription(/No bid is in this part: choose other bids for it\./);
    expect(within(second).getByText('0 bids are in this part.')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(/^Put 3 problems right before saving/);
    expect(server.calls).not.toContain('save');
  });

  it('moves a part up and saves the new order', async () => {
    const user = userEvent.setup();
    const server = await open('ballot');
    await user.click(await screen.findByRole('radio', { name: 'Several parts' }));
    await user.click(screen.getByRole('button', { name: 'Choose 3 plus one boost in a category' }));
    expect(screen.getByRole('group', { name: 'Part 1: Choose up to 3 bids' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Move part “One boost” up' }));
    expect(screen.getByRole('group', { name: 'Part 1: One boost' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Part 2: Choose up to 3 bids' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved');
    expect(saved(server)?.sections?.map((s) => s.title)).toEqual([
      'One boost',
      'Choose up to 3 bids',
    ]);
    expect(saved(server)?.sections?.[0]?.scope).toEqual({
      kind: 'categories',
      categories: ['sport'],
    });
  });

  it('offers the own-ward scope only once bids have wards, saying why', async () => {
    const user = userEvent.setup();
    await open('ballot');
    await user.click(await screen.findByRole('radio', { name: 'Several parts' }));
    const ownWard = screen.getByRole('radio', { name: 'Bids in the voter’s own ward' });
    expect(ownWard).toBeDisabled();
    expect(ownWard).toHaveAccessibleDescription(/No bid has a ward yet/);

    cleanup();
    const withWards: EventDefinition = {
      ...SMALL,
      bids: SMALL.bids.map((b, i) => ({ ...b, ward: i === 0 ? 'Burnfoot' : 'Wilton' })),
    };
    const server = await open('ballot', withWards);
    await user.click(await screen.findByRole('radio', { name: 'Several parts' }));
    await user.click(screen.getByRole('button', { name: 'Up to 3 in your ward and 1 area-wide' }));
    const ward = screen.getByRole('group', { name: 'Part 1: Your ward' });
    expect(within(ward).getByRole('radio', { name: 'Bids in the voter’s own ward' })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved');
    expect(server.events.get('hawick')?.definition.sections?.map((s) => s.scope.kind)).toEqual([
      'own-ward',
      'all',
    ]);
  });

  it('goes back to one part with the method it had', async () => {
    const user = userEvent.setup();
    const server = await open('ballot');
    await user.click(await screen.findByRole('radio', { name: 'Several parts' }));
    await user.click(screen.getByRole('radio', { name: 'One part' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved');
    expect(saved(server)?.method).toEqual({ kind: 'approval', min: 1, max: 3 });
    expect(saved(server)?.sections).toBeUndefined();
  });
});

describe('the new fields', () => {
  it('saves the place, the last day and the tie-break policy on Set-up', async () => {
    const user = userEvent.setup();
    const server = await open('setup');
    await user.type(
      await screen.findByRole('textbox', { name: 'Where voting happens' }),
      'Burnfoot Community Hall',
    );
    const radio = screen.getByRole('radio', { name: 'More voters first' });
    expect(radio).toHaveAccessibleDescription(/the one more voters chose wins/);
    expect(screen.getByRole('radio', { name: 'Cheaper bid first' })).toBeChecked();
    await user.click(radio);
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved');
    expect(saved(server)).toMatchObject({
      place: 'Burnfoot Community Hall',
      tieBreak: 'more-voters-first',
    });
  });

  it('gives a pot its own rule, a Welsh name and wards it may fund', async () => {
    const user = userEvent.setup();
    const withWards: EventDefinition = {
      ...SMALL,
      bids: SMALL.bids.map((b, i) => ({ ...b, ward: i === 0 ? 'Burnfoot' : 'Wilton' })),
    };
    const server = await open('pots', withWards);
    const main = await screen.findByRole('group', { name: 'Pot 2: Main pot' });
    await user.selectOptions(
      within(main).getByRole('combobox', { name: 'Rule for this pot' }),
      'Method of Equal Shares',
    );
    await user.type(
      within(main).getByRole('textbox', { name: 'Pot name in Cymraeg' }),
      'Y brif gronfa',
    );
    await user.click(within(main).getByRole('radio', { name: 'Bids in these wards' }));
    await user.click(within(main).getByRole('checkbox', { name: 'Wilton' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved');
    expect(server.events.get('hawick')?.definition.pots[1]).toMatchObject({
      rule: 'equal-shares',
      translations: { cy: { name: 'Y brif gronfa' } },
      eligible: { kind: 'wards', wards: ['Wilton'] },
    });
  });

  it('gives a bid a ward and a further category', async () => {
    const user = userEvent.setup();
    const server = await open('bids');
    await user.click(await screen.findByRole('button', { name: 'Edit Football kit' }));
    await user.type(
      screen.getByRole('combobox', { name: 'Ward or area the bid serves' }),
      'Burnfoot',
    );
    const tags = screen.getByRole('group', { name: 'Also in these categories' });
    // The main category is not offered again.
    expect(within(tags).queryByRole('checkbox', { name: 'Sport' })).toBeNull();
    await user.click(within(tags).getByRole('checkbox', { name: 'Arts' }));
    await user.click(screen.getByRole('button', { name: 'Save bid' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved');
    expect(server.events.get('hawick')?.definition.bids[0]).toMatchObject({
      ward: 'Burnfoot',
      category: 'sport',
      tags: ['arts'],
    });
  });
});

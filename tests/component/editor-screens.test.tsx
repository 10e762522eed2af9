import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { EventLifecycle } from '../../src/app/organiser/editor/EventLifecycle.tsx';
import { BallotScreen } from '../../src/app/organiser/editor/BallotScreen.tsx';
import { BidsScreen } from '../../src/app/organiser/editor/BidsScreen.tsx';
import { PotsScreen } from '../../src/app/organiser/editor/PotsScreen.tsx';
import { SetUpScreen } from '../../src/app/organiser/editor/SetUpScreen.tsx';
import type { EventDefinition } from '../../src/core/schema.ts';
import { SMALL } from './editor-event.ts';
import { fakeEditorServer, renderEditor } from './editor-fake-api.tsx';

afterEach(cleanup);

const screens = [
  {
    path: '/events/:eventId/setup',
    render: (p: Record<string, string>) => (
      <>
        <EventLifecycle eventId={p['eventId'] ?? ''} />
        <SetUpScreen eventId={p['eventId'] ?? ''} />
      </>
    ),
  },
  {
    path: '/events/:eventId/bids',
    render: (p: Record<string, string>) => (
      <>
        <EventLifecycle eventId={p['eventId'] ?? ''} />
        <BidsScreen eventId={p['eventId'] ?? ''} />
      </>
    ),
  },
  {
    path: '/events/:eventId/pots',
    render: (p: Record<string, string>) => (
      <>
        <EventLifecycle eventId={p['eventId'] ?? ''} />
        <PotsScreen eventId={p['eventId'] ?? ''} />
      </>
    ),
  },
  {
    path: '/events/:eventId/ballot',
    render: (p: Record<string, string>) => (
      <>
        <EventLifecycle eventId={p['eventId'] ?? ''} />
        <BallotScreen eventId={p['eventId'] ?? ''} />
      </>
    ),
  },
];

/** SMALL with a bid dearer than every pot: it stops the event opening. */
const TOO_DEAR: EventDefinition = {
  ...SMALL,
  bids: [
    ...SMALL.bids,
    { id: 'hall', title: 'New hall', group: '', amount: 9_000_000, summary: '' },
  ],
};

async function open(screenName: string, event: EventDefinition = SMALL) {
  const server = fakeEditorServer([event]);
  const harness = await renderEditor(server, `/events/${event.id}/${screenName}`, screens);
  return { server, harness };
}

describe('event set-up', () => {
  it('saves the name, languages and translations, and shows the lifecycle with its next step', async () => {
    const user = userEvent.setup();
    const { server } = await open('setup');
    expect(await screen.findByText('State: Draft')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Set-up' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Open voting' })).toBeInTheDocument();

    const name = screen.getByRole('textbox', { name: 'Event name' });
    await user.clear(name);
    await user.type(name, 'Hawick Youth Fund 2026');
    // Each language is named in itself.
    const polski = screen.getByRole('checkbox', { name: 'Polski' });
    expect(screen.getByText('Polski')).toHaveAttribute('lang', 'pl');
    await user.click(polski);
    await user.selectOptions(screen.getByRole('combobox', { name: 'First language' }), 'Cymraeg');
    await user.type(
      screen.getByRole('textbox', { name: 'Event name in English' }),
      'Hawick Youth Fund',
    );
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Saved (version 2).');
    const saved = server.events.get('hawick')?.definition;
    expect(saved?.name).toBe('Hawick Youth Fund 2026');
    expect(saved?.languages).toEqual(['cy', 'en-GB', 'pl']);
    expect(saved?.translations?.['en-GB']?.name).toBe('Hawick Youth Fund');
  });

  it('puts a problem beside its field and sends nothing while the name is empty', async () => {
    const user = userEvent.setup();
    const { server } = await open('setup');
    const name = await screen.findByRole('textbox', { name: 'Event name' });
    await user.clear(name);
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Put 1 problem right before saving');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription('This cannot be empty or zero.');
    expect(server.calls).not.toContain('save');
  });

  it('never overwrites someone else’s change: says so and offers to reload', async () => {
    const user = userEvent.setup();
    const { server } = await open('setup');
    const name = await screen.findByRole('textbox', { name: 'Event name' });
    server.changeBehindTheScenes('hawick', (e) => ({ ...e, name: 'Changed by Sam' }));
    await user.clear(name);
    await user.type(name, 'Mine');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('someone else changed this event');
    expect(server.events.get('hawick')?.definition.name).toBe('Changed by Sam');

    await user.click(within(alert).getByRole('button', { name: 'Reload the event' }));
    expect(await screen.findByDisplayValue('Changed by Sam')).toBeInTheDocument();
  });

  it('asks before opening voting, explaining what it changes, and shows the new state', async () => {
    const user = userEvent.setup();
    const { server } = await open('setup');
    await user.click(await screen.findByRole('button', { name: 'Open voting' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Open voting now?' });
    expect(dialog).toHaveAccessibleDescription(/The event is frozen as it is now/);
    await user.click(within(dialog).getByRole('button', { name: 'Not now' }));
    expect(server.calls).not.toContain('state');

    await user.click(screen.getByRole('button', { name: 'Open voting' }));
    await user.click(
      within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Open voting' }),
    );
    expect(await screen.findByText('State: Voting open')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Close voting' })).toBeInTheDocument();
    expect(server.events.get('hawick')?.state).toBe('open');
  });

  it('folds the next step and the package behind one button on a narrow screen, never the state or what stops opening', async () => {
    const user = userEvent.setup();
    await open('setup', TOO_DEAR);
    const toFix = await screen.findByText('1 thing to put right before voting can open:');
    const lifecycle = screen.getByRole('region', { name: /^State: Draft/ });
    const fold = within(lifecycle).getByRole('button', { name: 'Next step and the event package' });
    expect(fold).toHaveAttribute('aria-expanded', 'false');
    // Whether the panel shows is CSS (below 40em): organiser-screens.spec.ts checks it in Chromium.
    const panel = document.getElementById(fold.getAttribute('aria-controls') ?? '') as HTMLElement;
    expect(within(panel).getByRole('button', { name: 'Open voting' })).toBeInTheDocument();
    expect(
      within(panel).getByRole('button', { name: 'Download the event package' }),
    ).toBeInTheDocument();
    expect(panel).not.toContainElement(within(lifecycle).getByText('State: Draft'));
    expect(panel).not.toContainElement(toFix);

    await user.click(fold);
    expect(fold).toHaveAttribute('aria-expanded', 'true');
    await user.keyboard('{Escape}');
    expect(fold).toHaveAttribute('aria-expanded', 'false');
    expect(fold).toHaveFocus();
  });

  it('refuses to open an event with problems and lists them in words', async () => {
    const user = userEvent.setup();
    await open('setup', TOO_DEAR);
    expect(
      await screen.findByText('1 thing to put right before voting can open:'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        '“New hall” costs £90,000, more than any pot it may come from can hold (£6,000).',
      ),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Open voting' }));
    await user.click(
      within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Open voting' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('“New hall” costs');
  });
});

describe('bids', () => {
  it('adds a bid with cost in pounds, a picture and its description, and a Welsh title', async () => {
    const user = userEvent.setup();
    const { server } = await open('bids');
    await user.click(await screen.findByRole('button', { name: 'Add a bid' }));
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'Skate ramp');
    await user.type(screen.getByRole('textbox', { name: 'Cost' }), '£2,400.50');
    await user.type(screen.getByRole('textbox', { name: 'Short summary' }), 'A ramp by the park');
    await user.upload(
      screen.getByLabelText('Choose a picture'),
      new File([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])], 'ramp.jpg', { type: 'image/jpeg' }),
    );
    await screen.findByText('Picture uploaded. Describe it below, then save the bid.');
    await user.click(screen.getByRole('button', { name: 'Save bid' }));
    const alt = screen.getByRole('textbox', { name: 'Describe the picture' });
    expect(alt).toHaveAttribute('aria-invalid', 'true');
    expect(alt).toHaveAccessibleDescription(/voters who cannot see it need the words/);
    expect(server.calls).not.toContain('save');

    await user.type(alt, 'A wooden skate ramp');
    await user.type(screen.getByRole('textbox', { name: 'Title in Cymraeg' }), 'Ramp sglefrio');
    await user.click(screen.getByRole('button', { name: 'Save bid' }));
    expect(await screen.findByText('Saved “Skate ramp”.')).toBeInTheDocument();
    const bid = server.events.get('hawick')?.definition.bids.at(-1);
    expect(bid).toMatchObject({
      id: 'skate-ramp',
      title: 'Skate ramp',
      amount: 240_050,
      imageAlt: 'A wooden skate ramp',
      translations: { cy: { title: 'Ramp sglefrio' } },
    });
    expect(bid?.image).toMatch(/^api\/pictures\/[0-9a-f]{64}\.jpg$/);
    expect(server.pictures).toHaveLength(1);
  });

  it('moves a bid with buttons and keeps focus on it; removes one after asking', async () => {
    const user = userEvent.setup();
    const { server } = await open('bids');
    await user.click(await screen.findByRole('button', { name: 'Move Park benches up' }));
    await screen.findByText('Moved “Park benches” to number 2.');
    expect(server.events.get('hawick')?.definition.bids.map((b) => b.id)).toEqual([
      'kit',
      'bench',
      'mural',
    ]);
    await screen.findByRole('button', { name: 'Move Park benches up' });
    await new Promise((r) => requestAnimationFrame(r));
    expect(screen.getByRole('button', { name: 'Move Park benches up' })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Remove Football kit' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Remove “Football kit”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove the bid' }));
    await screen.findByText('Removed “Football kit”.');
    expect(server.events.get('hawick')?.definition.bids.map((b) => b.id)).toEqual([
      'bench',
      'mural',
    ]);
  });

  it('says what was saved and what was not when the connection drops', async () => {
    const user = userEvent.setup();
    const { server } = await open('bids');
    await user.click(await screen.findByRole('button', { name: 'Edit Station mural' }));
    await user.upload(
      screen.getByLabelText('Choose a picture'),
      new File([new Uint8Array([1, 2, 3])], 'mural.png', { type: 'image/png' }),
    );
    await screen.findByText('Picture uploaded. Describe it below, then save the bid.');
    await user.type(
      screen.getByRole('textbox', { name: 'Describe the picture' }),
      'A painted wall',
    );
    server.unreachable = true;
    await user.click(screen.getByRole('button', { name: 'Save bid' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not saved.');
    expect(alert).toHaveTextContent(
      'The picture was uploaded and is kept on the server; the bid’s other changes were not saved.',
    );
    expect(screen.getByRole('textbox', { name: 'Describe the picture' })).toHaveValue(
      'A painted wall',
    );

    server.unreachable = false;
    await user.click(screen.getByRole('button', { name: 'Save bid' }));
    expect(await screen.findByText('Saved “Station mural”.')).toBeInTheDocument();
  });
});

describe('pots and rules', () => {
  it('names a bid no pot can fund as the organiser changes eligibility, and saves budgets', async () => {
    const user = userEvent.setup();
    const { server } = await open('pots');
    expect(
      await screen.findByText('Every bid can be funded by at least one pot.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Pots and rules' })).toBeInTheDocument();
    const main = screen.getByRole('group', { name: 'Pot 2: Main pot' });
    await user.click(within(main).getByRole('radio', { name: 'Bids in these categories' }));
    await user.click(within(main).getByRole('checkbox', { name: 'Sport' }));
    expect(
      screen.getByText('No pot may fund “Park benches”: make it eligible for a pot.'),
    ).toBeInTheDocument();

    const budget = within(main).getByRole('textbox', { name: 'Budget' });
    await user.clear(budget);
    await user.type(budget, '7,500');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved');
    const saved = server.events.get('hawick')?.definition.pots[1];
    expect(saved).toMatchObject({
      budget: 750_000,
      eligible: { kind: 'categories', categories: ['sport'] },
    });
  });

  it('refuses a roll-over that goes backwards after reordering, beside the roll-over field', async () => {
    const user = userEvent.setup();
    const { server } = await open('pots');
    await user.click(await screen.findByRole('button', { name: 'Move Main pot up' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const rollOver = within(screen.getByRole('group', { name: 'Pot 2: Arts pot' })).getByRole(
      'combobox',
      {
        name: 'Unspent money rolls over to',
      },
    );
    expect(rollOver).toHaveAttribute('aria-invalid', 'true');
    expect(rollOver).toHaveAccessibleDescription(
      /Money can only roll over to a pot later in the order\./,
    );
    expect(server.calls).not.toContain('save');
  });
});

describe('ballot', () => {
  it('switches to points and saves its limits; a reversed range is refused beside the fields', async () => {
    const user = userEvent.setup();
    const { server } = await open('ballot');
    await user.click(await screen.findByRole('radio', { name: 'Give scores' }));
    const lowest = screen.getByRole('spinbutton', { name: 'Lowest score' });
    await user.clear(lowest);
    await user.type(lowest, '6');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(lowest).toHaveAccessibleDescription(
      /The highest score \(5\) must be above the lowest \(6\)\./,
    );
    expect(server.calls).not.toContain('save');

    await user.click(screen.getByRole('radio', { name: 'Share points' }));
    const points = screen.getByRole('spinbutton', { name: 'Points each voter shares out' });
    await user.clear(points);
    await user.type(points, '12');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved');
    expect(server.events.get('hawick')?.definition.method).toEqual({
      kind: 'cumulative',
      points: 12,
      maxPerBid: 5,
    });
  });
});

import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { NewEventScreen } from '../../src/app/organiser/editor/NewEventScreen.tsx';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { fakeEditorServer, renderEditor } from './editor-fake-api.tsx';

afterEach(cleanup);

const routes = [
  { path: '/new', render: () => <NewEventScreen /> },
  { path: '/events/:eventId/setup', render: () => <p>set-up screen</p> },
];

const csv = (text: string, name = 'bids.csv') => new File([text], name, { type: 'text/csv' });

const BIDS_CSV = [
  'Project name,Organisation,Amount requested (£),Theme',
  'Canal clean-up,Friends of the Canal,"£2,400",Environment',
  'Youth football kit,Burnfoot Juniors,950,Sport',
  'Lunch club,Age Concern,abc,Older people',
  '',
].join('\r\n');

describe('a new event', () => {
  it('creates a blank event from a name and opens its set-up', async () => {
    const user = userEvent.setup();
    const server = fakeEditorServer([]);
    const harness = await renderEditor(server, '/new', routes);

    await screen.findByRole('heading', { level: 1, name: 'New event' });
    await user.click(screen.getByRole('button', { name: 'Create event' }));
    const name = screen.getByRole('textbox', { name: 'Event name' });
    expect(name).toHaveAccessibleDescription(/Give the event a name\./);
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(server.calls).not.toContain('create');

    await user.type(name, 'Burnfoot Choices 2026');
    await user.click(screen.getByRole('button', { name: 'Create event' }));
    await screen.findByText('set-up screen');
    expect(harness.location()).toBe('/events/burnfoot-choices-2026/setup');
    expect(server.events.get('burnfoot-choices-2026')?.definition.name).toBe(
      'Burnfoot Choices 2026',
    );
  });

  it('copies an existing event under a new name', async () => {
    const user = userEvent.setup();
    const server = fakeEditorServer([DEMO_EVENT]);
    const harness = await renderEditor(server, '/new', routes);
    await user.click(await screen.findByRole('radio', { name: 'A copy of an event' }));
    expect(screen.getByRole('combobox', { name: 'Event to copy' })).toHaveDisplayValue(
      DEMO_EVENT.name,
    );
    await user.type(
      screen.getByRole('textbox', { name: 'Name of the new event (optional)' }),
      'Next year',
    );
    await user.click(screen.getByRole('button', { name: 'Create the copy' }));
    await screen.findByText('set-up screen');
    expect(harness.location()).toBe(`/events/${DEMO_EVENT.id}-copy/setup`);
    expect(server.events.get(`${DEMO_EVENT.id}-copy`)?.definition.bids).toEqual(DEMO_EVENT.bids);
  });

  it('imports a spreadsheet: recognised columns, every row with its problems, nothing saved until confirmed', async () => {
    const user = userEvent.setup();
    const server = fakeEditorServer([]);
    const harness = await renderEditor(server, '/new', routes);
    await user.click(await screen.findByRole('radio', { name: 'A spreadsheet of bids' }));

    await user.click(screen.getByRole('button', { name: 'Download a template spreadsheet (CSV)' }));
    expect(harness.saved[0]?.fileName).toBe('bids-template.csv');
    expect(harness.saved[0]?.text).toMatch(/^Title,Group,Cost/);

    await user.upload(
      screen.getByLabelText('Spreadsheet of bids'),
      csv(BIDS_CSV, 'Burnfoot_bids.csv'),
    );
    await screen.findByRole('heading', { name: 'Check the bids' });
    expect(
      screen.getByText(/Columns used: “Project name” as Title; “Organisation” as Group/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('3 rows read: 2 become bids, 1 problem to look at.'),
    ).toBeInTheDocument();

    const table = screen.getByRole('table', { name: 'Every row of the file, with its problems' });
    const lunch = within(table).getByRole('row', { name: /Lunch club/ });
    expect(lunch).toHaveTextContent('Left out.');
    const canal = within(table).getByRole('row', { name: /Canal clean-up/ });
    expect(canal).toHaveTextContent('£2,400');
    expect(lunch).toHaveTextContent('“abc” is not an amount.');
    expect(server.calls).toEqual([]);

    expect(screen.getByRole('textbox', { name: 'Event name' })).toHaveValue('Burnfoot bids');
    await user.click(screen.getByRole('button', { name: 'Create the event with 2 bids' }));
    await screen.findByText('set-up screen');
    const created = server.events.get('burnfoot-bids')?.definition;
    expect(created?.bids.map((b) => [b.title, b.amount])).toEqual([
      ['Canal clean-up', 240000],
      ['Youth football kit', 95000],
    ]);
    expect(created?.pots[0]?.name).toBe('Main fund');
  });

  it('asks which column holds what when the header is not recognised', async () => {
    const user = userEvent.setup();
    const server = fakeEditorServer([]);
    await renderEditor(server, '/new', routes);
    await user.click(await screen.findByRole('radio', { name: 'A spreadsheet of bids' }));
    await user.upload(
      screen.getByLabelText('Spreadsheet of bids'),
      csv('Thing,Money\r\nBenches,1200\r\nBulbs,300\r\n'),
    );
    await screen.findByRole('heading', { name: 'Which column holds what?' });
    const thing = screen.getByRole('combobox', { name: 'Column “Thing”' });
    expect(thing).toHaveAccessibleDescription('For example: Benches · Bulbs');
    await user.click(screen.getByRole('button', { name: 'Use these columns' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose a column for: Title, Cost.');

    await user.selectOptions(thing, 'Title');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Column “Money”' }), 'Cost');
    await user.click(screen.getByRole('button', { name: 'Use these columns' }));
    await screen.findByRole('heading', { name: 'Check the bids' });
    expect(
      screen.getByRole('button', { name: 'Create the event with 2 bids' }),
    ).toBeInTheDocument();
    expect(server.calls).toEqual([]);
  });
});

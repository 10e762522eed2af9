/**
 * The registration desk's fields in the event editor's Check-in screen: turned on, what it asks,
 * the area lists one a line and the minimum age are saved exactly as `checkIn.desk`; a postcode
 * list entry that is no postcode is refused beside its field and nothing is saved.
 */
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckInScreen } from '../../src/app/organiser/editor/CheckInScreen.tsx';
import type { EventDefinition } from '../../src/core/schema.ts';
import { SMALL } from './editor-event.ts';
import { fakeEditorServer, renderEditor } from './editor-fake-api.tsx';

afterEach(cleanup);

const screens = [
  {
    path: '/events/:eventId/checkin',
    render: (p: Record<string, string>) => <CheckInScreen eventId={p['eventId'] ?? ''} />,
  },
];

async function open(event: EventDefinition = SMALL) {
  const server = fakeEditorServer([event]);
  await renderEditor(server, `/events/${event.id}/checkin`, screens);
  return server;
}

describe('the registration desk in the editor', () => {
  it('saves what the desk asks, the area one entry a line and the minimum age', async () => {
    const user = userEvent.setup();
    const server = await open();
    await user.click(
      await screen.findByRole('checkbox', { name: 'Register voters at a registration desk' }),
    );
    expect(screen.getByRole('checkbox', { name: 'Name or initials' })).toBeChecked();
    await user.click(screen.getByRole('checkbox', { name: 'Street' }));
    await user.type(screen.getByLabelText('Postcodes in the area'), 'td9 8{Enter}{Enter}TD9 7AB');
    await user.type(screen.getByLabelText('Streets in the area'), 'Mansfield Road');
    await user.selectOptions(screen.getByLabelText('Minimum age'), '16 or over');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved (version 2).');
    expect(server.events.get('hawick')?.definition.checkIn).toEqual({
      desk: {
        fields: ['name', 'postcode', 'street', 'ageBand'],
        postcodes: ['td9 8', 'TD9 7AB'],
        streets: ['Mansfield Road'],
        minimumAge: 16,
      },
    });
  });

  it('says when a setting cannot be checked because the desk does not ask for it', async () => {
    const user = userEvent.setup();
    await open({ ...SMALL, checkIn: { desk: { fields: ['name', 'ageBand'], minimumAge: 8 } } });
    await user.click(await screen.findByRole('checkbox', { name: 'Age band' }));
    expect(
      screen.getByText('The minimum age is not checked: the desk does not ask for the age band.'),
    ).toBeInTheDocument();
  });

  it('refuses a postcode list entry that is no postcode, saving nothing', async () => {
    const user = userEvent.setup();
    const server = await open({ ...SMALL, checkIn: { desk: { fields: ['postcode'] } } });
    await user.type(await screen.findByLabelText('Postcodes in the area'), 'Burnfoot');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByLabelText('Postcodes in the area')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(server.events.get('hawick')?.definition.checkIn).toEqual({
      desk: { fields: ['postcode'] },
    });
  });
});

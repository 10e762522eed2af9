// On a tablet set up as a voting station, /organiser says so and stays shut unless a volunteer
// opens it with the volunteer PIN (issue 11); a device that is no station signs in as before.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { freshDatabase, setUpDemoStation, TEST_PIN } from '../support/station-db.ts';
import { fakeServer, renderOrganiser } from './organiser-fake-api.ts';

const LOCKED = 'This tablet is a voting station';

afterEach(cleanup);

describe('the organiser’s area on a voting station', () => {
  it('says the tablet is a voting station, with no sign-in, until a volunteer’s PIN opens it', async () => {
    const { db } = await setUpDemoStation();
    const { api } = fakeServer(DEMO_EVENT, []);
    await renderOrganiser({ api, stationDb: db }, '/organiser', LOCKED);
    const user = userEvent.setup();
    expect(screen.queryByLabelText('Password')).toBeNull();
    expect(screen.getByRole('link', { name: 'Back to voting' })).toHaveAttribute('href', '/');

    await user.click(screen.getByRole('button', { name: 'Open with the volunteer PIN' }));
    const dialog = await screen.findByRole('dialog', { name: 'Open the organiser’s area' });
    await user.type(within(dialog).getByLabelText('Enter the volunteer PIN'), '0000');
    await user.click(within(dialog).getByRole('button', { name: 'Open' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'That PIN is not right. 4 tries left.',
    );
    expect(screen.queryByLabelText('Password')).toBeNull();

    await user.type(within(dialog).getByLabelText('Enter the volunteer PIN'), TEST_PIN);
    await user.click(within(dialog).getByRole('button', { name: 'Open' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sign in to organise' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: LOCKED })).toBeNull();
  });

  it('opens straight to the sign-in on a device that is no voting station', async () => {
    const { api } = fakeServer(DEMO_EVENT, []);
    await renderOrganiser({ api, stationDb: freshDatabase() });
    expect(screen.getByLabelText('Password')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: LOCKED })).toBeNull();
  });
});

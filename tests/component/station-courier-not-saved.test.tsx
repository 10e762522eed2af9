/**
 * A courier whose tablet is full: the other station's transfer arrives whole, but writing it to
 * the tablet's storage fails (a QuotaExceededError, as a full tablet gives). The volunteer reads
 * that these ballots were not saved and to hold the code up again; nothing is taken as kept (no
 * carried row, no "received", nothing offered to pass on).
 */
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { ballotsOf, closeCourier, openCourier, show } from './courier-harness.ts';
import { expectFocusedHeading, renderStation, stationWith } from './station-harness.tsx';

afterEach(closeCourier);

describe('receiving another station’s ballots on a full tablet', () => {
  it('says they were not saved, and keeps nothing', async () => {
    const db = await stationWith(DEMO_EVENT);
    const write = vi
      .spyOn(db.carried, 'add')
      .mockRejectedValue(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { user } = renderStation(db);
    await show(DEMO_EVENT, ballotsOf(DEMO_EVENT, 5));
    await openCourier(user);

    const list = screen.getByRole('list', { name: 'Stations in view' });
    const said = await within(list).findByText(
      'These ballots could not be saved on this tablet. Hold the code up again.',
      {},
      { timeout: 10_000 },
    );
    expect(said.closest('li')).toHaveClass('notice');
    expect(write).toHaveBeenCalled();
    expect(logged).toHaveBeenCalledWith('A received transfer was not saved', expect.anything());
    expect(await db.carried.count()).toBe(0);
    expect(within(list).queryByText(/Ballots received/)).not.toBeInTheDocument();
    expect(screen.queryByText(/Ballots carried for other stations/)).not.toBeInTheDocument();

    // Back in the volunteer area: nothing carried, nothing to pass on.
    await user.click(screen.getByRole('button', { name: 'Back to the volunteer area' }));
    await expectFocusedHeading('Volunteer area');
    expect(screen.queryByTestId('carried-summary')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Pass these on by camera/ }),
    ).not.toBeInTheDocument();
  }, 30_000);
});

/**
 * The event editor's Check-in screen: the organiser turns attended start and voting codes on and
 * off, and what is saved is exactly the event's `checkIn` (absent when nothing is on).
 */
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckInScreen, withCheckIn } from '../../src/app/organiser/editor/CheckInScreen.tsx';
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

describe('check-in screen', () => {
  it('turns attended start on, explains it, and saves it in the event', async () => {
    const user = userEvent.setup();
    const server = await open();
    expect(await screen.findByRole('heading', { level: 1, name: 'Check-in' })).toBeInTheDocument();
    const attended = await screen.findByRole('checkbox', {
      name: 'A volunteer starts each ballot',
    });
    expect(attended).not.toBeChecked();
    expect(attended).toHaveAccessibleDescription(/a volunteer taps “Next voter”/);
    expect(screen.getByRole('checkbox', { name: 'Voters use a voting code' })).not.toBeChecked();

    await user.click(attended);
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved (version 2).');
    expect(server.events.get('hawick')?.definition.checkIn).toEqual({ attended: true });
  });

  it('turning every mode off leaves the event without check-in, as before', async () => {
    const user = userEvent.setup();
    const server = await open({ ...SMALL, checkIn: { attended: true, codes: true } });
    const codes = await screen.findByRole('checkbox', { name: 'Voters use a voting code' });
    expect(codes).toBeChecked();
    await user.click(codes);
    await user.click(screen.getByRole('checkbox', { name: 'A volunteer starts each ballot' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved (version 2).');
    expect(server.events.get('hawick')?.definition).not.toHaveProperty('checkIn');
  });

  it('cannot be changed once the event has ballots', async () => {
    const server = fakeEditorServer([SMALL]);
    const stored = server.events.get('hawick');
    if (stored === undefined) throw new Error('no event');
    stored.state = 'open';
    stored.ballots = 3;
    await renderEditor(server, '/events/hawick/checkin', screens);
    expect(
      await screen.findByRole('checkbox', { name: 'A volunteer starts each ballot' }),
    ).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Save changes' })).toBeDisabled();
  });
});

describe('withCheckIn', () => {
  it('merges a change and drops what is off', () => {
    expect(withCheckIn(SMALL, { codes: true }).checkIn).toEqual({ codes: true });
    const both = withCheckIn(withCheckIn(SMALL, { codes: true }), { attended: true });
    expect(both.checkIn).toEqual({ codes: true, attended: true });
    expect(withCheckIn(both, { codes: false }).checkIn).toEqual({ attended: true });
    expect(
      withCheckIn(withCheckIn(both, { codes: false }), { attended: false }),
    ).not.toHaveProperty('checkIn');
  });
});

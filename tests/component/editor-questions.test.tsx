/**
 * The questions' fields on the editor's Check-in screen: the organiser asks the area question
 * with a weight for one ward and two equalities questions, and the event saves exactly that; a
 * weight that is not a decimal of up to 3 places is refused beside its field and nothing is saved.
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

const WARDED: EventDefinition = {
  ...SMALL,
  bids: SMALL.bids.map((b, i) => ({ ...b, ward: i === 0 ? 'Burnfoot' : 'Stirches' })),
};

async function open(event: EventDefinition) {
  const server = fakeEditorServer([event]);
  await renderEditor(server, `/events/${event.id}/checkin`, screens);
  return server;
}

describe('questions on the check-in screen', () => {
  it('saves the area question with one ward weighted, and two equalities questions', async () => {
    const user = userEvent.setup();
    const server = await open(WARDED);
    await user.click(
      await screen.findByRole('checkbox', { name: 'Ask which area the voter lives in' }),
    );
    await user.type(screen.getByRole('textbox', { name: 'Weight for Burnfoot' }), '1.5');
    await user.click(
      screen.getByRole('checkbox', { name: 'Do you consider yourself to have a disability?' }),
    );
    await user.click(screen.getByRole('checkbox', { name: 'How would you describe your gender?' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved (version 2).');
    expect(server.events.get(WARDED.id)?.definition.checkIn).toEqual({
      questions: { area: { weights: { Burnfoot: '1.5' } } },
      equalities: ['disability', 'gender'],
    });
  });

  it('refuses a weight with four decimal places beside its field, and saves nothing', async () => {
    const user = userEvent.setup();
    const server = await open(WARDED);
    await user.click(
      await screen.findByRole('checkbox', { name: 'Ask which area the voter lives in' }),
    );
    const weight = screen.getByRole('textbox', { name: 'Weight for Stirches' });
    await user.type(weight, '1.2345');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await expect.poll(() => weight.getAttribute('aria-invalid')).toBe('true');
    expect(server.events.get(WARDED.id)?.definition).not.toHaveProperty('checkIn');
  });
});

// The organiser's editor (issue 11, fault 7): a name with an invisible or bidi character is
// refused beside its field, worded, and nothing is sent; a real name in any script saves.
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { EventLifecycle } from '../../src/app/organiser/editor/EventLifecycle.tsx';
import { SetUpScreen } from '../../src/app/organiser/editor/SetUpScreen.tsx';
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
];

describe('an event name that deceives', () => {
  it('is refused beside its field and not sent; a real name saves', async () => {
    const user = userEvent.setup();
    const server = fakeEditorServer([SMALL]);
    await renderEditor(server, `/events/${SMALL.id}/setup`, screens);
    const name = await screen.findByRole('textbox', { name: 'Event name' });
    await user.clear(name);
    await user.type(name, 'Hawick Youth Fund\u200B');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription(/invisible character \(U\+200B\)/);
    expect(server.calls).not.toContain('save');

    await user.clear(name);
    await user.type(name, 'Hall 2 \u202Eelbat');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(name).toHaveAccessibleDescription(/changes the order the text reads in \(U\+202E\)/);
    expect(server.calls).not.toContain('save');

    await user.clear(name);
    await user.type(name, 'Cronfa Ieuenctid 👩‍👩‍👧 می‌خواهم');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('status')).toHaveTextContent(/Saved/);
    expect(server.events.get(SMALL.id)?.definition.name).toBe('Cronfa Ieuenctid 👩‍👩‍👧 می‌خواهم');
  });
});

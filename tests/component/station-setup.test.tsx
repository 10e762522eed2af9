import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { checkPin, getStation } from '../../src/db/station-repo.ts';
import { freshDatabase } from '../support/station-db.ts';
import { expectFocusedHeading, heading, NOW, renderStation } from './station-harness.tsx';

describe('first start of a station', () => {
  it('loads the demo event and asks for a name and PIN before any voter', async () => {
    const db = freshDatabase();
    const storage = { persist: vi.fn(() => Promise.resolve(true)), persisted: vi.fn() };
    const { user } = renderStation(db, { storage });
    await expectFocusedHeading('Set up this station');
    expect(screen.queryByRole('button', { name: 'Start voting' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Give this station a name.');
    expect(screen.getByLabelText('Station name')).toHaveFocus();
    expect(screen.getByLabelText('Station name')).toHaveAttribute('aria-invalid', 'true');

    await user.type(screen.getByLabelText('Station name'), 'Library');
    await user.type(screen.getByLabelText('Volunteer PIN'), '2468');
    await user.type(screen.getByLabelText('Volunteer PIN again'), '2469');
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(screen.getByRole('alert')).toHaveTextContent('The two PINs are different.');
    expect(await getStation(db)).toBeUndefined();

    await user.clear(screen.getByLabelText('Volunteer PIN again'));
    await user.type(screen.getByLabelText('Volunteer PIN again'), '2468');
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));

    await heading('This station is ready');
    expect(await screen.findByText(/Storage is protected/)).toBeInTheDocument();
    expect(storage.persist).toHaveBeenCalledOnce();
    expect(await getStation(db)).toMatchObject({ name: 'Library', eventId: DEMO_EVENT.id });
    expect((await checkPin(db, '2468', NOW)).ok).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Open the welcome screen' }));
    await expectFocusedHeading(DEMO_EVENT.name);
  });

  it('refuses a name that could pass for another (issue 11: names that deceive)', async () => {
    const db = freshDatabase();
    const { user } = renderStation(db);
    await heading('Set up this station');
    const name = screen.getByLabelText('Station name');
    // "Library" with a zero-width space: looks the same as another station's "Library".
    await user.type(name, 'Library\u200B');
    await user.type(screen.getByLabelText('Volunteer PIN'), '2468');
    await user.type(screen.getByLabelText('Volunteer PIN again'), '2468');
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(name).toHaveFocus();
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription(/invisible character \(U\+200B\)/);
    expect(await getStation(db)).toBeUndefined();

    // A bidi override that would show "Hall 2 government table" backwards.
    await user.clear(name);
    await user.type(name, 'Hall 2 \u202Eelbat');
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(name).toHaveAccessibleDescription(/changes the order the text reads in \(U\+202E\)/);

    await user.clear(name);
    await user.type(name, 'Neuadd 👩‍👩‍👧 Cymru');
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    await heading('This station is ready');
    expect(await getStation(db)).toMatchObject({ name: 'Neuadd 👩‍👩‍👧 Cymru' });
  });

  it('says when storage cannot be protected', async () => {
    const db = freshDatabase();
    const { user } = renderStation(db, { storage: undefined });
    await heading('Set up this station');
    await user.type(screen.getByLabelText('Station name'), 'Library');
    await user.type(screen.getByLabelText('Volunteer PIN'), '2468');
    await user.type(screen.getByLabelText('Volunteer PIN again'), '2468');
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    await heading('This station is ready');
    expect(screen.getByText(/cannot protect storage/)).toBeInTheDocument();
    // No service worker registered here either (as on plain http at a network address).
    expect(screen.getByText(/cannot keep the app for use without the internet/)).toHaveRole(
      'status',
    );
  });

  it('says when the browser refuses to protect storage', async () => {
    const db = freshDatabase();
    const storage = {
      persist: () => Promise.resolve(false),
      persisted: () => Promise.resolve(false),
    };
    const { user } = renderStation(db, { storage });
    await heading('Set up this station');
    await user.type(screen.getByLabelText('Station name'), 'Library');
    await user.type(screen.getByLabelText('Volunteer PIN'), '2468');
    await user.type(screen.getByLabelText('Volunteer PIN again'), '2468');
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(await screen.findByText(/Storage is not protected/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Ask the browser again' })).toBeInTheDocument();
  });
});

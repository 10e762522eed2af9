import { act, fireEvent, screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { castBallot, countBallots } from '../../src/db/ballot-repo.ts';
import { offlineStore } from '../../src/app/shared/offline-store.ts';
import { updateStore } from '../../src/app/shared/update-store.ts';
import { TEST_PIN } from '../support/station-db.ts';
import {
  expectFocusedHeading,
  heading,
  NOW,
  renderStation,
  stationWith,
} from './station-harness.tsx';

const approve = (bid: string) => ({ kind: 'approval' as const, bids: [bid] });

async function enterPin(user: UserEvent, pin: string) {
  await user.click(screen.getByRole('button', { name: 'Volunteer' }));
  const dialog = screen.getByRole('dialog', { name: 'Volunteer PIN' });
  const input = within(dialog).getByLabelText('Enter the volunteer PIN');
  expect(input).toHaveFocus();
  await user.type(input, pin);
  await user.click(within(dialog).getByRole('button', { name: 'Unlock' }));
}

/** Types a wrong PIN into the open dialog and waits for the message that answers it. */
async function tryWrongPin(user: UserEvent, expected: string) {
  await user.type(screen.getByLabelText('Enter the volunteer PIN'), '0000');
  await user.click(screen.getByRole('button', { name: 'Unlock' }));
  return screen.findByText(expected);
}

afterEach(() => {
  updateStore.setState({ ready: false, install: () => Promise.resolve() });
  offlineStore.setState({ readiness: 'unavailable' });
});

describe('the PIN gate', () => {
  it('refuses a wrong PIN with a clear message and keeps the voter screen', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await heading(DEMO_EVENT.name);
    await enterPin(user, '9999');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'That PIN is not right. 4 tries left.',
    );
    expect(screen.getByLabelText('Enter the volunteer PIN')).toHaveValue('');
    expect(screen.queryByRole('heading', { name: 'Volunteer area' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Back to voting' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Start voting' })).toBeInTheDocument();
  });

  it('opens the volunteer area with the right PIN, showing the station and its ballot count', async () => {
    const db = await stationWith(DEMO_EVENT);
    await castBallot(db, { event: DEMO_EVENT, choice: approve('gala-day'), now: NOW });
    const { user } = renderStation(db);
    await heading(DEMO_EVENT.name);
    await enterPin(user, TEST_PIN);
    await expectFocusedHeading('Volunteer area');
    expect(screen.getByText('Church hall')).toBeInTheDocument();
    // The count comes from a live query that may answer just after the area appears.
    await vi.waitFor(() => expect(screen.getByTestId('ballot-count')).toHaveTextContent('1'));
  });

  it('locks out after five wrong PINs, even the right PIN', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await heading(DEMO_EVENT.name);
    await user.click(screen.getByRole('button', { name: 'Volunteer' }));
    for (let left = 4; left >= 1; left--) {
      const tries = left === 1 ? 'try' : 'tries';
      expect(await tryWrongPin(user, `That PIN is not right. ${left} ${tries} left.`)).toHaveRole(
        'alert',
      );
    }
    await tryWrongPin(user, 'Too many wrong PINs. Try again in 60 seconds.');
    await user.type(screen.getByLabelText('Enter the volunteer PIN'), TEST_PIN);
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    // The same words again: wait until the PIN field is emptied, which marks the answer.
    await vi.waitFor(() =>
      expect(screen.getByLabelText('Enter the volunteer PIN')).toHaveValue(''),
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Too many wrong PINs');
    expect(screen.queryByRole('heading', { name: 'Volunteer area' })).toBeNull();
  });
});

describe('leaving the volunteer area', () => {
  it('the lock button returns to the welcome screen, which asks for the PIN again', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await heading(DEMO_EVENT.name);
    await enterPin(user, TEST_PIN);
    await heading('Volunteer area');
    await user.click(screen.getByRole('button', { name: 'Lock and go back to voting' }));
    await expectFocusedHeading(DEMO_EVENT.name);
    await user.click(screen.getByRole('button', { name: 'Volunteer' }));
    expect(screen.getByRole('dialog', { name: 'Volunteer PIN' })).toBeInTheDocument();
  });

  it('a reload (remount) comes back to the welcome screen, locked', async () => {
    const db = await stationWith(DEMO_EVENT);
    const first = renderStation(db);
    await heading(DEMO_EVENT.name);
    await enterPin(first.user, TEST_PIN);
    await heading('Volunteer area');
    first.unmount();

    renderStation(db);
    await heading(DEMO_EVENT.name);
    expect(screen.queryByRole('heading', { name: 'Volunteer area' })).toBeNull();
  });

  it('locks itself after two minutes untouched, with a warning first', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await heading(DEMO_EVENT.name);
    await enterPin(user, TEST_PIN);
    await heading('Volunteer area');
    // Fake only the kiosk's timers; IndexedDB (fake-indexeddb) runs on setImmediate.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      fireEvent.pointerDown(document.body); // restarts the count on the fake clock
      await act(() => vi.advanceTimersByTimeAsync(99_000));
      expect(screen.queryByRole('alertdialog')).toBeNull();
      await act(() => vi.advanceTimersByTimeAsync(1_000));
      expect(screen.getByRole('alertdialog', { name: 'Are you still there?' })).toHaveTextContent(
        'the volunteer area will lock',
      );
      await act(() => vi.advanceTimersByTimeAsync(20_000));
      expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(DEMO_EVENT.name);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('no way round the PIN', () => {
  it('ignores addresses such as /volunteer and #/volunteer', async () => {
    window.history.replaceState(null, '', '/volunteer#/volunteer');
    try {
      const db = await stationWith(DEMO_EVENT);
      renderStation(db);
      await heading(DEMO_EVENT.name);
      expect(screen.queryByRole('heading', { name: 'Volunteer area' })).toBeNull();
    } finally {
      window.history.replaceState(null, '', '/');
    }
  });

  it('neutralises the back button: every pop pushes the kiosk entry back', async () => {
    const push = vi.spyOn(window.history, 'pushState');
    try {
      const db = await stationWith(DEMO_EVENT);
      renderStation(db);
      await heading(DEMO_EVENT.name);
      const before = push.mock.calls.length;
      expect(before).toBeGreaterThan(0);
      window.dispatchEvent(new PopStateEvent('popstate'));
      expect(push.mock.calls.length).toBe(before + 1);
    } finally {
      push.mockRestore();
    }
  });

  it('never offers an app update on the voter screens', async () => {
    updateStore.setState({ ready: true });
    const db = await stationWith(DEMO_EVENT);
    renderStation(db);
    await heading(DEMO_EVENT.name);
    expect(screen.queryByRole('button', { name: /update/i })).toBeNull();
    expect(screen.queryByText(/update is ready/i)).toBeNull();
  });
});

describe('in the volunteer area', () => {
  async function openArea() {
    const db = await stationWith(DEMO_EVENT);
    const view = renderStation(db);
    await heading(DEMO_EVENT.name);
    await enterPin(view.user, TEST_PIN);
    await heading('Volunteer area');
    return { db, ...view };
  }

  it('the ballot count follows the database live', async () => {
    const { db } = await openArea();
    const count = screen.getByTestId('ballot-count');
    await vi.waitFor(() => expect(count).toHaveTextContent('0'));
    await castBallot(db, { event: DEMO_EVENT, choice: approve('gala-day'), now: NOW });
    await castBallot(db, { event: DEMO_EVENT, choice: approve('chair-yoga'), now: NOW });
    await vi.waitFor(() => expect(count).toHaveTextContent('2'));
  });

  it('resetting the demo asks first, then deletes every ballot', async () => {
    const { db, user } = await openArea();
    await castBallot(db, { event: DEMO_EVENT, choice: approve('gala-day'), now: NOW });
    await vi.waitFor(() => expect(screen.getByTestId('ballot-count')).toHaveTextContent('1'));

    await user.click(screen.getByRole('button', { name: 'Reset the demo…' }));
    const ask = screen.getByRole('alertdialog', { name: 'Reset the demo?' });
    expect(ask).toHaveTextContent('This deletes the 1 ballot stored on this tablet.');
    await user.click(within(ask).getByRole('button', { name: 'No, keep the ballots' }));
    expect(await countBallots(db, DEMO_EVENT.id)).toBe(1);

    await user.click(screen.getByRole('button', { name: 'Reset the demo…' }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete the ballots' }));
    expect(
      await screen.findByText('The demo has been reset. No ballots are stored.'),
    ).toBeVisible();
    expect(await countBallots(db, DEMO_EVENT.id)).toBe(0);
    await vi.waitFor(() => expect(screen.getByTestId('ballot-count')).toHaveTextContent('0'));
  });

  it('offers no demo reset when the station runs a real event', async () => {
    const db = await stationWith({ ...DEMO_EVENT, id: 'real-day', name: 'Real day' });
    const { user } = renderStation(db);
    await heading('Real day');
    await enterPin(user, TEST_PIN);
    await heading('Volunteer area');
    expect(screen.queryByRole('button', { name: 'Reset the demo…' })).toBeNull();
    expect(screen.getByText(/running a real event/)).toBeInTheDocument();
  });

  it('installs a waiting update only when the volunteer asks', async () => {
    const install = vi.fn(() => Promise.resolve());
    updateStore.setState({ ready: true, install });
    const { user } = await openArea();
    expect(screen.getByText(/An update is ready/)).toBeInTheDocument();
    expect(install).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Install the update' }));
    expect(install).toHaveBeenCalledOnce();
  });

  it('says whether the tablet works without the internet, as the service worker gets there', async () => {
    offlineStore.setState({ readiness: 'preparing' });
    await openArea();
    const section = screen.getByRole('region', { name: 'Working without the internet' });
    const status = within(section).getByRole('status');
    expect(status).toHaveTextContent(/Keep it online until this says it is ready/);
    act(() => offlineStore.setState({ readiness: 'failed' }));
    expect(status).toHaveTextContent(/did not finish.*reload this page to try again/);
    act(() => offlineStore.setState({ readiness: 'ready' }));
    expect(status).toHaveTextContent('Ready: this tablet works without the internet.');
  });

  it('shows whether storage is protected', async () => {
    const db = await stationWith(DEMO_EVENT);
    const storage = {
      persist: vi.fn(() => Promise.resolve(true)),
      persisted: () => Promise.resolve(false),
    };
    const { user } = renderStation(db, { storage });
    await heading(DEMO_EVENT.name);
    await enterPin(user, TEST_PIN);
    await heading('Volunteer area');
    expect(await screen.findByText(/Storage is not protected/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Ask the browser again' }));
    expect(await screen.findByText(/Storage is protected/)).toBeInTheDocument();
    expect(storage.persist).toHaveBeenCalledOnce();
  });
});
